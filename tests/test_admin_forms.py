"""Admin forms answer values the database cannot take with a form error, not a 500
(newsportal/admin_forms.py), and the story's history pages answer odd numbers with a 404.

Found by the hostile-input walk (tests/hostile); these pin each case on its own.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.comments.factories import UserFactory
from tests.factories import ArticleFactory, ImageFactory
from tests.hostile.forms import parse_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def change_form_data(client, url):
    """The change form as the editor's browser would send it unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    forms = parse_page(response.content.decode()).forms
    [form] = [f for f in forms if any(field.name == "_save" for field in f.fields)]
    data: dict = {}
    for name, value in form.defaults(timezone.localdate().isoformat()):
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize("value", ["abc", str(10**30), "null\x00byte", "-" + "9" * 30])
@pytest.mark.parametrize("field", ["section", "hero_image", "authors"])
def test_a_picker_sent_an_impossible_value_shows_the_form_with_an_error(editor, field, value):
    article = ArticleFactory(headline="Kept as it was")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {**change_form_data(editor, url), field: [value]}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert Article.objects.get().headline == "Kept as it was"


@pytest.mark.parametrize("day, time", [("0001-01-01", "00:00:00"), ("0001-01-01", "01:00:00")])
def test_a_date_at_the_start_of_the_calendar_is_refused_with_a_message(editor, day, time):
    """Istanbul is ahead of UTC (by its local mean time, 1:56:56, in year 1): the first hours
    of year 1 there are in year 0 in UTC."""
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {**change_form_data(editor, url), "published_at_0": [day], "published_at_1": [time]}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "Enter a date and time between the years 1 and 9999."
    ]


def test_the_first_day_of_year_two_is_still_accepted(editor):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {
        **change_form_data(editor, url),
        "published_at_0": ["0002-01-01"],
        "published_at_1": ["00:00:00"],
    }
    assert editor.post(url, data).status_code == 302
    assert Article.objects.get().published_at.year == 1


@pytest.mark.parametrize(
    "object_id, version_id", [("abc", "1"), ("9" * 30, "1"), ("{pk}", "abc"), ("{pk}", "9" * 30)]
)
def test_a_history_version_address_with_an_impossible_number_is_a_404(
    editor, object_id, version_id
):
    article = ArticleFactory()
    object_id = object_id.format(pk=article.pk)
    response = editor.get(f"/admin/articles/article/{object_id}/history/{version_id}/")
    assert response.status_code == 404


def test_a_real_history_version_still_opens(editor):
    article = ArticleFactory()
    version = article.history.first()
    response = editor.get(f"/admin/articles/article/{article.pk}/history/{version.history_id}/")
    assert response.status_code == 200


def test_merging_tags_with_none_ticked_goes_back_to_the_list_saying_so(editor):
    ArticleFactory(tags=["ankara", "Ankara city"])
    response = editor.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Ankara"}, follow=True)
    assert response.redirect_chain == [("/admin/taggit/tag/", 302)]
    assert "Tick the tags to merge on the list first." in response.content.decode()
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Ankara city", "ankara"]


def test_tags_ticked_on_the_list_still_reach_the_merge(editor):
    """The guard lets a real merge through. (What taggit's merge then does is its own: it moves
    taggit's generic tagged items only, not the stories' TaggedArticle rows.)"""
    ArticleFactory(tags=["ankara", "Ankara city"])
    ticked = list(Tag.objects.values_list("pk", flat=True))
    response = editor.post(
        "/admin/taggit/tag/",
        {"action": "render_tag_form", "_selected_action": ticked, "index": 0},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/taggit/tag/merge-tags/")
    response = editor.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "Ankara"})
    assert (response.status_code, response["Location"]) == (302, "..")
    assert Tag.objects.filter(name="Ankara").exists()


def test_a_gallery_post_that_hides_its_stored_rows_is_refused_not_a_500(editor):
    """A tampered INITIAL_FORMS makes the stored rows look new; the gallery says the picture is
    there already instead of the database refusing it twice."""
    article = ArticleFactory(gallery=[ImageFactory()])
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {**change_form_data(editor, url), "gallery_items-INITIAL_FORMS": ["0"]}
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "This picture is already in the gallery." in response.content.decode()
    assert article.gallery_items.count() == 1


def test_the_media_server_answers_an_overlong_name_with_a_404(client):
    assert client.get("/media/" + "A" * 5000).status_code == 404


def test_a_new_story_with_a_gallery_is_added(editor):
    image = ImageFactory()
    url = reverse("admin:articles_article_add")
    data = {
        **change_form_data(editor, url),
        "headline": ["A new story"],
        "slug": ["a-new-story"],
        "standfirst": ["The summary."],
        "body": ["<p>Text.</p>"],
        "section": [str(ArticleFactory().section.pk)],
        "gallery_items-TOTAL_FORMS": ["1"],
        "gallery_items-0-image": [str(image.pk)],
        "gallery_items-0-order": ["0"],
    }
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(slug="a-new-story").gallery_items.get().image == image


def test_an_object_page_at_an_address_its_key_cannot_hold_is_no_such_object(admin_client):
    # A discussion's key is its story (a one-to-one link), which Django does not bound itself.
    for object_id in ["9" * 30, "-" + "9" * 30]:
        response = admin_client.get(f"/admin/comments/discussion/{object_id}/change/")
        assert response.status_code == 302  # the admin's "doesn't exist" message and the list
