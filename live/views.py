"""Readers' addresses of live coverage besides the live page itself (the story's own address,
rendered by articles' view with live/templatetags/live_tags.py): an update's permanent link and
the update endpoint the page's script asks every LIVE_POLL_SECONDS."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from articles.models import Article
from newsportal.pagecache import (
    content_etag,
    is_anonymous_reader_request,
    never_page_cached,
    page_cached,
)

from .models import LiveEntry
from .pages import location_of

_ANSWERED_FIELDS = ("revision", "last_sequence", "last_entry_at", "ended_at")


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
        pk=entry_id,  # the story's number is checked below: a huge one is no database error
    )
    coverage = entry.coverage
    if coverage.article_id != article_id:
        raise Http404("No such update of this story.")
    return redirect(
        f"{coverage.article.get_absolute_url()}{location_of(coverage, entry)}#{entry.anchor}"
    )


@page_cached
@require_safe
def updates(request, article_id):
    """What the live page's script needs to know whether there is something new: a few bytes,
    one query on a miss and none on a hit (the page cache, purged with ``live-<id>`` by every
    change; browsers revalidate with the ETag)."""
    # From the story (which names its key, so unpublishing it ends the endpoint too), with only
    # the coverage's counters.
    article = get_object_or_404(
        Article.objects.published()
        .select_related("live_coverage")
        .only(*(f"live_coverage__{name}" for name in _ANSWERED_FIELDS)),
        pk=article_id,
    )
    coverage = getattr(article, "live_coverage", None)
    if coverage is None:
        raise Http404("This story is not live coverage.")
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
