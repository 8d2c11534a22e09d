"""Keeping a digest's sending chains alive when workers die.

Each chain is one `deliver_digest_batch` task at a time (see tasks.py). django-tasks-db never
runs again a task whose worker was killed: it stays RUNNING and its chain ends there. The
watchdog finds such tasks (RUNNING for longer than NEWSLETTER_CLAIM_LEASE_SECONDS, which no
batch takes while its worker lives), marks them failed, so that they are visibly abandoned, and
queues new chains until NEWSLETTER_SENDING_CHAINS are alive again. The rows the dead worker had
claimed go to the new chains when their own lease ends (delivery.py).

It runs under the digest's row lock, so two watchdogs at once (or a watchdog and a chain
queueing its successor) never start the same chain twice. It runs from every chain's task
before that task queues its successor, from `manage.py newsletter_worker` every
NEWSLETTER_WATCHDOG_SECONDS and from `manage.py send_daily_digest`.

Only the database queue needs it; other backends (immediate, RQ) keep their old behaviour.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .delivery import claim_lease, next_step
from .models import Delivery, Digest

logger = logging.getLogger(__name__)

CHAIN_TASK_PATH = "newsletter.tasks.deliver_digest_batch"


class AbandonedChainTask(Exception):  # noqa: N818 - the name is what the task list shows
    """Recorded on a chain task whose worker stopped answering (the exception class path of its
    failed result); never raised."""


@dataclass(frozen=True)
class Revival:
    """What one watchdog pass did for one digest."""

    digest_id: int
    alive: int = 0  # chains found alive, the calling task's own included
    abandoned: int = 0  # tasks marked failed as abandoned
    started: int = 0  # chains started to replace them
    continue_chain: bool = True  # False: the calling task was abandoned and replaced already


def uses_database_queue() -> bool:
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def revive_chains(
    digest_id: int,
    *,
    start_chain: Callable[[], object],
    running_task_id: str | None = None,
    successor: Callable[[], object] | None = None,
) -> Revival:
    """Bring a sending digest back to NEWSLETTER_SENDING_CHAINS live chains.

    ``start_chain`` queues one new chain. A chain's own task passes its result id as
    ``running_task_id`` and its next task as ``successor``: it then counts as alive, and its
    successor is queued under the same lock, unless the watchdog gave it up as abandoned while
    it ran (a batch that outlived the lease): a replacement exists then, and the chain stops.
    """
    if not uses_database_queue():
        if successor:
            successor()
        return Revival(digest_id)
    with exclusive_transaction():  # SQLite has no row locks: the whole database, briefly
        digest = (
            Digest.objects.select_for_update().filter(pk=digest_id, status=Digest.Status.SENDING)
        ).first()
        if digest is None:  # sent already, or not yet queued: nothing to watch over
            if successor:
                successor()
            return Revival(digest_id)
        now = timezone.now()
        alive, abandoned, replaced = 0, [], False
        for task in _chain_tasks(digest_id, running_task_id):
            if str(task.pk) == running_task_id:
                replaced = task.status != TaskResultStatus.RUNNING
            elif _alive(task, now):
                alive += 1
            else:
                abandoned.append(task)
        for task in abandoned:
            _mark_abandoned(task, now)
        continue_chain = bool(successor) and not replaced
        if continue_chain:
            alive += 1
            successor()
        missing = 0
        if not Delivery.objects.filter(digest_id=digest_id, status="pending").exists():
            next_step(digest_id)  # every row went out but no chain lived to say so
        else:
            missing = max(settings.NEWSLETTER_SENDING_CHAINS - alive, 0)
        for _ in range(missing):
            start_chain()
    if abandoned or missing:
        logger.warning(
            "Digest %s: %s abandoned sending task(s), %s chain(s) started, %s alive",
            digest_id,
            len(abandoned),
            missing,
            alive,
        )
    return Revival(digest_id, alive, len(abandoned), missing, continue_chain)


def revive_all(*, start_chain: Callable[[int], object]) -> list[Revival]:
    """One watchdog pass over every digest still sending; ``start_chain(digest_id)``."""
    return [
        revive_chains(digest_id, start_chain=lambda d=digest_id: start_chain(d))
        for digest_id in Digest.objects.filter(status=Digest.Status.SENDING).values_list(
            "pk", flat=True
        )
    ]


def _chain_tasks(digest_id, running_task_id):
    """The digest's chain tasks that are queued or running (and the caller's own, whatever its
    status). Only a handful are: they are read and matched to the digest here."""
    tasks = DBTaskResult.objects.filter(task_path=CHAIN_TASK_PATH, status__in=["READY", "RUNNING"])
    if running_task_id:
        tasks = tasks | DBTaskResult.objects.filter(pk=running_task_id)
    return [task for task in tasks if _digest_of(task) == digest_id]


def _alive(task, now):
    """Queued (now or for later), or running for less than a lease: no live worker's batch takes
    longer than that, since batches are a few seconds' work and a lease minutes."""
    if task.status == TaskResultStatus.READY:
        return True
    return task.started_at is not None and task.started_at >= now - claim_lease()


def _digest_of(task):
    args, kwargs = task.args_kwargs.get("args") or [], task.args_kwargs.get("kwargs") or {}
    return args[0] if args else kwargs.get("digest_id")


def _mark_abandoned(task, now):
    DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{__name__}.{AbandonedChainTask.__name__}",
        traceback=(
            f"Running since {task.started_at:%Y-%m-%d %H:%M:%S} UTC, longer than the lease "
            f"({settings.NEWSLETTER_CLAIM_LEASE_SECONDS} s): its worker died. A new sending "
            "chain replaces it; the rows it held are sent again when their lease ends."
        ),
    )
