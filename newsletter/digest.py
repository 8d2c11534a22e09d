"""The daily digest before it goes out: choosing the stories, building it once a day, queueing it
for every confirmed subscriber and starting (or restarting) the sending tasks; and a test copy
for editors."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles.front_page import front_page
from articles.models import Article

from . import watchdog
from .models import Delivery, Digest, DigestStory, Subscriber
from .rendering import absolute_url, digest_message, render_digest
from .tasks import deliver_digest_batch


def digest_candidates(now: datetime | None = None) -> list[Article]:
    """The day's digest in the editors' order: the front page's lead and top stories as readers
    see them now (articles/front_page.py), then the last 24 hours' breaking stories, then the
    rest of those 24 hours, newest first; NEWSLETTER_DIGEST_STORIES at most."""
    now = now or timezone.now()
    front = front_page(Article.objects.published().for_cards(), now)
    chosen = [story for story in [front.lead, *front.top] if story is not None]
    rest = (
        Article.objects.published()
        .filter(published_at__gt=now - timedelta(hours=24))
        .exclude(pk__in=[story.pk for story in chosen])
        .order_by("-is_breaking", "-published_at", "-pk")[: settings.NEWSLETTER_DIGEST_STORIES]
    )
    return (chosen + list(rest))[: settings.NEWSLETTER_DIGEST_STORIES]


def digest_build(*, edition: date | None = None) -> tuple[Digest, bool]:
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


def digest_queue(*, digest: Digest, chains: int | None = None) -> int:
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


def start_sending(digest_id: int, *, chains: int | None = None) -> None:
    """Start ``chains`` sending tasks; each sends a batch, then queues its own successor."""
    for _ in range(chains or settings.NEWSLETTER_SENDING_CHAINS):
        deliver_digest_batch.enqueue(digest_id)


def digest_resume(*, exclude: int | None = None) -> list[int]:
    """Restart sending for digests still marked as sending (after an outage or a retry delay).

    On the database queue only the chains that died are replaced (watchdog.py); elsewhere a
    full set of chains is started, and the spare ones end when they find nothing to send."""
    if watchdog.uses_database_queue():
        revivals = watchdog.revive_all(start_chain=deliver_digest_batch.enqueue)
        return [r.digest_id for r in revivals if r.started and r.digest_id != exclude]
    digests = list(
        Digest.objects.filter(status=Digest.Status.SENDING)
        .exclude(pk=exclude)
        .values_list("pk", flat=True)
    )
    for digest_id in digests:
        start_sending(digest_id)
    return digests


def digest_send_test(*, digest: Digest, email: str) -> None:
    """The digest as subscribers will get it, to one editor; nothing is recorded."""
    rendered = render_digest(digest)
    unsubscribe_url = absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": "test"}))
    message = digest_message(rendered, to=email, unsubscribe_url=unsubscribe_url)
    message.subject = f"[Test] {message.subject}"
    message.send()
