"""reverse() for the links that fill every page, worked out once per process.

A story page links to its section, its tags, related stories and every section in the
navigation: about seventy reverse() calls, and a home page several hundred. Each call walks the
URL patterns, quotes and checks the arguments; a story's or a section's address never changes
for the same arguments, so the answer is kept (bounded, per process). The key includes the URL
configuration in force and the script prefix, so a site mounted under a path prefix or a test
with its own URLs gets its own answers.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=20_000)
def _reverse(urlconf, root_urlconf, prefix, name, args):
    return reverse(name, urlconf=urlconf, args=args)


def cached_reverse(name, *args):
    return _reverse(get_urlconf(), settings.ROOT_URLCONF, get_script_prefix(), name, args)
