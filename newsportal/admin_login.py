"""Brute-force limits on the admin's login, like allauth's on the readers' (ACCOUNT_RATE_LIMITS).

Failed attempts are counted per address and per username (``admin-login-failed-ip`` and
``admin-login-failed-username`` in RATE_LIMITS). Once either is used up, every attempt is refused
before any password is checked, the right one included, until the window ends. The refusal is the
same for accounts that exist and for names that do not, so it tells nobody which usernames are
real. A successful login does not clear the counts: one known password must not buy unlimited
guesses at the others.
"""

import hashlib

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from . import ratelimit
from .proxy import client_ip

LOCKED_OUT = (
    "Too many failed attempts to log in. Please wait %(wait)s and try again, or ask "
    "an administrator to reset your password."
)


def _limited_keys(request, username: str) -> list[tuple[str, str]]:
    # Hashed, so any text typed as a username makes a short cache key; case-folded, so "Editor"
    # and "editor" share one count.
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return [
        ("admin-login-failed-ip", client_ip(request) or "unknown"),
        ("admin-login-failed-username", account),
    ]


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's login form, which refuses everything once too many attempts have failed."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # nothing is checked, so nothing is counted
        limits = _limited_keys(self.request, username)
        locked = [name for name, key in limits if ratelimit.used_up(name, key)]
        if locked:
            minutes = max(1, max(ratelimit.policy(name)[1] for name in locked) // 60)
            wait = f"{minutes} minute{'s' * (minutes > 1)}"
            raise ValidationError(LOCKED_OUT, code="locked_out", params={"wait": wait})
        try:
            return super().clean()
        except ValidationError:  # a wrong password, an unknown name, an inactive or non-staff user
            for name, key in limits:
                ratelimit.allowed(name, key)  # counts the failure; the check above refuses
            raise
