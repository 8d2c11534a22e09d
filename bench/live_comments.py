"""The live mix's commenters: signed-in readers posting a comment every second over HTTP, through
the same front door as the readers (the app, or Varnish, which passes every POST).

    python -m bench.live_comments --front URL --readers readers.json --every 1   # until SIGTERM

The harness logs each reader in once through the site's login form (allauth; ``log_in``) and
hands their cookies over; each comment is posted through the story page's comment form (CSRF
token, submission token), one reader after the other. Readers marked trusted
in setup.json have a history of approved comments, so their comments are published at once
(comments.moderation); the others' wait for a moderator (pending). The summary on exit counts
what the site answered.
"""

import argparse
import json
import random
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def _cookies_of(headers):
    return dict(
        re.match(r"([^=]+)=([^;]*)", value).groups()
        for value in headers.get_all("Set-Cookie") or []
    )


def _send(url, *, data=None, cookies=None):
    """(status, headers, body) of one request, redirects not followed."""
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with _OPENER.open(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def log_in(front, email, password):
    """Log in through the site's login form; the reader's cookies (sessionid, csrftoken)."""
    _status, headers, page = _send(f"{front}/accounts/login/")
    cookies = _cookies_of(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = {"csrfmiddlewaretoken": token, "login": email, "password": password}
    status, headers, _body = _send(
        f"{front}/accounts/login/", data=urllib.parse.urlencode(form).encode(), cookies=cookies
    )
    cookies.update(_cookies_of(headers))
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"{email} could not log in (HTTP {status})")
    return {name: cookies[name] for name in ("sessionid", "csrftoken")}


def post_comment(front, cookies, story_id, n):
    """Post one comment through the story page's form; True when the site stored it."""
    form = {
        "csrfmiddlewaretoken": cookies["csrftoken"],
        "body": f"Bench comment {n}: a reader's view on the story.",
        "token": str(uuid.uuid4()),
        "accept_guidelines": "on",
    }
    status, headers, _body = _send(
        f"{front}/comments/post/{story_id}/",
        data=urllib.parse.urlencode(form).encode(),
        cookies=cookies,
    )
    # The form redirects to the new comment's anchor; back to the form means it was refused.
    location = headers.get("Location", "")
    return status == 302 and "#comment-" in location and "#comment-form" not in location


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--front", required=True)
    parser.add_argument(
        "--readers", required=True, help="JSON file: [{cookies: {...}, trusted: bool}, ...]"
    )
    parser.add_argument("--every", type=float, default=1.0)
    args = parser.parse_args(argv)
    with open(args.readers) as handle:
        setup = json.load(handle)
    readers = setup["readers"]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    rng = random.Random(7)
    story_ids = [story["id"] for story in setup["stories"]]
    counts = {"approved": 0, "pending": 0, "refused": 0, "failed": 0}
    n, started = 0, time.monotonic()
    while not stop.wait(max(0.0, started + n * args.every - time.monotonic())):
        reader = readers[n % len(readers)]
        try:
            stored = post_comment(args.front, reader["cookies"], rng.choice(story_ids), n)
        except OSError:
            counts["failed"] += 1
        else:
            kind = "approved" if reader["trusted"] else "pending"
            counts[kind if stored else "refused"] += 1
        n += 1
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
