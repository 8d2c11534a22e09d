import pytest
from django.core.cache import cache

from newsportal.cache_breaker import reset_breakers
from newsportal.counters import local_counts

# Fixtures of the mail outage tests: a mail server that is down, and the database task queue.
from tests.mail_server import database_queue, mail_server_down, short_retries  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages or counters
    (nor the per-process counts and Redis circuit breakers an outage test left behind)."""
    cache.clear()
    local_counts.clear()
    reset_breakers()
    yield
    cache.clear()
    local_counts.clear()
    reset_breakers()
