"""Readers' pages that every shared cache may keep, and the app's own cache of them.

Most readers are anonymous and see the same page, so these pages are built to be shared:

* Which views take part is declared where they are defined: ``@page_cached`` on a function,
  ``page_cache = True`` on a class (``@never_page_cached`` / ``page_cache = False`` says a page is
  left out on purpose; tests/pagecache/test_declarations.py keeps every URL declared).
* An anonymous reader's request for such a page (no session cookie, no messages cookie, GET or
  HEAD) gets the same bytes as every other one: no per-visitor token in the HTML (the newsletter
  box is protected by the browser's Origin and Sec-Fetch-Site headers instead:
  newsportal/security.py), no cookie, ``Cache-Control: public`` with an edge lifetime,
  stale-while-revalidate and stale-if-error, and the page's surrogate keys
  (newsportal/surrogate.py) for Varnish, Fastly and Cloudflare. Signed-in readers get
  ``private`` pages; so does any response that sets a cookie (``SharedCacheGuardMiddleware``).
* The app keeps its own copy too (PAGE_CACHE_SECONDS), for deployments without an edge and for
  the edge's misses: an entry records the version tokens of its keys and is fresh until one is
  purged, so one comment no longer empties every page. A purged page is rebuilt by one request
  while the others get the previous copy (at most PAGE_CACHE_GRACE_SECONDS): no stampede. Each
  worker serves its last copies from memory (newsportal/page_copies.py).
* Stale-if-error: a copy is kept PAGE_CACHE_STALE_SECONDS past its freshness, and served (marked
  ``X-Page-Cache: stale``) when the view could not reach the database (newsportal.outage) instead
  of the 503 page. A page that has gone since (404, a redirect) drops its copy when a reader next
  asks for it.
"""

import fnmatch
import functools
import hashlib
import io
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from newsportal import page_copies, surrogate
from newsportal.outage import is_outage_response
from newsportal.page_copies import content_etag  # noqa: F401 - views set the same ETags
from newsportal.page_copies import recent_entries as _recent_entries

_TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid")
# A page that answers these has gone or moved: its last copy is not to be shown in an outage.
_GONE_STATUSES = {301, 302, 303, 307, 308, 404, 410}

ViewT = TypeVar("ViewT", bound=Callable)


def page_cached(view: ViewT | None = None, *, keys: tuple[str, ...] = ()) -> ViewT:
    """Declare that anonymous readers' pages of this view are shared (edge and app caches).

    ``keys``: the list keys of what the view lists (``list-latest`` for a feed), which stories
    entering the list purge; the rows it shows name themselves (newsportal/surrogate.py).
    ``@page_cached`` or ``page_cached(view, keys=(...))``; on a class, ``page_cache = True`` and
    ``surrogate_keys = (...)``.
    """
    if view is None:
        return functools.partial(page_cached, keys=keys)
    return _declare(view, cached=True, keys=keys)


def never_page_cached(view: ViewT) -> ViewT:
    """Declare that this view is left out of the page cache on purpose (per-reader, a write, or
    a page whose cost does not call for it)."""
    return _declare(view, cached=False)


def _declare(view, *, cached, keys=()):
    if isinstance(view, type):  # a class-based view or a Feed class
        view.page_cache = cached
        if keys:
            view.surrogate_keys = keys
        return view

    # A wrapper of our own, so a view function of Django's or a package's is never marked itself.
    @functools.wraps(view)
    def declared_view(*args, **kwargs):
        return view(*args, **kwargs)

    declared_view.page_cache = cached
    declared_view.surrogate_keys = keys
    return declared_view


def _view_attribute(view: Callable, name: str):
    declared = getattr(view, name, None)
    if declared is None:
        declared = getattr(getattr(view, "view_class", None), name, None)
    return declared


def page_cache_declaration(view: Callable) -> bool | None:
    """True, False or None (undeclared) for a resolved view: a function, a class-based view's
    as_view() function, or a callable such as a Feed instance."""
    return _view_attribute(view, "page_cache")


def declared_keys(view: Callable) -> tuple[str, ...]:
    """The list keys a shared view declared (``page_cached(keys=...)``)."""
    return tuple(_view_attribute(view, "surrogate_keys") or ())


def _purge_keys_of(instance, *, created=False, deleted=False):
    keys = surrogate.keys_for_change(instance, created=created, deleted=deleted)
    if keys is None:
        # A model with no rule of its own: readers may see it in every page's frame.
        label = instance._meta.concrete_model._meta.label_lower
        matches = (fnmatch.fnmatchcase(label, p) for p in settings.PURGE_EVERYTHING_MODELS)
        keys = {surrogate.EVERYTHING} if any(matches) else set()
    surrogate.purge(keys)


def purge_on_change(sender, instance, created=False, **kwargs):
    """post_save receiver: purge what the saved row is shown on (newsportal/surrogate.py)."""
    _purge_keys_of(instance, created=created)


def purge_on_delete(sender, instance, **kwargs):
    """post_delete receiver: purge the pages the deleted row was shown on."""
    _purge_keys_of(instance, deleted=True)


def is_anonymous_reader_request(request: HttpRequest) -> bool:
    """A reader's page view without a session: no login, nothing of theirs on the page.

    Such requests may share a cached page, and may read from a replica (newsportal.dbrouters).
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(("/admin/", "/accounts/", "/newsroom/"))
    )


def _shared_view(request: HttpRequest) -> Callable | None:
    """The view at this address when it is a shared page, known before the cache is asked
    anything: a page left out (the health check, a write) costs a slow cache nothing."""
    return _shared_view_at(
        getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info
    )


@functools.lru_cache(maxsize=4096)
def _shared_view_at(urlconf: str, path: str) -> Callable | None:
    # Remembered: resolving walks the URL patterns, a good part of a hit's cost.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.func if page_cache_declaration(match.func) is True else None


def shared_cache_control() -> str:
    """What an anonymous reader's page tells browsers and shared caches. Browsers revalidate
    every time (an edge purge cannot reach them; the ETag makes it cheap); shared caches keep it
    until purged or EDGE_CACHE_SECONDS."""
    return (
        f"public, max-age=0, s-maxage={settings.EDGE_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.EDGE_STALE_WHILE_REVALIDATE_SECONDS}, "
        f"stale-if-error={settings.EDGE_STALE_IF_ERROR_SECONDS}"
    )


@functools.lru_cache(maxsize=4096)
def _page_key(host: str, path: str, query_string: str) -> str:
    """One key per page, tracking parameters aside; freshness is in the entry, so that the last
    copy of a page stays there for an outage after a purge made it stale. Remembered: the same
    few pages are asked for over and over."""
    query = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if not name.startswith(_TRACKING_PARAMETERS)
    ]
    address = f"{host}{path}?{urlencode(sorted(query))}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Near the top of the stack: a hit costs no session, CSRF, auth or messages work, and a
    response to store has been through all of them (so a cookie any of them set is seen)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = _shared_view(request)
        if view is None:
            response = self.get_response(request)
            # Not a shared page: no shared cache may keep it, even one that would by default
            # (Varnish keeps a 200 without Cache-Control for two minutes).
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, max-age=0, must-revalidate"
            return response
        if not self._is_shared_request(request):
            if _view_attribute(view, "signed_in_from_shared_copy") and self._may_share(request):
                self._prepare_shared_copy(request, view)
            response = self.get_response(request)
            # A signed-in reader's copy of a shared page: theirs alone, in no shared cache.
            if "public" in response.get("Cache-Control", "") or not response.has_header(
                "Cache-Control"
            ):
                response["Cache-Control"] = "private, max-age=0, must-revalidate"
            return response

        key = self._key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
        entry, fresh = _lookup(key)
        if fresh:
            return page_copies.serve(request, entry, state="hit")
        rebuild_lock = f"{key}:rebuild"
        if entry is not None and not cache.add(
            rebuild_lock, 1, timeout=settings.PAGE_CACHE_GRACE_SECONDS
        ):
            # Another request is rebuilding this page: the previous copy, briefly.
            return page_copies.serve(request, entry, state="grace")
        try:
            return self._build(request, key, entry, declared_keys(view))
        finally:
            if entry is not None:
                cache.delete(rebuild_lock)

    def _prepare_shared_copy(self, request, view):
        """Make sure the anonymous readers' copy a signed-in reader's page is made from
        (``signed_in_page``) is current: with an edge in front, anonymous readers seldom reach
        the app, so the copy would otherwise expire and every signed-in reader pay for a whole
        page. Built as an anonymous reader's request (no cookie at all) would build it, by one
        request at a time; the others build their whole page meanwhile."""
        key = self._key(request)
        entry, fresh = _lookup(key)
        rebuild_lock = f"{key}:rebuild"
        if fresh or not cache.add(rebuild_lock, 1, timeout=settings.PAGE_CACHE_GRACE_SECONDS):
            return
        self._build(_anonymous_twin(request), key, entry, declared_keys(view))
        # Nothing kept (a redirect, a 404, a page purged while it was built): the lock stays
        # until it expires, so the next signed-in readers do not build it again and again.
        if _lookup(key)[1]:
            cache.delete(rebuild_lock)

    @staticmethod
    def _may_share(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and (not settings.SECURE_SSL_REDIRECT or request.is_secure())
        )

    def _build(self, request, key, entry, list_keys):
        started = time.time()
        with surrogate.collecting() as keys:
            surrogate.add(surrogate.EVERYTHING, surrogate.BREAKING, *list_keys)
            response = self.get_response(request)
        if is_outage_response(response):
            if entry is not None and self._may_serve_stale(entry):
                return page_copies.serve(request, entry, state="stale")
            return response
        if not self._is_shareable(request, response):
            if entry is not None and response.status_code in _GONE_STATUSES:
                cache.delete(key)
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, max-age=0, must-revalidate"
            return response
        response["Cache-Control"] = shared_cache_control()
        for name, value in surrogate.header_values(keys).items():
            response[name] = value
        versions = surrogate.versions_for_storing(keys, built_since=started) if key else None
        if versions is None:
            if key:
                # A key was purged while this page was built: it may predate the change, so
                # no cache keeps it for more than a moment.
                patch_cache_control(response, s_maxage=1)
                response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ["Cookie"])
            return response
        entry = page_copies.make_entry(response, versions)
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS)
        _recent_entries.put(key, entry)
        return page_copies.serve(request, entry, state="miss")

    # --- which requests and responses take part

    @staticmethod
    def _is_shared_request(request):
        return (
            is_anonymous_reader_request(request)
            and "messages" not in request.COOKIES
            # SecurityMiddleware, further in, sends plain-HTTP readers to HTTPS.
            and (not settings.SECURE_SSL_REDIRECT or request.is_secure())
        )

    @staticmethod
    def _stored_entry(key):
        if key is None:
            return None
        entry = cache.get(key)
        if not isinstance(entry, dict) or entry.get("format") != page_copies.ENTRY_FORMAT:
            return None
        return entry

    @staticmethod
    def _is_fresh(entry):
        return entry["expires"] > time.time() and surrogate.still_current(entry["versions"])

    @staticmethod
    def _may_serve_stale(entry):
        return entry["expires"] + settings.PAGE_CACHE_STALE_SECONDS > time.time()

    @staticmethod
    def _is_shareable(request, response):
        cache_control = response.get("Cache-Control", "")
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and not (session is not None and session.accessed)
        )

    @staticmethod
    def _key(request):
        return _page_key(request.get_host(), request.path, request.META.get("QUERY_STRING", ""))


def _lookup(key) -> tuple[dict | None, bool]:
    """The stored copy of a page and whether it is fresh. This process's copy first: current as
    of every purge announced so far, so a hit costs no round trip to Redis at all."""
    entry = _recent_entries.get(key)
    if entry is not None and entry["expires"] > time.time():
        return entry, True
    entry = AnonymousPageCacheMiddleware._stored_entry(key)
    if entry is not None and AnonymousPageCacheMiddleware._is_fresh(entry):
        _recent_entries.put(key, entry)
        return entry, True
    return entry, False


def _anonymous_twin(request: HttpRequest) -> HttpRequest:
    """The same request as an anonymous reader would make it: no cookie, so nothing of the
    reader's (session, CSRF token, messages) can reach what is built for everyone."""
    environ = {name: value for name, value in request.META.items() if name != "HTTP_COOKIE"}
    environ["wsgi.input"] = io.BytesIO()
    environ["REQUEST_METHOD"] = "GET"
    return WSGIRequest(environ)


def signed_in_page(request, parts: dict[str, Callable[[], str]]) -> HttpResponse | None:
    """A signed-in reader's page made from the anonymous readers' current copy of it: the regions
    that are theirs rendered for them (``parts``, besides the account menu and the messages every
    page has), the rest as every reader gets it. None when there is no current copy (the view
    then builds the whole page). The response is this reader's alone: ``private``, like every
    page of a signed-in reader (AnonymousPageCacheMiddleware)."""
    if not AnonymousPageCacheMiddleware._may_share(request):
        return None
    entry, fresh = _lookup(AnonymousPageCacheMiddleware._key(request))
    if not fresh:
        return None
    content = page_copies.with_reader_parts(
        entry["content"],
        {
            "account": lambda: render_to_string("includes/_account_nav.html", request=request),
            "messages": lambda: render_to_string("includes/_messages.html", request=request),
            **parts,
        },
    )
    if content is None:
        return None
    content_type = next((v for k, v in entry["headers"] if k.lower() == "content-type"), None)
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "reader"  # made from the shared copy, with this reader's parts
    return response


class SharedCacheGuardMiddleware:
    """Outermost: a response that sets a cookie is never offered to a shared cache, whatever
    set it (a message shown and consumed, a session started, a CSRF token asked for)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
            for name in settings.SURROGATE_KEY_HEADERS:
                if response.has_header(name):
                    del response[name]
        return response
