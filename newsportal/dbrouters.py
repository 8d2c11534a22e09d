"""Read replicas for readers' pages, the primary for everything else.

With DATABASE_REPLICA_URLS set, anonymous readers' GET and HEAD requests (the bulk of the
traffic: no session cookie, not the admin or account pages) read from a replica picked at random;
the newsroom, signed-in readers, every form post and every write use the primary. A request that
writes stays on the primary for the rest of its reads, so it sees its own write.

Replicas lag the primary by a little (usually well under a second), and a page cached from a
lagging replica is kept until its cache entry ends: with replicas, a change reaches readers
within PAGE_CACHE_SECONDS plus the replication lag, instead of on the next request.
"""

import random
from contextvars import ContextVar

from django.conf import settings

_replicas_for_this_request = ContextVar("replicas_for_this_request", default=False)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replicas_for_this_request.get():
            aliases = replica_aliases()
            if aliases:
                return random.choice(aliases)  # noqa: S311 - load spreading, not security
        return "default"

    def db_for_write(self, model, **hints):
        _replicas_for_this_request.set(False)  # read your own writes from now on
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # replicas follow the primary's schema by replication


class ReaderReplicaMiddleware:
    """Marks anonymous readers' page views as served from the replicas (outer middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader_page = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(("/admin/", "/accounts/", "/newsroom/"))
        )
        token = _replicas_for_this_request.set(reader_page)
        try:
            return self.get_response(request)
        finally:
            _replicas_for_this_request.reset(token)
