import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_ensure_demo_admin():
    out = io.StringIO()
    call_command("ensure_demo_admin", stdout=out)
    return out.getvalue()


def test_it_creates_the_admin_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "correct-horse-battery")
    output = run_ensure_demo_admin()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("correct-horse-battery")
    assert "correct-horse-battery" not in output


def test_it_prints_a_random_password_when_none_is_given(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    output = run_ensure_demo_admin()

    password = output.split("Its password is: ")[1].strip()
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_running_it_again_keeps_one_admin_and_its_password(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    first = run_ensure_demo_admin().split("Its password is: ")[1].strip()
    second = run_ensure_demo_admin()

    assert "already exists" in second
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert get_user_model().objects.get(username="admin").check_password(first)


@pytest.mark.django_db
def test_dumpdata_of_the_articles_works_on_either_engine():
    """SQLite's full-text table is a model too; on PostgreSQL it must be left out, not queried."""
    import json

    from tests.factories import ArticleFactory

    story = ArticleFactory()
    out = io.StringIO()
    call_command("dumpdata", "articles.article", "articles.sqlitesearchentry", stdout=out)
    dumped = json.loads(out.getvalue())
    assert {"model": "articles.article", "pk": story.pk} in [
        {"model": row["model"], "pk": row["pk"]} for row in dumped
    ]
