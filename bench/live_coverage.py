"""Live coverage under load: the update endpoint readers poll, and the live page at 10 and 1,000
updates, through the app alone, against the floor measured in the same run.

    python -m bench.run --only live      (bench/run.py builds the database, then calls run_live)

The Django side runs in its own processes with the site's environment, like bench/live_django.py:

    python -m bench.live_coverage setup --sizes 10,1000      # JSON on stdout
    python -m bench.live_coverage writer --coverage ID --every 5   # until SIGTERM

Rows (bench/README.md, "Live coverage"):
1. the update endpoint (``live:updates``, /live/<story id>/updates.json) of the 1,000-update
   story, nothing written, then while an editor posts an update to it every 5 seconds
   (live.services.post_entry, so the same counters, history and purges as the desk);
2. the live page (the story's own URL) of the 10-update and of the 1,000-update story, from the
   app's page cache as configured, then built every time by a second gunicorn with
   PAGE_CACHE_SECONDS=0 and FRAGMENT_CACHE_SECONDS=0 (every query and template, every request).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

from bench.live import (
    FLOOR_SECONDS,
    Gunicorn,
    Process,
    against_floor,
    get,
    log,
    run_django,
    wrk,
)

MODULE = "bench.live_coverage"
SIZES = (10, 1000)
WRITE_EVERY = 5.0
FIRST_STORY = 300  # the stories covered: older than the live mix's 200 newest
PAGE_NEEDLE = b'class="live-coverage"'


def run_live(env, workdir, *, seconds):
    """The live-coverage rows of results.json["live_coverage"] (see the module's docstring)."""
    workdir.mkdir(parents=True, exist_ok=True)
    setup = run_django(env, "setup", "--sizes", ",".join(map(str, SIZES)), module=MODULE)
    small, large = (setup["stories"][str(size)] for size in SIZES)
    results = {"setup": setup, "write_every_seconds": WRITE_EVERY}
    floor_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}
    running = []

    def start(process):
        running.append(process)
        return process

    try:
        floor = start(Gunicorn("bench.floor.wsgi", floor_env, workdir, "live-floor"))
        floor_url = floor.url + "/"
        site = start(Gunicorn("newsportal.wsgi", env, workdir, "live-site"))
        missing = _missing(site.url, small, large)
        if missing:
            results["skipped"] = missing
            log(f"live coverage: {missing}")
            return results

        endpoint = site.url + large["updates_path"]
        log("live coverage: the update endpoint, nothing written")
        results["updates_quiet"] = against_floor(floor_url, lambda: wrk(endpoint, seconds))
        log(f"live coverage: the update endpoint while an update is posted every {WRITE_EVERY} s")
        before = get(endpoint)[2]
        results["updates_writes"] = against_floor(
            floor_url, lambda: _while_posting(env, workdir, large["coverage"], endpoint, seconds)
        )
        results["updates_writes"]["answer_changed"] = get(endpoint)[2] != before

        log("live coverage: the live page at 10 and 1,000 updates, page cache as configured")
        results["page_cached"] = _page_pair(floor_url, site.url, small, large, seconds)
        uncached = start(Gunicorn("newsportal.wsgi", uncached_env, workdir, "live-uncached"))
        log("live coverage: the live page at 10 and 1,000 updates, built every time")
        results["page_uncached"] = _page_pair(floor_url, uncached.url, small, large, seconds)
    finally:
        for process in reversed(running):
            process.stop()
    return results


def _missing(site_url, small, large):
    """Why the rows cannot be measured on this code (no endpoint or live page yet), or ''."""
    for story in (small, large):
        status, headers, body = get(site_url + story["updates_path"])
        if status != 200 or "json" not in headers.get("Content-Type", ""):
            return f"the update endpoint {story['updates_path']} answered {status}, not JSON"
        status, _headers, body = get(site_url + story["path"])
        if status != 200 or PAGE_NEEDLE not in body:
            return f"{story['path']} answered {status} without the live coverage section"
    return ""


def _while_posting(env, workdir, coverage_id, url, seconds):
    writer = Process(
        [env["BENCH_PYTHON"], "-m", MODULE, "writer", "--coverage"]
        + [str(coverage_id), "--every", str(WRITE_EVERY)],
        env,
        workdir / "live-writer.log",
        stdout=subprocess.PIPE,
    )
    started = time.monotonic()
    writer.process.stdout.readline()  # its first update is posted: the writing has begun
    result = wrk(url, seconds)
    writer.stop()
    output = writer.process.stdout.read().decode().strip().splitlines()
    if writer.process.returncode not in (0, -signal.SIGTERM) or not output:
        raise RuntimeError(f"the live writer failed: {writer.log_path.read_text()[-2000:]}")
    result["writes"] = {**json.loads(output[-1]), "seconds": round(time.monotonic() - started, 1)}
    return result


def _page_pair(floor_url, site_url, small, large, seconds):
    """The two live pages, back to back after one floor run, and how much longer the larger
    takes: requests/s of the small over the large (the same wrk load, so time per page)."""
    for story in (small, large):
        for _ in range(3):
            get(site_url + story["path"])
    floor = wrk(floor_url, FLOOR_SECONDS)
    pair = {"floor_rps": floor["rps"], "floor": floor}
    for name, story in (("small", small), ("large", large)):
        pair[name] = wrk(site_url + story["path"], seconds)
        pair[name]["ratio"] = round(pair[name]["rps"] / floor["rps"], 4)
    pair["time_ratio"] = round(pair["small"]["rps"] / pair["large"]["rps"], 3)
    pair["p50_ratio"] = round(pair["large"]["p50_ms"] / pair["small"]["p50_ms"], 3)
    return pair


# The Django side ---------------------------------------------------------------------------


def setup_coverage(sizes):
    """One story per size run as live coverage with that many updates, one every two minutes up
    to now: a key event in 25, a picture in 10, one pinned. Rows are bulk inserted (1,000 posts
    through live.services would take a minute); the coverage's counters are set to match."""
    from django.db import transaction
    from django.db.models import F
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from articles.models import Article, Author, Image
    from live.models import LiveCoverage, LiveEntry

    stories = Article.objects.published().order_by("-published_at")
    stories = list(stories[FIRST_STORY : FIRST_STORY + len(sizes)])
    authors = list(Author.objects.order_by("pk")[:8])
    images = list(Image.objects.order_by("pk")[:10])
    now = timezone.now()
    made = {}
    for story, size in zip(stories, sizes, strict=True):
        first = now - timedelta(minutes=2 * size)
        with transaction.atomic():
            LiveCoverage.objects.filter(article=story).delete()
            coverage = LiveCoverage.objects.create(article=story, started_at=first)
            rows = [
                LiveEntry(
                    coverage=coverage,
                    sequence=n,
                    posted_at=first + timedelta(minutes=2 * n - 1),
                    title=f"Update {n}: rescue teams reach another district" if n % 3 else "",
                    body=f"<p>Update {n}. {BODY}</p>",
                    author=authors[n % len(authors)],
                    image=images[n % len(images)] if n % 10 == 0 else None,
                    is_key_event=n % 25 == 0,
                    is_pinned=n == size // 2,
                )
                for n in range(1, size + 1)
            ]
            LiveEntry.objects.bulk_create(rows, batch_size=500)
            LiveCoverage.objects.filter(pk=coverage.pk).update(
                last_sequence=size, last_entry_at=rows[-1].posted_at, revision=F("revision") + size
            )
        try:
            updates_path = reverse("live:updates", args=[story.pk])
        except NoReverseMatch:  # the endpoint's URL contract, before its code exists
            updates_path = f"/live/{story.pk}/updates.json"
        made[str(size)] = {
            "coverage": coverage.pk,
            "entries": size,
            "path": story.get_absolute_url(),
            "updates_path": updates_path,
        }
    return {"stories": made}


BODY = (
    "The disaster agency said teams had reached the last of the villages cut off by landslides, "
    "and that field hospitals had treated 140 people since the morning. Roads to the north stay "
    "closed while engineers check two bridges; the governor asked drivers to use the coast road."
)


def run_writer(coverage_id, every):
    """Post an update every ``every`` seconds, as an editor at the desk does, until SIGTERM."""
    from bench.live_django import _stop_on_sigterm
    from live import services
    from live.models import LiveCoverage

    stop = _stop_on_sigterm()
    coverage = LiveCoverage.objects.get(pk=coverage_id)
    posted, started = 0, time.monotonic()
    while not stop.wait(max(0.0, started + posted * every - time.monotonic())):
        services.post_entry(
            coverage=coverage,
            token=services.new_submission_token(),
            title=f"Bench update {posted}",
            body=f"<p>Posted by the bench writer. {BODY}</p>",
        )
        posted += 1
        if posted == 1:
            print(json.dumps({"first_posted": True}), flush=True)
    print(json.dumps({"entries_posted": posted}), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("setup")
    setup.add_argument("--sizes", default=",".join(map(str, SIZES)))
    writer = commands.add_parser("writer")
    writer.add_argument("--coverage", type=int, required=True)
    writer.add_argument("--every", type=float, default=WRITE_EVERY)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if args.command == "setup":
        json.dump(setup_coverage([int(size) for size in args.sizes.split(",")]), sys.stdout)
    else:
        run_writer(args.coverage, args.every)


if __name__ == "__main__":
    main()
