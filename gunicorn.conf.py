"""gunicorn settings for the production profile (`make serve`, or `gunicorn newsportal.wsgi`).

Every value can be overridden from the environment, so one file serves a laptop and a fleet.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: the pages are CPU-bound template rendering and short queries; (2 × cores) + 1
# is gunicorn's own rule of thumb, WEB_CONCURRENCY overrides it (as on most platforms).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are forked from a master that has loaded Django and the site: a recycled or killed
# worker is back in milliseconds instead of the second a Django start costs (at a busy hour a
# worker is recycled every few seconds). Nothing connects at import, so no connection is shared.
# New code needs a restart of the master (a deploy restarts the service), not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# Recycle workers now and then, so a slow leak never takes a server down. Each worker draws its
# own lifetime between max_requests and max_requests + jitter; with the jitter half the lifetime,
# workers that started together (a deploy, a restart) retire one by one instead of all at once.
# A lifetime of 20,000 requests: at a busy hour a worker serves several hundred pages a second
# from the cache, and a shorter one spends a good share of the machine on restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 2))
# Heartbeat files on tmpfs: a worker blocked on a full disk is not mistaken for a dead one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn heartbeats only
# Django logs each request as JSON (newsportal.observability); gunicorn's own access log is off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """With the app preloaded, import its URL patterns (and so every view module) in the master
    too: a new or recycled worker then serves its first page without importing them itself."""
    if server.cfg.preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - imported for its side effect
