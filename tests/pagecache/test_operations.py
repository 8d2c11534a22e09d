"""What operators rely on: the site outlives a dead Redis, a health check, CSP and request logs."""

import json
import logging
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings
from django_redis.cache import RedisCache

from newsportal.counters import increment
from newsportal.observability import JSONFormatter
from newsportal.settings.base import redis_cache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_redis():
    # The production settings' Redis cache, pointed at a port nothing listens on.
    settings = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0", key_prefix="t")}
    # override_settings rebuilds the cache handler (django.test.signals), so `cache` is Redis now.
    with override_settings(CACHES=settings, PAGE_CACHE_SECONDS=60):
        yield


def test_a_dead_redis_behaves_as_an_empty_cache(dead_redis):
    from django.core.cache import cache

    assert isinstance(caches["default"], RedisCache)
    assert cache.get("missing", "fallback") == "fallback"
    assert cache.set("key", "value") is None
    assert not cache.add("key", "value")
    assert cache.get_many(["a", "b"]) == {}
    assert increment("counter", timeout=60) == 1  # rate limits and most read count on
    cache.delete("key")


def test_an_outage_is_logged_once_every_30_seconds_not_once_per_call(dead_redis):
    from django.core.cache import cache

    # The LOGGING of the settings, with its filter, on a handler that records what passes.
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("newsportal.cache.ignored")
    (throttle,) = logger.filters
    throttle._last = float("-inf")  # whatever earlier tests in this process logged
    logger.addHandler(handler)
    try:
        for _ in range(5):
            cache.get("missing")
            cache.set("key", "value")
    finally:
        logger.removeHandler(handler)
    assert len(records) == 1
    assert "Exception ignored" in records[0].getMessage()


def test_pages_are_served_from_the_database_while_redis_is_down(client, dead_redis):
    article = ArticleFactory(headline="Still here without Redis")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert b"Still here without Redis" in response.content
    assert client.get("/").status_code == 200


def test_health_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_health_stays_up_but_says_degraded_without_the_cache(client, dead_redis):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["cache"] == "unavailable"


def test_reader_pages_carry_a_strict_content_security_policy(client):
    article = ArticleFactory()
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_the_admin_allows_inline_script_but_keeps_the_rest_strict(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_each_request_is_logged_as_one_json_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsportal.requests"):
        client.get("/healthz", HTTP_USER_AGENT="probe/1.0")
    record = next(r for r in caplog.records if r.name == "newsportal.requests")
    line = json.loads(JSONFormatter().format(record))
    assert line["http"]["path"] == "/healthz" and line["http"]["status"] == 200
    assert line["http"]["user_agent"] == "probe/1.0" and line["http"]["duration_ms"] >= 0
