"""The anonymous page cache: served without queries, never another person's page, never stale."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from articles.models import Article
from articles.popularity import view_counts
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the cache is invalidated on commit
    pytest.mark.urls("tests.pagecache.urls"),
]

CACHED = override_settings(PAGE_CACHE_SECONDS=60)


def without_tokens(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


@pytest.fixture(autouse=True)
def _cache_on():
    with CACHED:
        yield


def test_a_second_anonymous_reader_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    article = ArticleFactory(headline="Ferry timetable changes")
    first = client.get(article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    # The same page, but for the CSRF token of each visitor's forms (the newsletter box).
    assert without_tokens(second.content) == without_tokens(first.content)
    assert "Cookie" in second["Vary"]


def test_tracking_parameters_share_one_cached_copy(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    shared = Client().get(article.get_absolute_url() + "?utm_source=newsletter&fbclid=abc")
    assert shared["X-Page-Cache"] == "hit"
    paged = Client().get("/?page=2")
    assert paged["X-Page-Cache"] == "miss"


def test_logged_in_readers_never_get_a_cached_page_nor_put_theirs_in_the_cache(client):
    article = ArticleFactory()
    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    client.force_login(reader)
    section = article.section.get_absolute_url()
    page = client.get(section)
    assert "X-Page-Cache" not in page and "private" in page["Cache-Control"]
    assert Client().get(section)["X-Page-Cache"] == "miss"
    # A story: their page is made from the anonymous copy, which is built without their cookies
    # when there is none (tests/pagecache/test_signed_in_pages.py); never theirs.
    story = client.get(article.get_absolute_url())
    assert story["X-Page-Cache"] == "reader" and "private" in story["Cache-Control"]
    anonymous = Client().get(article.get_absolute_url())
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"reader@example.com" not in anonymous.content
    assert b"Log out" not in anonymous.content


def test_an_edit_is_visible_on_the_next_request(client):
    article = ArticleFactory(headline="Old headline")
    assert b"Old headline" in client.get(article.get_absolute_url()).content
    article.headline = "New headline"
    article.save()
    response = Client().get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert b"New headline" in response.content


def test_unpublishing_removes_the_story_at_once(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_within_the_cache_lifetime_without_any_save(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        ArticleFactory(headline="Already out")
        ArticleFactory(headline="Goes live soon", published_at=start + timedelta(seconds=30))
        assert b"Goes live soon" not in client.get("/").content
        traveller.shift(
            timedelta(seconds=40)
        )  # live now, but the cached home page is not stale yet
        traveller.shift(timedelta(seconds=25))  # 65 s after it was cached: the copy has expired
        assert b"Goes live soon" in Client().get("/").content


def test_a_repeated_request_with_the_etag_gets_304(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())  # the first visit sets the CSRF cookie
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    article.headline = "Changed"
    article.save()
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_previews_and_error_pages_are_never_cached(client, admin_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "X-Page-Cache" not in client.get(draft.get_absolute_url())
    preview = admin_client.get(f"/newsroom/preview/{draft.pk}/")
    assert "X-Page-Cache" not in preview


def test_readers_served_from_the_cache_still_count_for_most_read():
    article = ArticleFactory()
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"}
    Client().get(article.get_absolute_url(), REMOTE_ADDR="10.0.0.1", **browser)
    hit = Client().get(article.get_absolute_url(), REMOTE_ADDR="10.0.0.2", **browser)
    assert hit["X-Page-Cache"] == "hit"
    assert view_counts(24)[article.pk] == 2  # the reader served by the view, and the one from cache


def test_an_entry_from_an_older_release_is_rebuilt(client, rf):
    from django.core.cache import cache

    from newsportal.pagecache import AnonymousPageCacheMiddleware, _recent_entries

    article = ArticleFactory()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    key = AnonymousPageCacheMiddleware._key(rf.get(article.get_absolute_url()))
    entry = cache.get(key)
    del entry["format"]  # what a server of the previous release stored
    cache.set(key, entry, 60)
    _recent_entries.clear()  # a server of this release that has not served it yet

    response = Client().get(article.get_absolute_url())

    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"


def test_the_archive_index_is_served_from_the_cache(client):
    ArticleFactory()
    client.get("/archive/")
    assert client.get("/archive/")["X-Page-Cache"] == "hit"


class StoryForAnotherDesk(Article):
    """A proxy of Article in an app of its own, as another app's admin would define one."""

    class Meta:
        proxy = True
        app_label = "another_desk"


def test_saving_through_a_proxy_model_makes_cached_pages_stale(client):
    article = ArticleFactory(headline="Comments are open")
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    story = StoryForAnotherDesk.objects.get(pk=article.pk)
    story.headline = "Seen from another desk"
    story.save(update_fields=["headline"])  # a plain ORM save: no manual invalidation

    again = client.get(article.get_absolute_url())
    assert again["X-Page-Cache"] == "miss"
    assert b"Seen from another desk" in again.content


def test_every_page_declared_cached_is_stored_and_served_from_the_cache(client):
    """Declaring is not enough: a page that reads the session (``request.user`` in a template)
    is never stored. Each declared page, as a reader first opens it, is a hit the second time."""
    from django.urls import reverse

    from newsletter.models import Digest, DigestStory
    from tests.comments.factories import CommentFactory
    from tests.factories import AuthorFactory
    from tests.legal.factories import first_legal_documents, guidelines
    from tests.newsletter.factories import DigestFactory

    first_legal_documents()
    guidelines("Be kind.")
    author = AuthorFactory()
    article = ArticleFactory(tags=["Deprem"], authors=[author])
    head = CommentFactory(article=article)
    CommentFactory(article=article, parent=head)
    digest = DigestFactory(status=Digest.Status.SENT)
    DigestStory.objects.create(digest=digest, article=article)
    day = timezone.localtime(article.published_at)
    pages = [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag-detail", args=["deprem"]),
        article.source.get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:archive-year", args=[f"{day:%Y}"]),
        reverse("articles:archive-month", args=[f"{day:%Y}", f"{day:%m}"]),
        reverse("articles:archive-day", args=[f"{day:%Y}", f"{day:%m}", f"{day:%d}"]),
        reverse("articles:feed-latest"),
        reverse("articles:feed-tag-atom", args=["deprem"]),
        reverse("articles:sitemap"),
        reverse("articles:sitemap-news"),
        reverse("articles:robots-txt"),
        reverse("comments:thread", args=[head.pk]),
        reverse("newsletter:signup"),
        reverse("newsletter:archive"),
        digest.get_absolute_url(),
        reverse("legal:terms"),
        reverse("legal:privacy"),
        reverse("legal:guidelines"),
    ]
    outcomes = {}
    for url in pages:
        first = Client().get(url)
        assert first.status_code == 200, url
        again = Client().get(url)
        outcomes[url] = again.get("X-Page-Cache")
    assert {url: outcome for url, outcome in outcomes.items() if outcome != "hit"} == {}


def test_a_page_left_out_of_the_cache_never_asks_it(client, monkeypatch):
    # A hung Redis costs each cache call a socket timeout: the health check and the form
    # handlers must not pay one for a page lookup they would never use.
    from newsportal import pagecache

    asked = []
    real_get = pagecache.cache.get

    def get(key, *args, **kwargs):
        if key.startswith("pagecache:"):
            asked.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "get", get)
    client.get("/healthz")
    client.post("/pagecache-test/submit/", {"email": "a@example.com"})
    assert asked == []
    client.get("/pagecache-test/form/")
    assert len(asked) == 1
