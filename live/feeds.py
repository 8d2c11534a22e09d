"""RSS 2.0 and Atom feeds of a live coverage's updates, newest first.

Each item links to the update's permanent address (live:entry), which leads to the page that
holds it; an embedded video or post is a plain link, as feed readers load nothing else. A deleted
update leaves the feed with the purge of the coverage's key (live/cache_keys.py).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article

from .models import LiveEntry
from .text import headline

FEED_ITEMS = 30


def visible_coverage(article_id):
    """The live coverage of a story readers may see (with the story), or Http404."""
    article = get_object_or_404(
        Article.objects.published().select_related("live_coverage"), pk=article_id
    )
    coverage = getattr(article, "live_coverage", None)
    if coverage is None:
        raise Http404("This story is not live coverage.")
    return coverage


class LiveEntriesFeed(Feed):
    page_cache = True  # newsportal.pagecache: the rows it loads name live-<id> and story-<id>

    def get_object(self, request, article_id):
        return visible_coverage(article_id)

    def title(self, obj):
        return f"{obj.article.headline}: live updates"

    def link(self, obj):
        return obj.article.get_absolute_url()

    def description(self, obj):
        return obj.article.standfirst

    def items(self, obj):
        return (
            LiveEntry.objects.filter(coverage=obj)
            .select_related("author")
            .order_by("-sequence")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return headline(item)

    def item_description(self, item):
        # The body is sanitised on save (articles.text.sanitize_article_html).
        description = mark_safe(item.body)  # noqa: S308
        embed = item.embed  # once: each read parses the address again
        if embed:
            description += format_html(
                '<p><a href="{}">{}: {}</a></p>', embed.url, embed.label, embed.url
            )
        return description

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.edited_at or item.posted_at

    def item_author_name(self, item):
        return item.author.name if item.author else None


class LiveEntriesAtomFeed(LiveEntriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
