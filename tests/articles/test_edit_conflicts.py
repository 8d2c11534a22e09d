"""Two editors open the same story; the second save is refused with what changed, and nothing
either of them typed is lost (articles/editing.py)."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin import article_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _editor(username):
    user = User.objects.create_user(
        username, f"{username}@example.com", "pw", is_staff=True, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def _opened_version(page):
    return int(re.search(r'name="opened_version" value="(\d+)"', page.text).group(1))


def _form_from(article, page, **changes):
    data = article_form_data(
        article.section,
        headline=article.headline,
        standfirst=article.standfirst,
        body=article.body,
        slug=article.slug,
        opened_version=_opened_version(page),
    )
    data.update(changes)
    return data


@pytest.fixture
def story():
    return ArticleFactory(headline="Earthquake in the Aegean", standfirst="A first line.")


def test_the_second_of_two_editors_is_refused_with_what_changed_and_keeps_her_text(story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    ayse, mehmet = _editor("ayse"), _editor("mehmet")
    page_ayse, page_mehmet = ayse.get(url), mehmet.get(url)
    assert page_ayse.status_code == page_mehmet.status_code == 200

    saved = ayse.post(
        url, _form_from(story, page_ayse, headline="Magnitude 6.1 quake in the Aegean")
    )
    assert saved.status_code == 302

    refused = mehmet.post(
        url, _form_from(story, page_mehmet, standfirst="Rescue teams reach the coast.")
    )
    assert refused.status_code == 200  # the form again, not a save
    assert "Ayse saved this story at" in refused.text
    assert "changed: headline" in refused.text
    assert "Rescue teams reach the coast." in refused.text  # his text is still in the form
    story.refresh_from_db()
    assert story.headline == "Magnitude 6.1 quake in the Aegean"  # hers is not overwritten
    assert story.standfirst == "A first line."

    # Having seen the other save, he saves again on purpose: that goes through.
    again = mehmet.post(
        url,
        _form_from(
            story,
            refused,
            headline="Magnitude 6.1 quake in the Aegean",
            standfirst="Rescue teams reach the coast.",
        ),
    )
    assert again.status_code == 302
    story.refresh_from_db()
    assert story.standfirst == "Rescue teams reach the coast."
    assert story.headline == "Magnitude 6.1 quake in the Aegean"


def test_an_editor_saving_twice_in_a_row_is_not_refused(story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    ayse = _editor("ayse")
    first = ayse.post(url, _form_from(story, ayse.get(url), headline="First"))
    second = ayse.post(url, _form_from(story, ayse.get(url), headline="Second"))
    assert first.status_code == second.status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Second"


def test_a_workflow_action_taken_meanwhile_counts_as_a_change(story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    ayse, mehmet = _editor("ayse"), _editor("mehmet")
    page = mehmet.get(url)
    ayse.post(
        reverse("admin:articles_article_changelist"),
        {"action": "mark_breaking", "_selected_action": [story.pk]},
    )
    refused = mehmet.post(url, _form_from(story, page, headline="Calm words"))
    assert refused.status_code == 200
    assert "breaking news" in refused.text
    assert Article.objects.get(pk=story.pk).headline == "Earthquake in the Aegean"


def test_every_save_counts_a_version():
    story = ArticleFactory()
    assert story.version == 1
    story.save()
    story.save(update_fields=["headline"])
    story.refresh_from_db()
    assert story.version == 3
