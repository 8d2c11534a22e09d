"""The newsletter's workflows: sign-up, confirmation, unsubscribe, erasure, and the digest's
building, queueing and delivery. Views, admin actions, tasks and commands call these."""

import contextlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from . import tokens
from .models import (
    ConsentRecord,
    Delivery,
    Digest,
    DigestStory,
    LegalDocument,
    Subscriber,
    UnsubscribeEvent,
    consent_text,
    normalize_email,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_PLACEHOLDER = "NEWSLETTER-UNSUBSCRIBE-URL"


class NewsletterUnavailable(Exception):
    """No current Terms of Use or Privacy Policy: nobody can consent to anything."""


# --- Small helpers


def absolute_url(path, base_url=None):
    """``path`` on the site; a URL that is absolute already (media on S3) is left as it is."""
    if not path.startswith("/") or path.startswith("//"):
        return path
    return (base_url or settings.SITE_URL).rstrip("/") + path


def current_legal_documents():
    documents = {doc.kind: doc for doc in LegalDocument.objects.current()}
    try:
        return documents[LegalDocument.Kind.TERMS], documents[LegalDocument.Kind.PRIVACY]
    except KeyError as error:
        raise NewsletterUnavailable from error


# --- Sign-up and confirmation


def subscription_request(*, email, ip_address, user_agent, source_url, base_url=None):
    """A reader asked to subscribe, having ticked the consent box.

    The caller shows the same answer whatever happens here, so nobody can learn whether an
    address is known: a new or pending address gets a confirmation email (at most one per
    NEWSLETTER_CONFIRMATION_RESEND_SECONDS), a confirmed one an "already subscribed" note.
    """
    email = normalize_email(email)
    terms, privacy = current_legal_documents()
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(
        email=email, defaults={"source_url": source_url[:500]}
    )
    if subscriber.status == Subscriber.Status.CONFIRMED:
        if _claim_email_slot(subscriber, now):
            _send_already_subscribed(subscriber, base_url=base_url)
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
    if _claim_email_slot(subscriber, now):
        send_confirmation(subscriber, consent, base_url=base_url)
    return subscriber


def _claim_email_slot(subscriber, now):
    """True for exactly one of many simultaneous requests, and at most once per resend period.

    A conditional UPDATE, so fifty sign-ups of one address at the same moment send one email."""
    cutoff = now - timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_RESEND_SECONDS)
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff))
        .update(confirmation_sent_at=now)
    )


def send_confirmation(subscriber, consent, *, base_url=None):
    token = tokens.make_confirmation_token(subscriber, consent)
    context = {
        "confirm_url": absolute_url(
            reverse("newsletter:confirm", kwargs={"token": token}), base_url
        ),
        "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        "SITE_NAME": settings.SITE_NAME,
    }
    _send_simple(
        subject=f"Confirm your subscription to {settings.SITE_NAME}",
        template="newsletter/email/confirm",
        context=context,
        to=subscriber.email,
    )


def _send_already_subscribed(subscriber, *, base_url=None):
    token = tokens.make_unsubscribe_token(subscriber)
    context = {
        "unsubscribe_url": absolute_url(
            reverse("newsletter:unsubscribe", kwargs={"token": token}), base_url
        ),
        "SITE_NAME": settings.SITE_NAME,
    }
    _send_simple(
        subject=f"You are already subscribed to {settings.SITE_NAME}",
        template="newsletter/email/already_subscribed",
        context=context,
        to=subscriber.email,
    )


def _send_simple(*, subject, template, context, to):
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()


@dataclass
class Outcome:
    ok: bool
    already: bool = False


def subscription_confirm(*, token, ip_address, user_agent):
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


def unsubscribe(*, subscriber, method, detail=""):
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


def subscriber_from_unsubscribe_token(token):
    try:
        public_id = tokens.read_unsubscribe_token(token)
        uuid.UUID(public_id)
    except (tokens.InvalidToken, ValueError):
        return None
    return Subscriber.objects.filter(public_id=public_id).first()


def subscriber_export(*, subscriber):
    """Everything held about one address, as JSON-ready data (GDPR access request)."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "signed_up_at": when(subscriber.created_at),
        "confirmed_at": when(subscriber.confirmed_at),
        "unsubscribed_at": when(subscriber.unsubscribed_at),
        "source_page": subscriber.source_url,
        "consents": [
            {
                "consented_at": when(c.created_at),
                "consent_text": c.consent_text,
                "terms_of_use_version": c.terms.version,
                "terms_of_use_sha256": c.terms_hash,
                "privacy_policy_version": c.privacy.version,
                "privacy_policy_sha256": c.privacy_hash,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "page": c.source_url,
                "confirmed_at": when(c.confirmed_at),
                "confirmation_ip_address": c.confirmation_ip_address,
                "confirmation_user_agent": c.confirmation_user_agent,
            }
            for c in subscriber.consents.select_related("terms", "privacy")
        ],
        "unsubscribe_events": [
            {"method": e.method, "at": when(e.created_at), "detail": e.detail}
            for e in subscriber.unsubscribe_events.all()
        ],
        "deliveries": [
            {
                "digest": d.digest.edition.isoformat(),
                "status": d.status,
                "attempts": d.attempts,
                "sent_at": when(d.sent_at),
            }
            for d in subscriber.deliveries.select_related("digest")
        ],
    }


def subscriber_export_json(*, subscriber):
    return json.dumps(subscriber_export(subscriber=subscriber), indent=2, ensure_ascii=False)


def subscriber_erase(*, subscriber):
    """Erase one address (GDPR): the subscriber and their deliveries go; consent records and
    unsubscribe events stay as anonymous counts, without address, IP or browser. The address
    may subscribe again later, from scratch."""
    with transaction.atomic():
        now = timezone.now()
        subscriber.consents.update(
            email="",
            ip_address=None,
            user_agent="",
            source_url="",
            confirmation_ip_address=None,
            confirmation_user_agent="",
            anonymised_at=now,
        )
        subscriber.unsubscribe_events.update(detail="")
        UnsubscribeEvent.objects.create(subscriber=None, method=UnsubscribeEvent.Method.ERASURE)
        subscriber.delete()


# --- The digest


def digest_candidates(now=None):
    """The top stories of the last 24 hours: featured first, then breaking, then newest."""
    now = now or timezone.now()
    return (
        Article.objects.published()
        .filter(published_at__gt=now - timedelta(hours=24))
        .order_by("-is_featured", "-is_breaking", "-published_at")[
            : settings.NEWSLETTER_DIGEST_STORIES
        ]
    )


def digest_build(*, edition=None):
    """Today's digest, built once: (digest, created). Idempotent for the same day."""
    edition = edition or timezone.localdate()
    try:
        with transaction.atomic():
            digest, created = Digest.objects.get_or_create(
                edition=edition,
                defaults={"subject": f"The most important news of the day – {edition:%-d %B %Y}"},
            )
            if created:
                DigestStory.objects.bulk_create(
                    DigestStory(digest=digest, article=article, order=position)
                    for position, article in enumerate(digest_candidates())
                )
    except IntegrityError:  # another process built it at the same moment
        return Digest.objects.get(edition=edition), False
    return digest, created


def digest_queue(*, digest, chains=None):
    """Freeze the digest and queue it: one Delivery per confirmed subscriber, then start
    ``chains`` parallel sending tasks. Calling it again for a queued digest adds nothing."""
    with transaction.atomic():
        digest = Digest.objects.select_for_update().get(pk=digest.pk)
        if digest.status != Digest.Status.DRAFT:
            return 0
        subscriber_ids = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list(
            "pk", flat=True
        )
        now = timezone.now()
        created = 0
        batch = []
        for subscriber_id in subscriber_ids.iterator(chunk_size=5000):
            batch.append(Delivery(digest=digest, subscriber_id=subscriber_id, next_attempt_at=now))
            if len(batch) == 5000:
                created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        if batch:
            created += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
        digest.status = Digest.Status.SENDING
        digest.queued_at = now
        digest.save(update_fields=["status", "queued_at"])
        transaction.on_commit(lambda: start_sending(digest.pk, chains=chains))
    return created


def start_sending(digest_id, *, chains=None):
    """Start ``chains`` sending tasks; each sends a batch, then queues its own successor."""
    from .tasks import deliver_digest_batch

    for _ in range(chains or settings.NEWSLETTER_SENDING_CHAINS):
        deliver_digest_batch.enqueue(digest_id)


def digest_resume(*, exclude=None):
    """Restart sending for digests still marked as sending (after an outage or a retry delay)."""
    digests = list(
        Digest.objects.filter(status=Digest.Status.SENDING)
        .exclude(pk=exclude)
        .values_list("pk", flat=True)
    )
    for digest_id in digests:
        start_sending(digest_id)
    return digests


def _lease():
    return timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)


def _lease_cutoff(now):
    return now - _lease()


def _claimable(digest_id, now):
    return Delivery.objects.filter(
        digest_id=digest_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=_lease_cutoff(now)))


def claim_deliveries(*, digest_id, worker_id, batch_size=None):
    """Claim up to ``batch_size`` ready deliveries for this worker.

    On PostgreSQL, SELECT … FOR UPDATE SKIP LOCKED lets workers pick disjoint rows without
    waiting; the UPDATE re-checks the claim condition, which on SQLite (no row locks, one
    writer at a time) is what keeps two workers from claiming the same row.
    """
    now = timezone.now()
    claim = f"{worker_id}:{uuid.uuid4().hex[:12]}"[-64:]
    with transaction.atomic():
        ids = list(
            _claimable(digest_id, now)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: batch_size or settings.NEWSLETTER_BATCH_SIZE]
        )
        if ids:
            _claimable(digest_id, now).filter(pk__in=ids).update(claimed_by=claim, claimed_at=now)
    deliveries = list(
        Delivery.objects.filter(pk__in=ids, claimed_by=claim).select_related("subscriber")
    )
    return claim, deliveries


def retry_delay(attempts):
    return timedelta(seconds=settings.NEWSLETTER_RETRY_BASE_SECONDS * 4 ** (attempts - 1))


@dataclass
class RenderedDigest:
    subject: str
    text: str
    html: str


def render_digest(digest, *, base_url=None):
    """The digest's text and HTML, rendered once; each message then only swaps in its own
    unsubscribe link."""
    items = list(
        digest.items.select_related("article__hero_image", "article__section").order_by(
            "order", "pk"
        )
    )
    stories = []
    for item in items:
        article = item.article
        hero = None
        if article.hero_image_id:
            try:
                hero = absolute_url(article.hero_image.jpeg_800.url, base_url)
            except (OSError, ValueError):
                hero = None
        stories.append(
            {
                "article": article,
                "url": absolute_url(article.get_absolute_url(), base_url),
                "hero_url": hero,
                "hero_alt": article.hero_image.alt_text if article.hero_image_id else "",
            }
        )
    context = {
        "digest": digest,
        "stories": stories,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "site_url": absolute_url("/", base_url),
        "archive_url": absolute_url(digest.get_absolute_url(), base_url),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    return RenderedDigest(
        subject=digest.subject,
        text=render_to_string("newsletter/email/digest.txt", context),
        html=render_to_string("newsletter/email/digest.html", context),
    )


def digest_message(rendered, *, to, unsubscribe_url, message_id=None, connection=None):
    """One digest email with the RFC 8058 one-click unsubscribe headers."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.SITE_NAME} daily digest <digest.{settings.NEWSLETTER_LIST_DOMAIN}>",
            **({"Message-ID": message_id} if message_id else {}),
        },
    )
    message.attach_alternative(
        rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url), "text/html"
    )
    return message


def unsubscribe_url_for(subscriber, base_url=None):
    return absolute_url(
        reverse(
            "newsletter:unsubscribe", kwargs={"token": tokens.make_unsubscribe_token(subscriber)}
        ),
        base_url,
    )


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    lost_claim: bool = False


def deliver_batch(*, digest_id, worker_id, batch_size=None):
    """Claim a batch of deliveries and send them, marking each one sent as soon as the SMTP
    server accepted it. A failed send is retried later with a growing delay, up to
    NEWSLETTER_MAX_ATTEMPTS; a crash leaves the unsent rows claimed until their lease ends,
    when another worker sends them. The lease is renewed while the batch goes on, and a row
    another worker has taken over is not sent."""
    claim, deliveries = claim_deliveries(
        digest_id=digest_id, worker_id=worker_id, batch_size=batch_size
    )
    result = BatchResult(claimed=len(deliveries))
    if not deliveries:
        return result
    digest = Digest.objects.get(pk=digest_id)
    rendered = render_digest(digest)
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # the mail server is down: the whole batch tries again later
        for delivery in deliveries:
            _record_failure(delivery, claim, error)
        result.failed = len(deliveries)
        logger.warning("Digest %s: cannot reach the mail server: %s", digest_id, error)
        return result
    held = {delivery.pk for delivery in deliveries}
    renewed_at = deliveries[0].claimed_at
    try:
        for position, delivery in enumerate(deliveries):
            subscriber = delivery.subscriber
            mine = Delivery.objects.filter(pk=delivery.pk, claimed_by=claim)
            if subscriber.status != Subscriber.Status.CONFIRMED:
                mine.update(status=Delivery.Status.SKIPPED, claimed_by="", claimed_at=None)
                result.skipped += 1
                continue
            message = digest_message(
                rendered,
                to=subscriber.email,
                unsubscribe_url=unsubscribe_url_for(subscriber),
                # The same id on a resent copy lets mail systems recognise a duplicate.
                message_id=f"<digest{digest_id}.delivery{delivery.pk}@{settings.NEWSLETTER_LIST_DOMAIN}>",
                connection=connection,
            )
            # Right before sending, make sure the row is still ours: a worker that stalled past
            # its lease may have lost it to another, which sends it too. Renewing the rest of
            # the batch every half lease keeps a slow but live worker's rows its own.
            if timezone.now() - renewed_at >= _lease() / 2:
                held, renewed_at = _renew_claim(claim, [d.pk for d in deliveries[position:]])
            if delivery.pk not in held:
                result.lost_claim = True
                continue
            try:
                message.send()
            except Exception as error:  # SMTP refusals, timeouts, dropped connections
                _record_failure(delivery, claim, error)
                result.failed += 1
                logger.warning("Digest %s to delivery %s failed: %s", digest_id, delivery.pk, error)
                _reopen(connection)
                continue
            marked = mine.update(
                status=Delivery.Status.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                claimed_by="",
                claimed_at=None,
                last_error="",
            )
            result.sent += 1
            if not marked:
                # Our lease ran out and another worker took the rest over: stop here.
                result.lost_claim = True
                break
    finally:
        connection.close()
    return result


def _renew_claim(claim, delivery_ids):
    """Restart the lease on those of ``delivery_ids`` this claim still holds: (their ids, now)."""
    now = timezone.now()
    mine = Delivery.objects.filter(pk__in=delivery_ids, claimed_by=claim)
    mine.update(claimed_at=now)
    return set(mine.values_list("pk", flat=True)), now


def _record_failure(delivery, claim, error):
    """Count a failed attempt: retried after retry_delay(), or given up after the last one."""
    attempts = delivery.attempts + 1
    gave_up = attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk, claimed_by=claim).update(
        attempts=attempts,
        status=Delivery.Status.FAILED if gave_up else Delivery.Status.PENDING,
        next_attempt_at=timezone.now() + retry_delay(attempts),
        last_error=f"{type(error).__name__}: {error}"[:500],
        claimed_by="",
        claimed_at=None,
    )


def _reopen(connection):
    with contextlib.suppress(Exception):  # the connection is broken already
        connection.close()
    try:
        connection.open()
    except Exception:  # noqa: BLE001
        logger.warning("Could not reopen the SMTP connection", exc_info=True)


def next_step(digest_id):
    """What a sending chain does after a batch: "more" (ready rows left), a time to come back
    (only retries or other workers' claims left), or "done" (and the digest is marked sent)."""
    now = timezone.now()
    pending = Delivery.objects.filter(digest_id=digest_id, status=Delivery.Status.PENDING)
    if _claimable(digest_id, now).exists():
        return "more"
    if pending.exists():
        soonest = pending.aggregate(
            retry=Min("next_attempt_at", filter=Q(claimed_at__isnull=True)),
            claim=Min("claimed_at"),
        )
        candidates = [soonest["retry"]]
        if soonest["claim"]:
            candidates.append(soonest["claim"] + _lease())
        return max(min(c for c in candidates if c), now + timedelta(seconds=1))
    Digest.objects.filter(pk=digest_id, status=Digest.Status.SENDING).update(
        status=Digest.Status.SENT, completed_at=now
    )
    return "done"


def digest_send_test(*, digest, email):
    """The digest as subscribers will get it, to one editor; nothing is recorded."""
    rendered = render_digest(digest)
    unsubscribe_url = absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": "test"}))
    message = digest_message(rendered, to=email, unsubscribe_url=unsubscribe_url)
    message.subject = f"[Test] {message.subject}"
    message.send()
