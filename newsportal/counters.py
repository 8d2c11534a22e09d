"""Counters kept in the cache (rate limits, most read), shared by app servers that share Redis."""

from django.core.cache import cache


def increment(key: str, *, timeout: int) -> int:
    """Add one to the counter ``key``, made with ``timeout`` seconds to live; return its value."""
    cache.add(key, 0, timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1
    # None: Redis is unreachable and the cache ignored the error; count this hit alone.
    return 1 if value is None else value


def current(key: str) -> int:
    """The counter ``key`` as it stands, without adding to it (0 when missing or unreachable)."""
    return cache.get(key) or 0
