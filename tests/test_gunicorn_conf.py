"""gunicorn.conf.py, loaded the way gunicorn loads it: as a Python file, with the environment."""

import runpy

from django.conf import settings

CONF = str(settings.BASE_DIR / "gunicorn.conf.py")


def gunicorn_settings(monkeypatch, **environment):
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(CONF)


def test_workers_recycle_spread_over_at_least_a_quarter_of_their_lifetime(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert conf["max_requests"] > 0
    assert conf["max_requests_jitter"] >= conf["max_requests"] // 4


def test_the_spread_follows_a_lifetime_set_in_the_environment(monkeypatch):
    conf = gunicorn_settings(monkeypatch, GUNICORN_MAX_REQUESTS="10000")
    assert conf["max_requests"] == 10_000
    assert conf["max_requests_jitter"] >= 2_500


def test_lifetime_and_spread_can_both_be_set_in_the_environment(monkeypatch):
    conf = gunicorn_settings(
        monkeypatch, GUNICORN_MAX_REQUESTS="500", GUNICORN_MAX_REQUESTS_JITTER="400"
    )
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (500, 400)


def test_workers_are_forked_from_a_loaded_app_so_a_recycled_one_starts_at_once(monkeypatch):
    monkeypatch.delenv("GUNICORN_PRELOAD", raising=False)
    assert gunicorn_settings(monkeypatch)["preload_app"] is True
    assert gunicorn_settings(monkeypatch, GUNICORN_PRELOAD="false")["preload_app"] is False
