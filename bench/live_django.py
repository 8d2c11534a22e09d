"""The Django side of the live mix (bench/live.py), one subcommand per process:

    python -m bench.live_django setup --stories 200 --readers 24   # JSON on stdout
    python -m bench.live_django editor --every 5 --stories JSON    # until SIGTERM
    python -m bench.live_django freshness --front URL --story ID --times 5
    python -m bench.live_django scheduled --front URL --times 3

Each runs with the site's environment (bench.settings, the production profile, the same
database, Redis and VARNISH_PURGE_URLS as the gunicorn being measured), so a save here goes
through the same signals, on_commit purges and tasks as a save in the admin.
"""

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.request
from datetime import timedelta

READER_PASSWORD = "bench-reader-password-1"  # noqa: S105 - throwaway accounts on a bench database


def main(argv=None):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("setup")
    setup.add_argument("--stories", type=int, default=200)
    setup.add_argument("--readers", type=int, default=24)
    setup.add_argument("--pending-readers", type=int, default=6)
    editor = commands.add_parser("editor")
    editor.add_argument("--every", type=float, default=5.0)
    editor.add_argument("--stories", required=True, help="JSON list of story ids")
    editor.add_argument("--home-stories", required=True, help="JSON list of story ids")
    fresh = commands.add_parser("freshness")
    fresh.add_argument("--front", required=True)
    fresh.add_argument("--stories", required=True, help="JSON list of story ids")
    scheduled = commands.add_parser("scheduled")
    scheduled.add_argument("--front", required=True)
    scheduled.add_argument("--times", type=int, default=3)
    scheduled.add_argument("--delay", type=float, default=5.0)
    scheduled.add_argument("--give-up", type=float, default=60.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if args.command == "setup":
        json.dump(setup_data(args.stories, args.readers, args.pending_readers), sys.stdout)
    elif args.command == "editor":
        run_editor(args.every, json.loads(args.stories), json.loads(args.home_stories))
    elif args.command == "freshness":
        json.dump(measure_edits(args.front, json.loads(args.stories)), sys.stdout)
    elif args.command == "scheduled":
        json.dump(measure_scheduled(args.front, args.times, args.delay, args.give_up), sys.stdout)


def setup_data(stories, readers, pending_readers):
    """The 200 newest stories (their paths), and readers who may comment: verified email
    addresses, and for all but ``pending_readers`` of them a history of approved comments, so the
    moderation rules (comments.moderation.is_trusted) publish their comments at once."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from comments.models import Commenter

    newest = list(Article.objects.published().order_by("-published_at")[:stories])
    User = get_user_model()
    made = []
    for n in range(readers):
        email = f"bench-reader-{n}@example.com"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                username=f"bench-reader-{n}", email=email, password=READER_PASSWORD
            )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        # Spread evenly, so the commenters (one reader after the other) mix both all along.
        trusted = n % (readers // pending_readers) != 0 if pending_readers else True
        Commenter.objects.update_or_create(
            user=user,
            defaults={
                "display_name": f"Bench reader {n}",
                "approved_count": 10 if trusted else 0,
                "rejected_count": 0,
                "last_rejected_at": None,
            },
        )
        made.append({"email": email, "password": READER_PASSWORD, "trusted": trusted})
    return {
        "stories": [{"id": a.pk, "path": a.get_absolute_url()} for a in newest],
        "readers": made,
    }


def _stop_on_sigterm():
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    return stop


def run_editor(every, story_ids, home_ids):
    """Save a story every ``every`` seconds, as an editor fixing a standfirst does in the admin
    (a full save(): signals, history, purges). Every other save is one of the stories on the
    home page (a breaking story being updated), the others any of the stories read."""
    from articles.models import Article

    stop = _stop_on_sigterm()
    rng = random.Random(12)
    saves, started = 0, time.monotonic()
    while not stop.wait(max(0.0, started + saves * every - time.monotonic())):
        pool = home_ids if saves % 2 == 0 else story_ids
        article = Article.objects.get(pk=rng.choice(pool))
        article.standfirst = f"Updated by the bench editor, save {saves}."
        article.save()
        saves += 1
    print(json.dumps({"story_saves": saves}), flush=True)


def _fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - local
        return answer.read().decode("utf-8", "replace"), dict(answer.headers)


def _poll_until(url, needle, *, interval=0.05, give_up=30.0):
    """Request ``url`` every ``interval`` seconds until its body contains ``needle``; the wall
    time (time.time()) at which the request that first showed it was sent, or None."""
    deadline = time.time() + give_up
    while time.time() < deadline:
        sent = time.time()
        body, _headers = _fetch(url)
        if needle in body:
            return sent
        time.sleep(max(0.0, sent + interval - time.time()))
    return None


def measure_edits(front, story_ids):
    """For each story: read it through the front twice (so the edge holds it), change its
    headline in a transaction, note the moment it commits, and poll the front every 50 ms until
    the new headline shows. The delay is from the commit to the request that first showed it."""
    from django.db import transaction

    from articles.models import Article

    results = []
    for n, pk in enumerate(story_ids):
        article = Article.objects.get(pk=pk)
        url = front + article.get_absolute_url()
        for _ in range(2):
            _fetch(url)
        _body, headers = _fetch(url)
        headline = f"Bench edit {n} at {time.time():.3f}"
        committed = {}
        found = {}
        poller = threading.Thread(
            target=lambda u=url, h=headline, f=found: f.setdefault("at", _poll_until(u, h)),
            daemon=True,
        )
        poller.start()
        with transaction.atomic():
            # Registered before the save's own on_commit callbacks (purges), so it runs first.
            transaction.on_commit(lambda c=committed: c.setdefault("at", time.time()))
            article.headline = headline
            article.save()
        poller.join(40)
        seen = found.get("at")
        results.append(
            {
                "story": pk,
                "cached_before": {k: v for k, v in headers.items() if k.lower().startswith("x-")},
                "seconds": round(seen - committed["at"], 3) if seen else None,
            }
        )
        time.sleep(1)
    return results


def measure_scheduled(front, times, delay, give_up):
    """Schedule a story ``delay`` seconds ahead (published, with a publication time to come, as
    an editor schedules one) while the home page is in the edge, and poll the home page every
    50 ms: the delay is from the publication time to the first request that showed it."""
    from django.utils import timezone

    from articles.models import Article, Section

    results = []
    section = Section.objects.order_by("order").first()
    template = Article.objects.published().order_by("-published_at").first()
    for n in range(times):
        for _ in range(2):
            _fetch(front + "/")
        headline = f"Bench scheduled story {n} at {time.time():.3f}"
        publish_at = timezone.now() + timedelta(seconds=delay)
        Article.objects.create(
            headline=headline,
            standfirst="Scheduled by the bench.",
            body="<p>Scheduled by the bench.</p>",
            section=section,
            source=template.source,
            hero_image=template.hero_image,
            status=Article.Status.PUBLISHED,
            published_at=publish_at,
        )
        seen = _poll_until(front + "/", headline, give_up=delay + give_up)
        results.append(
            {"seconds": round(seen - publish_at.timestamp(), 3) if seen else None, "n": n}
        )
    return results


if __name__ == "__main__":
    main()
