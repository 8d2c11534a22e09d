"""A gunicorn worker SIGKILLed mid-request, again and again, while readers read and sign up.

What it may cost, and no more: the request the killed worker was serving (a sync worker serves
one at a time) gets its connection closed (a proxy in front shows a 502 for it); gunicorn's
master starts a replacement worker; no other request fails, none answers 500, and a sign-up cut
short is either stored once or not at all, so the reader's retry stores it once.
"""

import json
import os
import random
import re
import signal
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from .infra import Site, run_manage

KILLS = 10
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _subscribe(site, email):
    page = site.get("/newsletter/")
    if page.status != 200:
        return page.status
    cookie = SimpleCookie(page.headers.get("Set-Cookie", ""))
    token = CSRF_INPUT.search(page.body)
    # As a browser posts the box of a shared page: it says where the post comes from.
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": site.url,
        "Sec-Fetch-Site": "same-origin",
    }
    if "csrftoken" in cookie:
        headers["Cookie"] = f"csrftoken={cookie['csrftoken'].value}"
    form = {"email": email, "consent": "on", "next": "/newsletter/"}
    if token:
        form["csrfmiddlewaretoken"] = token.group(1).decode()
    return site.get(
        "/newsletter/subscribe/", method="POST", body=urlencode(form), headers=headers
    ).status


def _stored_subscribers(site):
    script = (
        "import json; from newsletter.models import Subscriber; "
        "print(json.dumps(list(Subscriber.objects.values_list('email', flat=True))))"
    )
    return json.loads(run_manage(site.env, "shell", "-c", script).stdout.strip().splitlines()[-1])


def _wait_for_workers(site, count, killed, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = set(site.worker_pids())
        if len(workers) == count and not workers & killed:
            return True
        time.sleep(0.05)
    return False


def test_killed_workers_cost_only_their_own_request():
    site = Site({"NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR": "100000", "GUNICORN_TIMEOUT": "30"})
    try:
        run_manage(site.env, "load_demo_newsroom", "--articles", "10")
        story = re.search(rb'href="(/news/\d+/[^"]+/)"', site.get("/").body).group(1).decode()
        statuses, signups, stop = [], {}, threading.Event()

        def readers_and_subscribers():
            number = 0
            while not stop.is_set():
                for path in ("/", story, "/healthz"):
                    statuses.append((path, site.get(path).status))
                number += 1
                email = f"reader{number}@example.com"
                signups[email] = _subscribe(site, email)

        load = threading.Thread(target=readers_and_subscribers)
        load.start()
        killed, recoveries = set(), []
        for _ in range(KILLS):
            time.sleep(random.uniform(0.2, 0.6))
            victim = random.choice(site.worker_pids())
            killed.add(victim)
            started = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            assert _wait_for_workers(site, 2, killed), "gunicorn did not replace a killed worker"
            recoveries.append(time.monotonic() - started)
        time.sleep(0.5)
        stop.set()
        load.join(30)

        failed = [entry for entry in statuses if entry[1] != 200]
        cut_signups = [email for email, status in signups.items() if status != 302]
        print(
            f"\n{KILLS} worker kills: {len(statuses)} page requests, {len(failed)} failed "
            f"({sorted({s for _, s in failed})}); {len(signups)} sign-ups, {len(cut_signups)} cut "
            f"short; replacement worker up after {max(recoveries):.2f} s at most "
            f"(median {sorted(recoveries)[len(recoveries) // 2]:.2f} s)"
        )
        assert all(status in (0, 200) for _, status in statuses), failed  # never a 500
        assert all(status in (0, 302) for status in signups.values()), signups
        # Each kill cuts at most the one request its worker was serving.
        assert len(failed) + len(cut_signups) <= KILLS
        assert site.get("/").status == 200

        # Nothing stored twice, nothing lost: completed sign-ups are there once; a cut one is
        # there once or not at all, and the reader's retry leaves it there once.
        stored = _stored_subscribers(site)
        assert len(stored) == len(set(stored))
        completed = {email for email, status in signups.items() if status == 302}
        assert completed <= set(stored)
        assert set(stored) <= set(signups)
        for email in cut_signups:
            assert _subscribe(site, email) == 302
        assert sorted(_stored_subscribers(site)) == sorted(set(stored) | set(cut_signups))
    finally:
        site.stop()
