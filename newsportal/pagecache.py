"""Whole-page cache for anonymous readers that is never stale for more than PAGE_CACHE_SECONDS
(but while the database is down, when the last copy beats no page).

Most readers are anonymous and see the same page, so a cached copy of the rendered page serves
them without touching the database. These rules keep it correct:

* Only anonymous requests without a session or messages cookie are served from or stored in
  the cache, and only for views that declare it where they are defined: ``@page_cached`` on a
  function, ``page_cache = True`` on a class (``@never_page_cached`` / ``page_cache = False``
  says a page is left out on purpose; tests/pagecache/test_declarations.py keeps every URL
  declared). Responses that set a
  cookie, use the session, are not 200, or say ``private``/``no-store`` are never stored; so a
  logged-in reader never gets another person's page.
* Forms keep their CSRF protection: the token in a stored page is replaced by a placeholder, and
  every visitor gets their own token (and CSRF cookie) filled in when the copy is served.
* Freshness: every entry carries the generation number that editorial saves bump after their
  transaction commits (``bump_generation``), so on all app servers that share the cache (Redis)
  an edit, a publication or an approved comment is visible on the next request. What no save
  announces (a scheduled story's time arriving, a breaking banner expiring) is bounded by the
  entries' freshness, PAGE_CACHE_SECONDS (60 by default); that is also the bound on app servers
  with a per-process cache.
* Stale-if-error: a copy is kept PAGE_CACHE_STALE_SECONDS past its freshness, and served (marked
  ``X-Page-Cache: stale``) when the view could not reach the database (newsportal.outage) instead
  of the 503 page. Each page has one entry that carries its generation, so this last copy may
  predate the edits saved before the outage; a page that has gone since (404, a redirect) drops
  its copy when a reader next asks for it.
"""

import fnmatch
import functools
import hashlib
import re
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.module_loading import import_string

from newsportal.outage import is_outage_response

GENERATION_KEY = "pagecache:generation"
TOKEN_PLACEHOLDER = "__NEWSPORTAL_CSRF_TOKEN__"  # noqa: S105 - a marker, not a secret
_TOKEN_IN_FORM = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# Headers the outer middleware sets for each response; a stored copy must not carry old ones.
_PER_RESPONSE_HEADERS = {
    "set-cookie",
    "vary",
    "content-security-policy",
    "x-frame-options",
    "etag",
    "x-page-cache",
    "content-length",
}
_TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid")
# A page that answers these has gone or moved: its last copy is not to be shown in an outage.
_GONE_STATUSES = {301, 302, 303, 307, 308, 404, 410}

ViewT = TypeVar("ViewT", bound=Callable)


def page_cached(view: ViewT) -> ViewT:
    """Declare that anonymous readers may get this view's pages from the page cache."""
    return _declare(view, cached=True)


def never_page_cached(view: ViewT) -> ViewT:
    """Declare that this view is left out of the page cache on purpose (per-reader, a write, or
    a page whose cost does not call for it)."""
    return _declare(view, cached=False)


def _declare(view, *, cached):
    if isinstance(view, type):  # a class-based view or a Feed class
        view.page_cache = cached
        return view

    # A wrapper of our own, so a view function of Django's or a package's is never marked itself.
    @functools.wraps(view)
    def declared_view(*args, **kwargs):
        return view(*args, **kwargs)

    declared_view.page_cache = cached
    return declared_view


def page_cache_declaration(view: Callable) -> bool | None:
    """True, False or None (undeclared) for a resolved view: a function, a class-based view's
    as_view() function, or a callable such as a Feed instance."""
    declared = getattr(view, "page_cache", None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), "page_cache", None)
    return declared


def invalidate_on_change(sender, **kwargs):
    """Signal receiver: a saved or deleted row of a model readers see makes cached pages stale.

    A proxy model (e.g. a story seen from its discussion) counts as the model it stands for.
    """
    label = sender._meta.concrete_model._meta.label_lower
    if any(
        fnmatch.fnmatchcase(label, pattern) for pattern in settings.PAGE_CACHE_INVALIDATING_MODELS
    ):
        bump_generation()


def bump_generation() -> None:
    """Make every cached page a miss on every app server sharing the cache, after the commit."""

    def bump():
        if not cache.add(GENERATION_KEY, 1, timeout=None):
            cache.incr(GENERATION_KEY)

    transaction.on_commit(bump)


def is_anonymous_reader_request(request: HttpRequest) -> bool:
    """A reader's page view without a session: no login, nothing of theirs on the page.

    Such requests may share a cached page, and may read from a replica (newsportal.dbrouters).
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(("/admin/", "/accounts/", "/newsroom/"))
    )


def _declared_cached(request: HttpRequest) -> bool:
    """Whether the view at this address takes part, known before the cache is asked anything: a
    page left out (the health check, a write) costs a slow cache nothing."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return True  # CommonMiddleware's slash redirect or a 404: neither is stored
    return page_cache_declaration(match.func) is not False


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(key)
        # The entry carries its own expiry too: the bound then holds whatever the cache's clock
        # (Redis's own, or a backend that keeps entries a little longer) says.
        if (
            entry is not None
            and entry.get("generation") == generation
            and entry.get("expires", 0) > time.time()
        ):
            return self._serve(request, entry, state="hit")
        response = self.get_response(request)
        if is_outage_response(response):
            if entry is not None and self._may_serve_stale(entry):
                return self._serve(request, entry, state="stale")
            return response
        if not self._may_store(request, response):
            if entry is not None and response.status_code in _GONE_STATUSES:
                cache.delete(key)
            return response
        entry = self._entry(response, generation)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS)
        return self._serve(request, entry, state="miss")

    # --- which requests and responses take part

    @staticmethod
    def _may_use_cache(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and is_anonymous_reader_request(request)
            and "messages" not in request.COOKIES
            and _declared_cached(request)
        )

    @staticmethod
    def _may_serve_stale(entry):
        return (
            "stored_at" in entry  # entries of older releases lack it
            and entry["expires"] + settings.PAGE_CACHE_STALE_SECONDS > time.time()
        )

    @staticmethod
    def _may_store(request, response):
        match = request.resolver_match
        cache_control = response.get("Cache-Control", "")
        session = getattr(request, "session", None)
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not (session is not None and session.accessed)
            and match is not None
            and page_cache_declaration(match.func) is True
        )

    @staticmethod
    def _key(request):
        """One key per page; the generation is in the entry, so that the last copy of a page
        stays there for an outage after a save made it stale."""
        query = [
            (name, value)
            for name, value in parse_qsl(
                request.META.get("QUERY_STRING", ""), keep_blank_values=True
            )
            if not name.startswith(_TRACKING_PARAMETERS)
        ]
        address = f"{request.get_host()}{request.path}?{urlencode(sorted(query))}"
        return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"

    # --- storing and serving

    @staticmethod
    def _entry(response, generation):
        content = response.content
        match = _TOKEN_IN_FORM.search(content)
        if match:
            content = content.replace(match.group(1), TOKEN_PLACEHOLDER.encode())
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _PER_RESPONSE_HEADERS
        ]
        return {
            "content": content,
            "headers": headers,
            "generation": generation,
            "stored_at": time.time(),
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            "has_token": bool(match),
            "etag": hashlib.sha256(content).hexdigest()[:32],
            # What the view does per request besides rendering (counting a story view for "most
            # read"), replayed on every hit: ("dotted.path.to.function", args), called with the
            # request first.
            "on_hit": getattr(response, "page_cache_on_hit", None),
        }

    @staticmethod
    def _serve(request, entry, *, state):
        if state != "miss" and entry.get("on_hit"):
            function, args = entry["on_hit"]
            import_string(function)(request, *args)
        content = entry["content"]
        etag = entry["etag"]
        if entry["has_token"]:
            # The visitor's own token; get_token() also has the CSRF middleware set its cookie.
            content = content.replace(TOKEN_PLACEHOLDER.encode(), get_token(request).encode())
            # The page differs per visitor only by the token, which stays valid while their CSRF
            # cookie does: the cookie is part of the validator.
            cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
            etag = hashlib.sha256(f"{etag}:{cookie}".encode()).hexdigest()[:32]
        etag = f'"{etag}"'
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")) and (
            not entry["has_token"] or settings.CSRF_COOKIE_NAME in request.COOKIES
        ):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(content)
            for name, value in entry["headers"]:
                response[name] = value
        response["ETag"] = etag
        response["X-Page-Cache"] = state
        if state == "stale":
            response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
            # Not to be kept by a shared cache: the next reader should get the fresh page.
            public = "private" if entry["has_token"] else "public"
            response["Cache-Control"] = f"{public}, max-age=0, must-revalidate"
        elif entry["has_token"]:
            # Each copy carries its visitor's CSRF token: no shared cache (CDN) may keep it.
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
        else:
            response.setdefault(
                "Cache-Control",
                f"public, max-age=0, s-maxage={settings.PAGE_CACHE_SECONDS}, "
                f"stale-if-error={settings.PAGE_CACHE_STALE_SECONDS}",
            )
        patch_vary_headers(response, ["Cookie"])
        return response
