import pytest
from django.core.cache import cache

# Fixtures of the mail outage tests: a mail server that is down, and the database task queue.
from tests.mail_server import database_queue, mail_server_down  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages or counters."""
    cache.clear()
    yield
    cache.clear()
