from django.conf import settings
from django.utils.functional import cached_property

from newsportal import surrogate

from .cache_keys import NAV
from .models import Article, Section


class KeyedRows:
    """A queryset shown in every page's frame, loaded (once, when a template first uses it)
    under one surrogate key instead of its rows' own: a story's purge then stays about the pages
    that show the story, while the frame's rows are purged by their rules (NAV, BREAKING)."""

    def __init__(self, key, rows_query):
        self.key = key
        # A function giving the queryset: building one costs more than many pages' use of it.
        self.rows_query = rows_query

    @cached_property
    def rows(self):
        # The same for every reader and purged with its key (the publication clock purges
        # BREAKING when a banner ends): kept as a fragment, so most pages skip the query.
        return surrogate.cached_fragment(f"rows:{self.key}", self._load)

    def _load(self):
        with surrogate.substitute_keys(self.key):  # inside the fragment: it carries the key
            return list(self.rows_query())

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __bool__(self):
        return bool(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


def site_chrome(request):
    """Branding and the section menu, shared by every page's header and footer.

    Both are lazy: one query each, run only by pages that render them.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_sections": KeyedRows(NAV, lambda: Section.objects.only("name", "slug")),
        # Live breaking stories, newest first; the banner disappears when none is live.
        "breaking_stories": KeyedRows(
            surrogate.BREAKING,
            # With its live coverage, if any: the banner then says LIVE (the live app purges
            # BREAKING when coverage starts or ends: live/cache_keys.py).
            lambda: (
                Article.objects.breaking()
                .select_related("live_coverage")
                .only(
                    "headline",
                    "slug",
                    "status",
                    "published_at",
                    "live_coverage__started_at",
                    "live_coverage__ended_at",
                )[:1]
            ),
        ),
    }
