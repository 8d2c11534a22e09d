"""`db_worker` with the digest watchdog and the publication clock: use it instead of
`manage.py db_worker`."""

import logging
import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands import db_worker

from articles import publication_clock
from newsletter.digest import digest_resume
from newsletter.schedule import digest_schedule_step

logger = logging.getLogger("newsletter.watchdog")


def watch_once(interval: float) -> None:
    """One watchdog pass, and the digest's day (built at its build time, queued at its send
    time: newsletter/schedule.py); a failure (the database away for a while) is logged and the
    pass tried again ``interval`` seconds later."""
    try:
        digest_schedule_step()
        digest_resume()
    except Exception:
        logger.exception("The digest watchdog failed; trying again in %s s", interval)


def tick_once(interval: float) -> None:
    """One tick of the publication clock (articles/publication_clock.py); a failure is logged
    and the tick tried again ``interval`` seconds later, covering the time missed."""
    try:
        publication_clock.tick()
    except Exception:
        logger.exception("The publication clock failed; trying again in %s s", interval)


def watch(stop: threading.Event, interval: float, step=watch_once) -> None:
    """``step(interval)`` every ``interval`` seconds, until ``stop``."""
    while not stop.wait(interval):
        try:
            step(interval)
        finally:
            connections.close_all()  # this thread's own connections


class Command(db_worker.Command):
    help = (
        "Run a database task worker (all of db_worker's options) that also checks, at start and "
        "every NEWSLETTER_WATCHDOG_SECONDS, that every digest being sent has its sending chains: "
        "tasks left running by a worker that died are marked failed and replaced, so a digest "
        "finishes even when every worker was killed. It also builds the day's digest at "
        "NEWSLETTER_BUILD_AT and sends it at NEWSLETTER_SEND_AT. Every PUBLICATION_CLOCK_SECONDS "
        "it purges cached pages whose scheduled story or banner end has come."
    )

    def handle(self, *args, **options):
        # The first pass before taking any task: fresh workers after every worker was killed
        # find the replacement chains waiting at once.
        interval = settings.NEWSLETTER_WATCHDOG_SECONDS
        watch_once(interval)
        stop = threading.Event()
        # A daemon thread: it dies with the worker, and never keeps a stopping worker alive.
        watchdog = threading.Thread(
            target=watch,
            args=(stop, interval),
            name="digest-watchdog",
            daemon=True,
        )
        watchdog.start()
        threading.Thread(
            target=watch,
            args=(stop, settings.PUBLICATION_CLOCK_SECONDS, tick_once),
            name="publication-clock",
            daemon=True,
        ).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
