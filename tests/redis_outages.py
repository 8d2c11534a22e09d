"""Redis outages for unit tests: a port nothing listens on, and a server that never answers."""

import contextlib
import socket
import threading

from django.test import override_settings

from newsportal.settings.base import redis_cache


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HungRedis:
    """Accepts connections and never answers, like a paused (SIGSTOP) Redis; counts connections."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self):
        with contextlib.suppress(OSError):  # the listener was closed
            while True:
                connection, _address = self._listener.accept()
                self.connections.append(connection)

    def close(self):
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._listener.close()
        for connection in self.connections:
            connection.close()


@contextlib.contextmanager
def redis_cache_at(url: str, **options):
    """The production settings' Redis cache (redis_cache()) at ``url``, ``options`` overriding
    its OPTIONS; override_settings rebuilds the cache handler, so ``cache`` is this one inside."""
    settings = redis_cache(url, key_prefix="t")
    settings["OPTIONS"].update(options)
    with override_settings(CACHES={"default": settings}):
        yield
