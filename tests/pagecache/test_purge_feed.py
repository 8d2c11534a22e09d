"""Each app process serves its last pages from memory while the purge feed (Redis pub/sub) says
none of their keys was purged; with no feed, or a Redis that hangs, it stops trusting memory."""

import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from newsportal import purge_feed, surrogate
from newsportal.pagecache import _recent_entries
from tests.factories import ArticleFactory, AuthorFactory
from tests.faults.infra import ThrowawayRedis
from tests.redis_outages import redis_cache_at

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def redis_server():
    try:
        server = ThrowawayRedis().start()
    except RuntimeError as error:  # no redis-server here: .ci/run installs it
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture
def feed(redis_server, monkeypatch):
    fresh = purge_feed.PurgeFeed()
    monkeypatch.setattr(purge_feed, "feed", fresh)
    with redis_cache_at(redis_server.url(), SOCKET_TIMEOUT=0.2, SOCKET_CONNECT_TIMEOUT=0.2):
        _recent_entries.clear()
        yield fresh
    redis_server.resume()
    fresh._close()
    _recent_entries.clear()


def _next_arrival(feed, within=1.0):
    """What the feed delivers next: Redis writes a message to the subscribers in the same turn as
    its answer to the publisher, but may answer the publisher first."""
    deadline = time.monotonic() + within
    while not (purged := feed.arrived()) and time.monotonic() < deadline:
        time.sleep(0.005)
    return purged


def test_a_purge_published_anywhere_arrives_on_every_subscription(feed):
    assert feed.arrived() == set()  # subscribed
    purge_feed.publish({"story-7", "list-home"})
    assert _next_arrival(feed) == {"story-7", "list-home"}
    assert feed.arrived() == set()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_memory_serves_a_page_until_the_feed_announces_its_purge(feed):
    story = ArticleFactory(headline="Ferry timetable changes")
    path, key = story.get_absolute_url(), f"story-{story.pk}"
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"
    # Another server's purge, in its two steps: first the version tokens change in Redis...
    cache.set(surrogate._version_key(key), surrogate.new_token(purged_at=time.time()), None)
    assert Client().get(path)["X-Page-Cache"] == "hit"  # from memory: Redis is not asked
    # ...then the keys are announced; once they reach this process, its copy is dropped.
    purge_feed.publish({key})
    assert feed._socket_poll.poll(1000)
    assert Client().get(path)["X-Page-Cache"] == "miss"


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_purge_made_here_drops_this_process_copy_at_once(feed, monkeypatch):
    story = ArticleFactory(headline="Ferry timetable changes")
    path = story.get_absolute_url()
    assert [Client().get(path)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    # Whenever the feed brings the keys back (here: never), the very next request rebuilds.
    monkeypatch.setattr(purge_feed, "publish", lambda keys: None)
    surrogate.purge_now([f"story-{story.pk}"])
    assert Client().get(path)["X-Page-Cache"] == "miss"


def test_a_hung_redis_stops_the_feed_within_two_heartbeats(feed, redis_server):
    assert feed.arrived() == set()
    redis_server.pause()
    started = time.monotonic()
    while feed.arrived() is not None:
        assert time.monotonic() - started < 2 * purge_feed.HEARTBEAT_SECONDS + 0.5
        time.sleep(0.05)
    assert not feed.subscribed_now


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_without_a_feed_nothing_is_kept_in_memory(monkeypatch):
    # A local-memory cache has no pub/sub: every request checks the versions instead.
    fresh = purge_feed.PurgeFeed()
    monkeypatch.setattr(purge_feed, "feed", fresh)
    assert fresh.arrived() is None
    _recent_entries.put("pagecache:page:x", {"versions": {}, "expires": time.time() + 60})
    assert _recent_entries.get("pagecache:page:x") is None


def test_a_connection_the_client_replaced_on_its_own_stops_the_feed(feed):
    # redis-py may reconnect a subscription by itself: what was published meanwhile is lost.
    assert feed.arrived() == set()
    feed._pubsub.connection.disconnect()
    feed._pubsub.connection.connect()
    assert feed.arrived() is None
    assert not feed.subscribed_now


def test_a_purge_is_seen_however_many_requests_found_nothing_before_it(feed):
    assert feed.arrived() == set()
    for _ in range(3):
        assert feed.arrived() == set()
    purge_feed.publish({"story-9"})
    assert _next_arrival(feed) == {"story-9"}


@override_settings(PAGE_CACHE_SECONDS=600)
def test_hits_from_memory_carry_the_headers_the_page_was_stored_with(feed):
    path = ArticleFactory(headline="Ferry timetable changes").get_absolute_url()
    miss = Client().get(path)
    first, second = Client().get(path), Client().get(path)
    assert (miss["X-Page-Cache"], first["X-Page-Cache"], second["X-Page-Cache"]) == (
        "miss",
        "hit",
        "hit",
    )
    stored = {k: v for k, v in miss.items() if k != "X-Page-Cache"}
    assert {k: v for k, v in first.items() if k != "X-Page-Cache"} == stored
    assert first.content == miss.content
    # Each response has headers of its own: a change to one is not in the next.
    first["Cache-Control"] = "private"
    del first["xkey"]
    assert Client().get(path)["Cache-Control"] == miss["Cache-Control"]
    assert Client().get(path)["xkey"] == miss["xkey"]
    # A conditional request with an old ETag gets the whole page, with the same headers.
    again = Client().get(path, HTTP_IF_NONE_MATCH='"0123"')
    assert again.status_code == 200
    assert {k: v for k, v in again.items() if k != "X-Page-Cache"} == stored


@override_settings(FRAGMENT_CACHE_SECONDS=600)
def test_fragments_are_kept_in_memory_until_the_feed_announces_their_purge(feed):
    builds = []

    def build():
        builds.append(1)
        surrogate.add("story-5")
        return "<p>Ferry timetable changes</p>"

    assert surrogate.cached_fragment("card:5", build) == "<p>Ferry timetable changes</p>"
    cache.delete("fragment:card:5")  # Redis is not asked: this process's copy serves
    assert surrogate.cached_fragment("card:5", build) == "<p>Ferry timetable changes</p>"
    assert len(builds) == 1
    # Another server's purge: once its keys reach this process, the fragment is built again.
    cache.set(surrogate._version_key("story-5"), surrogate.new_token(purged_at=time.time()), None)
    purge_feed.publish({"story-5"})
    assert feed._socket_poll.poll(1000)
    surrogate.cached_fragment("card:5", build)
    assert len(builds) == 2


@override_settings(FRAGMENT_CACHE_SECONDS=600, PAGE_CACHE_SECONDS=0)
def test_a_story_row_kept_in_memory_does_not_keep_what_a_page_loaded_onto_it(feed):
    # Each request gets a row of its own: the authors prefetched onto one request's row would
    # otherwise be reused when the story's block is rebuilt, old name and no author key.
    author = AuthorFactory(name="Ayşe Demir")
    story = ArticleFactory(headline="Ferry timetable changes", authors=[author])
    path = story.get_absolute_url()
    assert "Ayşe Demir" in Client().get(path).content.decode()
    for name in ("Ayşe Demir-Kaya", "Ayşe Kaya"):
        author.name = name
        author.save()
        page = Client().get(path)
        assert name in page.content.decode()
        assert f"author-{author.pk}" in page["xkey"].split()
