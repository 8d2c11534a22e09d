"""Pieces the newsroom's admin pages share: read-only records, CSV exports, and lists that
survive hand-edited filters."""

import csv
import re
from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.utils.dateparse import parse_date, parse_datetime

# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ReadOnlyAdminMixin:
    """Records that are proof of something (consents, unsubscriptions, the moderation log):
    visible, never added, edited or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def spreadsheet_safe(value: object) -> str:
    """``value`` as CSV text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(
    *, filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]
) -> StreamingHttpResponse:
    """A CSV download, streamed row by row so a large export never sits in memory; every cell
    is defused against formula injection."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([spreadsheet_safe(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The parts of a date drill-down (date_hierarchy, or any __year/__month/__day lookup) the list can
# turn into a range: Django adds a year, month or day and converts to UTC, so the first and last
# years of the calendar overflow too.
DATE_PART_RANGES = {"year": range(2, 9999), "month": range(1, 13), "day": range(1, 32)}
DATE_PART = re.compile(r"__(year|month|day)$")


# A range filter on a date (Django's date filters send __gte and __lt) at the first or last year
# of the calendar overflows the same way, converting to UTC or adding the range's day.
DATE_BOUND = re.compile(r"__(gte|gt|lte|lt)$")
EDGE_YEARS = (1, 9999)


def _edge_date(value: str) -> bool:
    try:
        parsed = parse_datetime(value) or parse_date(value)
    except ValueError:
        return False  # an impossible date: Django's own check refuses it
    return parsed is not None and parsed.year in EDGE_YEARS


def _unusable_filter(name: str, value: str) -> bool:
    if "\x00" in name or "\x00" in value:
        return True  # PostgreSQL refuses NUL in any string, after the list has been built
    if DATE_BOUND.search(name) and _edge_date(value.strip()):
        return True
    part = DATE_PART.search(name)
    number = value.strip()
    if part and re.fullmatch(r"-?\d+", number):
        return len(number) > 5 or int(number) not in DATE_PART_RANGES[part.group(1)]
    return False


class AdminListFilterGuardMiddleware:
    """An admin list asked for a filter value the database or the calendar cannot take (a NUL
    byte, a year such as 99999999999999999999) goes where Django sends every other invalid
    filter: the list again with "?e=1", which says the filter is wrong. Django redirects on the
    errors it expects; these escape it as a 500 (an OverflowError working out the date range,
    PostgreSQL refusing a NUL when the list is read). The pickers' autocomplete, asked to find a
    NUL byte, finds nothing instead of failing the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match.namespace != admin.site.name:
            return None
        if match.url_name == "autocomplete":
            if any("\x00" in value for value in request.GET.values()):
                return JsonResponse({"results": [], "pagination": {"more": False}})
            return None
        if not (match.url_name or "").endswith("_changelist"):
            return None
        if any(
            _unusable_filter(name, value)
            for name, values in request.GET.lists()
            for value in values
        ):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return None
