"""A database that cannot be reached gives readers the 503 page in the site's design, never a 500."""

import logging
import signal
import sqlite3
import time

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError
from django.test import override_settings

from articles.models import Article
from newsportal.outage import (
    WATCHDOG_TICK_SECONDS,
    DatabaseHung,
    OncePerOutageInterval,
    database_unavailable_response,
    database_wait_limit,
    is_lost_connection,
    server_error,
)
from tests.factories import ArticleFactory
from tests.outage import database_unreachable

pytestmark = pytest.mark.django_db


def wrapped(driver_error):
    """The driver's error as Django raises it: django.db's class, the driver's as its cause."""
    error = OperationalError(*driver_error.args)
    error.__cause__ = driver_error
    return error


def assert_is_the_503_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "We're having trouble showing this page" in page
    assert "try again in a minute" in page
    # The site's design: its stylesheet, masthead and footer, not the bare 500 page.
    assert "/static/css/site.css" in page
    assert 'class="masthead__title"' in page and "The Daily Ledger" in page
    assert 'class="site-footer"' in page and "Terms of Use" in page
    assert "Something went wrong" not in page


def test_a_story_answers_the_503_page_when_the_database_is_down(client):
    article = ArticleFactory()
    with database_unreachable():
        response = client.get(article.get_absolute_url())
    assert_is_the_503_page(response)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/search/?q=ferry", "/newsletter/", "/archive/"])
def test_every_kind_of_reader_page_answers_503_when_the_database_is_down(client, path):
    with database_unreachable():
        assert_is_the_503_page(client.get(path))


def test_a_signed_in_reader_gets_the_503_page_too(client):
    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    client.force_login(reader)
    article = ArticleFactory()
    with database_unreachable():
        # Their session and user cannot be loaded, in the view nor in the request log after it.
        response = client.get(article.get_absolute_url())
    assert_is_the_503_page(response)
    assert "Log out" not in response.content.decode()


def test_a_form_post_answers_503_when_the_database_is_down(client):
    with database_unreachable():
        response = client.post("/newsletter/subscribe/", {"email": "reader@example.com"})
    assert_is_the_503_page(response)


def test_the_503_page_renders_without_a_single_query(rf, django_assert_num_queries):
    request = rf.get("/news/1/some-story/")
    with django_assert_num_queries(0):
        response = database_unavailable_response(request)
    assert_is_the_503_page(response)


def test_the_site_answers_normally_once_the_database_is_back(client):
    article = ArticleFactory(headline="Harbour reopens")
    with database_unreachable():
        assert client.get(article.get_absolute_url()).status_code == 503
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and b"Harbour reopens" in response.content


def test_a_database_error_in_some_middleware_gets_the_503_page_from_handler500(rf):
    request = rf.get("/")
    try:
        raise wrapped(psycopg.OperationalError("server closed the connection unexpectedly"))
    except OperationalError:
        response = server_error(request)
    assert_is_the_503_page(response)


def test_any_other_error_still_gets_the_500_page(rf):
    try:
        raise ValueError("a mistake of ours")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


@pytest.mark.parametrize(
    ("error", "lost"),
    [
        (wrapped(psycopg.OperationalError("connection failed: Connection refused")), True),
        (wrapped(psycopg.errors.AdminShutdown("terminating connection")), True),
        (wrapped(psycopg.errors.TooManyConnections("too many clients already")), True),
        (wrapped(psycopg.errors.QueryCanceled("canceling statement due to timeout")), True),
        (InterfaceError("connection already closed"), True),
        (wrapped(sqlite3.OperationalError("unable to open database file")), True),
        (wrapped(sqlite3.OperationalError("database is locked")), True),
        # Mistakes of ours, not an outage: answered 503 as well, but logged as errors.
        (wrapped(sqlite3.OperationalError("no such table: articles_article")), False),
        (wrapped(psycopg.errors.LockNotAvailable("could not obtain lock")), False),
    ],
)
def test_lost_connections_are_told_from_bad_queries(error, lost):
    assert is_lost_connection(error) is lost


def test_a_bad_query_gets_the_503_page_and_is_logged_as_an_error_every_time(
    client, caplog, monkeypatch
):
    article = ArticleFactory()
    mistake = wrapped(sqlite3.OperationalError("no such column: articles_article.subtitle"))

    def get_object(self, queryset=None):
        raise mistake

    monkeypatch.setattr("articles.views.ArticleDetailView.get_object", get_object)
    with caplog.at_level(logging.ERROR, logger="newsportal.outage"):
        for _ in range(2):
            assert client.get(article.get_absolute_url()).status_code == 503
    errors = [record for record in caplog.records if record.name == "newsportal.outage"]
    assert len(errors) == 2
    assert all(record.levelno == logging.ERROR for record in errors)
    assert errors[0].exc_info[1] is mistake


def test_an_outage_is_logged_once_per_interval_and_other_errors_every_time():
    once = OncePerOutageInterval(seconds=30)
    outage = logging.makeLogRecord({"msg": "down", "database_outage": True})
    lost = wrapped(psycopg.OperationalError("connection failed"))
    request_error = logging.makeLogRecord({"msg": "503", "exc_info": (type(lost), lost, None)})
    mistake = ValueError("a mistake of ours")
    other = logging.makeLogRecord({"msg": "500", "exc_info": (ValueError, mistake, None)})
    assert [once.filter(outage), once.filter(request_error), once.filter(outage)] == [
        True,
        False,
        False,
    ]
    assert once.filter(other) and once.filter(other)


# A database wait as psycopg's: code whose module is the driver's, blocked in C (as in select()).
DRIVER_WAIT = compile("def wait(seconds):\n    time.sleep(seconds)\n", "psycopg/waiting.py", "exec")


def drivers_wait():
    namespace = {"__name__": "psycopg.waiting", "time": time}
    exec(DRIVER_WAIT, namespace)  # noqa: S102 - a function of a module named like the driver's
    return namespace["wait"]


def test_a_database_wait_past_the_limit_is_cut_short():
    wait = drivers_wait()
    started = time.monotonic()
    with pytest.raises(DatabaseHung), database_wait_limit(0.2):
        wait(5)
    assert time.monotonic() - started < 0.2 + 2 * WATCHDOG_TICK_SECONDS + 0.3


def test_the_sites_own_slow_work_is_never_cut_short():
    with database_wait_limit(0.1):
        time.sleep(1.2)  # past the limit, but not waiting on the database
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # disarmed after the request


def test_many_quick_queries_are_never_cut_short():
    """The limit is for one wait without an answer, not for a request's whole time."""
    wait = drivers_wait()
    with database_wait_limit(0.6):
        started = time.monotonic()
        while time.monotonic() - started < 2:
            wait(0.1)  # most of the time in the driver, as a page of many queries is
            Article.objects.exists()  # and each wait is a new query


def test_a_hung_database_wait_answers_the_503_page_and_drops_the_connection(client, monkeypatch):
    article = ArticleFactory()
    wait = drivers_wait()

    def get_object(self, queryset=None):
        wait(5)  # the query that never gets its answer

    monkeypatch.setattr("articles.views.ArticleDetailView.get_object", get_object)
    closed = []
    monkeypatch.setattr("newsportal.outage.connections.close_all", lambda: closed.append(True))
    with override_settings(DATABASE_WAIT_LIMIT_SECONDS=0.2):
        started = time.monotonic()
        response = client.get(article.get_absolute_url())
    assert_is_the_503_page(response)
    assert time.monotonic() - started < 2
    assert closed == [True]
