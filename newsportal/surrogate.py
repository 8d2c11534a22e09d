"""Surrogate keys: every cacheable page names what it shows, and a change purges exactly that.

A page's keys are gathered while it is built. Every row of a model readers see that is loaded
from the database names itself (``post_init``: a story adds ``story-12``, its section
``section-3``, its discussion ``discussion-12``...), so a card, a related story or a most-read
entry is covered without the view having to list it. Views add the *list* keys of what they list
(``list-home``, ``list-section-3``...): a story that is published enters lists it was not loaded
by. Every cacheable page also carries ``site`` (a purge of everything) and ``breaking`` (the
banner on every page).

The keys go out in the headers the edge caches read (``xkey`` for Varnish's xkey module,
``Surrogate-Key`` for Fastly, ``Cache-Tag`` for Cloudflare), and the app's own page cache
(newsportal.pagecache) and fragment cache (``cached_fragment``) use the same keys: each key has a
version token in the shared cache, an entry records the tokens of its keys when stored, and a
purge gives the keys new tokens, so an entry of a purged key is stale on every app server at once.

What each change purges is decided by the apps that own the models (``articles/cache_keys.py``,
``comments/cache_keys.py``...), registered with ``purge_rule``; ``purge`` runs after the commit.
"""

import contextlib
import contextvars
import logging
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_init

from newsportal import page_copies, purge_feed
from newsportal.edge import purge_at_edge
from newsportal.page_copies import RecentEntries

logger = logging.getLogger("newsportal.surrogate")

T = TypeVar("T")

EVERYTHING = "site"
BREAKING = "breaking"
# Pages whose keys did not fit the headers carry this instead of their object keys; every purge
# of an object key purges it too, so such a page is never left stale.
OVERFLOW = "overflow"

# The keys of the page (or fragment) being built in this thread or task; None outside one.
_collecting: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "surrogate_keys", default=None
)
# Inside ``substitute_keys``: rows loaded name this key instead of themselves.
_substitute: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "surrogate_substitute", default=None
)

_VERSION_PREFIX = "sk:v:"


# --- gathering a page's keys


@contextlib.contextmanager
def collecting() -> Iterator[set[str]]:
    """Gather the keys of everything loaded or added inside; nested collections feed the outer."""
    keys: set[str] = set()
    outer = _collecting.get()
    token = _collecting.set(keys)
    try:
        yield keys
    finally:
        _collecting.reset(token)
        if outer is not None:
            outer.update(keys)


def add(*keys: str) -> None:
    """Name keys the page being built shows (list keys, mostly); nothing outside a page."""
    collected = _collecting.get()
    if collected is not None:
        collected.update(keys)


@contextlib.contextmanager
def substitute_keys(key: str) -> Iterator[None]:
    """Rows loaded inside name ``key`` instead of themselves: the section menu on every page is
    ``nav``, not eight section keys, so a story's purge set stays about the story."""
    add(key)
    token = _substitute.set(key)
    try:
        yield
    finally:
        _substitute.reset(token)


def register_model(model, key_of: Callable[[Any], str | None]) -> None:
    """Rows of ``model`` loaded while a page is built add ``key_of(row)`` to its keys."""

    def name_loaded_row(sender, instance, **kwargs):
        collected = _collecting.get()
        if collected is None or _substitute.get() is not None:
            return
        key = key_of(instance)
        if key is not None:
            collected.add(key)

    post_init.connect(name_loaded_row, sender=model, weak=False, dispatch_uid=f"sk-{model}")


# --- sending them


def header_values(keys: Iterable[str]) -> dict[str, str]:
    """The keys in each engine's header, within the smallest size limit of the three.

    Varnish refuses a response header line over http_resp_hdr_len (8 KB by default); Fastly's
    and Cloudflare's limit is 16 KB. Past SURROGATE_KEY_HEADER_BYTES the object keys are
    replaced by ``overflow`` (purged with every object), keeping the list keys.
    """
    ordered = sorted(set(keys))
    value = " ".join(ordered)
    if len(value) > settings.SURROGATE_KEY_HEADER_BYTES:
        ordered = sorted(
            {key for key in ordered if key.startswith("list-")} | {EVERYTHING, BREAKING, OVERFLOW}
        )
        value = " ".join(ordered)
    headers = {}
    for name in settings.SURROGATE_KEY_HEADERS:
        headers[name] = ",".join(ordered) if name.lower() == "cache-tag" else value
    return headers


# --- versions shared by the app servers


def _version_key(key: str) -> str:
    return f"{_VERSION_PREFIX}{key}"


def current_versions(keys: Iterable[str]) -> dict[str, int]:
    """The version token of each key; a key never purged (or evicted) has none."""
    keys = list(keys)
    found = cache.get_many([_version_key(key) for key in keys])
    return {key: found[_version_key(key)] for key in keys if _version_key(key) in found}


def new_token(*, purged_at: float | None) -> int:
    """A version token: the purge's time in microseconds (0 for a key given its first token)
    times 1,000 plus a random part, so two purges in the same microsecond still differ. An int,
    which Redis stores as it is (no pickling: a page's check reads some 30 of them)."""
    microseconds = 0 if purged_at is None else int(purged_at * 1e6)
    return microseconds * 1000 + 1 + secrets.randbelow(999)


def _purged_at(token) -> float:
    if not isinstance(token, int):
        return float("inf")  # not ours: count it as a purge just now
    return token // 1000 / 1e6


def versions_for_storing(keys: Iterable[str], *, built_since: float) -> dict[str, int] | None:
    """Tokens to store with an entry built from ``built_since`` (time.time()), or None when a key
    was purged while it was built: what it read may predate the change, so it must not be kept.

    A key without a token gets one now, so that a token lost later (an evicted key, a Redis
    restart) reads as a change, never as 'unchanged'.
    """
    keys = list(keys)
    versions = current_versions(keys)
    missing = [key for key in keys if key not in versions]
    if missing:
        for key in missing:
            # add(): another server may have just given the key its token; keep that one.
            cache.add(_version_key(key), new_token(purged_at=None), timeout=None)
        versions = current_versions(keys)
        if len(versions) < len(keys):
            return None  # the cache is not keeping tokens (unreachable): store nothing
    # A page built this soon after a purge may still predate it: app servers' clocks differ a
    # little, and a read replica may not have the change yet.
    limit = built_since - settings.PURGE_SETTLE_SECONDS
    if any(_purged_at(token) > limit for token in versions.values()):
        return None
    return versions


def still_current(versions: dict[str, int]) -> bool:
    """Whether no key of an entry stored with ``versions`` was purged since."""
    if not versions:
        return True
    return current_versions(versions) == versions


# --- purging


def purge(keys: Iterable[str]) -> None:
    """Purge ``keys`` in the app's caches and at the edge once the current transaction commits
    (at once outside one): a rolled-back change purges nothing, and readers never get a page
    rebuilt from the database before the change is visible there."""
    keys = {key for key in keys if key}
    if not keys:
        return
    transaction.on_commit(lambda: purge_now(keys))


def purge_now(keys: Iterable[str]) -> None:
    keys = set(keys)
    if any(not key.startswith("list-") for key in keys - {EVERYTHING, BREAKING}):
        keys.add(OVERFLOW)
    try:
        now = time.time()
        cache.set_many({_version_key(key): new_token(purged_at=now) for key in keys}, timeout=None)
    except Exception:  # noqa: BLE001 - a cache that fails must not fail the editor's save
        logger.exception("Could not purge the app's cached pages for %s", sorted(keys))
    # Then every app process drops its in-memory copies (before the edge fetches them again):
    # this one at once, the others when the feed delivers the keys.
    page_copies.forget_everywhere(keys)
    purge_feed.publish(keys)
    purge_at_edge(sorted(keys))
    logger.debug("Purged %s", sorted(keys))


_rules: dict[type, list[Callable[..., Iterable[str]]]] = {}


def purge_rule(*models) -> Callable:
    """Register ``rule(instance, created=..., deleted=...)`` giving the keys a saved or deleted
    row of these models touches. A model readers see without a rule purges everything."""

    def register(rule):
        for model in models:
            _rules.setdefault(model, []).append(rule)
        return rule

    return register


def keys_for_change(instance, *, created: bool = False, deleted: bool = False) -> set[str] | None:
    """The keys a change touches, or None when no rule covers its model."""
    rules = _rules.get(type(instance)._meta.concrete_model)
    if rules is None:
        return None
    keys: set[str] = set()
    for rule in rules:
        keys.update(rule(instance, created=created, deleted=deleted) or ())
    return keys


# --- fragments shared by pages


def cached_fragment(name: str, build: Callable[[], T], *, timeout: int | None = None) -> T:
    """``build()``'s value, cached under ``name`` and stale as soon as a key of what it loaded
    is purged. The fragment's keys are added to the page being built, hit or miss."""
    timeout = settings.FRAGMENT_CACHE_SECONDS if timeout is None else timeout
    cache_key = f"fragment:{name}"
    if timeout:
        entry = remembered_fragment(cache_key)
        if entry is not None:
            return fragment_value(entry)
        entry = cache.get(cache_key)
        if entry is not None and still_current(entry["versions"]):
            return fragment_value(entry, remember_as=cache_key)
    started = time.time()
    with collecting() as keys:
        value = build()
    if timeout:
        versions = versions_for_storing(keys, built_since=started)
        if versions is not None:
            entry = {
                "value": value,
                "keys": sorted(keys),
                "versions": versions,
                "expires": started + timeout,
            }
            cache.set(cache_key, entry, timeout)
            recent_fragments.put(cache_key, entry)
    return value


def remembered_fragment(cache_key: str) -> dict | None:
    """This process's copy of a fragment, as for pages (newsportal/page_copies.py): current,
    with no round trip to Redis, while the purge feed says none of its keys was purged."""
    entry = recent_fragments.get(cache_key)
    return entry if entry is not None and entry["expires"] > time.time() else None


def fragment_value(entry: dict, *, remember_as: str | None = None):
    """A current fragment's value, its keys added to the page being built; an entry read from
    the cache (``remember_as``: its cache key) is kept in this process's memory too."""
    if remember_as and entry.get("expires", 0) > time.time():
        recent_fragments.put(remember_as, entry)
    add(*entry["keys"])
    return entry["value"]


recent_fragments = RecentEntries("FRAGMENT_LOCAL_ENTRIES")
