"""What no save announces is purged by the task worker's clock when its time comes: a scheduled
story going live, a breaking banner ending, a front page set to take over."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone

from articles import publication_clock
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.pagecache.urls"),
]


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        publication_clock.tick()  # the worker's first tick
        yield traveller


def test_a_scheduled_story_is_purged_when_its_time_comes_not_before(clock):
    story = ArticleFactory(published_at=timezone.now() + timedelta(seconds=5))
    assert f"story-{story.pk}" not in publication_clock.tick()
    clock.shift(timedelta(seconds=6))
    purged = publication_clock.tick()
    assert {f"story-{story.pk}", "list-home", "list-latest"} <= purged
    assert f"list-section-{story.section_id}" in purged
    assert f"story-{story.pk}" not in publication_clock.tick()  # once


def test_a_banner_ending_is_purged_when_its_time_comes(clock):
    story = ArticleFactory(is_breaking=True, breaking_until=timezone.now() + timedelta(seconds=30))
    publication_clock.tick()
    clock.shift(timedelta(seconds=31))
    assert {"breaking", f"story-{story.pk}"} <= publication_clock.tick()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_the_cached_home_page_shows_a_scheduled_story_after_the_next_tick(clock):
    ArticleFactory(headline="Already out")
    ArticleFactory(headline="Goes live soon", published_at=timezone.now() + timedelta(seconds=5))
    Client().get("/")
    assert Client().get("/")["X-Page-Cache"] == "hit"
    clock.shift(timedelta(seconds=6))
    assert b"Goes live soon" not in Client().get("/").content  # cached, no save announced it
    publication_clock.tick()
    home = Client().get("/")
    assert home["X-Page-Cache"] == "miss" and b"Goes live soon" in home.content


def test_a_story_published_long_ago_is_not_purged_again(clock):
    story = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    assert f"story-{story.pk}" not in publication_clock.tick()
