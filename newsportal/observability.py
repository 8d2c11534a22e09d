"""Structured request logs and the health endpoint a load balancer polls."""

import contextlib
import json
import logging
import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

request_logger = logging.getLogger("newsportal.requests")


class RequestLogMiddleware:
    """One log record per request, with the fields an operator filters on as structured data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_logger.isEnabledFor(logging.INFO):  # REQUEST_LOG off: nothing to gather
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "http": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "bytes": len(response.content) if not response.streaming else None,
                    "page_cache": response.get("X-Page-Cache", ""),
                    "authenticated": _is_authenticated(request),
                    "remote_addr": request.META.get("REMOTE_ADDR", ""),
                    "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
                }
            },
        )
        return response


def _is_authenticated(request):
    """Whether the request's user is signed in; None when the user could not be loaded (the
    database is down), so that the request is still logged, with the status readers got."""
    try:
        return bool(getattr(request, "user", None)) and request.user.is_authenticated
    except DatabaseError:
        return None


class OncePerInterval(logging.Filter):
    """Let one record through every ``seconds`` per process: an outage (Redis down, every cache
    call failing) is reported without flooding the logs."""

    def __init__(self, seconds=30):
        super().__init__()
        self.seconds = seconds
        self._last = float("-inf")

    def filter(self, record):
        now = time.monotonic()
        if now - self._last < self.seconds:
            return False
        self._last = now
        return True


class JSONFormatter(logging.Formatter):
    """A log record as one JSON object per line, ready for a log shipper."""

    _second = None
    _second_text = ""

    def format(self, record):
        # One strftime a second, not one a line: a busy worker writes hundreds of lines a second.
        second = int(record.created)
        if second != self._second:
            # The text first: a thread that sees the new second must not print the old text.
            self._second_text, self._second = self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), second
        entry = {
            "time": self._second_text,
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if hasattr(record, "http"):
            entry["http"] = record.http
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


@never_cache
@require_safe
def health(request):
    """200 while the database answers; the cache is reported but does not fail the check.

    Taking every app server out of the load balancer because the shared cache is down would turn
    a slowdown into an outage: the site serves uncached pages until Redis is back.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy", reported as such
        checks["database"] = f"unavailable: {error.__class__.__name__}"
        # Not reused: a connection whose server hung (newsportal.outage's watchdog) never answers.
        with contextlib.suppress(Exception):
            connection.close()
    # One call at most to a cache that does not answer (add() says whether it stored), so a hung
    # Redis costs the check one socket timeout, or nothing once its circuit breaker is open.
    probe = f"health:{uuid.uuid4().hex}"
    if cache.add(probe, "1", 10) and cache.get(probe) == "1":
        checks["cache"] = "ok"
        cache.delete(probe)
    else:
        checks["cache"] = "unavailable"
    healthy = checks["database"] == "ok"
    status = "ok" if healthy and checks["cache"] == "ok" else ("degraded" if healthy else "down")
    return JsonResponse({"status": status, **checks}, status=200 if healthy else 503)
