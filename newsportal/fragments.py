"""Several cached fragments of one page in two round trips to the cache instead of two each.

``surrogate.cached_fragment`` reads an entry, then the versions of its keys: two round trips per
fragment, which on a page built from a handful of fragments cost more than some of the fragments
save. ``cached_fragments`` reads all the entries at once, then all their keys' versions at once;
an entry missing or stale is built and stored by ``cached_fragment`` itself, so the entries, the
keys the page gathers and the purge rules are exactly those of newsportal/surrogate.py.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from newsportal import surrogate

T = TypeVar("T")


def cached_fragments(
    builds: dict[str, Callable[[], T]], *, timeout: int | None = None
) -> dict[str, T]:
    """{name: value} for each ``name: build`` of ``builds``, as ``cached_fragment`` would give
    them; stale or missing ones are built in the order given (a build may rely on one before)."""
    timeout = settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout
    values = {}
    if timeout:
        # This process's copies first: often all of them.
        for name in builds:
            entry = surrogate.remembered_fragment(f"fragment:{name}")
            if entry is not None:
                values[name] = surrogate.fragment_value(entry)
    wanted = [f"fragment:{name}" for name in builds if name not in values]
    entries = cache.get_many(wanted) if timeout and wanted else {}
    keys = {key for entry in entries.values() for key in entry["versions"]}
    current = surrogate.current_versions(keys) if keys else {}
    for name, build in builds.items():
        if name in values:
            continue
        entry = entries.get(f"fragment:{name}")
        if entry is not None and all(
            current.get(key) == token for key, token in entry["versions"].items()
        ):
            values[name] = surrogate.fragment_value(entry, remember_as=f"fragment:{name}")
        else:
            values[name] = surrogate.cached_fragment(name, build, timeout=timeout)
    return {name: values[name] for name in builds}
