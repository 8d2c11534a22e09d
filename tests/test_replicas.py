"""Read replicas: anonymous readers' pages read from them, the newsroom and every write from the primary.

A fresh process runs the site on two SQLite files, a primary and a "replica" that replication
has not reached (it holds a different story), so the page shows which database answered.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsportal import dbrouters
from newsportal.dbrouters import ReplicaRouter, _replicas_for_this_request

PROJECT_DIR = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, shutil, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.contrib.auth import get_user_model
from articles.models import Article, Section

# Migrations run on the primary only (allow_migrate); the replica starts as a copy of it, as
# replication would make it, and then misses the primary's later writes.
call_command("migrate", verbosity=0)
connections.close_all()
shutil.copy(settings.DATABASES["default"]["NAME"], settings.DATABASES["replica1"]["NAME"])

def story(alias, headline):
    section, _ = Section.objects.using(alias).get_or_create(slug="world", defaults={"name": "World"})
    Article.objects.using(alias).create(
        headline=headline, slug=headline.lower().replace(" ", "-"), section=section,
        status="published", body="<p>Text.</p>")

story("default", "Only on the primary")
story("replica1", "Only on the replica")
get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-replica-1")

reader = Client()
home = reader.get("/").content.decode()
editor = Client()
editor.login(username="editor", password="pw-replica-1")
admin = editor.get("/admin/articles/article/").content.decode()
print(json.dumps({
    "reader_sees_replica": "Only on the replica" in home,
    "reader_sees_primary": "Only on the primary" in home,
    "editor_sees_primary": "Only on the primary" in admin,
    "editor_sees_replica": "Only on the replica" in admin,
}))
"""


DEAD_REPLICA_SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
from articles.models import Article, Section

call_command("migrate", verbosity=0)
section = Section.objects.create(slug="world", name="World")
Article.objects.create(headline="Only on the primary", slug="only-on-the-primary",
    section=section, status="published", body="<p>Text.</p>")
first, second = Client().get("/"), Client().get("/")
print(json.dumps({"statuses": [first.status_code, second.status_code],
    "served_from_primary": "Only on the primary" in second.content.decode()}))
"""


def run_site(script, primary, replica):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings.test",
        DATABASE_URL=f"sqlite:///{primary}",
        DATABASE_REPLICA_URLS=f"sqlite:///{replica}",
        TEST_REDIS_URL="",
        ALLOWED_HOSTS="testserver",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readers_read_from_the_replica_and_the_newsroom_from_the_primary(tmp_path):
    seen = run_site(SCRIPT, tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3")
    assert seen == {
        "reader_sees_replica": True,
        "reader_sees_primary": False,
        "editor_sees_primary": True,
        "editor_sees_replica": False,
    }


def test_a_replica_that_cannot_be_reached_leaves_readers_to_the_primary(tmp_path):
    unreachable = tmp_path / "no-such-folder" / "replica.sqlite3"
    seen = run_site(DEAD_REPLICA_SCRIPT, tmp_path / "primary.sqlite3", unreachable)
    assert seen == {"statuses": [200, 200], "served_from_primary": True}


@pytest.mark.parametrize("reads_from_replicas", [True, False])
def test_a_request_that_writes_reads_its_own_write_from_the_primary(
    monkeypatch, reads_from_replicas
):
    monkeypatch.setattr(dbrouters, "replica_aliases", lambda: ["replica1"])
    monkeypatch.setattr(dbrouters, "_reachable", lambda alias: True)
    router = ReplicaRouter()
    token = _replicas_for_this_request.set(reads_from_replicas)
    try:
        assert router.db_for_read(None) == ("replica1" if reads_from_replicas else "default")
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        _replicas_for_this_request.reset(token)
