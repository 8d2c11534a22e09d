import pytest
from django.core.cache import cache

# Fixtures for the mail outage tests: a mail server that is down, and the database task queue.
pytest_plugins = ["tests.mail_server"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages or counters."""
    cache.clear()
    yield
    cache.clear()
