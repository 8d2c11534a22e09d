"""Digest workers SIGKILLed again and again while a digest goes out.

The review's settings (60 sending chains, batches of 100) and 32 kills at random moments, each
killed worker restarted at once, as a supervisor does. What it may cost, and no more: each kill
can send one message twice, the one between the mail server's 250 and its row being marked
sent, and that copy has the same Message-ID as the first. Nobody is missed; the watchdog of
`manage.py newsletter_worker` replaces the chains the killed workers held, and the digest ends
marked sent within a bounded time after the last kill.
"""

import os
import random
import signal
import subprocess
import time
from collections import defaultdict

import psycopg
from psycopg.types.json import Jsonb

from .infra import BASE_DIR, PYTHON, run_manage, site_environment

SUBSCRIBERS = 5000
KILLS = 32
WORKERS = 2
LEASE_SECONDS = 5
WATCHDOG_SECONDS = 1
# After the last kill: the lease of the rows the killed worker held, a watchdog pass, a
# worker's start and what is left to send, with room for a busy two-core machine.
FINISH_AFTER_LAST_KILL_SECONDS = 90


def _start_worker(env, worker_id):
    return subprocess.Popen(
        [
            PYTHON,
            "manage.py",
            "newsletter_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.2",
            "--worker-id",
            worker_id,
            "-v0",
        ],
        cwd=BASE_DIR,
        env=site_environment(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class Monitor:
    """Reads the digest's progress straight from the throwaway database."""

    def __init__(self, database):
        url = database.replace("postgres://", "postgresql://")
        self.connection = psycopg.connect(url, autocommit=True)

    def digest_status(self):
        return self.connection.execute("SELECT status FROM newsletter_digest").fetchone()[0]

    def sending_a_batch(self, worker_id):
        return self.connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' "
            "AND task_path = 'newsletter.tasks.deliver_digest_batch' AND worker_ids @> %s",
            [Jsonb([worker_id])],
        ).fetchone()[0]

    def deliveries(self):
        return dict(
            self.connection.execute(
                "SELECT status, count(*) FROM newsletter_delivery GROUP BY status"
            ).fetchall()
        )

    def abandoned_tasks(self):
        return self.connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE exception_class_path = 'newsletter.watchdog.AbandonedChainTask'"
        ).fetchone()[0]

    def close(self):
        self.connection.close()


def test_killed_digest_workers_lose_nobody_and_send_at_most_one_duplicate_per_kill(
    throwaway_postgres, smtp_sink
):
    database = throwaway_postgres.url("newsportal_digest_kills")
    env = {
        "DATABASE_URL": database,
        "EMAIL_URL": smtp_sink.url,
        "NEWSLETTER_SENDING_CHAINS": "60",
        "NEWSLETTER_BATCH_SIZE": "100",
        "NEWSLETTER_CLAIM_LEASE_SECONDS": str(LEASE_SECONDS),
        "NEWSLETTER_WATCHDOG_SECONDS": str(WATCHDOG_SECONDS),
        "NEWSLETTER_LIST_DOMAIN": "news.example.com",
        "NEWSLETTER_DIGEST_STORIES": "1",  # smaller messages for the sink to keep
    }
    run_manage(env, "migrate", "--noinput", "-v0")
    # The newsletter benchmark's newsroom: today's stories and N confirmed subscribers.
    run_manage(env, "shell", "-c", f"from bench.newsletter.run import fill; fill({SUBSCRIBERS})")
    run_manage(env, "send_daily_digest")

    monitor = Monitor(database)
    rng = random.Random()
    names = iter(f"worker-{n}" for n in range(1, 1000))
    workers = [(name, _start_worker(env, name)) for name in (next(names), next(names))]
    started = time.monotonic()
    try:
        for kill in range(1, KILLS + 1):
            # A random worker, at a random moment of a batch it is sending.
            victim = rng.randrange(WORKERS)
            name, process = workers[victim]
            while not monitor.sending_a_batch(name):
                assert monitor.digest_status() == "sending", (
                    f"sent before kill {kill}: add subscribers"
                )
                time.sleep(0.02)
            time.sleep(rng.uniform(0, 0.4))
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            name = next(names)
            workers[victim] = (name, _start_worker(env, name))  # as a supervisor would
        last_kill = time.monotonic()
        left_at_last_kill = monitor.deliveries().get("pending", 0)
        while monitor.digest_status() != "sent":
            assert time.monotonic() - last_kill < FINISH_AFTER_LAST_KILL_SECONDS, (
                monitor.deliveries()
            )
            time.sleep(0.2)
        finished = time.monotonic()
        deliveries, abandoned = monitor.deliveries(), monitor.abandoned_tasks()
    finally:
        monitor.close()
        for _, process in workers:
            process.kill()
            process.wait()

    message_ids = defaultdict(list)
    for message in list(smtp_sink.messages):
        message_ids[message["To"]].append(message["Message-ID"])
    expected = {f"reader{n:07d}@example.org" for n in range(SUBSCRIBERS)}
    duplicates = {to: ids for to, ids in message_ids.items() if len(ids) > 1}
    print(
        f"\n{SUBSCRIBERS} subscribers, {WORKERS} workers, {KILLS} SIGKILLs (60 chains, batches "
        f"of 100, lease {LEASE_SECONDS} s, watchdog every {WATCHDOG_SECONDS} s): "
        f"{len(smtp_sink.messages)} messages, {len(message_ids)} recipients, "
        f"{len(duplicates)} duplicates, {len(expected - set(message_ids))} missing; "
        f"{abandoned} abandoned chain tasks replaced; sent in {finished - started:.1f} s, "
        f"{finished - last_kill:.1f} s after the last kill ({left_at_last_kill} left then)"
    )
    assert set(message_ids) == expected
    assert deliveries == {"sent": SUBSCRIBERS}
    assert len(duplicates) <= KILLS
    # A duplicate is the same message again: one Message-ID per subscriber, whatever happened.
    assert all(len(set(ids)) == 1 for ids in message_ids.values()), duplicates
    # Every kill left its chain's task running: the watchdog gave each up and replaced it
    # (a kill during the watchdog's own pass leaves one fewer).
    assert abandoned >= KILLS - 2
