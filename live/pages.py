"""Which updates a reader's page of live coverage shows, at addresses that stay the same.

The story's own address shows the newest ``PER_PAGE`` updates. Older ones are on pages of fixed
blocks of numbers (``?page=k`` holds updates (k-1)*PER_PAGE+1 … k*PER_PAGE, live/models.py's
``sequence``), so an update stays at the same address however many come after it, and each page
is one indexed range query whatever the length of the coverage. ``?order=oldest`` reads the same
blocks from the first, for readers arriving late.
"""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404

from .models import LiveCoverage, LiveEntry

# Part of every older page's address: changing it moves every update to another page.
PER_PAGE = 30
KEY_EVENTS = 20
OLDEST = "oldest"


def block_of(sequence: int) -> int:
    return max(1, math.ceil(sequence / PER_PAGE))


def block_count(coverage: LiveCoverage) -> int:
    return block_of(coverage.last_sequence)


def _is_on_main_page(coverage: LiveCoverage, sequence: int) -> bool:
    # The main page shows the newest PER_PAGE updates still there (the pinned one above them):
    # every number among the last PER_PAGE posted is one of them.
    return sequence > coverage.last_sequence - PER_PAGE


def query_for(*, page: int | None = None, oldest_first: bool = False) -> str:
    """The query string ("?page=3", "?order=oldest&page=2", "") of a page of updates."""
    params = {}
    if oldest_first:
        params["order"] = OLDEST
    if page is not None and not (oldest_first and page == 1):
        params["page"] = page
    return f"?{urlencode(params)}" if params else ""


def location_of(coverage: LiveCoverage, entry: LiveEntry) -> str:
    """The query string of the newest-first page that holds ``entry`` ("" for the main page)."""
    if entry.is_pinned or _is_on_main_page(coverage, entry.sequence):
        return ""
    return query_for(page=block_of(entry.sequence))


def _page_number(value: str | None, *, last: int) -> int | None:
    if value is None:
        return None
    # ASCII digits only ("²" is a digit to str.isdigit()), and never more than the blocks there are.
    if not (value.isascii() and value.isdigit() and len(value) < 10) or not 1 <= int(value) <= last:
        raise Http404("There is no such page of updates.")
    return int(value)


@dataclass
class LivePage:
    """One reader's page of a live coverage: what it lists and where its links go."""

    coverage: LiveCoverage
    base_url: str  # the story's address, the main page
    page: int | None  # None: the main page (newest updates, pinned first)
    oldest_first: bool
    entries: list = field(default_factory=list)
    pinned: LiveEntry | None = None
    key_events: list = field(default_factory=list)

    @classmethod
    def build(cls, coverage: LiveCoverage, query, *, base_url: str) -> "LivePage":
        """The page ``query`` (request.GET) asks for, in two queries: the pinned update with the
        key events, and the updates of the page. Http404 for a page that does not exist."""
        oldest_first = query.get("order") == OLDEST
        page = _page_number(query.get("page"), last=block_count(coverage))
        if oldest_first and page is None:
            page = 1
        live_page = cls(coverage, base_url, page, oldest_first)
        live_page._load()
        return live_page

    @property
    def is_main(self) -> bool:
        return self.page is None

    @property
    def shows_pinned_first(self) -> bool:
        return self.is_main or (self.oldest_first and self.page == 1)

    def _load(self):
        entries = LiveEntry.objects.for_readers().filter(coverage=self.coverage)
        flagged = list(
            entries.filter(Q(is_pinned=True) | Q(is_key_event=True)).order_by(
                "-is_pinned", "-sequence"
            )[: KEY_EVENTS + 1]
        )
        if flagged and flagged[0].is_pinned and self.shows_pinned_first:
            self.pinned = flagged[0]
        self.key_events = [entry for entry in flagged if entry.is_key_event][:KEY_EVENTS]
        if self.is_main:
            listed = entries.exclude(is_pinned=True).order_by("-sequence")[:PER_PAGE]
        else:
            first = (self.page - 1) * PER_PAGE + 1
            listed = entries.filter(sequence__range=(first, first + PER_PAGE - 1))
            if self.pinned is not None:
                listed = listed.exclude(pk=self.pinned.pk)  # shown above: one anchor per page
            listed = listed.order_by("sequence" if self.oldest_first else "-sequence")
        self.entries = list(listed)

    @property
    def key_event_links(self) -> list[tuple[LiveEntry, str]]:
        return [(entry, self.link_to(entry)) for entry in self.key_events]

    def link_to(self, entry: LiveEntry) -> str:
        """Where a link to ``entry`` goes from this page: its anchor here, or the page holding it."""
        shown = {e.pk for e in self.entries} | ({self.pinned.pk} if self.pinned else set())
        if entry.pk in shown:
            return f"#{entry.anchor}"
        if self.oldest_first:
            where = query_for(page=block_of(entry.sequence), oldest_first=True)
        else:
            where = location_of(self.coverage, entry)
        return f"{self.base_url}{where}#{entry.anchor}"

    # --- links to the neighbouring pages and the other order

    def _at(self, **where) -> str:
        return self.base_url + query_for(**where)

    @property
    def newest_first_link(self) -> str:
        return self.base_url

    @property
    def oldest_first_link(self) -> str:
        return self._at(oldest_first=True)

    @property
    def earlier_link(self) -> str | None:
        """The page of the updates posted before this page's, or None."""
        if self.oldest_first:
            return self._at(page=self.page - 1, oldest_first=True) if self.page > 1 else None
        if self.is_main:
            oldest_shown = self.coverage.last_sequence - PER_PAGE
            return self._at(page=block_of(oldest_shown)) if oldest_shown > 0 else None
        return self._at(page=self.page - 1) if self.page > 1 else None

    @property
    def later_link(self) -> str | None:
        """The page of the updates posted after this page's, or None."""
        if self.oldest_first:
            if self.page >= block_count(self.coverage):
                return None
            return self._at(page=self.page + 1, oldest_first=True)
        if self.is_main:
            return None
        if self.page * PER_PAGE >= self.coverage.last_sequence - PER_PAGE:
            return self.base_url  # every update after this block is on the main page
        return self._at(page=self.page + 1)
