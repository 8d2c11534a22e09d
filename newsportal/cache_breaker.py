"""A circuit breaker between the cache and Redis, so a Redis that hangs costs pages nothing.

A dead Redis refuses connections at once, but one that accepts them and never answers (paused,
overloaded, a network that drops packets) makes every cache call wait the socket timeout, and a
page makes several. After ``FAILURES`` connection errors or timeouts in a row, each within
``WINDOW_SECONDS`` of the one before, the breaker *opens*: for ``COOL_OFF_SECONDS`` no call
reaches Redis and every one is answered as django-redis answers an unreachable Redis under
IGNORE_EXCEPTIONS (a miss: ``get`` gives the default, writes do nothing), in no time. Then one
trial call goes through (*half-open*); if Redis answers it the breaker closes, otherwise it opens
for another cool-off.

The state is per process (gunicorn's workers each learn on their own, at the cost of a few
timeouts each) and shared by the threads of the process. Configured in
``newsportal.settings.base.redis_cache()``: ``OPTIONS["CLIENT_CLASS"]`` names the client below and
``OPTIONS["CIRCUIT_BREAKER"]`` holds the thresholds.

Our own small class rather than pybreaker: pybreaker holds one lock around every guarded call
(threads would queue behind a slow Redis call), counts failures without a time window and has
no clock a test can move.
"""

import functools
import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsportal.cache")

# What says "Redis is not answering", as opposed to an answer we did not like (ResponseError,
# a missing key's ValueError), which proves Redis is there.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)


class CircuitOpen(RedisConnectionError):
    """Redis was not asked: the breaker is open after repeated failures."""


class CircuitBreaker:
    """Closed, open or half-open; thread-safe. ``clock`` is injectable so tests can move time."""

    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"

    def __init__(
        self,
        name: str,
        *,
        failures: int = 3,
        window_seconds: float = 10,
        cool_off_seconds: float = 15,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.name = name
        self.failures = failures
        self.window_seconds = window_seconds
        self.cool_off_seconds = cool_off_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Closed, with no failure remembered."""
        self.state = self.CLOSED
        self._failed_in_a_row = 0
        self._last_failure_at = float("-inf")
        self._opened_at = self._first_opened_at = 0.0
        self._trial_running = False

    def allow(self) -> bool:
        """Whether a call may go to Redis now; the one call let through half-open is the trial."""
        if self.state == self.CLOSED:
            return True  # the usual case, without taking the lock
        with self._lock:
            if self.state == self.CLOSED:
                return True
            if self.state == self.OPEN and self.clock() - self._opened_at >= self.cool_off_seconds:
                self.state = self.HALF_OPEN
            if self.state == self.HALF_OPEN and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def record_success(self) -> None:
        if self.state == self.CLOSED and not self._failed_in_a_row:
            return  # the usual case, every cache call: nothing to change, no lock to take
        with self._lock:
            self._failed_in_a_row = 0
            self._trial_running = False
            if self.state != self.CLOSED:
                self.state = self.CLOSED
                logger.info(
                    "Redis (%s) answers again: circuit closed after %.0f s, cache in use again",
                    self.name,
                    self.clock() - self._first_opened_at,
                )

    def record_failure(self) -> None:
        with self._lock:
            now = self.clock()
            self._trial_running = False
            if self.state == self.HALF_OPEN:
                self.state, self._opened_at = self.OPEN, now  # still down: another cool-off
                logger.debug("Redis (%s) trial call failed: circuit open again", self.name)
                return
            if self.state == self.OPEN:
                return  # a call that started before the circuit opened
            if now - self._last_failure_at > self.window_seconds:
                self._failed_in_a_row = 0  # an old failure does not add up with this one
            self._failed_in_a_row += 1
            self._last_failure_at = now
            if self._failed_in_a_row >= self.failures:
                self.state, self._opened_at, self._first_opened_at = self.OPEN, now, now
                logger.warning(
                    "Redis (%s) failed %d times in a row: circuit open, the cache is treated as "
                    "empty and Redis is tried again every %s s",
                    self.name,
                    self._failed_in_a_row,
                    self.cool_off_seconds,
                )


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(locations: list[str], **thresholds) -> CircuitBreaker:
    """The process's breaker for the Redis at ``locations`` (URLs), made on first use.

    Django makes a cache client per thread; the breaker must outlive them and be shared.
    """
    key = ",".join(locations)
    with _breakers_lock:
        if key not in _breakers:
            # Named by host, port and database only: a URL's password must not reach the logs.
            name = ",".join(
                f"{url.hostname}:{url.port or 6379}{url.path}" for url in map(urlsplit, locations)
            )
            _breakers[key] = CircuitBreaker(name, **thresholds)
        return _breakers[key]


def reset_breakers() -> None:
    """Close every breaker and forget its failures (tests; cache clients keep their breaker)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            with breaker._lock:
                breaker.reset()


_inside_guarded_call = threading.local()


def _through_breaker(method):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        # add() calls set(), incr_version() calls get() and set(): one cache call, one outcome.
        if getattr(_inside_guarded_call, "active", False):
            return method(self, *args, **kwargs)
        breaker = self.breaker
        if not breaker.allow():
            # The backend answers this as it answers any unreachable Redis (IGNORE_EXCEPTIONS).
            raise ConnectionInterrupted(connection=None) from CircuitOpen("circuit open")
        _inside_guarded_call.active = True
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            if isinstance(error.__cause__, OUTAGE_ERRORS):
                breaker.record_failure()
            else:
                breaker.record_success()
            raise
        except OUTAGE_ERRORS as error:
            # Some django-redis methods (touch, ttl, expire) let Redis errors through unwrapped;
            # wrapped, the backend's IGNORE_EXCEPTIONS covers them too.
            breaker.record_failure()
            raise ConnectionInterrupted(connection=None) from error
        except BaseException:
            breaker.record_success()  # Redis answered; the caller gets its error
            raise
        finally:
            _inside_guarded_call.active = False
        breaker.record_success()
        return result

    return guarded


class CircuitBreakerClient(DefaultClient):
    """django-redis's client, with every cache operation going through the process's breaker."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        thresholds = self._options.get("CIRCUIT_BREAKER", {})
        self.breaker = breaker_for(
            self._server,
            failures=thresholds.get("FAILURES", 3),
            window_seconds=thresholds.get("WINDOW_SECONDS", 10),
            cool_off_seconds=thresholds.get("COOL_OFF_SECONDS", 15),
        )


# The operations Django's cache API and this project use, plus their near relatives.
for _name in (
    "get",
    "set",
    "add",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "has_key",
    "incr",
    "decr",
    "incr_version",
    "touch",
    "ttl",
    "pttl",
    "expire",
    "persist",
    "keys",
    "delete_pattern",
    "clear",
):
    setattr(CircuitBreakerClient, _name, _through_breaker(getattr(DefaultClient, _name)))
