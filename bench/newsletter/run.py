"""Newsletter benchmark: deliver one digest to N confirmed subscribers through the real task
queue (django-tasks-db, `db_worker` processes) into a local SMTP sink (aiosmtpd), then check
that every subscriber got exactly one message.

    .venv/bin/python -m bench.newsletter.run --subscribers 100000 --workers 2

Writes bench/newsletter/RESULTS.md (and results.json). Method: bench/newsletter/README.md.
"""

import argparse
import json
import os
import platform
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE_NAME = os.environ.get("BENCH_DATABASE_NAME", "newsletter_bench")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_answers():
    return (
        subprocess.run(  # noqa: S603 - our own helper script
            [PYTHON, "scripts/service_answers.py", f"{POSTGRES}/postgres"], cwd=BASE
        ).returncode
        == 0
    )


def fresh_database(engine, workdir):
    if engine == "sqlite":
        path = workdir / "newsletter-bench.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}"')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return f"{POSTGRES}/{DATABASE_NAME}"


def environment(database_url, smtp_port, args):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.base",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "TASKS_BACKEND": "db",
        "REDIS_URL": "",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "SITE_URL": "https://news.example.com",
        "NEWSLETTER_SCHEDULE": "false",  # the bench builds and queues its own digest
        "NEWSLETTER_BATCH_SIZE": str(args.batch_size),
        "NEWSLETTER_SENDING_CHAINS": str(args.chains or args.workers),
        "NEWSLETTER_CLAIM_LEASE_SECONDS": str(args.lease),
        "NEWSLETTER_WATCHDOG_SECONDS": str(args.watchdog),
        "PYTHONPATH": str(BASE),
    }


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


def fill(subscribers):
    """A few of today's stories and N confirmed subscribers, in bulk."""
    from django.utils import timezone

    from articles.models import Article, Section
    from legal.models import LegalDocument
    from newsletter.models import ConsentRecord, Subscriber, consent_text

    section = Section.objects.create(name="Türkiye", slug="turkiye")
    now = timezone.now()
    for n in range(8):
        Article.objects.create(
            headline=f"Story {n} of the day: the ferry timetable changes on the Bosphorus",
            standfirst="A summary line of about twenty words, like the ones the desk writes "
            "under every headline on the site.",
            body="<p>Text.</p>",
            section=section,
            status="published",
            published_at=now - timezone.timedelta(hours=n + 1),
            is_featured=n < 2,
        )
    terms = LegalDocument.objects.get(kind="terms", is_current=True)
    privacy = LegalDocument.objects.get(kind="privacy", is_current=True)
    text = consent_text()
    for start in range(0, subscribers, 5000):
        batch = Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n:07d}@example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(start, min(start + 5000, subscribers))
        )
        ConsentRecord.objects.bulk_create(
            ConsentRecord(
                subscriber=s,
                email=s.email,
                terms=terms,
                terms_hash=terms.text_hash,
                privacy=privacy,
                privacy_hash=privacy.text_hash,
                consent_text=text,
                confirmed_at=now,
            )
            for s in batch
        )


def sending_a_batch(worker_name):
    """Whether that worker is running a digest batch now."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(
        status="RUNNING", task_path="newsletter.tasks.deliver_digest_batch"
    )
    return any(worker_name in r.worker_ids for r in running)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--engine", choices=["postgresql", "sqlite", "auto"], default="auto")
    parser.add_argument(
        "--kill-one-after",
        type=float,
        default=0,
        help="From this many seconds into sending, SIGKILL a worker (--kills times: each a "
        "random worker, at a random moment of a batch it is sending) and start a replacement, "
        "to check that crashes lose nobody and duplicate at most one message each (with a "
        "short lease).",
    )
    parser.add_argument("--kills", type=int, default=1)
    parser.add_argument("--chains", type=int, default=0, help="sending chains (default: workers)")
    parser.add_argument("--lease", type=int, default=900)
    parser.add_argument("--watchdog", type=int, default=60, help="NEWSLETTER_WATCHDOG_SECONDS")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        engine = "postgresql" if postgres_answers() else "sqlite"
    workdir = Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    smtp_port = free_port()
    database_url = fresh_database(engine, workdir)
    env = environment(database_url, smtp_port, args)
    sink_log = workdir / "sink.tsv"
    sink = subprocess.Popen(  # noqa: S603
        [PYTHON, str(HERE / "smtp_sink.py"), "--port", str(smtp_port), "--out", str(sink_log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sink.stdout.readline().strip() == "ready"
    workers = []
    try:
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE, env=env, check=True
        )
        setup_django(env)
        from django.db import connection

        from newsletter.digest import digest_build, digest_queue
        from newsletter.models import Delivery, Digest

        started = time.monotonic()
        fill(args.subscribers)
        fill_seconds = time.monotonic() - started

        started = time.monotonic()
        digest, _ = digest_build()
        queued = digest_queue(digest=digest)
        queue_seconds = time.monotonic() - started
        queue_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        def start_worker(name):
            report = workdir / f"{name}.json"
            process = subprocess.Popen(  # noqa: S603
                [PYTHON, str(HERE / "worker.py"), str(report), name], cwd=BASE, env=env
            )
            return {"name": name, "process": process, "report": report}

        send_started = time.monotonic()
        workers = [start_worker(f"worker-{n + 1}") for n in range(args.workers)]
        kills, victim = 0, None
        while True:
            killing = args.kill_one_after and kills < args.kills
            time.sleep(0.02 if killing else 0.5)
            elapsed = time.monotonic() - send_started
            if killing and elapsed >= args.kill_one_after:
                victim = victim or random.choice([w for w in workers if "killed_at" not in w])
                if sending_a_batch(victim["name"]):
                    time.sleep(random.uniform(0, 0.4))  # a random moment of its batch
                    victim["process"].send_signal(signal.SIGKILL)
                    victim["process"].wait()
                    victim["killed_at"] = time.monotonic() - send_started
                    kills += 1
                    # The watchdog of the workers replaces the chain the killed one held.
                    workers.append(start_worker(f"replacement-{kills}"))
                    victim = None
            if all(w["process"].poll() is not None for w in workers):
                raise SystemExit("every worker has stopped before the end")
            pending = Delivery.objects.filter(digest=digest, status="pending").count()
            if pending == 0 and Digest.objects.get(pk=digest.pk).status == "sent":
                break
            if elapsed > 3600:
                raise SystemExit("gave up after an hour")
        send_seconds = time.monotonic() - send_started
        for worker in workers:
            if worker["process"].poll() is None:
                worker["process"].send_signal(signal.SIGTERM)
        for worker in workers:
            worker["process"].wait(timeout=60)
    finally:
        for worker in workers:
            if worker["process"].poll() is None:
                worker["process"].kill()
        time.sleep(1)
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=30)

    from django_tasks_db.models import DBTaskResult

    from newsletter.models import Subscriber

    lines = [line.split("\t") for line in sink_log.read_text().splitlines()]
    recipients = Counter(recipient for recipient, _ in lines)
    expected = set(Subscriber.objects.filter(status="confirmed").values_list("email", flat=True))
    duplicates = {r: c for r, c in recipients.items() if c > 1}
    message_ids = {}
    for recipient, message_id in lines:
        message_ids.setdefault(recipient, set()).add(message_id)
    # A copy sent again after a kill must carry the first one's Message-ID.
    resent_with_new_id = [r for r, ids in message_ids.items() if len(ids) > 1]
    missing = expected - set(recipients)
    unexpected = set(recipients) - expected
    sent_by_worker = Counter()
    tasks_by_worker = Counter()
    for result in DBTaskResult.objects.filter(status="SUCCESSFUL"):
        worker_id = (result.worker_ids or ["?"])[-1]
        tasks_by_worker[worker_id] += 1
        sent_by_worker[worker_id] += (result.return_value or {}).get("sent", 0)
    worker_reports = []
    for worker in workers:
        report = json.loads(worker["report"].read_text()) if worker["report"].exists() else {}
        worker_reports.append(
            {
                "name": worker["name"],
                "killed_at_seconds": worker.get("killed_at"),
                "peak_rss_mb": report.get("peak_rss_mb"),
                "tasks": tasks_by_worker.get(worker["name"], 0),
                "sent": sent_by_worker.get(worker["name"], 0),
            }
        )
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the end",
        "database": f"{connection.vendor} {connection.Database.__name__}",
        "subscribers": args.subscribers,
        "workers": args.workers,
        "batch_size": args.batch_size,
        "lease_seconds": args.lease,
        "fill_seconds": round(fill_seconds, 1),
        "queue_seconds": round(queue_seconds, 2),
        "deliveries_queued": queued,
        "queue_peak_rss_mb": round(queue_rss, 1),
        "send_seconds": round(send_seconds, 1),
        "emails_received": len(lines),
        "unique_recipients": len(recipients),
        "emails_per_second": round(len(lines) / send_seconds, 1),
        "emails_per_second_per_worker": round(len(lines) / send_seconds / args.workers, 1),
        "command": " ".join([".venv/bin/python -m bench.newsletter.run", *sys.argv[1:]]),
        "chains": args.chains or args.workers,
        "watchdog_seconds": args.watchdog,
        "kills": sum(1 for w in workers if "killed_at" in w),
        "duplicates": len(duplicates),
        "duplicates_with_another_message_id": len(resent_with_new_id),
        "missing": len(missing),
        "unexpected": len(unexpected),
        "deliveries_not_sent": Delivery.objects.exclude(status="sent").count(),
        "workers_detail": worker_reports,
    }
    out = Path(args.out)
    out.with_name(out.stem.lower() + ".json").write_text(json.dumps(results, indent=2) + "\n")
    write_markdown(results, out)
    print(json.dumps(results, indent=2))
    # Nobody missed; a kill may send again, once, the message in flight when it struck.
    ok = (
        not missing
        and not unexpected
        and len(duplicates) <= results["kills"]
        and not resent_with_new_id
        and len(recipients) == args.subscribers
    )
    sys.exit(0 if ok else 1)


def worker_row(w):
    memory = f"{w['peak_rss_mb']:.0f} MB" if w["peak_rss_mb"] is not None else "–"
    note = f"killed (SIGKILL) at {w['killed_at_seconds']:.0f} s" if w["killed_at_seconds"] else ""
    return f"| {w['name']} | {w['tasks']} | {w['sent']:,} | {memory} | {note} |"


def write_markdown(r, path):
    rows = "\n".join(worker_row(w) for w in r["workers_detail"])
    if r["missing"] or r["unexpected"] or r["duplicates_with_another_message_id"]:
        verdict = "**FAILED**: see the counts"
    elif r["duplicates"] > r["kills"]:
        verdict = "**FAILED**: more duplicates than kills"
    elif r["duplicates"]:
        verdict = (
            f"every subscriber received the digest; {r['duplicates']} of the {r['kills']} kills "
            "struck between the mail server's reply and the row being marked sent, and that "
            "one message went out again with its first Message-ID"
        )
    else:
        verdict = "every subscriber received exactly one message"
    kills = (
        f"{r['kills']} SIGKILLs, each of a random worker at a random moment of a batch it was "
        f"sending, each followed by a replacement worker; sending chains {r['chains']}, lease "
        f"{r['lease_seconds']} s, watchdog every {r['watchdog_seconds']} s. What a kill may "
        "cost: nobody missed, and one message sent twice at most (the one between the mail "
        "server's 250 and its row being marked sent), with its first copy's Message-ID. "
        if r["kills"]
        else ""
    )
    path.write_text(
        f"""# Newsletter benchmark: results

Measured {r["date"]} on {r["machine"]}; database {r["database"]}; method in
[README.md](README.md). {kills}Command: `{r["command"]}`.

| | |
| --- | --- |
| confirmed subscribers | {r["subscribers"]:,} |
| deliveries queued (`digest_queue`: one row each, in bulk) | {r["deliveries_queued"]:,} in {r["queue_seconds"]} s, peak memory {r["queue_peak_rss_mb"]:.0f} MB |
| workers (`newsletter_worker` processes), batch size | {r["workers"]}, {r["batch_size"]} |
| sending time, first claim to last message | {r["send_seconds"]} s |
| messages received by the SMTP sink | {r["emails_received"]:,} |
| **emails per second** (all workers) | **{r["emails_per_second"]}** |
| **emails per second per worker** | **{r["emails_per_second_per_worker"]}** |
| distinct recipients / duplicates / missing / unexpected | {r["unique_recipients"]:,} / {r["duplicates"]} / {r["missing"]} / {r["unexpected"]} |
| duplicates with another Message-ID than the first copy | {r["duplicates_with_another_message_id"]} |
| deliveries not marked sent | {r["deliveries_not_sent"]} |

Verdict: {verdict}.

| worker | tasks run | messages sent | peak memory (RSS) | note |
| --- | --- | --- | --- | --- |
{rows}
"""
    )


if __name__ == "__main__":
    main()
