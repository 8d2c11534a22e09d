"""Readers' addresses of live coverage besides the live page itself (the story's own address,
rendered by articles' view with live/templatetags/live_tags.py): an update's permanent link and
the update endpoint the page's script asks every LIVE_POLL_SECONDS."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from articles.cache_keys import story_key
from articles.models import Article
from newsportal import surrogate
from newsportal.pagecache import (
    content_etag,
    is_anonymous_reader_request,
    never_page_cached,
    page_cached,
)

from .models import LiveCoverage, LiveEntry
from .pages import location_of


# Not kept by the page cache: where an update is changes as newer ones push it off the main page
# (a redirect is never stored anyway). One query.
@never_page_cached
@require_safe
def entry_permalink(request, article_id, entry_id):
    """An update's permanent link: the page that holds it now, at the update.

    A deleted update (or one of a story readers cannot see) is a 404 rather than a redirect to
    the coverage: its link is in feeds and search engines' data, which should drop it, and an
    update withdrawn for being wrong must not look as if it were still there.
    """
    entry = get_object_or_404(
        LiveEntry.objects.select_related("coverage__article").filter(
            coverage__article__in=Article.objects.published()
        ),
        pk=entry_id,
        coverage_id=article_id,
    )
    coverage = entry.coverage
    return redirect(
        f"{coverage.article.get_absolute_url()}{location_of(coverage, entry)}#{entry.anchor}"
    )


@page_cached
@require_safe
def updates(request, article_id):
    """What the live page's script needs to know whether there is something new: a few bytes,
    one query on a miss and none on a hit (the page cache, purged with ``live-<id>`` by every
    change; browsers revalidate with the ETag)."""
    coverage = get_object_or_404(
        LiveCoverage.objects.filter(article__in=Article.objects.published()).only(
            "article_id", "revision", "last_sequence", "last_entry_at", "ended_at"
        ),
        pk=article_id,
    )
    surrogate.add(story_key(article_id))  # unpublishing the story ends its endpoint too
    response = JsonResponse(
        {
            "revision": coverage.revision,
            "sequence": coverage.last_sequence,
            "ended": coverage.has_ended,
            "latest": coverage.last_entry_at.isoformat() if coverage.last_entry_at else None,
        }
    )
    response["X-Robots-Tag"] = "noindex"
    etag = content_etag(response.content)
    response["ETag"] = etag
    if is_anonymous_reader_request(request) and settings.PAGE_CACHE_SECONDS > 0:
        # The page cache answers If-None-Match once it has stored this answer: a 304 from here
        # would never be stored, and every poll would reach the database.
        return response
    return get_conditional_response(request, etag=etag, response=response)
