"""Fixtures of the fault suite (marker ``faults``: `make test-faults`, or `pytest -m faults`).

Every test here starts the services it breaks: its own Redis, PostgreSQL and SMTP server on
free ports (tests/faults/infra.py), never the machine's.
"""

from pathlib import Path

import pytest

from .infra import SmtpSink, TcpProxy, ThrowawayPostgres, ThrowawayRedis

FAULTS_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if FAULTS_DIR in Path(item.fspath).parents:
            item.add_marker(pytest.mark.faults)


def _started(service):
    try:
        return service.start()
    except RuntimeError as error:  # the machine lacks the server: .ci/run installs it
        pytest.skip(str(error))


@pytest.fixture
def throwaway_redis():
    redis = _started(ThrowawayRedis())
    yield redis
    redis.stop()


@pytest.fixture(scope="session")
def _postgres_cluster():
    try:
        postgres = ThrowawayPostgres()
    except RuntimeError as error:
        pytest.skip(str(error))
    _started(postgres)
    yield postgres
    postgres.destroy()


@pytest.fixture
def throwaway_postgres(_postgres_cluster):
    """The session's cluster, running and answering when the test starts and after it."""
    _postgres_cluster.resume()
    if not _postgres_cluster.running():
        _postgres_cluster.start()
    yield _postgres_cluster
    _postgres_cluster.resume()
    if not _postgres_cluster.running():
        _postgres_cluster.start()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture
def tcp_proxy():
    proxies = []

    def make(host, port):
        proxy = TcpProxy(host, port)
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        proxy.close()
