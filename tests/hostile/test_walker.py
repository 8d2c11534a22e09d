"""The walk can fail: a page that echoes its input unescaped, or that raises on a huge number,
is reported, each failure with the request that caused it."""

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from .counts import COUNTS, Counts
from .routes import routes
from .walker import Walker


def echo(request):
    # What the walk must catch: the query parameter put into the page as it came.
    return HttpResponse(f"<html><body><p>{request.GET.get('q', '')}</p></body></html>")


def overflow(request):
    number = int(request.GET.get("page", "0"))
    if number > 2**63:
        raise OverflowError("int too large")
    return HttpResponse("ok")


# The site's middleware looks the admin up by name.
urlpatterns = [path("echo/", echo), path("overflow/", overflow), path("admin/", admin.site.urls)]


@pytest.fixture
def _site_counts_kept():
    """This walk's planted failures stay out of the counts printed for the site."""
    saved = COUNTS.dump()
    yield
    kept = Counts()
    kept.add(saved)
    vars(COUNTS).update(vars(kept))


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_an_unescaped_reflection_and_an_exception_are_both_reported(_site_counts_kept):
    by_text = {route.text: route for route in routes()}
    echo_route, overflow_route = by_text["echo/"], by_text["overflow/"]
    failures = []
    for route, page in [(echo_route, "/echo/"), (overflow_route, "/overflow/")]:
        walker = Walker(route=route, role="anonymous", client=Client(raise_request_exception=True))
        walker.walk(page, hostile_paths=[], generic_turns=range(12))
        failures.extend(walker.failures)
    assert any("/echo/" in f and "reflected" in f and "hostile0001" in f for f in failures)
    assert any("/overflow/" in f and "OverflowError" in f for f in failures)
