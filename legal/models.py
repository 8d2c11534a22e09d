"""Texts readers agree to, kept version by version: the Terms of Use, the Privacy Policy and the
community guidelines.

A version is never rewritten: a change is a new version, made current, so every consent record
and every comment keeps pointing at the text the reader accepted. "Current" means one thing for
all of them: the ``is_current`` flag, unique per document in the database, flipped only by
``make_current()`` under a lock.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

GUIDELINES_CACHE_KEY = "legal:guidelines:current"
# Finite, so a value written by a request that read the old version just before a new one was
# committed cannot outlive the change by more than this.
GUIDELINES_CACHE_SECONDS = 600


class VersionedDocumentQuerySet(models.QuerySet):
    def current(self):
        """The current version of each document (one row per document)."""
        return self.filter(is_current=True)


class VersionedDocument(models.Model):
    """A text published in versions, one of which is current per document.

    ``document_fields`` names the fields that tell documents apart (``kind`` for the legal
    documents; none when the model holds one document): the versions sharing their values
    compete for being current.
    """

    document_fields: tuple[str, ...] = ()

    body = models.TextField(
        "text", help_text="Plain text; blank lines separate paragraphs. Cannot be changed later."
    )
    is_current = models.BooleanField(
        "current version",
        default=False,
        editable=False,
        help_text="Exactly one version of each document is current.",
    )
    made_current_at = models.DateTimeField("made current", null=True, blank=True, editable=False)

    objects = VersionedDocumentQuerySet.as_manager()

    class Meta:
        abstract = True

    def versions_of_this_document(self):
        manager = type(self)._default_manager
        return manager.filter(**{name: getattr(self, name) for name in self.document_fields})

    def lock_versions(self):
        """Lock every version of this document until the end of the transaction, so two
        editors' changes to which one is current (or to the numbering) happen one after the
        other. PostgreSQL locks the rows, in one order for everyone so that two waiting
        transactions cannot deadlock; SQLite lets one writer at a time in anyway."""
        versions = self.versions_of_this_document().select_for_update().order_by("pk")
        list(versions.values_list("pk", flat=True))

    def make_current(self):
        """Make this version the current one of its document, and the previous one not."""
        with transaction.atomic():
            self.lock_versions()
            self.versions_of_this_document().filter(is_current=True).exclude(pk=self.pk).update(
                is_current=False
            )
            self.is_current = True
            self.made_current_at = timezone.now()
            self.save(update_fields=["is_current", "made_current_at"])


class LegalDocumentQuerySet(VersionedDocumentQuerySet):
    def current_pair(self):
        """(Terms of Use, Privacy Policy), both current; LegalDocument.DoesNotExist when either
        has no current version, since nobody can consent to a missing text."""
        documents = {document.kind: document for document in self.current()}
        try:
            return documents[LegalDocument.Kind.TERMS], documents[LegalDocument.Kind.PRIVACY]
        except KeyError as error:
            raise LegalDocument.DoesNotExist(f"No current {error.args[0]} document") from error


class LegalDocument(VersionedDocument):
    """One version of the Terms of Use or the Privacy Policy."""

    class Kind(models.TextChoices):
        TERMS = "terms", "Terms of Use"
        PRIVACY = "privacy", "Privacy Policy"

    document_fields = ("kind",)

    kind = models.CharField("document", max_length=10, choices=Kind.choices)
    version = models.SlugField(
        "version",
        max_length=40,
        help_text='A short label for this version, e.g. "2026-11". Used in its URL.',
    )
    title = models.CharField("title", max_length=200)
    text_hash = models.CharField(
        "SHA-256 of the text", max_length=64, editable=False, help_text="Proof of what was shown."
    )
    created_at = models.DateTimeField("created", auto_now_add=True)

    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-created_at"]
        verbose_name = "legal document version"
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_current=True), name="one_current_legal_document"
            ),
            models.UniqueConstraint(fields=["kind", "version"], name="unique_legal_version"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – version {self.version}"

    def save(self, *args, **kwargs):
        self.text_hash = hashlib.sha256(self.body.encode()).hexdigest()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "legal:document-version", kwargs={"kind": self.kind, "version": self.version}
        )


@dataclass(frozen=True)
class CurrentGuidelines:
    """What the discussion under every story needs of the current guidelines."""

    version: int
    summary: str


class GuidelinesQuerySet(VersionedDocumentQuerySet):
    def current_summary(self):
        """The current version's number and summary (None without guidelines), cached: the
        discussion under every story shows them. The cache holds a plain dict, never a model
        instance, and is dropped when a change is committed."""
        data = cache.get(GUIDELINES_CACHE_KEY)
        if data is None:
            data = self.current().values("version", "summary").first() or {}
            cache.set(GUIDELINES_CACHE_KEY, data, GUIDELINES_CACHE_SECONDS)
        return CurrentGuidelines(**data) if data else None


class Guidelines(VersionedDocument):
    """One version of the community guidelines. Readers accept a version before commenting;
    ``Commenter.accepted_guidelines_version`` and ``Comment.guidelines_version`` hold its
    number."""

    version = models.PositiveIntegerField(
        "version",
        unique=True,
        editable=False,
        help_text="Given automatically. Readers are asked to accept the newest version again.",
    )
    summary = models.TextField(
        "summary",
        help_text="Two or three sentences shown above every discussion. Plain text.",
    )
    body = models.TextField(
        "full guidelines",
        help_text="The complete rules, shown on the guidelines page. Plain text; a blank line "
        "starts a new paragraph.",
    )
    published_at = models.DateTimeField("in force since", default=timezone.now)

    objects = GuidelinesQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = "community guidelines"
        verbose_name_plural = "community guidelines"
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_guidelines"
            ),
        ]

    def __str__(self):
        return f"Community guidelines, version {self.version}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.version is None:
            # A new version saved without a number (Guidelines.objects.create(), as scripts did
            # before the move to this app) is published: numbered and made current.
            self.publish()
            return
        super().save(*args, **kwargs)
        _forget_current_guidelines_now_and_on_commit()

    def get_absolute_url(self):
        return reverse("legal:guidelines")

    def publish(self):
        """Save this new version under the next number and make it the current one.

        The number is taken while every version is locked, so two editors publishing at once
        get consecutive numbers; the first version of all has no row to lock, and there the
        unique constraints turn a tie into an IntegrityError, after which we count again."""
        attempts = 3
        for attempt in range(1, attempts + 1):
            try:
                with transaction.atomic():
                    self.lock_versions()
                    latest = Guidelines.objects.aggregate(Max("version"))["version__max"]
                    self.version = (latest or 0) + 1
                    self.save(force_insert=True)
                    self.make_current()
                return self
            except IntegrityError:
                if attempt == attempts:
                    raise
                self.pk = self.version = self.made_current_at = None
                self.is_current = False
                self._state.adding = True

    def delete(self, *args, **kwargs):
        """Delete this version; when it was the current one, the newest left takes over."""
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            newest = Guidelines.objects.order_by("-version").first()
            if self.is_current and newest is not None:
                newest.make_current()
        _forget_current_guidelines_now_and_on_commit()
        return result


def forget_current_guidelines() -> None:
    cache.delete(GUIDELINES_CACHE_KEY)


def _forget_current_guidelines_now_and_on_commit():
    # At once, for the rest of this transaction; and again on commit, in case a reader cached
    # the old version in between (a rollback only costs one query).
    forget_current_guidelines()
    transaction.on_commit(forget_current_guidelines)
