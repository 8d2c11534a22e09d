"""The mail server refusing or hanging never fails a reader's request, and loses no email.

The production profile under gunicorn, EMAIL_URL pointing at a real SMTP server (aiosmtpd) that
answers 451 to every message ("refuse") or accepts connections and never says a word ("hang").
A newsletter sign-up, an account sign-up and a password reset each answer their normal page
within 2 s (or, on a machine too busy for that, within 1.5 times what the same request took with
the server up: the sign-up's password hash is most of it), because the email is queued
(newsportal/mail.py), not sent in the request; the site's EMAIL_TIMEOUT is 30 s, so a request
that waited for the hung server would show it. A task
worker run while the server is down makes one attempt per message (a hung server costs it
EMAIL_TIMEOUT each) and queues the next for later; once the server accepts again, the next run
delivers each message exactly once.
"""

import http.client
import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from .infra import Site, run_manage

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "a long and unusual passphrase 42"
RETRY_AFTER = 20  # seconds: longer than one worker run while the server is down


class Reader:
    """One browser: keeps its cookies, does not follow redirects."""

    def __init__(self, site):
        self.site = site
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # A browser's own word on where a form comes from (every current one sends it).
            headers["Origin"] = self.site.url
            headers["Sec-Fetch-Site"] = "same-origin"
            body = urlencode(form)
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=30)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode()
            for header in answer.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return answer.status, answer.getheader("Location"), text, time.monotonic() - started
        finally:
            connection.close()

    def submit(self, form_path, post_path, form):
        """Open the form's page, then post ``form`` as a browser would: with the page's CSRF
        token if it has one (a shared page has none: newsportal/cross_site.py)."""
        status, _, page, _ = self.request("GET", form_path)
        assert status == 200, (form_path, status)
        token = CSRF_INPUT.search(page)
        if token:
            form = {**form, "csrfmiddlewaretoken": token.group(1)}
        return self.request("POST", post_path, form)


def _worker(site):
    started = time.monotonic()
    # The worker gives a hung server 1 s per message; the site keeps 30 s, so a request that
    # waited for the mail server would show it.
    run_manage(
        {**site.env, "EMAIL_TIMEOUT": "1"},
        *("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v0"),
    )
    return time.monotonic() - started


def _task_statuses(site):
    script = (
        "from django_tasks_db.models import DBTaskResult as T; "
        "print(sorted(T.objects.values_list('status', flat=True)))"
    )
    return run_manage(site.env, "shell", "-c", script).stdout.strip().splitlines()[-1]


def _three_requests(site, tag):
    """A newsletter sign-up, an account sign-up and a password reset, each by a new reader."""
    return {
        "newsletter": Reader(site).submit(
            "/newsletter/",
            "/newsletter/subscribe/",
            {"email": f"subscriber-{tag}@example.org", "consent": "on", "next": "/newsletter/"},
        ),
        "signup": Reader(site).submit(
            "/accounts/signup/",
            "/accounts/signup/",
            {
                "email": f"new-{tag}@example.org",
                "display_name": "New Reader",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        ),
        "reset": Reader(site).submit(
            "/accounts/password/reset/",
            "/accounts/password/reset/",
            {"email": f"known-{tag}@example.org"},
        ),
    }


NORMAL_PAGES = {
    "newsletter": "/newsletter/",
    "signup": "/accounts/confirm-email/",
    "reset": "/accounts/password/reset/done/",
}


@pytest.mark.parametrize("mode", ["refuse", "hang"])
def test_requests_answer_while_the_mail_server_is_down_and_each_email_arrives_once(smtp_sink, mode):
    site = Site(
        {
            "EMAIL_URL": smtp_sink.url,
            "EMAIL_TIMEOUT": "30",
            "EMAIL_RETRY_DELAYS": f"{RETRY_AFTER},{RETRY_AFTER}",
        }
    )
    try:
        run_manage(
            site.env,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "[get_user_model().objects.create_user(f'known-{tag}', f'known-{tag}@example.org', 'x')"
            " for tag in ('up', 'down')]",
        )
        # Each gunicorn worker's first request of a kind loads its code; warm both up with
        # forms that fail validation (and so queue no email), as any running site is warm.
        for _ in range(3):
            warm = Reader(site)
            warm.submit("/newsletter/", "/newsletter/subscribe/", {"email": "x@example.org"})
            warm.submit("/accounts/signup/", "/accounts/signup/", {"email": "not an address"})
            warm.submit("/accounts/password/reset/", "/accounts/password/reset/", {"email": "x"})
        # The same requests with the mail server up: what they cost this machine now (the
        # sign-up hashes a password with production's PBKDF2).
        up = _three_requests(site, "up")
        smtp_sink.mode = mode
        down = _three_requests(site, "down")
        for name, (status, location, _, seconds) in down.items():
            assert (status, location) == (302, NORMAL_PAGES[name]), name
            assert up[name][:2] == (302, NORMAL_PAGES[name]), name
            assert seconds < max(2, 1.5 * up[name][3]), (name, seconds, up[name][3])
        print(
            mode,
            {name: f"{up[name][3]:.2f} s up, {down[name][3]:.2f} s down" for name in down},
        )

        # A worker while the server is down: one failed attempt each, the next queued for later.
        worked = _worker(site)
        assert smtp_sink.messages == []
        assert _task_statuses(site) == str(["FAILED"] * 6 + ["READY"] * 6)
        assert worked < RETRY_AFTER  # a hung server cost EMAIL_TIMEOUT (1 s) per message

        smtp_sink.mode = "accept"
        time.sleep(RETRY_AFTER + 0.5)  # every retry is due
        _worker(site)
        _worker(site)  # and again: nothing is left to send twice
        assert sorted(smtp_sink.recipients()) == sorted(
            f"{who}-{tag}@example.org"
            for who in ("known", "new", "subscriber")
            for tag in ("up", "down")
        )
        assert _task_statuses(site) == str(["FAILED"] * 6 + ["SUCCESSFUL"] * 6)
    finally:
        site.stop()
