"""The reader's own address when the site runs behind load balancers or reverse proxies.

Rate limits (search, comments, sign-ups), the "most read" reload filter and the request log
all key on REMOTE_ADDR. Behind a proxy that is the proxy's address, so one reader's limit
would become the whole site's. Each proxy appends the address it received the request from to
X-Forwarded-For; with TRUSTED_PROXY_COUNT proxies of our own in front, the entry that many
places from the right is the one our outermost proxy saw, the reader's. Entries further left
were written by the client and are never trusted, so nobody can dodge a limit by sending the
header themselves.
"""

import ipaddress

from django.conf import settings


def forwarded_client_address(header: str, trusted_proxies: int) -> str | None:
    """The address our outermost proxy saw, or None when the header cannot be trusted."""
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if trusted_proxies <= 0 or len(hops) < trusted_proxies:
        return None
    candidate = hops[-trusted_proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a malformed or hostile value: keep the proxy's own address
        return None


class TrustedProxyMiddleware:
    """Near the top of the stack: put the reader's address in REMOTE_ADDR for everything after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        trusted = settings.TRUSTED_PROXY_COUNT
        if trusted:
            header = request.META.get("HTTP_X_FORWARDED_FOR", "")
            # Only the right end is ours: cut from the left, or a client could push it out.
            address = forwarded_client_address(header[-2000:], trusted)
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


def client_ip(request) -> str | None:
    """The reader's address, for rate limits and logs: REMOTE_ADDR, which TrustedProxyMiddleware
    has already set to what our outermost proxy saw."""
    return request.META.get("REMOTE_ADDR") or None
