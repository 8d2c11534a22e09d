"""Most read: counted in the cache, not by bots or reloads, shown on the home and story pages."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.popularity import RANKING_KEY, most_read, record_view, view_counts
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def reader_request(address="203.0.113.7", user_agent=BROWSER, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent, **headers)


def read(article, times=1, **kwargs):
    for n in range(times):
        record_view(reader_request(address=f"198.51.100.{n + 1}", **kwargs), article.pk)


def test_a_view_is_counted_without_touching_the_database():
    article = ArticleFactory()

    with CaptureQueriesContext(connection) as queries:
        assert record_view(reader_request(), article.pk)

    assert len(queries) == 0
    assert view_counts(24) == {article.pk: 1}


def test_a_reload_by_the_same_reader_counts_once():
    article = ArticleFactory()

    assert record_view(reader_request(), article.pk)
    assert not record_view(reader_request(), article.pk)
    assert record_view(reader_request(address="192.0.2.1"), article.pk)

    assert view_counts(24) == {article.pk: 2}


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "Twitterbot/1.0",
        "WhatsApp/2.23",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0",
    ],
)
def test_bots_and_scripts_are_not_counted(user_agent):
    article = ArticleFactory()

    assert not record_view(reader_request(user_agent=user_agent), article.pk)
    assert view_counts(24) == {}


def test_prefetches_are_not_counted():
    article = ArticleFactory()

    assert not record_view(reader_request(HTTP_SEC_PURPOSE="prefetch"), article.pk)


def test_views_older_than_a_period_leave_its_ranking():
    article = ArticleFactory()
    two_days_ago = timezone.now() - timedelta(days=2)

    record_view(reader_request(), article.pk, now=two_days_ago)

    assert view_counts(24) == {}
    assert view_counts(24 * 7) == {article.pk: 1}


def test_most_read_ranks_by_views_in_one_query_and_drops_unpublished_stories(
    django_assert_num_queries,
):
    first, second, third = ArticleFactory(), ArticleFactory(), ArticleFactory()
    hidden = ArticleFactory()
    read(second, 3)
    read(first, 2)
    read(third, 1)
    read(hidden, 5)
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.DRAFT)

    with django_assert_num_queries(1):
        ranked = most_read()

    assert ranked["day"] == [second, first, third]
    assert ranked["week"] == [second, first, third]


def test_nothing_read_needs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert most_read() == {"day": [], "week": []}


def test_the_story_page_counts_a_readers_view_but_not_a_bots(client):
    article = ArticleFactory()

    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # a reload
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")

    assert view_counts(24) == {article.pk: 1}


def test_staff_previews_are_not_counted(admin_client):
    article = ArticleFactory(status=Article.Status.DRAFT)

    admin_client.get(
        reverse("articles:article-preview", kwargs={"pk": article.pk}), HTTP_USER_AGENT=BROWSER
    )

    assert view_counts(24) == {}


def test_home_and_story_pages_show_most_read(client):
    popular = ArticleFactory(headline="Everyone is reading this")
    other = ArticleFactory(headline="Another story")
    read(popular, 3)
    cache.delete(RANKING_KEY)

    home = client.get(reverse("articles:home")).content.decode()
    story = client.get(other.get_absolute_url()).content.decode()

    for html in (home, story):
        assert 'id="most-read-heading"' in html
        assert "Last 24 hours" in html and "Last 7 days" in html
        most_read_block = html[html.index('id="most-read-heading"') :]
        assert "Everyone is reading this" in most_read_block
