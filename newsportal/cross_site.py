"""Forms on pages every reader shares: cross-site posts refused without a per-visitor token.

A page that any cache may keep cannot carry a CSRF token (the token is per visitor, and so is
the cookie that goes with it). The newsletter box is on every page, so its endpoint checks what
the browser itself says about where a POST comes from, as OWASP recommends for this case
("Verifying Origin With Standard Headers", and Fetch Metadata):

* ``Sec-Fetch-Site`` (every current browser sends it): ``same-origin`` passes; ``cross-site``
  and ``same-site`` (a sibling subdomain we do not control) are refused.
* Otherwise ``Origin`` (sent with every POST by current browsers): it must be this site's own
  origin or one of CSRF_TRUSTED_ORIGINS; ``null`` (a sandboxed or privacy-stripped page) is
  refused.
* A browser that sends neither (old, or a proxy strips them) falls back to Django's token
  check, and when the post has no token the view asks the reader to confirm on a page of its own
  that carries one, with what they typed kept: a two-step form, never a lost sign-up.

Why this and not a token fetched by script: the form keeps working without JavaScript, and the
endpoint stays cheap. The newsletter sign-up is also double opt-in (nothing happens until the
address's owner clicks the emailed link) and rate-limited, which bounds what a forged post
could do even through a browser that sends none of these headers.
"""

import fnmatch
import functools
from collections.abc import Callable

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _allowed_origins(request) -> list[str]:
    return [f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS]


def _origin_allowed(origin: str, request) -> bool:
    # CSRF_TRUSTED_ORIGINS may name subdomains as Django does: "https://*.example.com".
    return any(
        origin == allowed or ("*" in allowed and fnmatch.fnmatchcase(origin, allowed))
        for allowed in _allowed_origins(request)
    )


def browser_says_same_origin(request) -> bool | None:
    """True or False from the browser's Fetch Metadata or Origin header; None when it says
    nothing either way."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site == "same-origin":
        return True
    if fetch_site in {"cross-site", "same-site"}:
        return False
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin != "null" and _origin_allowed(origin, request)
    return None  # "none" (typed, bookmarked) or no header: not a verdict


def _has_valid_token(request) -> bool:
    """Django's own check (cookie and token), without its logging of a failure."""

    def checked_view(request):  # a stand-in: process_view skips views marked csrf_exempt
        return None

    check = CsrfViewMiddleware(lambda request: None)
    return check.process_view(request, checked_view, (), {}) is None


def cross_site_posts_refused(confirm: Callable) -> Callable:
    """Decorate a view whose form sits on shared pages, without a token.

    ``confirm(request, *args, **kwargs)`` answers a post the browser said nothing about and that
    has no valid token: it shows the form again, filled in, with a token (a two-step form).
    """

    def decorate(view):
        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if request.method in SAFE_METHODS:
                return view(request, *args, **kwargs)
            verdict = browser_says_same_origin(request)
            if verdict is False:
                failure_view = import_string(settings.CSRF_FAILURE_VIEW)
                return failure_view(request, reason="This form was sent from another site.")
            if verdict is True or _has_valid_token(request):
                return view(request, *args, **kwargs)
            return confirm(request, *args, **kwargs)

        return csrf_exempt(checked)

    return decorate
