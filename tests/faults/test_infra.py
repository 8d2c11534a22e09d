"""The fault suite's tools do what the other fault tests rely on: a tool that failed to hang or
to cut would make every test built on it pass for the wrong reason."""

import smtplib
import socket
import time

import psycopg
import pytest
import redis

from .infra import Site, run_manage


def _redis_answers(url, timeout=0.5):
    try:
        return redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        ).ping()
    except redis.exceptions.RedisError:
        return False


def test_redis_killed_refuses_and_paused_hangs(throwaway_redis):
    assert _redis_answers(throwaway_redis.url())
    throwaway_redis.pause()
    started = time.monotonic()
    assert not _redis_answers(throwaway_redis.url(), timeout=0.3)
    assert time.monotonic() - started >= 0.3  # it hung rather than refused
    throwaway_redis.resume()
    assert _redis_answers(throwaway_redis.url())
    throwaway_redis.kill()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", throwaway_redis.port), 0.5)


def test_proxy_passes_hangs_and_cuts(throwaway_redis, tcp_proxy):
    proxy = tcp_proxy("127.0.0.1", throwaway_redis.port)
    url = f"redis://127.0.0.1:{proxy.port}/0"
    assert _redis_answers(url)
    proxy.mode = "hang"
    started = time.monotonic()
    assert not _redis_answers(url, timeout=0.3)
    assert time.monotonic() - started >= 0.3
    proxy.mode = "cut"
    started = time.monotonic()
    assert not _redis_answers(url, timeout=2)
    assert time.monotonic() - started < 1  # cut is an immediate failure, not a wait
    proxy.mode = "pass"
    assert _redis_answers(url)


def test_postgres_stops_hangs_and_comes_back(throwaway_postgres):
    url = throwaway_postgres.url("infra_check")
    with psycopg.connect(url, connect_timeout=2) as connection:
        assert connection.execute("select 1").fetchone() == (1,)
    throwaway_postgres.pause()
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=1)
    assert time.monotonic() - started >= 0.9
    throwaway_postgres.resume()
    throwaway_postgres.stop()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    throwaway_postgres.start()
    with psycopg.connect(url, connect_timeout=2) as connection:
        assert connection.execute("select 1").fetchone() == (1,)


def test_smtp_sink_accepts_refuses_and_hangs(smtp_sink):
    message = "From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nbody\r\n"
    with smtplib.SMTP("127.0.0.1", smtp_sink.port, timeout=5) as smtp:
        smtp.sendmail("a@example.com", ["b@example.com"], message)
    assert smtp_sink.recipients() == ["b@example.com"]
    smtp_sink.mode = "refuse"
    with (
        smtplib.SMTP("127.0.0.1", smtp_sink.port, timeout=5) as smtp,
        pytest.raises(smtplib.SMTPDataError),
    ):
        smtp.sendmail("a@example.com", ["c@example.com"], message)
    smtp_sink.mode = "hang"
    with pytest.raises((TimeoutError, socket.timeout, smtplib.SMTPServerDisconnected)):
        smtplib.SMTP("127.0.0.1", smtp_sink.port, timeout=0.5)
    assert smtp_sink.recipients() == ["b@example.com"]


def test_site_serves_the_production_profile_under_gunicorn():
    site = Site({})
    try:
        run_manage(site.env, "load_demo_newsroom", "--articles", "5")
        home = site.get("/")
        assert home.status == 200, site.log_text()[-2000:]
        assert b"<html" in home.body
        assert len(site.worker_pids()) == 2
    finally:
        site.stop()
