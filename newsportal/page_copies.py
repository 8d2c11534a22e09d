"""A stored copy of a readers' page (newsportal/pagecache.py): made from the response built for
anonymous readers, kept in this process's memory for as long as the purge feed says it is
current, and served again, with the headers that page was built with.

A hit is most of what a busy site serves, so serving one is kept to the least: the copy's
headers are checked once, when it is first served from memory, and copied for each hit after.
"""

import functools
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.module_loading import import_string

from newsportal import purge_feed

# Entries of older releases (a global generation, a CSRF placeholder) are rebuilt, not served.
ENTRY_FORMAT = 2
# Headers that belong to one response; a stored copy keeps the others (security headers, CSP:
# the same for every reader's copy, and a hit is served without the middleware that sets them).
_PER_RESPONSE_HEADERS = {"set-cookie", "vary", "etag", "x-page-cache", "content-length", "age"}
# What a 304 keeps of the stored headers: what caches in between need to keep their copy.
_NOT_MODIFIED_HEADERS = {"cache-control", "xkey", "surrogate-key", "cache-tag"}


class RecentEntries:
    """The entries this process served last, kept in its memory and served without asking
    Redis anything, for as long as the purge feed (newsportal/purge_feed.py) says none of their
    keys was purged; without a working feed, nothing is kept. Thread-safe; the least recently
    used go first. ``size_setting`` names the setting that bounds how many are kept."""

    def __init__(self, size_setting: str):
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()
        self._size_setting = size_setting
        _memories.append(self)

    def get(self, key):
        """The entry, current as of every purge published before this call, or None."""
        if key is None or not _apply_arrived_purges():
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def forget(self, keys) -> None:
        """Drop the entries that show any of ``keys``: a purge made in this process is seen by
        its next request without waiting for the feed to deliver it back."""
        keys = set(keys)
        if keys:
            with self._lock:
                for stale in [k for k, e in self._entries.items() if keys & e["versions"].keys()]:
                    del self._entries[stale]

    def put(self, key, entry):
        if not purge_feed.feed.subscribed_now:
            return
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > getattr(settings, self._size_setting):
                self._entries.popitem(last=False)

    def clear(self):
        with self._lock:
            self._entries.clear()


# Every memory of this process: the feed's keys are read once and applied to all of them.
_memories: list[RecentEntries] = []


def _apply_arrived_purges() -> bool:
    """Apply the purges the feed has brought since the last call to every memory; False (and
    every memory emptied) while the feed cannot be relied on."""
    purged = purge_feed.feed.arrived()
    if purged is None:
        clear_memories()
        return False
    forget_everywhere(purged)
    return True


def forget_everywhere(keys) -> None:
    """A purge made in this process: every memory drops what shows ``keys`` at once."""
    for memory in _memories:
        memory.forget(keys)


def clear_memories() -> None:
    for memory in _memories:
        memory.clear()


recent_entries = RecentEntries("PAGE_CACHE_LOCAL_ENTRIES")


def content_etag(content: bytes) -> str:
    """The ETag of a response's bytes, the same whether the page cache or the view sets it."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def make_entry(response, versions) -> dict:
    """What is stored of a page built for anonymous readers."""
    content = response.content
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in _PER_RESPONSE_HEADERS
    ]
    now = time.time()
    return {
        "format": ENTRY_FORMAT,
        "content": content,
        "headers": headers,
        "versions": versions,
        "stored_at": now,
        "expires": now + settings.PAGE_CACHE_SECONDS,
        "etag": content_etag(content).strip('"'),
        # What the view does per request besides rendering (counting a story view for "most
        # read"), replayed on every hit: ("dotted.path.to.function", args), called with the
        # request first.
        "on_hit": getattr(response, "page_cache_on_hit", None),
    }


# The regions of a shared page that differ from one reader to another, marked by the templates
# (base.html, includes/_header.html, the story page's discussion): a signed-in reader's page is
# the anonymous readers' copy with these regions rendered for them (pagecache.signed_in_page).
# A marker cannot come from what a page shows: text is escaped, and the rich-text sanitiser
# drops HTML comments (articles/text.py).
_READER_PART = re.compile(rb"<!--reader:([a-z]+)-->.*?<!--/reader:\1-->", re.S)


def with_reader_parts(content: bytes, parts: dict[str, Callable[[], str]]) -> bytes | None:
    """``content`` with each marked region replaced by what its renderer in ``parts`` gives; None
    when the page's regions and ``parts`` are not the same (a page of another release, or a
    region nobody renders: never a page with another reader's part, nor an anonymous one)."""
    # Checked before anything is rendered: a part may change the session (the discussion takes
    # a failed post's draft out of it), which must not happen for a page then built whole.
    names = [match.group(1).decode() for match in _READER_PART.finditer(content)]
    if sorted(names) != sorted(parts):
        return None

    def fill(match):
        name = match.group(1).decode()
        # Marked still: the page is the same as one built whole for this reader.
        return b"<!--reader:%s-->%s<!--/reader:%s-->" % (
            match.group(1),
            parts[name]().encode(),
            match.group(1),
        )

    return _READER_PART.sub(fill, content)


def serve(request, entry, *, state):
    """A stored page for this request: ``state`` is what X-Page-Cache says (hit, miss, grace,
    stale)."""
    if state != "miss" and entry.get("on_hit"):
        function, args = entry["on_hit"]
        _on_hit_function(function)(request, *args)
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if state == "hit" and not if_none_match:
        # Most hits: a copy in this process's memory, whose headers were checked once.
        response = HttpResponse(entry["content"])
        response.headers = _CheckedHeaders(_checked_hit_headers(entry))
        return response
    return _response(entry, state=state, if_none_match=if_none_match or "")


@functools.lru_cache(maxsize=64)
def _on_hit_function(dotted_path: str) -> Callable:
    return import_string(dotted_path)


def _checked_hit_headers(entry) -> dict:
    """A full hit's headers, built once per entry (it stays in memory for many hits)."""
    checked = entry.get("checked_hit_headers")
    if checked is None:
        checked = _response(entry, state="hit", if_none_match="").headers._store
        entry["checked_hit_headers"] = checked
    return checked


def _response(entry, *, state, if_none_match):
    etag = f'"{entry["etag"]}"'
    if if_none_match and etag in parse_etags(if_none_match):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"])
        response["Content-Length"] = str(len(entry["content"]))
    for name, value in entry["headers"]:
        if response.status_code == 200 or name.lower() in _NOT_MODIFIED_HEADERS:
            response[name] = value
    response["ETag"] = etag
    response["X-Page-Cache"] = state
    if state == "stale":
        response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
        # Not to be kept by a shared cache: the next reader should get the fresh page.
        response["Cache-Control"] = "public, max-age=0, must-revalidate"
    elif state == "grace":
        patch_cache_control(response, s_maxage=1)
    patch_vary_headers(response, ["Cookie"])
    return response


class _CheckedHeaders(ResponseHeaders):
    """The headers of a page served from memory, as checked (latin-1, no newline) when that copy
    was first served: copied for each response, not checked again."""

    def __init__(self, checked: dict):
        self._store = checked.copy()
