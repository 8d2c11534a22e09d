"""The story page's shared parts come from fragments (articles/fragments.py): fewer queries once
they are cached, nothing of one reader shown to another, and every change visible at once."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from comments import services
from comments.models import Comment
from tests.comments.factories import (
    CommentFactory,
    UserFactory,
    build_discussion,
    moderator,
    post_comment_form,
)
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]

# session, user, commenter profile (with whether they have comments pending on the story: the
# pending ones are one query more only then, tests/comments/test_query_counts.py); the story's
# row and the comments come from the fragment cache, however many there are.
SIGNED_IN_WARM_QUERIES = 3
ANONYMOUS_WARM_QUERIES = 0


@pytest.fixture
def fragments_on():
    with override_settings(FRAGMENT_CACHE_SECONDS=600):
        yield


def signed_in(client, **commenter):
    reader = UserFactory(**{f"commenter__{name}": value for name, value in commenter.items()})
    client.force_login(reader)
    return reader


def tokens(html):
    return set(re.findall(r'name="(?:csrfmiddlewaretoken|token)" value="([^"]+)"', html))


@pytest.fixture
def story():
    tag = Tag.objects.create(name="Harbour", slug="harbour")
    story = ArticleFactory(tags=[tag])
    ArticleFactory(section=story.section, tags=[tag], headline="A related story")
    return story


@pytest.mark.parametrize("comments", [0, 30], ids=["no comments", "comments"])
def test_signed_in_story_page_with_warm_fragments_runs_a_fixed_number_of_queries(
    client, story, django_assert_num_queries, comments
):
    if comments:
        build_discussion(story, threads=comments, replies_per_thread=2)
    signed_in(client)
    cold = client.get(story.get_absolute_url()).content.decode()  # builds the fragments
    with django_assert_num_queries(SIGNED_IN_WARM_QUERIES):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "A related story" in response.content.decode()
    reports = response.content.decode().count('class="comment__report"')
    assert reports == cold.count('class="comment__report"') and bool(reports) == bool(comments)


def test_anonymous_story_page_with_warm_fragments_runs_one_query(
    client, story, django_assert_num_queries
):
    client.get(story.get_absolute_url())
    with django_assert_num_queries(ANONYMOUS_WARM_QUERIES):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_a_signed_in_reader_never_sees_another_readers_name_or_tokens_through_a_fragment(
    client, story
):
    build_discussion(story, threads=3, replies_per_thread=1)
    first = signed_in(client, display_name="Ayşe First-Reader")
    # Her page builds every fragment, with a query string of her own.
    first_page = client.get(story.get_absolute_url() + "?utm_source=ayse-mail").content.decode()
    assert "Ayşe First-Reader" in first_page
    assert first_page.count("A related story") == 1

    client.logout()
    second = signed_in(client, display_name="Barış Second-Reader")
    page = client.get(story.get_absolute_url()).content.decode()

    assert "Commenting as <strong>Barış Second-Reader</strong>" in page
    assert "First-Reader" not in page and "ayse-mail" not in page
    assert tokens(first_page) and tokens(page) and not tokens(first_page) & tokens(page)
    assert first.email not in page and second.email not in page  # the name shows, not the email
    client.logout()
    anonymous = client.get(story.get_absolute_url()).content.decode()
    assert "Second-Reader" not in anonymous and "Commenting as" not in anonymous
    assert not tokens(anonymous)


def test_an_edit_of_the_story_shows_at_once_on_the_signed_in_page(
    client, story, django_capture_on_commit_callbacks
):
    signed_in(client)
    client.get(story.get_absolute_url())
    story.headline = "Ferry service resumes after the storm"
    story.body = "<p>The corrected paragraph.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<h1 class="story__headline">Ferry service resumes after the storm</h1>' in page
    assert "The corrected paragraph." in page


def test_an_approved_comment_shows_at_once_with_the_new_count(
    client, story, django_capture_on_commit_callbacks
):
    signed_in(client)
    client.get(story.get_absolute_url())
    comment = CommentFactory(
        article=story, status=Comment.Status.PENDING, body="Late but true.", counted=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(comment, by=moderator())
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Late but true." in page
    assert '<a href="#comments">1 comment</a>' in page


def test_a_story_published_with_a_shared_tag_enters_related_stories_at_once(
    client, story, django_capture_on_commit_callbacks
):
    signed_in(client)
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(tags=list(story.tags.all()), headline="A newer related story")
    assert "A newer related story" in client.get(story.get_absolute_url()).content.decode()


def test_a_renamed_section_shows_at_once_in_the_menu_and_the_story(
    client, story, django_capture_on_commit_callbacks
):
    signed_in(client)
    client.get(story.get_absolute_url())
    section = story.section
    section.name = "Coast and Harbours"
    with django_capture_on_commit_callbacks(execute=True):
        section.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert page.count("Coast and Harbours") >= 3  # menu, footer, story header


def test_a_preview_neither_reads_nor_stores_fragments(client, story):
    reader_client = client.__class__()
    signed_in(reader_client)
    reader_client.get(story.get_absolute_url())
    # A write no purge announces: the readers' fragment keeps the old headline...
    Article.objects.filter(pk=story.pk).update(headline="Headline changed behind the caches")
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    preview = client.get(reverse("articles:article-preview", args=[story.pk])).content.decode()
    # ...which the newsroom's preview does not read, nor replace with its own.
    assert '<h1 class="story__headline">Headline changed behind the caches</h1>' in preview
    page = reader_client.get(story.get_absolute_url()).content.decode()
    assert f'<h1 class="story__headline">{story.headline}</h1>' in page


def test_each_reader_gets_their_own_forms_in_the_shared_list_of_comments(client, story):
    others = CommentFactory(article=story, body="Someone else's view.")
    reply = CommentFactory(article=story, parent=others, body="A reply to it.")
    reader = signed_in(client)
    own = CommentFactory(article=story, author=reader, body="My own view.")
    client.get(story.get_absolute_url())  # the list is cached from here on
    page = client.get(story.get_absolute_url()).content.decode()
    # Report buttons under other readers' comments and replies, not under one's own.
    assert f'id="report-{others.pk}"' in page and f'id="report-{reply.pk}"' in page
    assert f'id="report-{own.pk}"' not in page
    assert f'action="/comments/{others.pk}/report/"' in page
    # A reply form under each thread, each with a token of its own.
    assert f'id="reply-{others.pk}"' in page and f'id="reply-{own.pk}"' in page
    assert f'<label for="reply-body-{others.pk}">Your reply to {others.author_name}</label>' in page
    reply_tokens = re.findall(r'name="token" value="([^"]+)"', page)
    assert len(reply_tokens) == len(set(reply_tokens)) == 3  # the main form and two replies
    assert "<!--report" not in page and "<!--reply" not in page

    client.logout()
    anonymous = client.get(story.get_absolute_url()).content.decode()
    assert "Someone else&#x27;s view." in anonymous and "My own view." in anonymous
    assert 'class="comment__report"' not in anonymous and 'class="comment__reply"' not in anonymous


def test_a_failed_reply_comes_back_open_in_its_threads_form_from_the_shared_list(client, story):
    parent = CommentFactory(article=story)
    other = CommentFactory(article=story)
    signed_in(client)
    client.get(story.get_absolute_url())
    response = post_comment_form(
        client, story, "My <b>reply</b>, kept.", parent=parent.pk, token="not-a-uuid"
    )
    page = client.get(response["Location"]).content.decode()
    assert f'<details class="comment__reply" id="reply-{parent.pk}" open>' in page
    assert f'<details class="comment__reply" id="reply-{other.pk}">' in page
    assert "My &lt;b&gt;reply&lt;/b&gt;, kept.</textarea>" in page


def test_an_unpublished_story_is_gone_at_once_though_its_row_was_cached(
    client, story, django_capture_on_commit_callbacks
):
    signed_in(client)
    assert client.get(story.get_absolute_url()).status_code == 200
    story.status = Article.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        story.save()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_story_not_yet_visible_is_never_kept_as_missing(client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)  # no purge needed
    signed_in(client)
    assert client.get(story.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=story.pk).update(status=Article.Status.PUBLISHED)
    assert client.get(story.get_absolute_url()).status_code == 200


def test_an_edit_of_a_related_story_rebuilds_its_card_not_the_search_for_related_stories(
    client, story, django_capture_on_commit_callbacks
):
    related = Article.objects.get(headline="A related story")
    client.get(story.get_absolute_url())  # builds the fragments
    related.headline = "A related story, updated"
    with django_capture_on_commit_callbacks(execute=True):  # the purge, once the edit commits
        related.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(story.get_absolute_url())
    assert "A related story, updated" in page.content.decode()
    searches = [q["sql"] for q in queries if "articles_taggedarticle" in q["sql"]]
    assert searches == []  # the ids of the related stories came from their own fragment


def test_a_preview_of_a_draft_stores_no_fragment(client, story):
    from django.core.cache import cache

    draft = ArticleFactory(section=story.section, status=Article.Status.DRAFT)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("articles:article-preview", args=[draft.pk])).status_code == 200
    assert cache.get(f"fragment:related-ids:{draft.pk}") is None
    assert cache.get(f"fragment:related:{draft.pk}") is None
