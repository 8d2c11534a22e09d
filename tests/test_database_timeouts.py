"""A database that does not answer costs a web request a bounded time: PostgreSQL's connect
timeout everywhere, a statement timeout for web requests only (not migrations or task workers)."""

import json
import os
import subprocess
import sys

from tests.test_settings import CONFIG_KEYS, PRODUCTION_ENV, PROJECT_DIR, run_manage

POSTGRES = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://news@127.0.0.1:5432/news"}
PRINT_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def options_seen_by_manage_py(**environment):
    result = run_manage("shell", "--no-imports", "-c", PRINT_OPTIONS, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def options_seen_by_the_web_server(**environment):
    """What a WSGI server's worker (gunicorn) gets: it loads newsportal.wsgi, manage.py does not."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in CONFIG_KEYS and name != "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", f"import newsportal.wsgi; {PRINT_OPTIONS}"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_postgresql_connections_give_up_after_three_seconds_unless_told_otherwise():
    assert options_seen_by_manage_py(**POSTGRES)["connect_timeout"] == 3
    assert (
        options_seen_by_manage_py(**POSTGRES, DATABASE_CONNECT_TIMEOUT="5")["connect_timeout"] == 5
    )


def test_web_requests_have_a_statement_timeout_and_manage_py_commands_none():
    assert options_seen_by_the_web_server(**POSTGRES)["options"] == "-c statement_timeout=5000"
    assert "options" not in options_seen_by_manage_py(**POSTGRES)  # migrate, db_worker
    assert "options" not in options_seen_by_the_web_server(
        **POSTGRES, DATABASE_STATEMENT_TIMEOUT="0"
    )
