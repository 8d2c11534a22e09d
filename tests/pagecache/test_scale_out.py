"""Two app servers, one PostgreSQL, one Redis: a change made through one is seen through the other.

This is the scale-out shape of the README: stateless gunicorn servers sharing the database and the
cache. The test starts two real gunicorn processes on their own database, unpublishes a story
through the admin of server A and measures how long server B, which had the story in its page
cache, keeps showing it. The stated bound is PAGE_CACHE_SECONDS (60 s); with a shared Redis the
generation bump makes it immediate, and the test asserts the measured delay is under 5 s.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("DATABASE_URL", "")
REDIS = os.environ.get("TEST_REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not (POSTGRES.startswith("postgres") and REDIS),
    reason="needs PostgreSQL (DATABASE_URL) and Redis (TEST_REDIS_URL), as in `make test-postgres`",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    database = f"newsportal_scaleout_{uuid.uuid4().hex[:8]}"
    database_url = re.sub(r"/[^/]*$", f"/{database}", POSTGRES)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.production",
        "SECRET_KEY": "scale-out-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"scaleout-{uuid.uuid4().hex[:8]}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "WEB_CONCURRENCY": "1",
        "REQUEST_LOG": "false",
        # The production profile serves hashed static files from a collected folder (whitenoise).
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }

    def manage(*args, stdin=None):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=environment,
            input=stdin,
            text=True,
            check=True,
            capture_output=True,
        )

    subprocess.run(
        [sys.executable, "scripts/ensure_database.py", database_url], cwd=BASE_DIR, check=True
    )
    manage("collectstatic", "--noinput")
    manage("migrate", "--noinput")
    manage(
        "shell",
        stdin=(
            "from django.contrib.auth import get_user_model\n"
            "from articles.models import Article, Section\n"
            "get_user_model().objects.create_superuser('editor', 'editor@example.com', 'pw-scale-out-1')\n"
            "section = Section.objects.create(name='World', slug='world')\n"
            "Article.objects.create(headline='Harbour bridge opens', slug='harbour-bridge-opens',\n"
            "    section=section, status='published', body='<p>Open.</p>')\n"
        ),
    )
    servers = {}
    for name in ("a", "b"):
        port = free_port()
        servers[name] = (
            f"http://127.0.0.1:{port}",
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "newsportal.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=BASE_DIR,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
        )
    try:
        for url, _process in servers.values():
            wait_until_up(url)
        yield {name: url for name, (url, _process) in servers.items()}
    finally:
        for _url, process in servers.values():
            process.terminate()
            process.wait(timeout=10)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, psycopg; c = psycopg.connect(sys.argv[1], autocommit=True); "
                "c.execute(f'DROP DATABASE IF EXISTS {sys.argv[2]} WITH (FORCE)')",
                re.sub(r"/[^/]*$", "/postgres", POSTGRES),
                database,
            ],
            check=False,
        )


def wait_until_up(url):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310 - http://127.0.0.1 only
            return
        except OSError:  # refused, reset or timed out while gunicorn boots its worker
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local servers
            return response.status, response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def admin_session(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, data):
        page = opener.open(f"{base}{path}").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 - local servers
            f"{base}{path}", body, headers={"Referer": f"{base}{path}"}
        )
        return opener.open(request)

    post("/admin/login/", {"username": "editor", "password": "pw-scale-out-1"})
    return post


def test_a_story_unpublished_through_one_server_disappears_from_the_other(deployment):
    story = f"{deployment['b']}/news/1/harbour-bridge-opens/"
    assert fetch(story)[0] == 200
    assert fetch(story) == (200, "hit")  # server B serves it from the shared page cache

    admin_of_a = admin_session(deployment["a"])
    admin_of_a(
        "/admin/articles/article/",
        {"action": "unpublish", "_selected_action": ["1"], "index": "0"},
    )

    started = time.monotonic()
    while fetch(story)[0] == 200:
        assert time.monotonic() - started < 60, "server B still shows the story after 60 s"
        time.sleep(0.1)
    delay = time.monotonic() - started
    assert delay < 5, f"server B showed the unpublished story for {delay:.1f} s"
