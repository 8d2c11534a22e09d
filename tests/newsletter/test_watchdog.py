"""The watchdog: a sending chain whose worker died is replaced, and nothing else is started."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter import watchdog
from newsletter.delivery import claim_deliveries
from newsletter.digest import digest_build, digest_queue, digest_resume
from newsletter.models import Delivery, Digest, Subscriber
from newsletter.tasks import deliver_digest_batch
from tests.factories import ArticleFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

LEASE = 900
WORKER = ("db_worker", "--batch", "--no-startup-delay", "--no-reload")


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.NEWSLETTER_CLAIM_LEASE_SECONDS = LEASE
    settings.NEWSLETTER_BATCH_SIZE = 3


@pytest.fixture
def digest(database_queue, settings, time_machine):
    """A digest for 8 subscribers, queued with no chain started yet: each test starts its own."""
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(headline="The one story of the day")
    SubscriberFactory.create_batch(8)
    digest, _ = digest_build()
    settings.NEWSLETTER_SENDING_CHAINS = 0
    digest_queue(digest=digest)
    settings.NEWSLETTER_SENDING_CHAINS = 2
    return digest


def chain_task(digest, *, running_for=None):
    """A chain task of ``digest``: queued, or started ``running_for`` ago by a worker."""
    result = deliver_digest_batch.enqueue(digest.pk)
    if running_for is not None:
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING", started_at=timezone.now() - running_for, worker_ids=["w"]
        )
    return DBTaskResult.objects.get(pk=result.id)


def queued(digest):
    return [
        t
        for t in DBTaskResult.objects.filter(status="READY")
        if t.args_kwargs["args"] == [digest.pk]
    ]


# The worker closes the connection between tasks, which needs a test outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_a_chain_left_running_by_a_dead_worker_is_replaced_and_the_digest_finishes(
    digest, outbox, time_machine
):
    dead = chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    claim_deliveries(digest_id=digest.pk, worker_id="killed", batch_size=3)
    live = chain_task(digest, running_for=timedelta(seconds=10))
    # A worker alone finds nothing to run: the killed worker's chain ends there.
    call_command(*WORKER, verbosity=0)
    assert outbox == []

    assert digest_resume() == [digest.pk]

    dead.refresh_from_db()
    assert dead.status == "FAILED"
    assert dead.exception_class_path == "newsletter.watchdog.AbandonedChainTask"
    assert "its worker died" in dead.traceback
    assert len(queued(digest)) == 1  # the live chain is left alone: one replacement
    assert list(DBTaskResult.objects.filter(status="RUNNING")) == [live]
    call_command(*WORKER, verbosity=0)
    assert len(outbox) == 5  # the killed worker's three rows wait for their lease to end…
    time_machine.shift(timedelta(seconds=LEASE + 1))
    call_command(*WORKER, verbosity=0)
    assert len(outbox) == 8  # …then go out, once
    assert sorted(m.to[0] for m in outbox) == sorted(
        Subscriber.objects.values_list("email", flat=True)
    )
    assert Digest.objects.get().status == Digest.Status.SENT
    assert live.pk in DBTaskResult.objects.filter(status="RUNNING").values_list("pk", flat=True)


def test_chains_running_or_queued_are_not_duplicated(digest):
    chain_task(digest, running_for=timedelta(seconds=LEASE - 5))
    chain_task(digest)
    assert digest_resume() == []
    assert len(queued(digest)) == 1
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


def test_missing_chains_are_started_up_to_the_setting(digest, settings):
    settings.NEWSLETTER_SENDING_CHAINS = 3
    chain_task(digest)
    digest_resume()
    assert len(queued(digest)) == 3


def test_a_sent_digest_gets_nothing(digest):
    stale = chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    Delivery.objects.update(status=Delivery.Status.SENT)
    Digest.objects.update(status=Digest.Status.SENT)
    assert digest_resume() == []
    assert queued(digest) == []
    stale.refresh_from_db()
    assert stale.status == "RUNNING"


def test_a_digest_whose_last_rows_went_out_before_the_kill_is_marked_sent(digest):
    chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    Delivery.objects.update(status=Delivery.Status.SENT)
    digest_resume()
    assert Digest.objects.get().status == Digest.Status.SENT
    assert queued(digest) == []


def test_the_watchdog_run_twice_starts_the_chains_once(digest):
    chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    chain_task(digest, running_for=timedelta(seconds=LEASE + 60))
    digest_resume()
    digest_resume()
    assert len(queued(digest)) == 2
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2


def test_a_chain_given_up_while_its_batch_ran_long_does_not_go_on(digest):
    slow = chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    digest_resume()  # gives it up for dead and starts two chains
    successors = []
    revival = watchdog.revive_chains(
        digest.pk,
        start_chain=lambda: deliver_digest_batch.enqueue(digest.pk),
        running_task_id=str(slow.pk),
        successor=lambda: successors.append("queued"),
    )
    assert not revival.continue_chain and successors == []
    assert len(queued(digest)) == 2


def test_a_chain_goes_on_and_counts_as_alive(digest):
    own = chain_task(digest, running_for=timedelta(seconds=1))
    revival = watchdog.revive_chains(
        digest.pk,
        start_chain=lambda: deliver_digest_batch.enqueue(digest.pk),
        running_task_id=str(own.pk),
        successor=lambda: deliver_digest_batch.enqueue(digest.pk),
    )
    assert revival == watchdog.Revival(digest.pk, alive=1, started=1)
    assert len(queued(digest)) == 2  # its successor and one more chain, two in all


@pytest.mark.django_db(transaction=True)
def test_the_newsletter_worker_finishes_a_digest_whose_every_worker_was_killed(
    digest, outbox, settings, time_machine
):
    for _ in range(2):
        chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    settings.NEWSLETTER_WATCHDOG_SECONDS = 3600
    call_command("newsletter_worker", *WORKER[1:], verbosity=0)
    assert len(outbox) == 8
    assert Digest.objects.get().status == Digest.Status.SENT


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database allows one writer at a time; run on PostgreSQL "
    "(DATABASE_URL=postgres://…, as make test does when it answers)",
)
def test_two_watchdogs_at_once_start_the_missing_chains_once(digest, monkeypatch):
    chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    chain_task(digest, running_for=timedelta(seconds=LEASE + 1))
    barrier = Barrier(2)
    mark_abandoned = watchdog._mark_abandoned

    def slowly(*args):
        time.sleep(0.3)  # both have counted by now, unless one waits for the other's lock
        return mark_abandoned(*args)

    monkeypatch.setattr(watchdog, "_mark_abandoned", slowly)

    def run(_):
        try:
            barrier.wait()
            return digest_resume()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, range(2)))
    assert len(queued(digest)) == 2
