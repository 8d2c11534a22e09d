"""Test profile: fast password hashing, in-memory cache and outbox, media in a temporary folder."""

import os
import re
import tempfile

from .base import *  # noqa: F403
from .base import env, redis_cache

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# `make test-postgres` runs the suite again with the Redis cache, as production has it. Each xdist
# worker gets a Redis database of its own, since the tests empty the cache between them.
TEST_REDIS_URL = env.str("TEST_REDIS_URL", default="")
if TEST_REDIS_URL:
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES = {
        "default": redis_cache(
            re.sub(r"/\d*$", f"/{10 + _worker % 6}", TEST_REDIS_URL), key_prefix="test"
        )
    }
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsportal-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVE_MEDIA = True
# Off by default so tests see every change at once; tests/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0  # tests that use fragments turn them on
# One process, one clock: a page built after a purge is kept (newsportal/surrogate.py).
SURROGATE_CLOCK_SKEW_SECONDS = 0
# Tasks run at once, in the test's own thread and transaction (no worker needed).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The digest's day runs where a test asks for it, not whenever a test's clock passes 06:00.
NEWSLETTER_SCHEDULE = False
