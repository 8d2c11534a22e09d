"""Sitemaps for search engines (an index of stories, sections, tags and fixed pages) and a Google
News sitemap of the last 48 hours' stories and of running live coverage."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Article, Section

# Google News reads at most 1,000 stories per news sitemap, from the last two days.
NEWS_MAX_STORIES = 1000
NEWS_MAX_AGE = timedelta(hours=48)


def _story_lastmod():
    return Greatest("updated_at", "published_at")


def _newest_change(stories):
    """The latest change of any of ``stories``, in one aggregate query."""
    return stories.aggregate(latest=Max(_story_lastmod()))["latest"]


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .annotate(last_change=_story_lastmod())
            .only("pk", "slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item):
        return item.last_change

    def get_latest_lastmod(self):
        return _newest_change(Article.objects.published())


class SectionSitemap(Sitemap):
    def items(self):
        now = timezone.now()
        published = Q(articles__status=Article.Status.PUBLISHED, articles__published_at__lte=now)
        return (
            Section.objects.annotate(last_story=Max("articles__published_at", filter=published))
            .filter(last_story__isnull=False)
            .order_by("order", "name")
        )

    def lastmod(self, item):
        return item.last_story

    def get_latest_lastmod(self):
        return _newest_change(Article.objects.published())


class TagSitemap(Sitemap):
    limit = 5000

    def items(self):
        # Filtering before annotating makes the maximum count published stories only.
        return (
            Tag.objects.filter(
                articles_taggedarticle_items__content_object__in=Article.objects.published()
            )
            .annotate(last_story=Max("articles_taggedarticle_items__content_object__published_at"))
            .order_by("name")
        )

    def location(self, item):
        return reverse("articles:tag-detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last_story

    def get_latest_lastmod(self):
        return _newest_change(Article.objects.published())


class StaticPagesSitemap(Sitemap):
    def items(self):
        return ["articles:home", "articles:archive"]

    def location(self, item):
        return reverse(item)


class GoogleNewsSitemap(Sitemap):
    """Rendered with templates/articles/sitemap_news.xml (the news: namespace)."""

    limit = NEWS_MAX_STORIES

    def items(self):
        now = timezone.now()
        # Live coverage stays in while it runs, however long ago the story was published (the
        # live app's model, by its reverse relation: articles does not import live).
        running_live = Q(live_coverage__started_at__lte=now) & (
            Q(live_coverage__ended_at__isnull=True) | Q(live_coverage__ended_at__gt=now)
        )
        stories = list(
            Article.objects.published()
            .filter(Q(published_at__gte=now - NEWS_MAX_AGE) | running_live)
            .annotate(last_change=_story_lastmod())
            .only("pk", "slug", "headline", "published_at", "updated_at")
            .order_by("-published_at", "-pk")[:NEWS_MAX_STORIES]
        )
        # W3C dates in whole seconds, as Google's examples give them.
        for story in stories:
            story.news_published_at = story.published_at.replace(microsecond=0)
        return stories

    def lastmod(self, item):
        return item.last_change.replace(microsecond=0)


SITEMAPS = {
    "stories": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "pages": StaticPagesSitemap,
}
