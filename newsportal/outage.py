"""Readers get a 503 page in the site's design when the database cannot be reached, never a 500.

A connection that cannot be made or was lost (PostgreSQL stopped, restarting, out of connection
slots, a statement cut short by its timeout; SQLite's file unreadable or locked) raises
OperationalError or InterfaceError from wherever the request touched the database: the view, a
template's lazy queryset, the session or the user. Two hooks turn it into the 503 page:

* ``DatabaseOutageMiddleware.process_exception`` for the view and its template (the usual case).
  The response is marked (``is_outage_response``) so the page cache can serve its last copy of
  the page instead (stale-if-error, newsportal.pagecache).
* ``server_error``, the project's handler500, for what fails in other middleware.

A database that accepts connections and never answers (hung, stopped with SIGSTOP) is bounded
too: PostgreSQL's connect_timeout for new connections (settings), and for a connection already
open the watchdog of ``DatabaseOutageMiddleware``: a request waiting on the database for
DATABASE_WAIT_LIMIT_SECONDS with no new query started gets ``DatabaseHung`` raised in that wait
(SIGALRM, in a sync worker's main thread only), and the connection is closed.

The 503 page renders without context processors and without the database (no section menu, no
account links), and says when to try again (``Retry-After``). An outage is logged once every 30 s
per process (``newsportal.outage``); an OperationalError that does not look like a lost
connection (SQLite's "no such table", a syntax error) is most likely a mistake of ours, so it
still gets the 503 page but is logged as an error, with its traceback, every time.
"""

import logging
import signal
import sys
import threading
import time
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.defaults import server_error as django_server_error

from newsportal.observability import OncePerInterval

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
# PostgreSQL's SQLSTATE classes and codes for "the database cannot serve you right now".
_UNAVAILABLE_SQLSTATE_PREFIXES = (
    "08",  # connection exception
    "53",  # insufficient resources (too many connections, out of memory or disk)
    "57P",  # admin or crash shutdown, cannot connect now
    "57014",  # query canceled: statement_timeout
)
# SQLite's messages for a database file that cannot be reached, as opposed to a bad query.
_SQLITE_UNAVAILABLE_MESSAGES = (
    "unable to open database file",
    "database is locked",
    "disk i/o error",
)


class DatabaseHung(OperationalError):
    """A query got no answer within DATABASE_WAIT_LIMIT_SECONDS (raised by the watchdog)."""


def is_database_error(error: BaseException) -> bool:
    """Whether ``error`` is one the 503 page answers: a database that cannot serve the request."""
    return isinstance(error, (OperationalError, InterfaceError))


def is_lost_connection(error: BaseException) -> bool:
    """Whether a database error says the database is unreachable, rather than a bad query.

    Django wraps the driver's error; the driver's own (``__cause__``) tells: psycopg gives no
    SQLSTATE for a connection it could not make or lost, a connection-class one otherwise.
    """
    if isinstance(error, (InterfaceError, DatabaseHung)):
        return True  # "connection already closed", or the watchdog's: never answered
    cause = error.__cause__ or error
    if hasattr(cause, "sqlstate"):  # psycopg
        return cause.sqlstate is None or cause.sqlstate.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES)
    return str(cause).lower().startswith(_SQLITE_UNAVAILABLE_MESSAGES)


def forget_hung_connections(error: BaseException) -> None:
    if isinstance(error, DatabaseHung):
        # Mid-query and never to answer: a connection nobody may use again.
        connections.close_all()


def log_database_error(request, error: BaseException) -> None:
    if is_lost_connection(error):
        # Filtered to one record per interval (settings.LOGGING): the outage, not every request.
        logger.warning(
            "Database unavailable, answering 503: %s",
            error,
            extra={"path": request.path, "database_outage": True},
        )
    else:
        logger.error(
            "Database error that is not a lost connection, answering 503: %s",
            error,
            exc_info=error,
            extra={"path": request.path},
        )


class OncePerOutageInterval(OncePerInterval):
    """A logging filter: one record of a lost database connection per interval, every other
    record (a bad query, any other error) always."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        lost_connection = getattr(record, "database_outage", False) or (
            error is not None and is_database_error(error) and is_lost_connection(error)
        )
        return super().filter(record) if lost_connection else True


def database_unavailable_response(request) -> HttpResponse:
    """The 503 page, built from settings alone: no query, no context processor."""
    page = loader.render_to_string(
        "503.html",
        {
            "request": request,
            "database_down": True,
            "SITE_NAME": settings.SITE_NAME,
            "SITE_TAGLINE": settings.SITE_TAGLINE,
            "nav_sections": (),
            "breaking_stories": (),
        },
    )
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_outage = True
    return response


def is_outage_response(response: HttpResponse) -> bool:
    return getattr(response, "database_outage", False)


class DatabaseOutageMiddleware:
    """Answers a database error raised by the view or its template with the 503 page.

    Listed before the other middleware, so their own process_exception hooks (which run
    innermost first) see the error before this one does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with database_wait_limit(settings.DATABASE_WAIT_LIMIT_SECONDS):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_error(exception):
            return None
        forget_hung_connections(exception)
        log_database_error(request, exception)
        return database_unavailable_response(request)


def _in_a_database_wait(frame) -> bool:
    """Whether the interrupted code is the database driver's (psycopg's wait for an answer, or
    its connect), rather than the site's own work, which the watchdog leaves alone."""
    return frame is not None and frame.f_globals.get("__name__", "").startswith("psycopg")


WATCHDOG_TICK_SECONDS = 0.5


class _Watchdog:
    """Looks every WATCHDOG_TICK_SECONDS at what the request is doing; a wait in the driver
    with no new query started for ``seconds`` (one query, or the health check, that never gets
    its answer) is cut short. Many quick queries, or the site's own slow work, never are."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.queries = 0
        self.waiting_since = None  # (queries started then, when first seen waiting)
        self.hung = False
        self.active = True

    def count_query(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def look(self, signum, frame):
        if not self.active:
            return  # the request is over: not armed again, or SIGALRM's default would kill us
        signal.setitimer(signal.ITIMER_REAL, WATCHDOG_TICK_SECONDS)
        if not _in_a_database_wait(frame):
            self.waiting_since = None
            return
        now = time.monotonic()
        if self.waiting_since is None or self.waiting_since[0] != self.queries:
            self.waiting_since = (self.queries, now)
        # Once hung, so is the rollback Django then sends on the same connection.
        if self.hung or now - self.waiting_since[1] >= self.seconds:
            self.hung = True
            raise DatabaseHung(f"The database did not answer within {self.seconds} s")


@contextmanager
def database_wait_limit(seconds):
    """Raise DatabaseHung in a database wait that goes on ``seconds`` with no new query.

    Only where signals can be used: the main thread (gunicorn's sync workers serve requests
    there; runserver's threads do not get it). 0 turns it off.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    watchdog = _Watchdog(seconds)
    previous = signal.signal(signal.SIGALRM, watchdog.look)
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG_TICK_SECONDS)
    try:
        with ExitStack() as counting:
            for connection in connections.all():
                counting.enter_context(connection.execute_wrapper(watchdog.count_query))
            yield
    finally:
        watchdog.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def server_error(request):
    """handler500: the 503 page when what failed was the database (in some middleware, since
    the view's own errors are answered by DatabaseOutageMiddleware), Django's 500 otherwise."""
    error = sys.exc_info()[1]
    if error is not None and is_database_error(error):
        forget_hung_connections(error)
        try:
            return database_unavailable_response(request)
        except Exception:  # noqa: BLE001 - the plain 500 page is still better than nothing
            logger.exception("The 503 page failed to render")
            return HttpResponseServerError(loader.render_to_string("500.html"))
    return django_server_error(request)
