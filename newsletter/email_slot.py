"""One confirmation email on its way per address, at most one per resend period.

`Subscriber.confirmation_sent_at` is when the latest confirmation (or "already subscribed" note)
was queued, or last tried by the task worker: while a message is on its way the resend throttle
stays closed (every EMAIL_RETRY_DELAYS step is shorter than NEWSLETTER_CONFIRMATION_RESEND_SECONDS),
so a sign-up meanwhile queues nothing. Once sent it holds the time of the attempt the mail server
accepted; when the worker gives up it is cleared, so that the reader's next sign-up sends again.
A message queued before a newer one (a worker backlog longer than the resend period) finds the
slot taken by the newer one when its turn comes, and is dropped.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Subscriber


def claim(subscriber_id: int, now: datetime) -> datetime | None:
    """`now` for exactly one of many simultaneous sign-ups, at most once per resend period;
    otherwise None. A conditional UPDATE, so fifty sign-ups of one address send one email."""
    cutoff = now - timedelta(seconds=settings.NEWSLETTER_CONFIRMATION_RESEND_SECONDS)
    claimed = (
        Subscriber.objects.filter(pk=subscriber_id)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff))
        .update(confirmation_sent_at=now)
    )
    return now if claimed else None


def take(subscriber_id: int) -> datetime:
    """An editor's resend: the throttle does not apply, and an older message is dropped."""
    now = timezone.now()
    Subscriber.objects.filter(pk=subscriber_id).update(confirmation_sent_at=now)
    return now


def renew(subscriber_id: int, claimed_at: datetime) -> datetime | None:
    """Stamp the slot with this attempt's time; None when a newer message holds it (or it was
    released)."""
    now = timezone.now()
    renewed = Subscriber.objects.filter(pk=subscriber_id, confirmation_sent_at=claimed_at).update(
        confirmation_sent_at=now
    )
    return now if renewed else None


def release(subscriber_id: int, claimed_at: datetime) -> None:
    """Nothing is on its way any more (sending gave up, or could not be queued)."""
    Subscriber.objects.filter(pk=subscriber_id, confirmation_sent_at=claimed_at).update(
        confirmation_sent_at=None
    )
