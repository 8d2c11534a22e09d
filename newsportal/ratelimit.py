"""Rate limits on what anonymous people and readers can trigger, in one place.

Every policy is named in ``settings.RATE_LIMITS`` as (how many, per how many seconds). Hits are
counted in the cache, in a window that opens with the first hit, so all app servers sharing Redis
share the count. At the limit ``hit()`` raises ``RateLimited``, which carries the policy, the
most seconds until the window ends and a message for the reader; views answer it with status
429 (or, for a limit that must not tell anything, such as sign-ups of one address, behave as if
it worked).
"""

from django.conf import settings

from .counters import current, increment


class RateLimited(Exception):
    """Over the limit of ``policy``; the window ends within ``retry_after`` seconds."""

    def __init__(self, policy: str, retry_after: int):
        self.policy = policy
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def message(self) -> str:
        minutes = max(1, -(-self.retry_after // 60))
        return (
            f"You are doing that too often. Please wait {minutes} minute{'s' * (minutes > 1)} "
            "and try again."
        )


def policy(name: str) -> tuple[int, int]:
    """(how many, per how many seconds) for the policy ``name``; a typo fails loudly."""
    limit, seconds = settings.RATE_LIMITS[name]
    return int(limit), int(seconds)


def hit(name: str, key: object) -> None:
    """Count one hit of ``key`` (an address, an account) against the policy ``name``.

    Raises RateLimited once the window holds more than the policy allows.
    """
    limit, seconds = policy(name)
    # The window opens with the first hit and lasts ``seconds`` (the counter's lifetime), so a
    # burst cannot straddle a clock boundary and get twice the limit.
    count = increment(_counter(name, key), timeout=seconds)
    if count > limit:
        raise RateLimited(name, retry_after=seconds)


def allowed(name: str, key: object) -> bool:
    """``hit()`` for callers that go on either way: False once over the limit."""
    try:
        hit(name, key)
    except RateLimited:
        return False
    return True


def used_up(name: str, key: object) -> bool:
    """Whether ``key`` has had all the hits the policy ``name`` allows, without counting one.

    For limits on failures: check this before each try, ``hit()`` after each failure.
    """
    limit, _seconds = policy(name)
    return current(_counter(name, key)) >= limit


def _counter(name: str, key: object) -> str:
    return f"ratelimit:{name}:{key}"
