"""A reader's subscription: sign-up with consent, confirmation by email, and unsubscribing."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from legal.models import LegalDocument
from newsportal import mail

from . import email_slot, tasks, tokens
from .models import ConsentRecord, Subscriber, UnsubscribeEvent, consent_text, normalize_email
from .rendering import absolute_url


class NewsletterUnavailable(Exception):
    """No current Terms of Use or Privacy Policy: nobody can consent to anything."""


def current_legal_documents() -> tuple[LegalDocument, LegalDocument]:
    """The current (Terms of Use, Privacy Policy) a reader consents to."""
    try:
        return LegalDocument.objects.current_pair()
    except LegalDocument.DoesNotExist as error:
        raise NewsletterUnavailable from error


def subscription_request(
    *,
    email: str,
    ip_address: str | None,
    user_agent: str,
    source_url: str,
    base_url: str | None = None,
) -> Subscriber:
    """A reader asked to subscribe, having ticked the consent box.

    The caller shows the same answer whatever happens here, so nobody can learn whether an
    address is known: a new or pending address gets a confirmation email (at most one per
    NEWSLETTER_CONFIRMATION_RESEND_SECONDS), a confirmed one an "already subscribed" note, both
    queued for the task worker so that a mail server outage never fails the sign-up.
    """
    email = normalize_email(email)
    terms, privacy = current_legal_documents()
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(
        email=email, defaults={"source_url": source_url[:500]}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        if claimed_at := email_slot.claim(subscriber.pk, now):
            _queue(subscriber, claimed_at, _already_subscribed_email(subscriber, base_url=base_url))
        return subscriber

    consent = ConsentRecord.objects.create(
        subscriber=subscriber,
        email=email,
        terms=terms,
        terms_hash=terms.text_hash,
        privacy=privacy,
        privacy_hash=privacy.text_hash,
        consent_text=consent_text(),
        created_at=now,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:500],
        source_url=source_url[:500],
    )
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.UNSUBSCRIBED).update(
            status=Subscriber.Status.PENDING
        )
    if claimed_at := email_slot.claim(subscriber.pk, now):
        _queue(subscriber, claimed_at, confirmation_email(subscriber, consent, base_url=base_url))
    return subscriber


def confirmation_resend(*, subscriber: Subscriber, consent: ConsentRecord) -> bool:
    """An editor's resend, past the throttle; False when the queue cannot be reached."""
    claimed_at = email_slot.take(subscriber.pk)
    return _queue(subscriber, claimed_at, confirmation_email(subscriber, consent))


def _queue(subscriber, claimed_at, message):
    """Queue the message for the task worker, which sends it and retries (newsportal/mail.py)."""
    queued = mail.enqueue(
        tasks.send_subscription_email,
        subscriber_id=subscriber.pk,
        claimed_at=claimed_at.isoformat(),
        fields=mail.message_to_fields(message),
    )
    if not queued:
        email_slot.release(subscriber.pk, claimed_at)
    return queued


def confirmation_email(
    subscriber: Subscriber, consent: ConsentRecord, *, base_url: str | None = None
) -> EmailMultiAlternatives:
    token = tokens.make_confirmation_token(subscriber, consent)
    context = {
        "confirm_url": absolute_url(
            reverse("newsletter:confirm", kwargs={"token": token}), base_url
        ),
        "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        "SITE_NAME": settings.SITE_NAME,
    }
    return _render(
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        template="newsletter/email/confirm",
        context=context,
        to=subscriber.email,
    )


def _already_subscribed_email(subscriber, *, base_url=None):
    token = tokens.make_unsubscribe_token(subscriber)
    context = {
        "unsubscribe_url": absolute_url(
            reverse("newsletter:unsubscribe", kwargs={"token": token}), base_url
        ),
        "SITE_NAME": settings.SITE_NAME,
    }
    return _render(
        subject=f"You are already subscribed to {settings.SITE_NAME}",
        template="newsletter/email/already_subscribed",
        context=context,
        to=subscriber.email,
    )


def _render(*, subject, template, context, to):
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


@dataclass
class Outcome:
    ok: bool
    already: bool = False


def subscription_confirm(*, token: str, ip_address: str | None, user_agent: str) -> Outcome:
    """Confirm the sign-up a confirmation token stands for; idempotent for repeated clicks."""
    try:
        public_id, consent_pk = tokens.read_confirmation_token(token)
        uuid.UUID(public_id)
    except (tokens.InvalidToken, ValueError):
        return Outcome(ok=False)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(public_id=public_id).first()
        consent = (
            ConsentRecord.objects.filter(pk=consent_pk, subscriber=subscriber).first()
            if subscriber
            else None
        )
        if consent is None:
            return Outcome(ok=False)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return Outcome(ok=True, already=True)
        if subscriber.status != Subscriber.Status.PENDING:
            # Unsubscribed since this link was sent: an old link must not sign them up again.
            return Outcome(ok=False)
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        consent.confirmed_at = now
        consent.confirmation_ip_address = ip_address
        consent.confirmation_user_agent = (user_agent or "")[:500]
        consent.save(
            update_fields=["confirmed_at", "confirmation_ip_address", "confirmation_user_agent"]
        )
    return Outcome(ok=True)


# --- Unsubscribe, erasure, export


def unsubscribe(*, subscriber: Subscriber, method: str, detail: str = "") -> bool:
    """Stop all mail to ``subscriber`` and log how; a second call changes nothing."""
    with transaction.atomic():
        changed = (
            Subscriber.objects.filter(pk=subscriber.pk)
            .exclude(status=Subscriber.Status.UNSUBSCRIBED)
            .update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        )
        if changed:
            UnsubscribeEvent.objects.create(subscriber=subscriber, method=method, detail=detail)
    return bool(changed)


def subscriber_from_unsubscribe_token(token: str) -> Subscriber | None:
    try:
        public_id = tokens.read_unsubscribe_token(token)
        uuid.UUID(public_id)
    except (tokens.InvalidToken, ValueError):
        return None
    return Subscriber.objects.filter(public_id=public_id).first()
