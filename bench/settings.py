"""Benchmark profile: the production profile, with what one benchmark machine needs.

The runner (bench/run.py, bench/live.py) sets the environment production needs (SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL) and turns HTTPS redirects off, since the load generator
speaks HTTP. The floor is a project of its own (bench/floor/), not a view of this one.
"""

from newsportal.settings.production import *  # noqa: F403
from newsportal.settings.production import RATE_LIMITS, env

# The test client's host; the load generator uses 127.0.0.1.
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
SERVE_MEDIA = False
# Every commenter of the live mix posts from 127.0.0.1, where a real site's readers come from many
# addresses: the per-address limit would refuse the mix's one comment a second after 20. The
# per-account limits stay as they are (the mix spreads its comments over 24 readers).
RATE_LIMITS = {**RATE_LIMITS, "comment-post-ip": (100_000, 60)}
