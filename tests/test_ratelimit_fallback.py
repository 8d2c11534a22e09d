"""Rate limits hold while their store is gone: counted in the process instead of failing open."""

import pytest
from django.conf import settings
from django.core.cache import cache

from newsportal import ratelimit
from newsportal.counters import current, increment, local_counts
from tests.redis_outages import HungRedis, closed_port, redis_cache_at

SEARCHES_PER_MINUTE = settings.RATE_LIMITS["search-ip"][0]


@pytest.fixture
def dead_redis():
    with redis_cache_at(f"redis://127.0.0.1:{closed_port()}/0"):
        yield


@pytest.fixture
def hung_redis():
    server = HungRedis()
    with redis_cache_at(server.url, SOCKET_CONNECT_TIMEOUT=0.1, SOCKET_TIMEOUT=0.1):
        yield server
    server.close()


@pytest.mark.parametrize("outage", ["dead_redis", "hung_redis"])
@pytest.mark.parametrize("policy", ["newsletter-signup-ip", "comment-post-user", "search-ip"])
def test_the_hit_over_the_limit_is_refused_while_redis_is_unreachable(request, outage, policy):
    request.getfixturevalue(outage)
    limit, _seconds = ratelimit.policy(policy)
    for _ in range(limit):
        ratelimit.hit(policy, "203.0.113.7")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(policy, "203.0.113.7")
    ratelimit.hit(policy, "203.0.113.8")  # someone else still may


def test_a_limit_on_failures_is_used_up_while_redis_is_unreachable(dead_redis):
    limit, _seconds = ratelimit.policy("admin-login-failed-ip")
    for _ in range(limit):
        assert not ratelimit.used_up("admin-login-failed-ip", "203.0.113.7")
        ratelimit.allowed("admin-login-failed-ip", "203.0.113.7")
    assert ratelimit.used_up("admin-login-failed-ip", "203.0.113.7")


@pytest.mark.django_db
def test_searches_over_the_limit_get_429_while_redis_is_down(client, dead_redis):
    for _ in range(SEARCHES_PER_MINUTE):
        assert client.get("/search/", {"q": "ferry"}).status_code == 200
    assert client.get("/search/", {"q": "ferry"}).status_code == 429
    assert client.get("/search/", {"q": "ferry"}, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_counts_made_in_the_process_during_an_outage_add_to_the_shared_ones_after_it():
    # The test profile's local-memory cache stands for a Redis that is back, count empty.
    for _ in range(3):
        local_counts.add("ratelimit:test:key", 0, 60)
        local_counts.incr("ratelimit:test:key")
    assert current("ratelimit:test:key") == 3
    assert increment("ratelimit:test:key", timeout=60) == 3  # shared: 1, this process: 3
    cache.set("ratelimit:test:key", 9, 60)
    assert current("ratelimit:test:key") == 9
