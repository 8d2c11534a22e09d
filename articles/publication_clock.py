"""Purges that no save announces: a scheduled story's time arriving, a breaking banner's end, a
front page arranged to take over at a set time. The task worker calls ``tick`` every
PUBLICATION_CLOCK_SECONDS (newsletter_worker runs it), so edge and app caches show such a change
within a few seconds of its time instead of when their copies expire.

Each tick purges what fell due since the previous one, wherever that ran: the last tick's time
is kept in the shared cache, so several workers share the work (a change purged twice costs one
more render). A worker that finds no record (the first tick, a cache that lost it) looks back
PUBLICATION_CLOCK_LOOKBACK_SECONDS.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from newsportal import surrogate

from .cache_keys import HOME, lists_of, story_key
from .front_page_models import FrontPageLayout
from .models import Article

logger = logging.getLogger("articles.publication_clock")

LAST_TICK_KEY = "publication-clock:last-tick"
_last_tick_here: datetime | None = None  # for when the shared cache is away


def due_keys(since: datetime, until: datetime) -> set[str]:
    """The keys of what became visible or stopped being so in (since, until]."""
    keys: set[str] = set()
    window = {"__gt": since, "__lte": until}
    arrived = Article.objects.filter(
        status=Article.Status.PUBLISHED,
        **{f"published_at{lookup}": moment for lookup, moment in window.items()},
    ).only("pk", "section_id", "source_id", "is_breaking")
    for article in arrived:
        keys |= {story_key(article.pk), *lists_of(article)}
        if article.is_breaking:
            keys.add(surrogate.BREAKING)
    default_hours = timedelta(hours=settings.BREAKING_NEWS_DEFAULT_HOURS)
    banner_ended = Article.objects.filter(
        Q(breaking_until__gt=since, breaking_until__lte=until)
        | Q(
            breaking_until__isnull=True,
            published_at__gt=since - default_hours,
            published_at__lte=until - default_hours,
        ),
        is_breaking=True,
    ).values_list("pk", flat=True)
    for pk in banner_ended:
        keys |= {story_key(pk), surrogate.BREAKING, HOME}
    if FrontPageLayout.objects.filter(starts_at__gt=since, starts_at__lte=until).exists():
        keys.add(HOME)
    return keys


def tick(now: datetime | None = None) -> set[str]:
    """Purge what fell due since the last tick; returns the keys purged."""
    global _last_tick_here
    now = now or timezone.now()
    since = cache.get(LAST_TICK_KEY) or _last_tick_here
    if since is None or since > now:
        since = now - timedelta(seconds=settings.PUBLICATION_CLOCK_LOOKBACK_SECONDS)
    keys = due_keys(since, now)
    if keys:
        surrogate.purge_now(keys)
        logger.info("Publication clock: purged %s", " ".join(sorted(keys)))
    cache.set(LAST_TICK_KEY, now, timeout=None)
    _last_tick_here = now
    return keys
