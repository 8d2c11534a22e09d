"""Edge tests. Those that start a real varnishd (marker ``edge``: `make test-edge`, or
`pytest -m edge`) skip with the reason when varnishd is missing; .ci/run installs it."""

import pytest

from tests.faults.infra import Varnish, varnishd_path

from .stub import StubServer

NEEDS_VARNISHD = {"test_vcl.py", "test_varnish_in_front.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.fspath.basename in NEEDS_VARNISHD:
            item.add_marker(pytest.mark.edge)


@pytest.fixture
def start_varnish():
    """start_varnish(origin_port, **options) -> a running Varnish, stopped after the test."""
    if varnishd_path() is None:
        pytest.skip("varnishd is not installed (apt-get install varnish varnish-modules)")
    started = []

    def start(origin_port, **options):
        varnish = Varnish(origin_port, **options)
        started.append(varnish)
        return varnish.start()

    yield start
    for varnish in started:
        varnish.destroy()


@pytest.fixture
def origin():
    """A stub origin: ``origin.pages[path] = (status, headers, body)``; /healthz answers 200 until
    ``origin.healthy`` is False."""
    server = StubServer()
    server.pages = {}
    server.healthy = True

    def respond(request):
        if request.path == "/healthz":
            if server.healthy:
                return 200, {"Content-Type": "application/json"}, b'{"status": "ok"}'
            return 503, {"Content-Type": "application/json"}, b'{"status": "down"}'
        path = request.path.split("?")[0]
        status, headers, body = server.pages.get(path, (404, {}, b"not here"))
        return status, headers, body + f" #{len(server.requests)}".encode()

    server.respond = respond
    yield server
    server.stop()
