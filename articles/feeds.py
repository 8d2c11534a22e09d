"""RSS 2.0 and Atom feeds of the latest stories, of each section and of each tag.

Each item carries the standfirst as its summary (with a line per embedded video or post: a link,
never a player), the section and tags as categories, the byline,
and the hero picture twice: as an enclosure (RSS) / enclosure link (Atom), and as a Media RSS
``media:content`` with its size, caption and credit, which most aggregators read.
"""

import mimetypes

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from .cache_keys import LATEST
from .embeds import embeds_of
from .models import Article, Section

FEED_ITEMS = 30
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS elements for the hero picture."""

    def rss_attributes(self):
        return super().rss_attributes() | {"xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        picture = item.get("picture")
        if not picture or not item["enclosures"]:
            return
        attributes = {
            "url": item["enclosures"][0].url,  # made absolute by LatestStoriesFeed.get_feed()
            "type": item["enclosures"][0].mime_type,
            "medium": "image",
        }
        if picture["width"] and picture["height"]:
            attributes |= {"width": str(picture["width"]), "height": str(picture["height"])}
        handler.startElement("media:content", attributes)
        if picture["caption"]:
            handler.addQuickElement("media:description", picture["caption"], {"type": "plain"})
        if picture["credit"]:
            handler.addQuickElement("media:credit", picture["credit"])
        handler.endElement("media:content")


class LatestStoriesFeed(Feed):
    page_cache = True  # newsportal.pagecache: every feed, section and tag ones included
    surrogate_keys = (LATEST,)  # every story published enters a feed
    feed_type = MediaRssFeed

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: latest news"

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return settings.SITE_TAGLINE

    def stories(self, obj):
        return Article.objects.published()

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django makes links absolute but leaves enclosures as given; readers need full URLs.
        domain = get_current_site(request).domain
        for item in feed.items:
            for enclosure in item["enclosures"]:
                enclosure.url = add_domain(domain, enclosure.url, request.is_secure())
        return feed

    def items(self, obj=None):
        return (
            self.stories(obj)
            .for_cards()
            .prefetch_related("tags", "authors", "embeds")
            .order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        links = [f"{embed.title}: {embed.url}" for embed in embeds_of(item.embeds.all())]
        return "\n\n".join([item.standfirst, *links])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_author_name(self, item):
        names = [author.name for author in item.authors.all()]
        if names:
            return ", ".join(names)
        return item.source.name if item.source else settings.SITE_PUBLISHER

    def item_enclosures(self, item):
        image = item.hero_image
        if not image or not image.file:
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        try:
            length = image.file.size
        except OSError:  # a missing file must not take the whole feed down
            return []
        return [Enclosure(image.file.url, str(length), mime_type)]

    def item_extra_kwargs(self, item):
        image = item.hero_image
        if not image:
            return {}
        return {
            "picture": {
                "width": image.width,
                "height": image.height,
                "caption": image.caption or image.alt_text,
                "credit": image.credit,
            }
        }


class SectionStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"The latest {obj.name} stories from {settings.SITE_NAME}."

    def stories(self, obj):
        return Article.objects.published().filter(section=obj)


class TagStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: #{obj.name}"

    def link(self, obj=None):
        return reverse("articles:tag-detail", kwargs={"slug": obj.slug})

    def description(self, obj=None):
        return f"The latest stories tagged {obj.name} from {settings.SITE_NAME}."

    def stories(self, obj):
        return Article.objects.published().filter(tags=obj)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)


class LatestStoriesAtomFeed(AtomMixin, LatestStoriesFeed):
    pass


class SectionStoriesAtomFeed(AtomMixin, SectionStoriesFeed):
    pass


class TagStoriesAtomFeed(AtomMixin, TagStoriesFeed):
    pass
