"""What pages live coverage is on, and what its changes purge (newsportal/surrogate.py).

``live-<story id>`` names a story's live coverage and its updates: its live page and pages of
older updates, the update endpoint, its feed, and every card of the story (cards show "LIVE" and
the latest update's time, from the coverage row they load). A posted, edited or deleted update
purges that key; starting, ending or reopening the coverage also purges the story, the lists
of live coverage (the Google News sitemap) and the breaking banner (on every page: it says LIVE
for a breaking story that is live coverage; such changes are rare).
"""

from articles.cache_keys import LATEST, story_key
from newsportal import surrogate

from .models import LiveCoverage, LiveEntry


def live_key(article_id) -> str:
    return f"live-{article_id}"


def register_loaded_rows() -> None:
    surrogate.register_model(LiveCoverage, lambda row: row.article_id and live_key(row.article_id))
    surrogate.register_model(LiveEntry, lambda row: row.coverage_id and live_key(row.coverage_id))


@surrogate.purge_rule(LiveEntry)
def entry_change(entry, *, created, deleted):
    return {live_key(entry.coverage_id)}


@surrogate.purge_rule(LiveCoverage)
def coverage_change(coverage, *, created, deleted):
    return {
        live_key(coverage.article_id),
        story_key(coverage.article_id),
        LATEST,
        surrogate.BREAKING,
    }
