"""Background work of the newsletter, run by Django's tasks framework (the django-tasks backport).

With the default database backend, `manage.py newsletter_worker` (or `db_worker`) runs these;
with TASKS_BACKEND=rq, `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job` (the
scheduler runs the batches queued for later, when only retries are left). Each task sends one
batch and queues its own successor, so any number of workers on any number of machines share a
digest's sending; the watchdog (watchdog.py) replaces the chains of workers that died.
"""

import os
import socket

from django_tasks import task

from .delivery import StepKind, deliver_batch, next_step
from .watchdog import revive_chains

WORKER_ID = f"{socket.gethostname()}-{os.getpid()}"


@task(takes_context=True)
def deliver_digest_batch(context, digest_id: int) -> dict:
    result = deliver_batch(digest_id=digest_id, worker_id=WORKER_ID)
    step = next_step(digest_id)
    successor = None
    if step.kind is StepKind.MORE:
        successor = deliver_digest_batch.enqueue
    elif step.kind is StepKind.RETRY_LATER and deliver_digest_batch.get_backend().supports_defer:
        # Only retries (or rows claimed by a worker that may have died) are left: come back then.
        successor = deliver_digest_batch.using(run_after=step.at).enqueue
    revival = None
    if successor:
        # Before going on, replace the chains of workers that died; under the same lock, so a
        # chain the watchdog gave up for dead while this batch ran long does not go on twice.
        revival = revive_chains(
            digest_id,
            start_chain=lambda: deliver_digest_batch.enqueue(digest_id),
            running_task_id=str(context.task_result.id),
            successor=lambda: successor(digest_id),
        )
    return {
        "claimed": result.claimed,
        "sent": result.sent,
        "failed": result.failed,
        "skipped": result.skipped,
        "next": "replaced"
        if revival and not revival.continue_chain
        else (step.at.isoformat() if step.at else step.kind.value),
    }
