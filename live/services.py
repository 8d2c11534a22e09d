"""Posting, editing and deleting live updates, and starting, ending and reopening coverage.

Every change goes through here, so the coverage's counters (``last_sequence``, ``last_entry_at``,
``revision``) stay in step and readers' pages are purged once, after the commit
(live/cache_keys.py).
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from articles.text import sanitize_article_html

from .models import LiveCoverage, LiveEntry

# Fields whose change readers see as "Updated 12:40" (flags and the picture's order do not count).
EDITED_FIELDS = ("title", "body", "image_id", "embed_url")


class LiveError(Exception):
    """Something a newsroom user asked for that cannot be done; the message says why."""


def start_coverage(article, *, started_at=None) -> LiveCoverage:
    coverage, created = LiveCoverage.objects.get_or_create(
        article=article, defaults={"started_at": started_at or timezone.now()}
    )
    if not created and coverage.ended_at is not None:
        reopen_coverage(coverage)
    return coverage


def end_coverage(coverage: LiveCoverage, *, at=None) -> LiveCoverage:
    coverage.ended_at = at or timezone.now()
    coverage.save(update_fields=["ended_at"])
    _bump_revision(coverage.pk)
    return coverage


def reopen_coverage(coverage: LiveCoverage) -> LiveCoverage:
    coverage.ended_at = None
    coverage.save(update_fields=["ended_at"])
    _bump_revision(coverage.pk)
    return coverage


def move_coverage_start(coverage: LiveCoverage, *, started_at) -> LiveCoverage:
    coverage.started_at = started_at
    coverage.save(update_fields=["started_at"])
    _bump_revision(coverage.pk)
    return coverage


def _bump_revision(coverage_id, **changes):
    LiveCoverage.objects.filter(pk=coverage_id).update(revision=F("revision") + 1, **changes)


def new_submission_token() -> str:
    return str(uuid.uuid4())


def post_entry(*, coverage: LiveCoverage, user=None, token=None, **fields) -> LiveEntry:
    """Store a new update, numbered after the newest one, and return it.

    The same form submitted twice (same ``token``) returns the first entry. Two editors posting
    at once both land: the coverage row is locked while the number is taken (PostgreSQL), and a
    number taken twice (SQLite, which serialises writers instead) is retried.
    """
    if token:
        existing = LiveEntry.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                locked = LiveCoverage.objects.select_for_update().get(pk=coverage.pk)
                now = timezone.now()
                entry = LiveEntry(
                    coverage=locked,
                    sequence=locked.last_sequence + 1,
                    posted_at=now,
                    posted_by=user if user is not None and user.is_authenticated else None,
                    submission_token=token or None,
                    **fields,
                )
                if entry.is_pinned:
                    locked.entries.filter(is_pinned=True).update(is_pinned=False)
                entry.full_clean(exclude=["coverage", "sequence", "submission_token"])
                entry.save()
                _bump_revision(locked.pk, last_sequence=entry.sequence, last_entry_at=now)
                return entry
        except IntegrityError:
            if token and (existing := LiveEntry.objects.filter(submission_token=token).first()):
                return existing  # the same form, submitted twice at once: the other one stored it
            continue  # another editor took this number: take the next one
    raise LiveError("The update could not be stored: too many at once. Please post it again.")


def edit_entry(entry: LiveEntry, **fields) -> LiveEntry:
    """Change an entry; its history keeps the previous text, readers see "Updated <time>"."""
    with transaction.atomic():
        before = {name: getattr(entry, name) for name in EDITED_FIELDS}
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.body = sanitize_article_html(entry.body)
        if any(getattr(entry, name) != value for name, value in before.items()):
            entry.edited_at = timezone.now()
        if entry.is_pinned:
            LiveEntry.objects.filter(coverage_id=entry.coverage_id, is_pinned=True).exclude(
                pk=entry.pk
            ).update(is_pinned=False)
        entry.save()
        _bump_revision(entry.coverage_id)
    return entry


def delete_entry(entry: LiveEntry) -> None:
    """Remove an entry from every page and feed (its history keeps what it said)."""
    with transaction.atomic():
        coverage_id = entry.coverage_id
        entry.delete()
        newest = LiveEntry.objects.filter(coverage_id=coverage_id).order_by("-sequence").first()
        _bump_revision(coverage_id, last_entry_at=newest.posted_at if newest else None)
