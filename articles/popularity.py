"""Most read: story views counted in the cache, never with a database write per page view.

Each view adds one to a counter per story and hour (``cache.incr``). The first view of a story
in an hour also claims a numbered slot naming the story, so the hour's stories can be listed
without scanning the cache. Rankings for the last 24 hours and 7 days add up those counters
and are themselves cached for a minute; turning them into stories is one query.

Not counted: requests from crawlers, link previewers and scripts (by User-Agent), prefetches,
and the same visitor (a keyed hash of address and browser, never stored in the clear) seeing
the same story again within REPEAT_WINDOW, which is what reloads are.
"""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsportal.counters import increment
from newsportal.proxy import client_ip

from .models import Article

PERIODS = {"day": 24, "week": 24 * 7}
MOST_READ_LENGTH = 5
COUNTER_TIMEOUT = int(timedelta(days=8).total_seconds())
REPEAT_WINDOW = int(timedelta(hours=6).total_seconds())
RANKING_TIMEOUT = 60
RANKING_KEY = "mostread:ranking"

# Crawlers, link previewers, uptime monitors and HTTP libraries. A browser's User-Agent names none.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|quora link|whatsapp|"
    r"telegram|skype|pinterest|vkshare|monitor|pingdom|uptime|lighthouse|headless|phantom|"
    r"curl|wget|python|httpx|aiohttp|java/|go-http|okhttp|libwww|scrapy|feedfetcher|rss",
    re.IGNORECASE,
)


def _hour(moment):
    return moment.astimezone(UTC).strftime("%Y%m%d%H")


def is_reader(request: HttpRequest) -> bool:
    """False for what is not a person reading: bots, empty User-Agents, prefetches."""
    # From META, not request.headers: called on every page cache hit, where building the
    # headers mapping would cost more than the rest of this check.
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not user_agent or NOT_A_READER.search(user_agent):
        return False
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    return "prefetch" not in purpose.lower()


def _visitor(request):
    fingerprint = f"{client_ip(request) or ''}|{request.headers.get('User-Agent', '')}"
    return salted_hmac("articles.popularity.visitor", fingerprint).hexdigest()[:24]


def record_view(request: HttpRequest, article_id: int, *, now: datetime | None = None) -> bool:
    """Count one reader's view of a story; return whether it counted."""
    if not is_reader(request):
        return False
    if not cache.add(f"mostread:seen:{_visitor(request)}:{article_id}", 1, REPEAT_WINDOW):
        return False
    hour = _hour(now or timezone.now())
    counter = f"mostread:count:{hour}:{article_id}"
    if cache.add(counter, 1, COUNTER_TIMEOUT):
        slot = increment(f"mostread:slots:{hour}", timeout=COUNTER_TIMEOUT)
        cache.set(f"mostread:slot:{hour}:{slot}", article_id, COUNTER_TIMEOUT)
    else:
        increment(counter, timeout=COUNTER_TIMEOUT)
    return True


def view_counts(hours: int, *, now: datetime | None = None) -> Counter:
    """{story id: views} over the last ``hours`` hours, from the cache alone."""
    now = now or timezone.now()
    buckets = [_hour(now - timedelta(hours=back)) for back in range(hours)]
    slot_totals = cache.get_many([f"mostread:slots:{hour}" for hour in buckets])
    slot_keys = [
        (hour, f"mostread:slot:{hour}:{number}")
        for hour in buckets
        for number in range(1, int(slot_totals.get(f"mostread:slots:{hour}", 0)) + 1)
    ]
    story_ids = cache.get_many([key for _, key in slot_keys])
    counter_keys = {
        f"mostread:count:{hour}:{story_ids[key]}": story_ids[key]
        for hour, key in slot_keys
        if key in story_ids
    }
    totals = Counter()
    for key, views in cache.get_many(list(counter_keys)).items():
        totals[counter_keys[key]] += int(views)
    return totals


def ranking(*, now: datetime | None = None) -> dict[str, list[int]]:
    """{"day": [story ids], "week": [story ids]}, most viewed first, cached for a minute."""
    cached = cache.get(RANKING_KEY)
    if cached is not None:
        return cached
    # A few more than shown, so that stories since unpublished can drop out of the list.
    ranked = {
        period: [pk for pk, _ in view_counts(hours, now=now).most_common(MOST_READ_LENGTH * 2)]
        for period, hours in PERIODS.items()
    }
    cache.set(RANKING_KEY, ranked, RANKING_TIMEOUT)
    return ranked


def most_read(*, now: datetime | None = None, exclude=frozenset()) -> dict[str, list[Article]]:
    """{"day": [stories], "week": [stories]}: the most read published stories, in one query.

    ``exclude``: stories the page already shows higher up (the home page's lead and top stories).
    """
    ranked = {
        period: [pk for pk in ids if pk not in exclude] for period, ids in ranking(now=now).items()
    }
    wanted = {pk for ids in ranked.values() for pk in ids}
    if not wanted:
        return {period: [] for period in PERIODS}
    stories = {
        story.pk: story
        for story in Article.objects.published()
        .filter(pk__in=wanted)
        .select_related("section")
        .only("pk", "slug", "headline", "published_at", "section__name", "section__slug")
    }
    return {
        period: [stories[pk] for pk in ids if pk in stories][:MOST_READ_LENGTH]
        for period, ids in ranked.items()
    }
