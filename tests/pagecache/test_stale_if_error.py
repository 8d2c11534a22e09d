"""Stale-if-error: while the database is down, readers get the page cache's last copy of a page
(PAGE_CACHE_STALE_SECONDS past its freshness), and the 503 page where there is none."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory
from tests.outage import database_unreachable

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the cache is invalidated on commit
    pytest.mark.urls("tests.pagecache.urls"),
]


@pytest.fixture(autouse=True)
def _cache_on():
    with override_settings(PAGE_CACHE_SECONDS=60, PAGE_CACHE_STALE_SECONDS=3600):
        yield


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_an_expired_page_is_served_stale_while_the_database_is_down(clock):
    article = ArticleFactory(headline="Ferry timetable changes")
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    clock.shift(timedelta(minutes=10))  # long past the copy's 60 s of freshness

    with database_unreachable():
        response = Client().get(article.get_absolute_url())

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "stale"
    assert int(response["Age"]) == 600
    assert b"Ferry timetable changes" in response.content
    assert "max-age=0" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]


def test_shared_pages_tell_edge_caches_how_long_they_may_serve_them_stale(client):
    ArticleFactory()
    feed = client.get(reverse("articles:feed-latest"))
    assert feed["Cache-Control"] == (
        "public, max-age=0, s-maxage=3600, stale-while-revalidate=30, stale-if-error=86400"
    )


def test_a_page_nobody_opened_before_the_outage_gets_the_503_page(client):
    opened, never_opened = ArticleFactory(), ArticleFactory()
    client.get(opened.get_absolute_url())
    with database_unreachable():
        response = Client().get(never_opened.get_absolute_url())
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert b"We're having trouble showing this page" in response.content


def test_a_copy_past_its_stale_lifetime_is_not_served(clock):
    article = ArticleFactory()
    Client().get(article.get_absolute_url())
    clock.shift(timedelta(seconds=60 + 3600 + 1))
    with database_unreachable():
        assert Client().get(article.get_absolute_url()).status_code == 503


def test_a_copy_made_stale_by_an_edit_is_still_served_during_an_outage():
    """Better the page as it was before the last edit than no page; it is the last copy there is."""
    article = ArticleFactory(headline="First version")
    Client().get(article.get_absolute_url())
    article.headline = "Second version"
    article.save()  # bumps the generation: the copy is no longer fresh for anyone
    with database_unreachable():
        response = Client().get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "stale" and b"First version" in response.content


def test_a_story_unpublished_and_then_opened_is_not_served_during_an_outage():
    article = ArticleFactory()
    Client().get(article.get_absolute_url())
    article.status = Article.Status.DRAFT
    article.save()
    assert Client().get(article.get_absolute_url()).status_code == 404  # drops the copy
    with database_unreachable():
        assert Client().get(article.get_absolute_url()).status_code == 503


def test_once_the_database_is_back_the_page_is_rendered_fresh_again(clock):
    article = ArticleFactory(headline="Before the outage")
    Client().get(article.get_absolute_url())
    clock.shift(timedelta(minutes=5))
    with database_unreachable():
        assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "stale"
    Article.objects.filter(pk=article.pk).update(headline="After the outage")  # no save signal

    back = Client().get(article.get_absolute_url())

    assert back.status_code == 200 and back["X-Page-Cache"] == "miss"
    assert b"After the outage" in back.content
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_fresh_copy_is_served_during_an_outage_without_touching_the_database(
    django_assert_num_queries,
):
    article = ArticleFactory()
    Client().get(article.get_absolute_url())
    with django_assert_num_queries(0), database_unreachable():
        assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "hit"
