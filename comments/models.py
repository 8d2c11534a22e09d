"""Readers' comments under stories, and what moderators need to keep them civil.

What readers may see is one queryset method, ``Comment.objects.visible()``; status changes go
through ``comments.services`` so the denormalised counters (``Discussion.comment_count``,
``Comment.reply_count``, the commenter's history) stay in step with the rows.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .text import fold


class Commenter(models.Model):
    """A reader's public identity in discussions, their standing and their history in numbers."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commenter"
    )
    display_name = models.CharField(
        "display name", max_length=50, help_text="Shown with the reader's comments."
    )
    accepted_guidelines_version = models.PositiveIntegerField(
        "accepted guidelines version", null=True, blank=True, editable=False
    )
    notify_on_reply = models.BooleanField(
        "email me when someone replies", default=False, help_text="The reader's own choice."
    )
    suspended_until = models.DateTimeField(
        "suspended until",
        null=True,
        blank=True,
        help_text="The reader cannot comment or report until this time.",
    )
    is_banned = models.BooleanField(
        "banned", default=False, help_text="Banned for good from commenting and reporting."
    )
    sanction_reason = models.CharField(
        "reason for the suspension or ban",
        max_length=300,
        blank=True,
        help_text="Shown to the reader.",
    )
    # The reader's history, kept in step by comments.services (no count query per admin row).
    approved_count = models.PositiveIntegerField("approved comments", default=0, editable=False)
    rejected_count = models.PositiveIntegerField(
        "rejected comments (incl. spam)", default=0, editable=False
    )
    last_rejected_at = models.DateTimeField("last rejection", null=True, editable=False)
    created_at = models.DateTimeField("joined", auto_now_add=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("comments:mine")

    @property
    def is_suspended(self):
        return self.suspended_until is not None and self.suspended_until > timezone.now()

    @property
    def may_comment(self):
        return not (self.is_banned or self.is_suspended)

    @property
    def sanction_message(self):
        """What the reader is told about their suspension or ban ("" when there is none)."""
        if self.is_banned:
            message = "You can no longer comment on this site."
        elif self.is_suspended:
            until = timezone.localtime(self.suspended_until)
            message = f"You cannot comment until {until:%d %B %Y, %H:%M}."
        else:
            return ""
        if self.sanction_reason:
            message += f" Reason: {self.sanction_reason}"
        return message

    def needs_to_accept(self, guidelines):
        return guidelines is not None and self.accepted_guidelines_version != guidelines.version


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What every reader may see: approved comments. Every reader-facing list goes through here."""
        return self.filter(status=Comment.Status.APPROVED)

    def top_level(self):
        return self.filter(parent__isnull=True)

    def thread_heads(self):
        """Top-level comments shown in a discussion: approved ones, and deleted ones that keep
        approved replies (shown as a placeholder so the replies keep their context)."""
        return self.top_level().filter(
            Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.DELETED, reply_count__gt=0)
        )

    def awaiting_moderation(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        return self.filter(report_count__gt=0).exclude(
            status__in=[Comment.Status.DELETED, Comment.Status.SPAM, Comment.Status.REJECTED]
        )

    def for_display(self):
        return self.select_related("author__commenter")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"
        DELETED = "deleted", "Deleted by its author"

    class RejectionReason(models.TextChoices):
        ABUSIVE = "abusive", "Rude, offensive or abusive language"
        DISCRIMINATORY = "discriminatory", "Derogatory or discriminatory language"
        PERSONAL_ATTACK = "personal_attack", "Attack on another reader or a person in the story"
        OFF_TOPIC = "off_topic", "Off-topic"
        ADVERTISING = "advertising", "Advertising or self-promotion"
        BANNED_WORD = "banned_word", "Contains a word the guidelines do not allow"
        OTHER = "other", "Breaks the community guidelines"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    # Deleting an account keeps its comments as "Deleted user" (or removes them, if the reader
    # asked for that): see accounts.services.account_delete.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this one replies to. Replies go one level deep.",
    )
    body = models.TextField("comment", max_length=3000, help_text="Plain text, escaped on output.")
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    held_reasons = models.JSONField(
        "why it was held",
        default=list,
        blank=True,
        help_text="Why the comment waits for a moderator, e.g. a suspect word or reports.",
    )
    rejection_reason = models.CharField(
        "rejection reason", max_length=20, choices=RejectionReason.choices, blank=True
    )
    is_featured = models.BooleanField("featured", default=False)
    reply_count = models.PositiveIntegerField("approved replies", default=0, editable=False)
    report_count = models.PositiveIntegerField("open reports", default=0, editable=False)
    guidelines_version = models.PositiveIntegerField(
        "guidelines version accepted", null=True, blank=True, editable=False
    )
    submission_token = models.UUIDField(
        "submission token",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="From the form: a second submission of the same form stores nothing new.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("posted", default=timezone.now, editable=False)
    moderated_at = models.DateTimeField("moderated", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("moderate_comment", "Can moderate comments")]
        indexes = [
            models.Index(fields=["article", "parent", "status", "id"], name="comment_thread_idx"),
            # The admin's queues and its unfiltered list, newest first.
            models.Index(fields=["status", "-created_at", "-id"], name="comment_status_recent_idx"),
            models.Index(fields=["-created_at", "-id"], name="comment_recent_idx"),
            models.Index(
                fields=["article", "-id"],
                name="comment_featured_idx",
                condition=Q(is_featured=True),
            ),
            models.Index(fields=["author", "-created_at"], name="comment_author_idx"),
            models.Index(
                fields=["-created_at"], name="comment_reported_idx", condition=Q(report_count__gt=0)
            ),
        ]

    def __str__(self):
        return self.excerpt

    def get_absolute_url(self):
        return f"{reverse('comments:thread', kwargs={'pk': self.parent_id or self.pk})}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        # Whether readers saw it before a save decides what the save purges (comments/cache_keys.py).
        comment._loaded_status = dict(zip(field_names, values, strict=True)).get("status")
        return comment

    @property
    def excerpt(self):
        text = " ".join(self.body.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @property
    def author_name(self):
        if self.author_id is None:
            return "Deleted user"
        commenter = getattr(self.author, "commenter", None)
        return commenter.display_name if commenter else "Reader"


class Report(models.Model):
    class Reason(models.TextChoices):
        ABUSIVE = "abusive", "Abusive or offensive"
        SPAM = "spam", "Spam"
        OFF_TOPIC = "off_topic", "Off-topic"
        OTHER = "other", "Other"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports"
    )
    reason = models.CharField("reason", max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField("reported", default=timezone.now)
    resolved_at = models.DateTimeField("reviewed", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.comment}"

    def get_absolute_url(self):
        return self.comment.get_absolute_url()


class WordRule(models.Model):
    """A banned or suspect word or phrase, matched on whole words, ignoring case and Turkish i/ı."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Banned: the comment is rejected at once"
        SUSPECT = "suspect", "Suspect: the comment waits for a moderator"

    phrase = models.CharField(
        "word or phrase", max_length=100, help_text="Matched on whole words, in any letter case."
    )
    kind = models.CharField("list", max_length=10, choices=Kind.choices)
    folded = models.CharField(max_length=100, editable=False, db_index=True)
    created_at = models.DateTimeField("added", auto_now_add=True)

    class Meta:
        ordering = ["kind", "folded"]
        verbose_name = "word list entry"
        verbose_name_plural = "word lists"
        constraints = [
            models.UniqueConstraint(fields=["folded", "kind"], name="unique_word_rule"),
        ]

    def __str__(self):
        return f"{self.phrase} ({self.get_kind_display().split(':')[0].lower()})"

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.split())
        self.folded = fold(self.phrase)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:comments_wordrule_change", args=[self.pk])

    def clean(self):
        self.phrase = " ".join(self.phrase.split())
        if not fold(self.phrase):
            raise ValidationError({"phrase": "Enter a word or phrase."})
        duplicates = WordRule.objects.filter(folded=fold(self.phrase), kind=self.kind)
        if duplicates.exclude(pk=self.pk).exists():
            raise ValidationError({"phrase": "This word is already on that list."})


class ModerationAction(models.Model):
    """One line of the audit log: who decided what, when and why. Never edited."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        REJECT = "reject", "Rejected"
        SPAM = "spam", "Marked as spam"
        FEATURE = "feature", "Featured"
        UNFEATURE = "unfeature", "Unfeatured"
        HIDE = "hide", "Hidden after reports"
        AUTO_REJECT = "auto_reject", "Rejected automatically (banned word)"
        SUSPEND = "suspend", "Suspended a reader"
        BAN = "ban", "Banned a reader"
        LIFT = "lift", "Lifted a suspension or ban"

    created_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: decided automatically by the rules.",
    )
    action = models.CharField("what", max_length=12, choices=Action.choices)
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="reader",
    )
    # Snapshots, so the log still reads right after the comment or the account is gone.
    comment_excerpt = models.CharField("comment", max_length=100, blank=True)
    subject_name = models.CharField("reader's name", max_length=120, blank=True)
    moderator_name = models.CharField("moderator's name", max_length=150, blank=True)
    reason = models.CharField("why", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "moderation decision"
        verbose_name_plural = "moderation audit log"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def get_absolute_url(self):
        return reverse("admin:comments_moderationaction_change", args=[self.pk])


class Discussion(models.Model):
    """The discussion under one story: whether readers may comment, and how many comments it
    shows. Moderators set the mode without the right to edit stories."""

    class Mode(models.TextChoices):
        OPEN = "open", "Open: trusted readers' comments appear at once"
        PREMODERATED = "premoderated", "Pre-moderated: every comment is checked first"
        CLOSED = "closed", "Closed"

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="discussion",
        verbose_name="story",
    )
    mode = models.CharField(
        "comments",
        max_length=12,
        choices=Mode.choices,
        default=Mode.OPEN,
        help_text="Comments also close by themselves some days after publication: see "
        "“closes by itself”.",
    )
    # Kept in step by comments.services, so cards and the story header show it without a query.
    comment_count = models.PositiveIntegerField("approved comments", default=0, editable=False)

    class Meta:
        ordering = ["-article_id"]
        verbose_name = "story discussion"
        verbose_name_plural = "story discussions"

    def __str__(self):
        return f"Discussion of “{self.article}”"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comments"

    @classmethod
    def of(cls, article):
        """The story's discussion, or its defaults (open, no comments yet) for a story that has
        no row: one made by bulk_create or raw SQL, which skip open_discussion. Never a query
        when the story came with its discussion (``Article.objects.for_cards()``)."""
        try:
            return article.discussion
        except cls.DoesNotExist:
            return cls(article=article)

    @property
    def closes_at(self):
        return self.article.published_at + timedelta(days=settings.COMMENTS_CLOSE_AFTER_DAYS)

    @property
    def is_open(self):
        """Readers may post: the story is public, its discussion open and not yet auto-closed."""
        return (
            self.mode != self.Mode.CLOSED
            and self.article.is_visible_to_readers
            and timezone.now() < self.closes_at
        )


def open_discussion(sender, instance, created, **kwargs):
    """Every story has its discussion row from the start (a post_save receiver on Article).

    One INSERT that does nothing if the row exists (e.g. loaded from a fixture). Bulk-created
    stories get theirs from whoever bulk-creates them (the demo loader, the benchmark).
    """
    if created:
        Discussion.objects.bulk_create([Discussion(article=instance)], ignore_conflicts=True)
