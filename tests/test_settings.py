"""The settings come from the environment, with a development profile that needs nothing set."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONFIG_KEYS = [
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "TIME_ZONE",
]


def settings_seen_by_a_fresh_process(**environment):
    """Load the development profile in a new interpreter, as manage.py would, and report key settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in CONFIG_KEYS and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="newsportal.settings.dev")
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        " 'cache': s.CACHES['default']['BACKEND'], 'cache_location': s.CACHES['default'].get('LOCATION'),"
        " 'email': s.EMAIL_BACKEND, 'email_host': s.EMAIL_HOST, 'debug': s.DEBUG, 'tz': s.TIME_ZONE,"
        " 'hosts': s.ALLOWED_HOSTS, 'secret': s.SECRET_KEY}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_with_nothing_set_development_runs_on_sqlite_locmem_and_console_email():
    seen = settings_seen_by_a_fresh_process()
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["email"] == "django.core.mail.backends.console.EmailBackend"
    assert seen["debug"] is True
    assert seen["tz"] == "Europe/Istanbul"


def test_services_and_secrets_come_from_the_environment():
    seen = settings_seen_by_a_fresh_process(
        DATABASE_URL="postgres://news:pw@db.internal:5432/news",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.internal:587",
        SECRET_KEY="from-the-environment",
        DEBUG="false",
        ALLOWED_HOSTS="news.example.com,www.news.example.com",
        TIME_ZONE="Europe/London",
    )
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "news"
    assert seen["cache"] == "django_redis.cache.RedisCache"
    assert seen["cache_location"] == "redis://cache.internal:6379/1"
    assert seen["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert seen["email_host"] == "smtp.internal"
    assert seen["secret"] == "from-the-environment"
    assert seen["debug"] is False
    assert seen["hosts"] == ["news.example.com", "www.news.example.com"]
    assert seen["tz"] == "Europe/London"


@pytest.mark.skipif(
    not os.environ.get("TEST_REDIS_URL"), reason="TEST_REDIS_URL not set: no Redis to talk to"
)
def test_the_redis_cache_backend_round_trips_through_a_real_redis():
    from django_redis.cache import RedisCache

    from newsportal.settings.base import redis_cache

    config = redis_cache(os.environ["TEST_REDIS_URL"], key_prefix=f"test-{uuid.uuid4()}")
    cache = RedisCache(config["LOCATION"], config)
    cache.set("greeting", "Merhaba, dünya – مرحبا", timeout=30)
    assert cache.get("greeting") == "Merhaba, dünya – مرحبا"
    cache.delete("greeting")
    assert cache.get("greeting") is None


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsportal.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-secret-from-the-environment-" + "y" * 20,
    "ALLOWED_HOSTS": "news.example.com",
    "SITE_URL": "https://news.example.com",
}


def run_manage(*args, **environment):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in CONFIG_KEYS and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_in_the_production_profile():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SITE_URL": ""}, "Set SITE_URL"),
        ({"SITE_URL": "http://news.example.com"}, "SITE_URL must be an https:// address"),
        ({"SITE_URL": "news.example.com"}, "SITE_URL must be an https:// address"),
        # Turning the redirect off (a proxy may do it) does not make SITE_URL optional.
        ({"SITE_URL": "", "SECURE_SSL_REDIRECT": "false"}, "Set SITE_URL"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(override, complaint):
    environment = {**PRODUCTION_ENV, **override}
    if not environment["SECRET_KEY"]:
        del environment["SECRET_KEY"]
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert complaint in result.stderr


def production_setting(name, **override):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(settings.{name})",
        **{**PRODUCTION_ENV, **override},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    "override",
    [
        # `make serve`, the benchmark and the scale-out test: plain HTTP on this machine only.
        {"SITE_URL": "", "SECURE_SSL_REDIRECT": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"},
        {"SITE_URL": "http://127.0.0.1:8000", "SECURE_SSL_REDIRECT": "false"},
    ],
)
def test_production_over_plain_http_starts_only_with_the_redirect_turned_off(override):
    assert production_setting("SITE_URL", **override).startswith("http://")


def test_the_newsletter_list_domain_is_the_site_url_host_in_production():
    assert production_setting("NEWSLETTER_LIST_DOMAIN") == "news.example.com"
    assert (
        production_setting("NEWSLETTER_LIST_DOMAIN", NEWSLETTER_LIST_DOMAIN="lists.example.com")
        == "lists.example.com"
    )
