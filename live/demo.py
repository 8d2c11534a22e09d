"""The demo newsroom's breaking earthquake story, run as live coverage (``load_demo_newsroom``).

``articles`` must not import ``live``: the demo loader sends ``demo_newsroom_loaded`` after each
run and live's AppConfig connects ``add_live_coverage`` to it. The coverage is made once: a story
that already has coverage is left alone, so loading the demo again creates nothing.

Updates go through live.services (numbers, counters, history, the one pinned entry), then get
the times they were posted over the hours since the earthquake, ending a few minutes before
``now``, in the order they were posted.
"""

import re
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, F, OuterRef, Subquery, Value, When
from django.utils import timezone

from articles.demo import stored_picture
from articles.models import Author

from . import services
from .demo_entries import CORRECTED_AFTER_MINUTES, ENTRIES
from .models import LiveCoverage, LiveEntry

# The earthquake struck a few minutes before the story was published.
QUAKE_BEFORE_STORY = timedelta(minutes=6)
LAST_UPDATE_BEFORE_NOW = timedelta(minutes=3)
# A demo loaded long after its stories were written still gets coverage of a few hours.
LONGEST_COVERAGE = timedelta(hours=6)
# The breaking story's headline names the magnitude and the city (articles/demo/stories_nation.py).
HEADLINE_FACTS = re.compile(
    r"[Mm]agnitude (?P<magnitude>\d\.\d) earthquake strikes (?P<city>[^;:]+)"
)


def add_live_coverage(sender=None, *, story, now, stdout=None, **_kwargs) -> dict:
    """Run ``story`` as live coverage with the demo's updates, unless it already has coverage."""
    if story is None or LiveCoverage.objects.filter(article=story).exists():
        return {"live_coverage": 0, "live_entries": 0, "images": 0}
    quake = story.published_at - QUAKE_BEFORE_STORY
    times = posting_times(quake, now)
    facts = _story_facts(story, quake)
    pictures = _draw_pictures(story, facts)
    try:
        with transaction.atomic():
            entries = _post_entries(story, facts, pictures, times)
    except BaseException:
        # The files are not part of the transaction: remove them so a failed run leaves no orphans.
        for image in pictures.values():
            default_storage.delete(image.file.name)
        raise
    if stdout is not None:
        stdout.write(
            f"Live coverage of “{story.headline}”: {len(entries)} updates, "
            f"{len(pictures)} with pictures."
        )
    return {"live_coverage": 1, "live_entries": len(entries), "images": len(pictures)}


def posting_times(quake, now) -> list:
    """When each update was posted: their minutes after the earthquake, stretched so the last
    lands a few minutes before ``now`` (or at most LONGEST_COVERAGE after the earthquake)."""
    end = min(now - LAST_UPDATE_BEFORE_NOW, quake + LONGEST_COVERAGE)
    scale = (end - quake) / timedelta(minutes=ENTRIES[-1].minute)
    return [quake + timedelta(minutes=entry.minute * scale) for entry in ENTRIES]


def _story_facts(story, quake) -> dict:
    found = HEADLINE_FACTS.search(story.headline)
    return {
        "city": found["city"].strip() if found else "the city",
        "magnitude": found["magnitude"] if found else "6.1",
        "quake_time": timezone.localtime(quake).strftime("%H:%M"),
    }


def _draw_pictures(story, facts) -> dict:
    """{entry's index: its unsaved Image}, files stored first as the demo loader does."""
    return {
        index: stored_picture(
            scene=entry.picture[0],
            section_slug=story.section.slug,
            seed=f"live:{story.slug}:{index}",
            name=f"images/{story.published_at:%Y/%m}/{story.slug[:50]}-live-{index + 1}.jpg",
            caption=entry.picture[1].format_map(facts),
        )
        for index, entry in enumerate(ENTRIES)
        if entry.picture
    }


def _post_entries(story, facts, pictures, times) -> list:
    coverage = services.start_coverage(story, started_at=story.published_at)
    authors = Author.objects.in_bulk({entry.author for entry in ENTRIES}, field_name="slug")
    posted = []
    for index, entry in enumerate(ENTRIES):
        image = pictures.get(index)
        if image is not None:
            image.save()
        posted.append(
            services.post_entry(
                coverage=coverage,
                title=entry.title.format_map(facts),
                body=entry.body.format_map(facts),
                author=authors.get(entry.author),
                image=image,
                embed_url=entry.embed_url,
                is_key_event=entry.key_event,
                is_pinned=entry.pinned,
            )
        )
    corrections = {}
    for entry, row, posted_at in zip(ENTRIES, posted, times, strict=True):
        if entry.correction:
            services.edit_entry(row, body=entry.correction.format_map(facts))
            corrections[row.pk] = posted_at + timedelta(minutes=CORRECTED_AFTER_MINUTES)
    _backdate(coverage, dict(zip([row.pk for row in posted], times, strict=True)), corrections)
    return posted


def _backdate(coverage, posted_at, edited_at):
    """Give the updates (and their history) the times they were posted and corrected."""

    def at(times):
        return Case(*(When(pk=pk, then=Value(moment)) for pk, moment in times.items()))

    LiveEntry.objects.filter(pk__in=posted_at).update(posted_at=at(posted_at))
    LiveEntry.objects.filter(pk__in=edited_at).update(edited_at=at(edited_at))
    entry = LiveEntry.objects.filter(pk=OuterRef("id"))
    history = LiveEntry.history.filter(id__in=posted_at)
    history.update(posted_at=Subquery(entry.values("posted_at")))
    history.filter(history_type="+").update(history_date=F("posted_at"))
    edited = Subquery(entry.values("edited_at"))
    history.filter(history_type="~").update(history_date=edited, edited_at=edited)
    LiveCoverage.objects.filter(pk=coverage.pk).update(last_entry_at=max(posted_at.values()))
