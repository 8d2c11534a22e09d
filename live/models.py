"""Live coverage: a story run as a page of short, timestamped updates while news breaks.

A story becomes live coverage by getting a ``LiveCoverage`` row (its start and end); its updates
are ``LiveEntry`` rows. Entries are numbered in the order they were posted (``sequence``, 1, 2,
3…), which gives readers' pages of older updates stable addresses (live/pages.py) and the update
endpoint a cheap answer (the newest number).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.embeds import EmbeddedMedia
from articles.images import Image
from articles.models import Article, Author
from articles.text import sanitize_article_html


class LiveCoverage(models.Model):
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_coverage",
        verbose_name="story",
    )
    started_at = models.DateTimeField(
        "coverage starts",
        default=timezone.now,
        help_text="Readers see the story as live from this time (and its publication).",
    )
    ended_at = models.DateTimeField(
        "coverage ended",
        null=True,
        blank=True,
        help_text="Empty while the coverage runs. Set it to end the coverage; clear it to reopen.",
    )
    # Kept in step by live.services, so cards, the page and the update endpoint need no count.
    last_sequence = models.PositiveIntegerField("updates posted", default=0, editable=False)
    last_entry_at = models.DateTimeField("latest update", null=True, blank=True, editable=False)
    # Bumped by every posted, edited or deleted entry: readers' pages compare it to know that
    # something changed (the update endpoint's ETag).
    revision = models.PositiveIntegerField("revision", default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["last_sequence", "last_entry_at", "revision"])

    class Meta:
        verbose_name = "live coverage"
        verbose_name_plural = "live coverage"

    def __str__(self):
        return f"Live: {self.article}"

    @property
    def has_started(self) -> bool:
        return self.started_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None and self.ended_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        """Running now: started, not ended, and the story is visible to readers."""
        return self.has_started and not self.has_ended and self.article.is_visible_to_readers


class LiveEntryQuerySet(models.QuerySet):
    def for_readers(self):
        """With what an entry shows (its picture and author), in one query."""
        return self.select_related("image", "author")


class LiveEntry(EmbeddedMedia):
    coverage = models.ForeignKey(
        LiveCoverage, on_delete=models.CASCADE, related_name="entries", verbose_name="coverage"
    )
    # 1, 2, 3… in the order entries were posted; numbers of deleted entries are not reused.
    sequence = models.PositiveIntegerField("number", editable=False)
    posted_at = models.DateTimeField("posted", default=timezone.now, editable=False)
    title = models.CharField("title", max_length=200, blank=True)
    body = models.TextField(
        "update",
        blank=True,
        help_text="Rich text, cleaned like story bodies: scripts, styles and unknown tags are "
        "removed.",
    )
    image = models.ForeignKey(
        Image,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="live_entries",
        verbose_name="picture",
        help_text="With its caption, credit and alt text, as for stories.",
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_entries",
        verbose_name="author",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_key_event = models.BooleanField(
        "key event", default=False, help_text="Listed under “Key events” at the top of the page."
    )
    is_pinned = models.BooleanField(
        "pinned",
        default=False,
        help_text="Shown first, above the newest updates. Pinning one unpins the previous one.",
    )
    # When readers are told "Updated 12:40": an edit of what they read, not a flag change.
    edited_at = models.DateTimeField("updated", null=True, blank=True, editable=False)
    # From the posting form: a second submission of the same form stores nothing new.
    submission_token = models.UUIDField(
        "submission token", null=True, blank=True, unique=True, editable=False
    )
    objects = LiveEntryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["submission_token"])

    class Meta:
        verbose_name = "live update"
        verbose_name_plural = "live updates"
        ordering = ["-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["coverage", "sequence"], name="live_entry_sequence"),
            models.UniqueConstraint(
                fields=["coverage"], condition=Q(is_pinned=True), name="live_one_pinned_entry"
            ),
        ]
        indexes = [
            models.Index(
                fields=["coverage", "sequence"],
                condition=Q(is_key_event=True),
                name="live_key_event_idx",
            ),
        ]

    def __str__(self):
        return self.title or f"Update {self.sequence} to “{self.coverage.article}”"

    def save(self, *args, **kwargs):
        self.body = sanitize_article_html(self.body)
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"

    def get_absolute_url(self):
        """A permanent link: the live page that holds the entry, at the entry (live/urls.py)."""
        return reverse("live:entry", args=[self.coverage_id, self.pk])
