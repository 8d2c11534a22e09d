"""Sending a queued digest: workers claim batches of deliveries under a lease, send them, retry
failures later and tell their task what to do next (see tasks.py)."""

import contextlib
import enum
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from .models import Delivery, Digest, Subscriber
from .rendering import digest_message, render_digest, unsubscribe_url_for

logger = logging.getLogger(__name__)


class StepKind(enum.Enum):
    MORE = "more"  # ready deliveries are left: send the next batch at once
    RETRY_LATER = "retry-later"  # only retries or others' claims are left: come back at ``at``
    DONE = "done"  # nothing is left; the digest is marked sent


@dataclass(frozen=True)
class NextStep:
    """What a sending chain does after a batch; ``at`` is set for RETRY_LATER only."""

    kind: StepKind
    at: datetime | None = None


def claim_lease():
    return timedelta(seconds=settings.NEWSLETTER_CLAIM_LEASE_SECONDS)


def _lease_cutoff(now):
    return now - claim_lease()


def _claimable(digest_id, now):
    return Delivery.objects.filter(
        digest_id=digest_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=_lease_cutoff(now)))


def claim_deliveries(
    *, digest_id: int, worker_id: str, batch_size: int | None = None
) -> tuple[str, list[Delivery]]:
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


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=settings.NEWSLETTER_RETRY_BASE_SECONDS * 4 ** (attempts - 1))


@dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    lost_claim: bool = False


def deliver_batch(*, digest_id: int, worker_id: str, batch_size: int | None = None) -> BatchResult:
    """Claim a batch of deliveries and send them one by one, marking each one sent as soon as
    the SMTP server accepted it. A failed send is retried later with a growing delay, up to
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
            if timezone.now() - renewed_at >= claim_lease() / 2:
                held, renewed_at = _renew_claim(claim, [d.pk for d in deliveries[position:]])
            if delivery.pk not in held:
                result.lost_claim = True
                continue
            # From the server's 250 until the UPDATE below commits, a killed worker leaves a
            # message sent but its row pending: it goes out again, with the same Message-ID,
            # when the lease ends. One message at a time, on one connection, with nothing but
            # that one UPDATE in between, keeps it to at most one duplicate per kill.
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


def next_step(digest_id: int) -> NextStep:
    """What a sending chain does after a batch: more (ready rows left), retry later at a time
    (only retries or other workers' claims left), or done (and the digest is marked sent).

    Other workers keep sending meanwhile, so what is left is read in one query: rows sent
    between two separate looks must not leave a "pending" answer with nothing to wait for.
    """
    now = timezone.now()
    if _claimable(digest_id, now).exists():
        return NextStep(StepKind.MORE)
    left = Delivery.objects.filter(digest_id=digest_id, status=Delivery.Status.PENDING).aggregate(
        count=Count("pk"),
        retry=Min("next_attempt_at", filter=Q(claimed_at__isnull=True)),
        claim=Min("claimed_at"),
    )
    if left["count"]:
        candidates = [left["retry"]]
        if left["claim"]:
            candidates.append(left["claim"] + claim_lease())
        soonest = min((c for c in candidates if c), default=now)
        return NextStep(StepKind.RETRY_LATER, at=max(soonest, now + timedelta(seconds=1)))
    Digest.objects.filter(pk=digest_id, status=Digest.Status.SENDING).update(
        status=Digest.Status.SENT, completed_at=now
    )
    return NextStep(StepKind.DONE)
