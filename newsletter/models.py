import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone


def consent_text():
    """The exact sentence next to the consent checkbox; stored verbatim with every sign-up."""
    return (
        "By subscribing, you agree to receive electronic communications from "
        f"{settings.SITE_PUBLISHER} websites and accept the Terms of Use and Privacy Policy"
    )


def normalize_email(email):
    """One subscriber per address: surrounding spaces dropped, compared in lower case."""
    return (email or "").strip().lower()


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(
        "email address", max_length=254, unique=True, help_text="Stored in lower case."
    )
    # Goes into signed links instead of the row number, so links reveal nothing countable.
    public_id = models.UUIDField("public id", default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField("signed up", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("unsubscribed", null=True, blank=True)
    source_url = models.CharField(
        "source page", max_length=500, blank=True, help_text="The page of the first sign-up."
    )
    confirmation_sent_at = models.DateTimeField(
        "last confirmation email", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email


class ConsentRecord(models.Model):
    """What one reader agreed to, when, and from where; then when they confirmed it.

    Read-only proof of consent. After an erasure the personal fields are emptied and the
    link to the subscriber is cut (see the privacy policy)."""

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField("email address", max_length=254, blank=True)
    terms = models.ForeignKey(
        "legal.LegalDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Terms of Use",
    )
    terms_hash = models.CharField("Terms of Use SHA-256", max_length=64)
    privacy = models.ForeignKey(
        "legal.LegalDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Privacy Policy",
    )
    privacy_hash = models.CharField("Privacy Policy SHA-256", max_length=64)
    consent_text = models.TextField("consent text shown")
    created_at = models.DateTimeField("consented", default=timezone.now)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=500, blank=True)
    source_url = models.CharField("page", max_length=500, blank=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)
    confirmation_ip_address = models.GenericIPAddressField(
        "confirmation IP address", null=True, blank=True
    )
    confirmation_user_agent = models.CharField("confirmation browser", max_length=500, blank=True)
    anonymised_at = models.DateTimeField("anonymised", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Consent of {self.email or 'an erased address'} on {self.created_at:%d/%m/%Y %H:%M}"


class UnsubscribeEvent(models.Model):
    class Method(models.TextChoices):
        ONE_CLICK = "one_click", "One-click (List-Unsubscribe header)"
        LINK = "link", "Link in an email"
        ADMIN = "admin", "By staff in the admin"
        ERASURE = "erasure", "Erasure of the address"
        BOUNCE = "bounce", "Hard bounce"
        COMPLAINT = "complaint", "Spam complaint"

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unsubscribe_events",
    )
    method = models.CharField("how", max_length=12, choices=Method.choices)
    created_at = models.DateTimeField("when", default=timezone.now)
    detail = models.CharField("detail", max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_method_display()} on {self.created_at:%d/%m/%Y %H:%M}"


class DigestQuerySet(models.QuerySet):
    def published(self):
        """Digests readers may see in the archive: those that have gone out."""
        return self.filter(status__in=[Digest.Status.SENDING, Digest.Status.SENT])

    def with_delivery_counts(self):
        return self.annotate(
            deliveries_pending=Count("deliveries", filter=Q(deliveries__status="pending")),
            deliveries_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            deliveries_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        )


class Digest(models.Model):
    """The daily email: "The most important news of the day"."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (editors may change the stories)"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    edition = models.DateField("edition", unique=True, help_text="One digest per day.")
    subject = models.CharField("subject", max_length=200)
    intro = models.TextField("introduction", blank=True, help_text="Optional opening line.")
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField("built", auto_now_add=True)
    queued_at = models.DateTimeField("queued", null=True, blank=True)
    completed_at = models.DateTimeField("all sent", null=True, blank=True)

    objects = DigestQuerySet.as_manager()

    class Meta:
        ordering = ["-edition"]

    def __str__(self):
        return f"{self.subject} ({self.edition:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("newsletter:digest-detail", kwargs={"edition": self.edition.isoformat()})


class DigestStory(models.Model):
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="digest_items"
    )
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "story"
        verbose_name_plural = "stories"
        constraints = [
            models.UniqueConstraint(fields=["digest", "article"], name="unique_digest_story"),
        ]

    def __str__(self):
        return str(self.article)


class Delivery(models.Model):
    """One digest to one subscriber: the sending workers' bookkeeping (nobody missed; at most one
    duplicate per killed worker, see delivery.py).

    A worker claims pending rows (claimed_by, claimed_at) and marks each one sent right after
    the SMTP server accepted it. A claim older than NEWSLETTER_CLAIM_LEASE_SECONDS belongs to a
    worker that died, and another worker takes the row over.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"
        SKIPPED = "skipped", "Skipped (no longer subscribed)"

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("attempts", default=0)
    next_attempt_at = models.DateTimeField("next attempt", default=timezone.now)
    claimed_by = models.CharField("claimed by worker", max_length=64, blank=True)
    claimed_at = models.DateTimeField("claimed", null=True, blank=True)
    sent_at = models.DateTimeField("sent", null=True, blank=True)
    last_error = models.CharField("last error", max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "subscriber"], name="one_delivery_per_digest"
            ),
        ]
        indexes = [
            models.Index(fields=["digest", "status", "next_attempt_at"], name="delivery_ready_idx"),
        ]

    def __str__(self):
        return f"{self.digest} → {self.subscriber_id}"
