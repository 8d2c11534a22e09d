"""Where to send a reader back to after a form: only a path on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, candidate: str | None, *, fallback: str) -> str:
    """``candidate`` when it is a path on this site, otherwise ``fallback``.

    Only paths starting with one "/" are taken: another host would be an open redirect, and a bare
    word such as "home" would be looked up as a view name by redirect().
    """
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return fallback
