"""Live coverage for tests: a story running live, and many updates at once."""

from datetime import timedelta

from django.utils import timezone

from live.models import LiveEntry
from live.services import start_coverage
from tests.factories import ArticleFactory


def live_story(**story):
    """A published story with running live coverage, started two hours ago."""
    article = ArticleFactory(**story)
    coverage = start_coverage(article, started_at=timezone.now() - timedelta(hours=2))
    return article, coverage


def add_entries(coverage, count, *, every_key=0, **fields):
    """``count`` updates after the coverage's newest, a minute apart, stored in one query (as the
    services would number them); every ``every_key``-th one is a key event."""
    coverage.refresh_from_db()  # the services count with update(): take their numbers
    first = coverage.last_sequence + 1
    start = timezone.now() - timedelta(minutes=count + 1)
    entries = [
        LiveEntry(
            coverage=coverage,
            sequence=sequence,
            posted_at=start + timedelta(minutes=sequence - first),
            title=f"Update number {sequence}",
            body=f"<p>What happened in update {sequence}.</p>",
            is_key_event=bool(every_key) and sequence % every_key == 0,
            **fields,
        )
        for sequence in range(first, first + count)
    ]
    LiveEntry.objects.bulk_create(entries, batch_size=500)
    coverage.last_sequence = first + count - 1
    coverage.last_entry_at = entries[-1].posted_at
    coverage.save(update_fields=["last_sequence", "last_entry_at"])
    return list(
        LiveEntry.objects.filter(coverage=coverage, sequence__gte=first).order_by("sequence")
    )
