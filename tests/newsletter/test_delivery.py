"""Exactly-once delivery: claims with a lease, a crash mid-batch, retries with backoff."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db.models import QuerySet
from django.utils import timezone

from newsletter import rendering
from newsletter.delivery import NextStep, StepKind, claim_deliveries, deliver_batch, next_step
from newsletter.digest import digest_build, digest_queue
from newsletter.models import Delivery, Digest, Subscriber
from newsletter.subscriptions import unsubscribe
from tests.factories import ArticleFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

DONE = NextStep(StepKind.DONE)


class WorkerCrash(BaseException):
    """Stands for a killed process: not an Exception, so nothing in the worker catches it."""


@pytest.fixture
def digest(settings):
    settings.NEWSLETTER_SENDING_CHAINS = 1
    ArticleFactory(headline="The one story of the day")
    SubscriberFactory.create_batch(10)
    digest, _ = digest_build()
    # Queue without starting the sending chains, so each test drives the workers itself.
    settings.NEWSLETTER_SENDING_CHAINS = 0
    digest_queue(digest=digest)
    return digest


def recipients():
    return [message.to[0] for message in mail.outbox]


def confirmed_emails():
    return set(
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list(
            "email", flat=True
        )
    )


def run_until_done(digest, worker="w"):
    while deliver_batch(digest_id=digest.pk, worker_id=worker, batch_size=3).claimed:
        pass
    return next_step(digest.pk)


def test_one_delivery_row_per_confirmed_subscriber(digest):
    SubscriberFactory(status=Subscriber.Status.PENDING)
    assert Delivery.objects.filter(digest=digest).count() == 10
    assert Digest.objects.get().status == Digest.Status.SENDING


def test_every_subscriber_gets_exactly_one_email(digest, outbox):
    assert run_until_done(digest) == DONE
    assert sorted(recipients()) == sorted(confirmed_emails())
    assert Digest.objects.get().status == Digest.Status.SENT
    assert not Delivery.objects.exclude(status="sent").exists()


def test_a_worker_that_crashes_mid_batch_is_resumed_without_duplicates_or_gaps(
    digest, outbox, monkeypatch, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    real_send = LocmemBackend.send_messages
    calls = {"n": 0}

    def crash_on_the_third(self, messages):
        calls["n"] += 1
        if calls["n"] == 3:
            raise WorkerCrash
        return real_send(self, messages)

    monkeypatch.setattr(LocmemBackend, "send_messages", crash_on_the_third)
    with pytest.raises(WorkerCrash):
        deliver_batch(digest_id=digest.pk, worker_id="dies", batch_size=5)
    monkeypatch.setattr(LocmemBackend, "send_messages", real_send)
    assert len(outbox) == 2
    # The crashed worker's three unsent rows stay claimed: a second worker leaves them alone…
    run_until_done(digest, worker="second")
    assert len(outbox) == 7
    assert Delivery.objects.filter(status="pending", claimed_by__startswith="dies").count() == 3
    # …until the lease runs out; then they are sent, once.
    time_machine.shift(timedelta(minutes=16))
    assert run_until_done(digest, worker="third") == DONE
    assert sorted(recipients()) == sorted(confirmed_emails())
    assert len(set(recipients())) == 10


def test_a_crash_right_after_claiming_loses_nobody(digest, outbox, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    claim, claimed = claim_deliveries(digest_id=digest.pk, worker_id="dies", batch_size=4)
    assert len(claimed) == 4  # …and then the process is killed before sending anything.
    run_until_done(digest, worker="other")
    assert len(outbox) == 6
    step = next_step(digest.pk)
    # Come back when the lease ends.
    assert step == NextStep(StepKind.RETRY_LATER, at=timezone.now() + timedelta(seconds=900))
    time_machine.shift(timedelta(seconds=901))
    assert run_until_done(digest, worker="other") == DONE
    assert sorted(recipients()) == sorted(confirmed_emails())


def test_rows_sent_by_another_worker_while_deciding_finish_the_digest(digest, outbox, monkeypatch):
    # Another worker holds every row; it sends them all just as this one reads what is left.
    claim_deliveries(digest_id=digest.pk, worker_id="other", batch_size=10)
    real_aggregate = QuerySet.aggregate

    def sent_meanwhile(queryset, *args, **kwargs):
        if queryset.model is Delivery:
            Delivery.objects.filter(digest=digest).update(
                status=Delivery.Status.SENT, claimed_by="", claimed_at=None
            )
        return real_aggregate(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "aggregate", sent_meanwhile)
    assert next_step(digest.pk) == DONE
    assert Digest.objects.get().status == Digest.Status.SENT


def stall_while_building(monkeypatch, *, stalls):
    """Let time pass while the worker builds its messages: ``stalls`` maps the number of a
    message (1, 2, …) to what happens just before it goes out. Messages built by another
    worker during a stall are not counted."""
    real_digest_message = rendering.digest_message
    built = {"n": 0, "stalling": False}

    def digest_message(*args, **kwargs):
        if not built["stalling"]:
            built["n"] += 1
            stall = stalls.get(built["n"])
            if stall:
                built["stalling"] = True
                try:
                    stall()
                finally:
                    built["stalling"] = False
        return real_digest_message(*args, **kwargs)

    monkeypatch.setattr("newsletter.delivery.digest_message", digest_message)


def test_a_worker_that_stalls_past_its_lease_sends_nothing_another_has_taken_over(
    digest, outbox, monkeypatch, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    taken_over = {}

    def stall_then_another_worker_takes_over():
        time_machine.shift(timedelta(minutes=16))
        taken_over["step"] = run_until_done(digest, worker="second")

    stall_while_building(monkeypatch, stalls={3: stall_then_another_worker_takes_over})
    result = deliver_batch(digest_id=digest.pk, worker_id="stalls", batch_size=5)
    assert taken_over["step"] == DONE
    assert result.sent == 2 and result.lost_claim
    assert len(outbox) == 10
    assert sorted(recipients()) == sorted(confirmed_emails())


def test_a_slow_worker_keeps_its_batch_by_renewing_the_lease(
    digest, outbox, monkeypatch, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    others = {}

    def slow():
        time_machine.shift(timedelta(minutes=6))

    def slow_while_another_worker_runs():
        slow()
        others["result"] = deliver_batch(digest_id=digest.pk, worker_id="second", batch_size=10)

    # Five messages at six minutes each: 30 minutes for a batch, twice the 15-minute lease.
    stall_while_building(
        monkeypatch, stalls={1: slow, 2: slow, 3: slow_while_another_worker_runs, 4: slow, 5: slow}
    )
    result = deliver_batch(digest_id=digest.pk, worker_id="slow", batch_size=5)
    assert result.sent == 5 and not result.lost_claim
    assert others["result"].claimed == 5  # the other five, none of the slow worker's
    assert sorted(recipients()) == sorted(confirmed_emails())
    assert len(set(recipients())) == 10


def test_two_workers_never_claim_the_same_row(digest):
    _, first = claim_deliveries(digest_id=digest.pk, worker_id="a", batch_size=6)
    _, second = claim_deliveries(digest_id=digest.pk, worker_id="b", batch_size=6)
    assert len(first) == 6 and len(second) == 4
    assert not {d.pk for d in first} & {d.pk for d in second}


def test_a_failed_send_is_retried_later_with_a_growing_delay(
    digest, outbox, monkeypatch, time_machine, settings
):
    time_machine.move_to(timezone.now(), tick=False)
    unlucky = Subscriber.objects.order_by("pk").first()
    real_send = LocmemBackend.send_messages

    def refuse_one(self, messages):
        if messages[0].to == [unlucky.email]:
            raise smtplib.SMTPRecipientsRefused({unlucky.email: (451, b"Try again later")})
        return real_send(self, messages)

    monkeypatch.setattr(LocmemBackend, "send_messages", refuse_one)
    step = run_until_done(digest)
    assert len(outbox) == 9
    delivery = Delivery.objects.get(subscriber=unlucky)
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "SMTPRecipientsRefused" in delivery.last_error
    assert delivery.next_attempt_at == timezone.now() + timedelta(seconds=60)
    assert step == NextStep(StepKind.RETRY_LATER, at=delivery.next_attempt_at)
    # Not before its time…
    assert deliver_batch(digest_id=digest.pk, worker_id="w").claimed == 0
    time_machine.shift(61)
    run_until_done(digest)
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == timezone.now() + timedelta(seconds=240)
    # The server accepts it at last.
    monkeypatch.setattr(LocmemBackend, "send_messages", real_send)
    time_machine.shift(241)
    assert run_until_done(digest) == DONE
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 3 and delivery.last_error == ""
    assert sorted(recipients()) == sorted(confirmed_emails())


def test_a_send_that_keeps_failing_is_given_up_and_visible_in_the_admin(
    digest, outbox, monkeypatch, time_machine, settings, admin_client
):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    time_machine.move_to(timezone.now(), tick=False)

    def always_fail(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(LocmemBackend, "send_messages", always_fail)
    run_until_done(digest)
    time_machine.shift(61)
    assert run_until_done(digest) == DONE
    assert Delivery.objects.filter(status="failed").count() == 10
    page = admin_client.get("/admin/newsletter/digest/").content.decode()
    assert ">10</td>" in page  # the "failed" column
    deliveries = admin_client.get("/admin/newsletter/delivery/?status__exact=failed")
    assert "SMTPServerDisconnected" in deliveries.content.decode()


def test_someone_who_unsubscribes_after_queueing_is_skipped(digest, outbox):
    leaver = Subscriber.objects.first()
    unsubscribe(subscriber=leaver, method="link")
    run_until_done(digest)
    assert leaver.email not in recipients()
    assert Delivery.objects.get(subscriber=leaver).status == "skipped"
    assert len(outbox) == 9


def test_the_sending_task_chains_itself_until_everyone_is_served(
    outbox, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 3
    settings.NEWSLETTER_SENDING_CHAINS = 2
    ArticleFactory()
    SubscriberFactory.create_batch(11)
    digest, _ = digest_build()
    with django_capture_on_commit_callbacks(execute=True):
        digest_queue(digest=digest)
    assert sorted(recipients()) == sorted(confirmed_emails())
    assert Digest.objects.get().status == Digest.Status.SENT


def test_each_message_has_a_stable_message_id_per_delivery(digest, outbox):
    run_until_done(digest)
    ids = {message.extra_headers["Message-ID"] for message in outbox}
    assert len(ids) == 10
    assert all(i.startswith(f"<digest{digest.pk}.delivery") for i in ids)


def test_one_message_at_a_time_is_between_the_servers_reply_and_its_row_marked_sent(
    digest, outbox, monkeypatch
):
    # What a kill can send twice is what went out and is not marked sent yet: each message
    # goes alone, and its row is marked before the next one leaves.
    real_send = LocmemBackend.send_messages
    seen = []

    def send_one(self, messages):
        seen.append((len(messages), Delivery.objects.filter(status="sent").count()))
        return real_send(self, messages)

    monkeypatch.setattr(LocmemBackend, "send_messages", send_one)
    deliver_batch(digest_id=digest.pk, worker_id="w", batch_size=10)
    assert seen == [(1, already_sent) for already_sent in range(10)]


def test_an_unreachable_mail_server_puts_the_whole_batch_back_for_later(
    digest, outbox, monkeypatch, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)

    def refuse(self):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(LocmemBackend, "open", refuse, raising=False)
    result = deliver_batch(digest_id=digest.pk, worker_id="w", batch_size=4)
    assert result.failed == 4 and outbox == []
    retried = Delivery.objects.filter(attempts=1, status="pending", claimed_by="")
    assert retried.count() == 4
    assert next_step(digest.pk) == NextStep(StepKind.MORE)  # the other six are still ready
