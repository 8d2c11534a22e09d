"""The Redis circuit breaker: a hung Redis costs a few timeouts per process, then nothing."""

import logging
import time

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from newsportal.cache_breaker import CircuitBreaker
from tests.factories import ArticleFactory
from tests.redis_outages import HungRedis, closed_port, redis_cache_at

# Short socket timeouts keep the tests fast; the breaker's thresholds are the production ones.
QUICK = {"SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1}


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def hung_redis():
    server = HungRedis()
    yield server
    server.close()


def breaker_in_use():
    return caches["default"].client.breaker


def open_the_breaker():
    for _ in range(breaker_in_use().failures):
        assert cache.get("key", "missing") == "missing"
    assert breaker_in_use().state == CircuitBreaker.OPEN


# --- the breaker on its own


def test_it_opens_after_the_configured_failures_in_a_row():
    breaker = CircuitBreaker("redis", failures=3, clock=Clock())
    for _ in range(2):
        assert breaker.allow()
        breaker.record_failure()
    assert breaker.state == CircuitBreaker.CLOSED
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == CircuitBreaker.OPEN
    assert not breaker.allow()


def test_a_success_between_failures_starts_the_count_again():
    breaker = CircuitBreaker("redis", failures=3, clock=Clock())
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.state == CircuitBreaker.CLOSED


def test_failures_further_apart_than_the_window_do_not_add_up():
    clock = Clock()
    breaker = CircuitBreaker("redis", failures=3, window_seconds=10, clock=clock)
    for _ in range(5):
        breaker.record_failure()
        breaker.record_failure()
        clock.now += 11
    assert breaker.state == CircuitBreaker.CLOSED


def test_after_the_cool_off_one_trial_call_goes_through_and_a_success_closes_it():
    clock = Clock()
    breaker = CircuitBreaker("redis", failures=1, cool_off_seconds=15, clock=clock)
    breaker.record_failure()
    clock.now += 14.9
    assert not breaker.allow()
    clock.now += 0.1
    assert breaker.allow()  # the trial
    assert breaker.state == CircuitBreaker.HALF_OPEN
    assert not breaker.allow()  # everyone else waits for the trial's outcome
    breaker.record_success()
    assert breaker.state == CircuitBreaker.CLOSED
    assert breaker.allow() and breaker.allow()


def test_a_failed_trial_opens_it_for_another_cool_off():
    clock = Clock()
    breaker = CircuitBreaker("redis", failures=1, cool_off_seconds=15, clock=clock)
    breaker.record_failure()
    clock.now += 15
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == CircuitBreaker.OPEN
    clock.now += 14
    assert not breaker.allow()
    clock.now += 1
    assert breaker.allow()


def test_opening_and_closing_are_logged_once_each(caplog):
    clock = Clock()
    breaker = CircuitBreaker("redis", failures=2, cool_off_seconds=15, clock=clock)
    with caplog.at_level(logging.DEBUG, logger="newsportal.cache"):
        for _ in range(4):
            breaker.record_failure()
        for _ in range(3):  # three failed trials: Redis still down
            clock.now += 15
            assert breaker.allow()
            breaker.record_failure()
        clock.now += 15
        assert breaker.allow()
        breaker.record_success()
        breaker.record_success()
    logged = [(r.levelname, r.getMessage()) for r in caplog.records if r.levelno >= logging.INFO]
    assert len(logged) == 2
    assert logged[0][0] == "WARNING" and "circuit open" in logged[0][1]
    assert logged[1][0] == "INFO" and "circuit closed after 60 s" in logged[1][1]


# --- the breaker in the cache, as the settings configure it


def test_a_hung_redis_is_no_longer_asked_once_the_breaker_opens(hung_redis):
    with redis_cache_at(hung_redis.url, **QUICK):
        open_the_breaker()
        asked = len(hung_redis.connections)
        assert asked >= 1

        started = time.perf_counter()
        for _ in range(50):
            assert cache.get("key", "missing") == "missing"
            cache.set("key", "value")
            assert cache.get_many(["a", "b"]) == {}
            assert not cache.add("key", "value")
        elapsed = time.perf_counter() - started

        assert len(hung_redis.connections) == asked  # not one more connection
        assert elapsed < 1  # 200 calls; each would have waited 0.1 s for the socket (20 s)


def test_a_dead_redis_is_no_longer_connected_to_once_the_breaker_opens(monkeypatch):
    import redis.connection

    attempts = []
    connect = redis.connection.Connection._connect

    def counted_connect(self):
        attempts.append(self.port)
        return connect(self)

    monkeypatch.setattr(redis.connection.Connection, "_connect", counted_connect)
    with redis_cache_at(f"redis://127.0.0.1:{closed_port()}/0"):
        open_the_breaker()
        tried = len(attempts)
        for _ in range(20):
            assert cache.get("key") is None
    assert tried >= 1 and len(attempts) == tried


def test_after_the_cool_off_one_call_tries_redis_again(hung_redis):
    with redis_cache_at(hung_redis.url, **QUICK):
        open_the_breaker()
        clock = Clock()
        breaker_in_use().clock = clock
        breaker_in_use()._opened_at = clock.now
        asked = len(hung_redis.connections)

        clock.now += breaker_in_use().cool_off_seconds
        cache.get("key")  # the trial: Redis is asked, and still hangs
        assert len(hung_redis.connections) == asked + 1
        assert breaker_in_use().state == CircuitBreaker.OPEN
        cache.get("key")
        assert len(hung_redis.connections) == asked + 1


def test_a_trial_call_that_redis_answers_closes_the_breaker(hung_redis, monkeypatch):
    import redis

    with redis_cache_at(hung_redis.url, **QUICK):
        open_the_breaker()
        clock = Clock()
        breaker_in_use().clock = clock
        breaker_in_use()._opened_at = clock.now
        # Redis is back: its client now answers (a GET of a missing key is nil).
        answered = []
        monkeypatch.setattr(redis.Redis, "get", lambda self, key: answered.append(key))
        assert cache.get("key", "missing") == "missing"
        assert answered == []  # still cooling off: not asked

        clock.now += breaker_in_use().cool_off_seconds
        cache.get("key")  # the trial
        assert breaker_in_use().state == CircuitBreaker.CLOSED
        cache.get("key")
        cache.get("key")
        assert len(answered) == 3  # the trial and every call after it reached Redis


@pytest.mark.django_db
def test_health_answers_degraded_within_one_socket_timeout_when_redis_hangs(client, hung_redis):
    # The production timeouts (0.5 s): the check makes one call to a Redis that does not answer.
    with redis_cache_at(hung_redis.url):
        started = time.perf_counter()
        response = client.get("/healthz")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["cache"] == "unavailable"
    assert len(hung_redis.connections) == 1  # one call, one timeout (each call reconnects)
    assert elapsed < 1.5  # three calls would take 3 x 0.5 s


@pytest.mark.django_db
@override_settings(
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db", PAGE_CACHE_SECONDS=60
)
def test_pages_and_sessions_work_through_an_open_breaker(client, django_user_model, hung_redis):
    article = ArticleFactory(headline="Served without the cache")
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    with redis_cache_at(hung_redis.url, **QUICK):
        open_the_breaker()
        asked = len(hung_redis.connections)
        anonymous = client.get(article.get_absolute_url())
        client.force_login(reader)  # the session goes to the database only
        signed_in = client.get(article.get_absolute_url())
        assert breaker_in_use().state == CircuitBreaker.OPEN
    assert anonymous.status_code == 200 and b"Served without the cache" in anonymous.content
    assert signed_in.status_code == 200 and signed_in.wsgi_request.user == reader
    assert len(hung_redis.connections) == asked  # not one cache call waited on Redis


def test_the_breaker_is_named_without_the_password_of_the_redis_url(caplog):
    with redis_cache_at(f"redis://:s3cret@127.0.0.1:{closed_port()}/2"):
        with caplog.at_level(logging.WARNING, logger="newsportal.cache"):
            open_the_breaker()
        assert breaker_in_use().name.startswith("127.0.0.1:") and "/2" in breaker_in_use().name
    assert "circuit open" in caplog.text and "s3cret" not in caplog.text
