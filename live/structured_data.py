"""schema.org LiveBlogPosting for a live page, beside the story's NewsArticle
(articles/structured_data.py): search engines read the coverage's start and end and its newest
updates from it."""

from articles.structured_data import to_script_json

from .pages import location_of
from .text import headline, plain_text


def live_blog_posting(live_page, article, absolute) -> str:
    """The JSON-LD of ``live_page`` (live/pages.py), escaped to sit in a <script> element;
    ``absolute`` turns a path into a full URL."""
    coverage = live_page.coverage
    url = absolute(article.get_absolute_url())
    shown = ([live_page.pinned] if live_page.pinned else []) + live_page.entries
    updates = []
    for entry in sorted(shown, key=lambda e: e.sequence, reverse=True):
        update = {
            "@type": "BlogPosting",
            "headline": headline(entry),
            "datePublished": entry.posted_at.isoformat(),
            "articleBody": plain_text(entry),
            "url": f"{url}{location_of(coverage, entry)}#{entry.anchor}",
        }
        if entry.edited_at:
            update["dateModified"] = entry.edited_at.isoformat()
        if entry.author:
            update["author"] = {"@type": "Person", "name": entry.author.name}
        updates.append(update)
    posting = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": f"{url}#live",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.search_and_social_headline,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(
            filter(None, [article.updated_at, article.published_at, coverage.last_entry_at])
        ).isoformat(),
        "coverageStartTime": coverage.started_at.isoformat(),
        "liveBlogUpdate": updates,
    }
    if coverage.has_ended:
        posting["coverageEndTime"] = coverage.ended_at.isoformat()
    return to_script_json(posting)
