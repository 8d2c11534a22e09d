import pytest
from django.core.cache import cache

from newsportal.cache_breaker import reset_breakers
from newsportal.counters import local_counts
from newsportal.page_copies import clear_memories

# Fixtures of the mail outage tests: a mail server that is down, and the database task queue.
from tests.mail_server import database_queue, mail_server_down, short_retries  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no test sees another's cached pages or counters
    (nor the per-process counts, pages kept in memory and Redis circuit breakers an outage test
    left behind)."""
    cache.clear()
    local_counts.clear()
    clear_memories()
    reset_breakers()
    yield
    cache.clear()
    local_counts.clear()
    clear_memories()
    reset_breakers()


# The hostile-input walk's counts (tests/hostile/counts.py): each xdist worker hands its own to
# the controller, which prints their sum after the run.
def pytest_sessionfinish(session):
    from tests.hostile.counts import COUNTS

    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["hostile_counts"] = COUNTS.dump()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.hostile.counts import COUNTS

    if "hostile_counts" in getattr(node, "workeroutput", {}):
        COUNTS.add(node.workeroutput["hostile_counts"])


def pytest_terminal_summary(terminalreporter):
    from tests.hostile.counts import COUNTS

    if COUNTS.pages:
        terminalreporter.write_line(COUNTS.summary())
