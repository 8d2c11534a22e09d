"""Where to send a reader back to after a form: only a path on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_site_path(request: HttpRequest, candidate: str | None) -> bool:
    """Whether ``candidate`` is a path on this site, starting with one "/".

    Another host would be an open redirect, and a bare word such as "home" would be looked up as a
    view name by redirect() (or taken relative to the current page by a browser).
    """
    return bool(
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )


def safe_next(request: HttpRequest, candidate: str | None, *, fallback: str) -> str:
    """``candidate`` when it is a path on this site (see ``is_site_path``), otherwise ``fallback``."""
    return candidate if is_site_path(request, candidate) else fallback
