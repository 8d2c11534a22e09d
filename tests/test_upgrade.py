"""A newsroom running the release before the consolidation upgrades without losing anything.

The previous release's own code (from git) builds a database with the demo newsroom, readers,
comments under several guidelines versions, discussion settings, subscribers with consent records
and a group's rights; this release's ``migrate`` then moves the tables (guidelines and legal
documents to the legal app, the discussion settings to comments.Discussion). Every row and every
link must be there afterwards, and loading the demo newsroom again must create nothing.

It runs on the database engine of the test run: SQLite, or a throwaway PostgreSQL database next
to the test database when the suite runs on PostgreSQL.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# The last release before the consolidation (issue 11): comments.Guidelines,
# newsletter.LegalDocument, Article.comments_mode and Article.comment_count.
PREVIOUS_RELEASE = "7359608"

# Filled by the previous release's code, after its demo newsroom.
FILL_OLD = """
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from articles.models import Article
from comments import services
from comments.models import Comment, Commenter, Guidelines
from newsletter.models import ConsentRecord, LegalDocument, Subscriber, consent_text

moderator = User.objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
Guidelines.objects.create(summary="Be kind, second edition.", body="Be kind.")
guidelines = list(Guidelines.objects.order_by("version"))
stories = list(Article.objects.published().order_by("-published_at")[:6])
for n, story in enumerate(stories[:3]):
    story.comments_mode = ["premoderated", "closed", "open"][n]
    story.save(update_fields=["comments_mode"])
for n in range(6):
    reader = User.objects.create_user(f"reader{n}", f"reader{n}@example.org", "pw")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    version = guidelines[n % len(guidelines)].version
    Commenter.objects.create(
        user=reader, display_name=f"Okur {n} – قارئ", accepted_guidelines_version=version
    )
    for m, story in enumerate(stories):
        comment = Comment.objects.create(
            article=story, author=reader, body=f"Yorum {n}.{m} 🙂", guidelines_version=version
        )
        if (n + m) % 3:
            services.approve(comment, by=moderator)
terms = LegalDocument.objects.get(kind="terms", is_current=True)
privacy = LegalDocument.objects.get(kind="privacy", is_current=True)
newer = LegalDocument.objects.create(
    kind="terms", version="2026-12", title="Terms of Use", body="Newer terms."
)
newer.make_current()
for n in range(5):
    subscriber = Subscriber.objects.create(email=f"subscriber{n}@example.org")
    ConsentRecord.objects.create(
        subscriber=subscriber,
        email=subscriber.email,
        terms=terms if n % 2 else newer,
        terms_hash="t",
        privacy=privacy,
        privacy_hash="p",
        consent_text=consent_text(),
        created_at=timezone.now(),
    )
night_desk = Group.objects.create(name="Night desk")
night_desk.permissions.add(
    *Permission.objects.filter(
        codename__in=["change_guidelines", "change_articlediscussion", "view_legaldocument"]
    )
)
"""

# What the database holds, printed as JSON by either release's code.
SNAPSHOT = """
import io
import json
from django.db import connection

def rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [list(row) for row in cursor.fetchall()]

tables = {
    name: rows(f'SELECT COUNT(*) FROM "{name}"')[0][0]
    for name in connection.introspection.table_names()
    if not name.startswith(("django_migrations", "articles_search_fts"))
}
guidelines = "comments_guidelines" if "comments_guidelines" in tables else "legal_guidelines"
documents = (
    "newsletter_legaldocument" if "newsletter_legaldocument" in tables else "legal_legaldocument"
)
discussion = (
    "SELECT id, comments_mode, comment_count FROM articles_article ORDER BY id"
    if "comments_discussion" not in tables
    else "SELECT article_id, mode, comment_count FROM comments_discussion ORDER BY article_id"
)
broken = []
if connection.vendor == "sqlite":
    broken = rows("PRAGMA foreign_key_check")
print(json.dumps({
    "tables": tables,
    "guidelines": rows(f'SELECT id, version, summary, body FROM "{guidelines}" ORDER BY id'),
    "documents": rows(
        f'SELECT id, kind, version, body, text_hash, is_current FROM "{documents}" ORDER BY id'
    ),
    "consents": rows("SELECT id, subscriber_id, terms_id, privacy_id FROM newsletter_consentrecord ORDER BY id"),
    "comments": rows("SELECT id, article_id, author_id, parent_id, status, guidelines_version, body FROM comments_comment ORDER BY id"),
    "commenters": rows("SELECT user_id, display_name, accepted_guidelines_version FROM comments_commenter ORDER BY user_id"),
    "discussions": rows(discussion),
    "rights": sorted(rows(
        "SELECT g.name, p.codename FROM auth_group g JOIN auth_group_permissions gp ON gp.group_id = g.id "
        "JOIN auth_permission p ON p.id = gp.permission_id"
    )),
    "broken_links": broken,
}, default=str))
"""

# Tables this release renamed, and permissions that follow their model.
RENAMED_TABLES = {
    "comments_guidelines": "legal_guidelines",
    "newsletter_legaldocument": "legal_legaldocument",
}
RENAMED_RIGHTS = {
    "change_articlediscussion": "change_discussion",
    "view_articlediscussion": "view_discussion",
}
# Rights this release's migrations give (articles 0014: the Editors arrange the front page).
# (newsletter 0004: they prepare the day's digest).
ADDED_RIGHTS = [
    ["Editors", "arrange_front_page"],
    *(
        ["Editors", f"{action}_{model}"]
        for model, actions in {
            "digest": ["view", "change"],
            "digeststory": ["view", "add", "change", "delete"],
            "delivery": ["view"],
        }.items()
        for action in actions
    ),
    # Live coverage (live migration 0002): the Editors run it.
    *(
        ["Editors", f"{action}_{model}"]
        for model in ("livecoverage", "liveentry")
        for action in ("add", "change", "delete", "view")
    ),
    ["Editors", "view_historicallivecoverage"],
    ["Editors", "view_historicalliveentry"],
    # Videos and posts embedded in stories (articles migration 0016), edited with the story.
    *(["Editors", f"{action}_storyembed"] for action in ("add", "change", "delete", "view")),
]


GIT = shutil.which("git")


def previous_release_available():
    return (
        GIT is not None
        and subprocess.run(
            [GIT, "-C", str(ROOT), "cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}"],
            capture_output=True,
        ).returncode
        == 0
    )


pytestmark = pytest.mark.skipif(
    not previous_release_available(),
    reason=f"the previous release ({PREVIOUS_RELEASE}) is not in this clone's git history",
)


@pytest.fixture
def upgrade_database(tmp_path):
    """The URL of an empty database for the upgrade, on the test run's engine."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        import psycopg

        name = f"newsportal_upgrade_{uuid.uuid4().hex[:12]}"
        server = {
            "host": database["HOST"] or "127.0.0.1",
            "port": database["PORT"] or 5432,
            "user": database["USER"],
            "password": database["PASSWORD"] or None,
            "dbname": "postgres",
            "autocommit": True,
        }
        with psycopg.connect(**server) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        yield f"postgres://{database['USER']}{password}@{server['host']}:{server['port']}/{name}"
        with psycopg.connect(**server) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite:///{tmp_path / 'newsroom.sqlite3'}"


def manage(code_root, database_url, tmp_path, *arguments):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsportal.settings.dev",
        "DATABASE_URL": database_url,
        "DATABASE_REPLICA_URLS": "",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "false",
        "PYTHONPATH": str(code_root),
    }
    environment.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=code_root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def snapshot(code_root, database_url, tmp_path):
    output = manage(code_root, database_url, tmp_path, "shell", "-c", SNAPSHOT)
    return json.loads(output.strip().splitlines()[-1])


def test_the_previous_release_upgrades_with_every_row_and_link(tmp_path, upgrade_database):
    previous = tmp_path / "previous-release"
    previous.mkdir()
    archive = subprocess.run(
        [GIT, "-C", str(ROOT), "archive", PREVIOUS_RELEASE], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as release:
        release.extractall(previous, filter="data")

    manage(previous, upgrade_database, tmp_path, "migrate", "--noinput", "-v0")
    manage(previous, upgrade_database, tmp_path, "load_demo_newsroom")
    manage(previous, upgrade_database, tmp_path, "shell", "-c", FILL_OLD)
    before = snapshot(previous, upgrade_database, tmp_path)

    manage(ROOT, upgrade_database, tmp_path, "migrate", "--noinput", "-v0")
    after = snapshot(ROOT, upgrade_database, tmp_path)
    again = manage(ROOT, upgrade_database, tmp_path, "load_demo_newsroom")

    # Every table keeps its rows, under its new name where it moved. (Content types and
    # permissions are Django's bookkeeping, rebuilt for the moved models; the rights that groups
    # hold are compared below.)
    expected = {
        RENAMED_TABLES.get(name, name): count
        for name, count in before["tables"].items()
        if name not in ("django_content_type", "auth_permission")
    }
    expected["auth_group_permissions"] += len(ADDED_RIGHTS)
    moved = {name: after["tables"].get(name) for name in expected}
    assert moved == expected
    assert before["tables"]["articles_article"] > 300 and before["tables"]["comments_comment"] == 36
    # The discussion settings of every story, now in their own table.
    assert after["tables"]["comments_discussion"] == before["tables"]["articles_article"]
    assert after["discussions"] == before["discussions"]
    assert {mode for _, mode, _ in after["discussions"]} == {"open", "premoderated", "closed"}
    # The texts readers agreed to, and every link to them.
    assert [row[:4] for row in after["guidelines"]] == before["guidelines"]
    assert after["documents"] == before["documents"]
    assert after["consents"] == before["consents"]
    assert after["comments"] == before["comments"]
    assert after["commenters"] == before["commenters"]
    # Rights follow the models they are on.
    assert after["rights"] == sorted(
        [[group, RENAMED_RIGHTS.get(codename, codename)] for group, codename in before["rights"]]
        + ADDED_RIGHTS
    )
    assert after["broken_links"] == []
    # This release's demo differs from the previous one's only by its breaking story, now live
    # coverage under a new headline: a second load adds that story (with its coverage) and
    # nothing the previous release's demo already had.
    assert "1 published, 0 scheduled and 0 draft stories" in again
    assert "0 sections, 0 agencies, 0 authors" in again
