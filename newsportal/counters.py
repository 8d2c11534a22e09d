"""Counters kept in the cache (rate limits, most read), shared by app servers that share Redis.

While the cache cannot count (Redis unreachable, or its circuit breaker open: django-redis then
answers ``incr`` with None), counting goes on in this process's own memory, so a rate limit
still holds, per worker process, instead of letting everything through. Reads take the larger of
the two counts, so hits counted locally during an outage still count once Redis is back, until
their window ends.
"""

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

# Per process, never shared: the fallback while the shared cache is gone.
local_counts = LocMemCache("newsportal-counters-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def increment(key: str, *, timeout: int) -> int:
    """Add one to the counter ``key``, made with ``timeout`` seconds to live; return its value."""
    cache.add(key, 0, timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1
    if value is None:  # the shared cache is unreachable: count in this process
        return _increment_locally(key, timeout=timeout)
    return max(value, local_counts.get(key) or 0)


def current(key: str) -> int:
    """The counter ``key`` as it stands, without adding to it (0 when missing everywhere)."""
    return max(cache.get(key) or 0, local_counts.get(key) or 0)


def _increment_locally(key: str, *, timeout: int) -> int:
    local_counts.add(key, 0, timeout)
    try:
        return local_counts.incr(key)
    except ValueError:  # expired between add() and incr()
        local_counts.set(key, 1, timeout)
        return 1
