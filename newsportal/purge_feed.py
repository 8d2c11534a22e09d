"""Purges announced to every app process over Redis pub/sub, so each may keep its last pages in
memory and serve them without asking Redis anything.

A purge (newsportal/surrogate.py) gives its keys new version tokens in Redis and then publishes
the keys on one channel, before it purges the edge. Every app process holds a subscription and,
before serving a page from its own memory, reads what has arrived on it without waiting (one
non-blocking poll of a socket). The process that purges drops its own copies at once; the others
see the keys once Redis has written them to their sockets, which it does in the same turn of its
event loop as its answer to the publisher, but not necessarily before that answer: a request
reaching another process in that instant may still get the copy from before the purge (under a
CI machine's load, a test process has seen the publisher's answer first).

While a process has no working subscription (no Redis, a connection lost, a message that could
not be read, the cache's circuit breaker open) it keeps nothing in memory and checks the version
tokens in Redis on every request instead; a new subscription starts from an empty memory, so no
purge is missed across a gap. A Redis that hangs sends no error: the subscription sends a PING
every HEARTBEAT_SECONDS and counts as lost when its PONG is later than that, so a process serves
from memory at most about two heartbeats into a hang.
"""

import contextlib
import logging
import os
import select
import threading
import time

from django.conf import settings

logger = logging.getLogger("newsportal.cache")

CHANNEL = "newsportal:surrogate-purges"
RETRY_SECONDS = 5
HEARTBEAT_SECONDS = 1.0


def _breaker():
    from django.core.cache import cache

    return getattr(cache.client, "breaker", None)


def _check_breaker(breaker) -> None:
    if breaker is not None and breaker.state != breaker.CLOSED:
        raise ConnectionError("the cache's circuit breaker is open")


def _redis_client():
    """The cache's Redis client, or None when the cache is not Redis; raises while its breaker
    is open."""
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    from django_redis import get_redis_connection

    _check_breaker(_breaker())
    return get_redis_connection("default")


def publish(keys) -> None:
    """Tell every app process that ``keys`` were purged; a failure is logged (processes without
    the message keep checking versions, since the tokens changed first)."""
    try:
        client = _redis_client()
        if client is not None:
            client.publish(CHANNEL, " ".join(sorted(keys)))
    except Exception:  # noqa: BLE001 - Redis away: the version tokens still decide freshness
        logger.warning("Could not announce a purge to the other app processes", exc_info=True)


class PurgeFeed:
    """This process's subscription. ``arrived()`` gives the keys purged since the last call, or
    None when the process cannot rely on the feed (memory then not to be used)."""

    def __init__(self):
        self._pubsub = None
        self._breaker = None
        self._pid = None
        self._retry_at = 0.0
        self._last_pong = 0.0
        self._ping_sent_at = None
        self._socket_poll = None
        self._drained = False
        self._reconnected = False
        self._lock = threading.Lock()

    def arrived(self) -> set[str] | None:
        with self._lock:
            if self._pid != os.getpid():  # a forked worker: its parent's socket is not its own
                self._pubsub, self._pid = None, os.getpid()
            if self._pubsub is None and not self._subscribe():
                return None
            try:
                return self._read()
            except Exception:  # noqa: BLE001 - any doubt: stop trusting memory until resubscribed
                logger.warning(
                    "The purge feed was lost; pages are checked in Redis until it is back"
                )
                self._close()
                return None

    def _read(self) -> set[str]:
        """What has arrived, without waiting; raises when the feed cannot be trusted."""
        _check_breaker(self._breaker)  # open: Redis fails this process's other calls
        if self._reconnected:
            # redis-py reconnected on its own: what was published meanwhile never arrived.
            raise ConnectionError("the subscription's connection was replaced")
        purged: set[str] = set()
        # Read only once something has arrived: on most requests nothing has, and asking the
        # socket (poll) costs far less than a read that finds nothing. Once drained, the client
        # holds no whole message back, so anything new is still in the socket.
        if not self._drained or self._socket_poll is None or self._socket_poll.poll(0):
            while (message := self._pubsub.get_message(timeout=0)) is not None:
                if message.get("type") == "message":
                    data = message["data"]
                    purged.update((data.decode() if isinstance(data, bytes) else data).split())
                elif message.get("type") == "pong":
                    self._last_pong, self._ping_sent_at = time.monotonic(), None
            self._drained = True
        now = time.monotonic()
        if self._ping_sent_at is not None and now - self._ping_sent_at > HEARTBEAT_SECONDS:
            raise TimeoutError("no PONG in time: Redis hangs")
        if self._ping_sent_at is None and now - self._last_pong > HEARTBEAT_SECONDS:
            self._pubsub.ping()  # written, not waited for: its PONG is read by a later call
            self._ping_sent_at = now
        return purged

    def _subscribe(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        pubsub = None
        try:
            client = _redis_client()
            if client is None:  # the cache is not Redis (now): look again later
                self._retry_at = time.monotonic() + RETRY_SECONDS
                return False
            pubsub = client.pubsub()
            pubsub.subscribe(CHANNEL)
            # Wait for Redis to confirm: from then on every purge published reaches this socket.
            confirmed = pubsub.get_message(timeout=0.5)
            if not confirmed or confirmed.get("type") != "subscribe":
                raise TimeoutError("no subscription confirmed")
        except Exception:  # noqa: BLE001 - Redis away or slow: try again later
            self._retry_at = time.monotonic() + RETRY_SECONDS
            with contextlib.suppress(Exception):
                if pubsub is not None:
                    pubsub.close()
            return False
        self._pubsub, self._breaker = pubsub, _breaker()
        self._last_pong, self._ping_sent_at = time.monotonic(), None
        self._drained, self._reconnected = False, False
        self._socket_poll = _poll_for(pubsub.connection)
        pubsub.connection.register_connect_callback(self._on_reconnect)
        return True

    def _on_reconnect(self, connection):
        self._reconnected = True

    def _close(self):
        pubsub, self._pubsub = self._pubsub, None
        self._retry_at = time.monotonic() + RETRY_SECONDS
        with contextlib.suppress(Exception):  # closing a broken connection
            if pubsub is not None:
                pubsub.close()

    @property
    def subscribed_now(self) -> bool:
        return self._pubsub is not None


def _poll_for(connection):
    """A poll of the subscription's socket, or None where select.poll is missing (Windows)."""
    socket = getattr(connection, "_sock", None)
    if socket is None or not hasattr(select, "poll"):
        return None
    socket_poll = select.poll()
    socket_poll.register(socket.fileno(), select.POLLIN)
    return socket_poll


feed = PurgeFeed()
