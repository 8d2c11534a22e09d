"""Benchmark profile: the production profile plus a floor view (bench/urls.py).

The runner (bench/run.py) sets the environment production needs (SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL, REDIS_URL) and turns HTTPS redirects off, since the load generator speaks HTTP.
"""

from newsportal.settings.production import *  # noqa: F403
from newsportal.settings.production import env

ROOT_URLCONF = "bench.urls"
# The test client's host; the load generator uses 127.0.0.1.
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
SERVE_MEDIA = False
