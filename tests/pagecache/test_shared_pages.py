"""Readers' pages any shared cache may keep: the same bytes for every anonymous reader, public
Cache-Control, surrogate keys, purges of exactly what a change touches, and forms that still
refuse cross-site posts without a per-visitor token."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from newsletter.models import Digest
from newsportal import surrogate
from newsportal.pagecache import AnonymousPageCacheMiddleware
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db(transaction=True)  # purges run when the change commits

TAG = "ferries"


@pytest.fixture
def newsroom():
    author = AuthorFactory()
    story = ArticleFactory(headline="Ferry timetable changes", tags=[TAG], authors=[author])
    other = ArticleFactory(headline="Parliament opens")
    Digest.objects.create(edition="2026-11-30", subject="Tuesday's news", status="sent")
    return {"story": story, "other": other, "author": author}


def reader_pages(newsroom):
    story = newsroom["story"]
    return {
        "home": "/",
        "story": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag-detail", args=[TAG]),
        "agency": story.source.get_absolute_url(),
        "author": newsroom["author"].get_absolute_url(),
        "archive": reverse("articles:archive"),
        "search": reverse("articles:search") + "?q=ferry",
        "feed": reverse("articles:feed-latest"),
        "sitemap": reverse("articles:sitemap-news"),
        "digests": reverse("newsletter:archive"),
    }


def keys_of(response):
    return set(response["xkey"].split())


def test_every_anonymous_reader_page_is_the_same_bytes_with_public_caching_and_keys(newsroom):
    for name, path in reader_pages(newsroom).items():
        first, second = Client().get(path), Client().get(path)
        assert first.status_code == 200, name
        assert first.content == second.content, name
        assert not first.cookies, (name, first.cookies)
        assert b"csrfmiddlewaretoken" not in first.content, name
        cache_control = first["Cache-Control"]
        assert cache_control.startswith("public, max-age=0, s-maxage=3600"), (name, cache_control)
        assert "stale-while-revalidate=30" in cache_control and "stale-if-error=86400" in (
            cache_control
        )
        assert first["Vary"] == "Cookie", name
        keys = keys_of(first)
        assert {"site", "breaking"} <= keys, name
        assert first["Surrogate-Key"] == first["xkey"]
        assert first["Cache-Tag"] == ",".join(first["xkey"].split())


def test_each_page_names_what_it_shows(newsroom):
    story, other = newsroom["story"], newsroom["other"]
    pages = {name: keys_of(Client().get(path)) for name, path in reader_pages(newsroom).items()}
    shown = {
        f"story-{story.pk}",
        f"discussion-{story.pk}",
        f"image-{story.hero_image_id}",
        f"agency-{story.source_id}",
        f"author-{newsroom['author'].pk}",
    }
    assert shown <= pages["story"]
    assert f"story-{other.pk}" not in pages["story"]  # not related: no shared tag or section
    assert {"list-home", f"story-{story.pk}", f"story-{other.pk}"} <= pages["home"]
    assert {f"list-section-{story.section_id}", f"story-{story.pk}"} <= pages["section"]
    assert f"story-{other.pk}" not in pages["section"]
    assert f"list-agency-{story.source_id}" in pages["agency"]
    assert f"list-author-{newsroom['author'].pk}" in pages["author"]
    tag_id = story.tags.get().pk
    assert f"list-tag-{tag_id}" in pages["tag"]
    for name in ("archive", "search", "feed", "sitemap"):
        assert "list-latest" in pages[name], name
    assert "list-digests" in pages["digests"]
    # The menu and the banner are keyed as a whole, not by their rows.
    assert "nav" in pages["home"] and f"section-{other.section_id}" not in pages["story"]


@pytest.fixture
def purged(monkeypatch):
    """The keys every purge sent, in order."""
    sent = []
    real = surrogate.purge_now

    def record(keys):
        sent.append(set(keys))
        real(keys)

    monkeypatch.setattr(surrogate, "purge_now", record)
    return sent


def test_an_edit_purges_the_story_and_no_list_when_it_stays_in_them(newsroom, purged):
    story = Article.objects.get(pk=newsroom["story"].pk)
    story.standfirst = "A better summary."
    story.save()
    assert purged == [{f"story-{story.pk}"}]


def test_a_publication_purges_the_lists_it_enters(newsroom, purged):
    story = Article.objects.get(pk=newsroom["story"].pk)
    story.status = Article.Status.DRAFT
    story.save()
    tag_id = story.tags.get().pk
    assert purged[0] >= {
        f"story-{story.pk}",
        "list-home",
        "list-latest",
        f"list-section-{story.section_id}",
        f"list-agency-{story.source_id}",
        f"list-author-{newsroom['author'].pk}",
        f"list-tag-{tag_id}",
    }


def test_a_pending_comment_purges_nothing_and_an_approval_purges_its_discussion(newsroom, purged):
    story = newsroom["story"]
    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    comment = Comment.objects.create(article=story, author=reader, body="First!")
    assert comment.status == Comment.Status.PENDING and purged == []
    comment = Comment.objects.get(pk=comment.pk)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert purged == [{f"discussion-{story.pk}"}]
    comment = Comment.objects.get(pk=comment.pk)
    comment.status = Comment.Status.REJECTED
    comment.save()
    assert purged[-1] == {f"discussion-{story.pk}"}


@override_settings(PAGE_CACHE_SECONDS=600)
def test_in_the_app_cache_a_comment_purges_its_story_page_only(newsroom):
    story, other = newsroom["story"], newsroom["other"]
    for path in (story.get_absolute_url(), other.get_absolute_url()):
        assert Client().get(path)["X-Page-Cache"] == "miss"
        assert Client().get(path)["X-Page-Cache"] == "hit"
    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    Comment.objects.create(article=story, author=reader, body="Pending", status="pending")
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    Comment.objects.create(article=story, author=reader, body="Welcome news", status="approved")
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "miss"
    assert Client().get(other.get_absolute_url())["X-Page-Cache"] == "hit"


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_comment_on_a_related_story_leaves_the_story_page_cached(newsroom):
    story = newsroom["story"]
    related = ArticleFactory(headline="Ferry fares rise", tags=[TAG])
    page = Client().get(story.get_absolute_url())
    assert b"Ferry fares rise" in page.content  # listed under the story, without its count
    assert f"story-{related.pk}" in keys_of(page)
    assert f"discussion-{related.pk}" not in keys_of(page)
    assert Client().get(related.get_absolute_url())["X-Page-Cache"] == "miss"
    reader = get_user_model().objects.create_user("nilufer", "nilufer@example.com", "pw-1234567")
    Comment.objects.create(article=related, author=reader, body="Too dear", status="approved")
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    assert Client().get(related.get_absolute_url())["X-Page-Cache"] == "miss"  # its own: purged


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_signed_in_reader_never_gets_the_cached_anonymous_copy(newsroom):
    path = newsroom["story"].get_absolute_url()
    Client().get(path)
    assert Client().get(path)["X-Page-Cache"] == "hit"  # an anonymous copy is cached
    reader = get_user_model().objects.create_user("nilufer", "nilufer@example.com", "pw-1234567")
    signed_in = Client()
    signed_in.force_login(reader)
    page = signed_in.get(path)
    assert page["X-Page-Cache"] == "reader"  # the shared copy, with this reader's parts
    assert page["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert "xkey" not in page
    assert b"Log in to comment" not in page.content  # the anonymous copy says this
    assert b"Commenting as" in page.content or b"display name" in page.content.lower()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_purged_page_is_rebuilt_once_while_other_readers_get_the_previous_copy(newsroom, rf):
    path = newsroom["other"].get_absolute_url()
    Client().get(path)
    story = Article.objects.get(pk=newsroom["other"].pk)
    story.headline = "Parliament opens its new session"
    story.save()
    key = AnonymousPageCacheMiddleware._key(rf.get(path))
    cache.add(f"{key}:rebuild", 1, 10)  # another request is rebuilding it right now
    meanwhile = Client().get(path)
    assert meanwhile["X-Page-Cache"] == "grace"
    assert b"Parliament opens its new session" not in meanwhile.content
    assert "s-maxage=1" in meanwhile["Cache-Control"]
    cache.delete(f"{key}:rebuild")  # that request is done
    rebuilt = Client().get(path)
    assert rebuilt["X-Page-Cache"] == "miss" and b"its new session" in rebuilt.content


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_page_built_while_one_of_its_keys_was_purged_is_not_kept(newsroom, monkeypatch):
    story = newsroom["other"]
    path = story.get_absolute_url()
    real_render = Article.get_absolute_url
    purged_once = threading.Event()

    def purge_during_build(article):  # called while the page is rendered
        if not purged_once.is_set():
            purged_once.set()
            surrogate.purge_now([f"story-{story.pk}"])
        return real_render(article)

    monkeypatch.setattr(Article, "get_absolute_url", purge_during_build)
    during = Client().get(path)
    assert during["X-Page-Cache"] == "miss" and "s-maxage=1" in during["Cache-Control"]
    assert Client().get(path)["X-Page-Cache"] == "miss"  # rebuilt: the first was not kept
    assert Client().get(path)["X-Page-Cache"] == "hit"
