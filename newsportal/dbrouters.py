"""Read replicas for readers' pages, the primary for everything else.

With DATABASE_REPLICA_URLS set, anonymous readers' GET and HEAD requests (the bulk of the
traffic: no session cookie, not the admin or account pages) read from a replica picked at random;
the newsroom, signed-in readers, every form post and every write use the primary. A request that
writes stays on the primary for the rest of its reads, so it sees its own write.

Replicas lag the primary by a little (usually well under a second), and a page cached from a
lagging replica is kept until its cache entry ends: with replicas, a change reaches readers
within PAGE_CACHE_SECONDS plus the replication lag, instead of on the next request.
"""

import logging
import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

from newsportal.pagecache import is_anonymous_reader_request

logger = logging.getLogger(__name__)

_replicas_for_this_request = ContextVar("replicas_for_this_request", default=False)
# A replica that cannot be reached is left alone for this long (per process); readers are served
# from the primary meanwhile, so a dead replica slows the site down instead of taking it down.
REPLICA_RETRY_SECONDS = 30
_replica_down_until = {}


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def _reachable(alias):
    if _replica_down_until.get(alias, 0) > time.monotonic():
        return False
    try:
        connections[alias].ensure_connection()
    except Exception as error:  # noqa: BLE001 - any failure to connect means "use the primary"
        logger.warning("Read replica %s unreachable, reading from the primary: %s", alias, error)
        _replica_down_until[alias] = time.monotonic() + REPLICA_RETRY_SECONDS
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replicas_for_this_request.get():
            aliases = [alias for alias in replica_aliases() if _reachable(alias)]
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


class EngineSpecificModelsRouter:
    """Keeps SQLite's full-text table (articles.SqliteSearchEntry) away from other engines, so
    that dumpdata, loaddata and flush on PostgreSQL do not look for a table it does not have."""

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == "articles" and model_name == "sqlitesearchentry":
            return connections[db].vendor == "sqlite"
        return None


class ReaderReplicaMiddleware:
    """Marks anonymous readers' page views as served from the replicas (outer middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replicas_for_this_request.set(is_anonymous_reader_request(request))
        try:
            return self.get_response(request)
        finally:
            _replicas_for_this_request.reset(token)
