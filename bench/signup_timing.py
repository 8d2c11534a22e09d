"""How long a sign-up takes for an address that has an account and for a new one.

    .venv/bin/python -m bench.signup_timing [--samples 20]

The production profile (its password hasher, PBKDF2 with Django's iterations; the database
task queue) on a fresh SQLite database in a temporary folder (or `--database-url`, empty), with a real SMTP server
(aiosmtpd) on loopback as EMAIL_URL; Django's test client posts the sign-up form, alternating a
known address (each sample its own account, so allauth's per-address mail limit never skips
the email) and a new one. Prints each path's median, minimum and maximum in milliseconds.
Issue 13 measured 31 ms against 535 ms before sign-ups cost the same.

Measured on the 2-core development machine, 20 samples per path, while other test suites kept
its load average at 9 to 12 (medians; minimum to maximum):

| code, database | known address | new address |
| --- | --- | --- |
| before (mail sent in the request, to a local SMTP server), SQLite | 56 ms (33–365) | 794 ms (702–1,744) |
| after, SQLite | 705 ms (432–878) | 769 ms (559–1,004) |
| after, PostgreSQL | 612 ms (489–823) | 676 ms (532–1,208) |

The ranges now overlap; the medians still differ by about 60 ms, the new account's rows (user,
address, commenter profile, a unique user name).
"""

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

PASSWORD = "a long and unusual passphrase 42"  # noqa: S105 - a sign-up form's input


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--database-url", help="an empty database (default: SQLite, temporary)")
    arguments = parser.parse_args()
    samples = arguments.samples

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    folder = Path(tempfile.mkdtemp(prefix="signup-timing-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        SECRET_KEY="timing-" + "k" * 60,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=arguments.database_url or f"sqlite:///{folder / 'timing.sqlite3'}",
        REDIS_URL="",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        TASKS_BACKEND="db",
        REQUEST_LOG="false",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("migrate", "--noinput", verbosity=0)
    for n in range(samples):
        get_user_model().objects.create_user(f"known{n}", f"known{n}@example.org", PASSWORD)

    def sign_up(email, n):
        # A client and an address of its own per sample, as readers from many addresses.
        client = Client(REMOTE_ADDR=f"198.51.100.{n % 250 + 1}")
        data = {"email": email, "display_name": "Timing", "password1": PASSWORD}
        data["password2"] = PASSWORD
        started = time.perf_counter()
        response = client.post("/accounts/signup/", data)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.status_code
        return elapsed

    timings = {"known address": [], "new address": []}
    # The whitenoise manifest is not built here: plain static storage is enough for a POST.
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        ACCOUNT_RATE_LIMITS=False,
    ):
        sign_up("warm-up@example.org", 0)
        for n in range(samples):
            timings["known address"].append(sign_up(f"known{n}@example.org", n))
            timings["new address"].append(sign_up(f"new{n}@example.org", n))
    smtp.stop()
    print(f"{samples} sign-ups per path, {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[1]}")
    for path, values in timings.items():
        print(
            f"{path:14} median {statistics.median(values):6.1f} ms   "
            f"min {min(values):6.1f}   max {max(values):6.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
