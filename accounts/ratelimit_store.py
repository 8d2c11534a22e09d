"""Where allauth's rate limits (ACCOUNT_RATE_LIMITS: logins, sign-ups, password resets) keep
their history: the shared cache while it answers, this process's memory while it does not.

allauth takes a lock in the cache (``cache.add``) before counting; with Redis unreachable,
django-redis answers every ``add`` with a miss, the lock never comes and every reader's login
is refused with a 429 after a second. Here an unanswered ``add`` switches that one rate-limit
check (this thread) to the process's memory, so logins work and their limits hold per worker
process until Redis is back, as our own limits do (newsportal/counters.py).
"""

import threading

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

local_history = LocMemCache("accounts-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
_check = threading.local()


class RateLimitStore:
    """The few cache calls allauth's limiter makes: add (its lock), get, set and delete."""

    def _store(self):
        return local_history if getattr(_check, "local", False) else cache

    def add(self, key, value, timeout=None):
        added = cache.add(key, value, timeout)
        # True or False is the shared cache's answer; None means it did not answer at all.
        _check.local = added is None
        return local_history.add(key, value, timeout) if added is None else added

    def get(self, key, default=None):
        return self._store().get(key, default)

    def set(self, key, value, timeout=None):
        self._store().set(key, value, timeout)

    def delete(self, key):
        self._store().delete(key)
        local_history.delete(key)


def install():
    """Point allauth's limiter at this store (it reads the module's ``cache`` at each call)."""
    from allauth.core.internal import ratelimit

    ratelimit.cache = RateLimitStore()
