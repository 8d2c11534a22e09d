"""RSS 2.0 and Atom feeds: well-formed XML with the elements each specification requires."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.feeds import FEED_ITEMS
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    jpeg_bytes,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own output, not untrusted XML


@pytest.fixture
def story():
    return ArticleFactory(
        headline='Ferries resume after "the storm" & <high winds>',
        standfirst="Sea traffic returned to normal on Tuesday.",
        section=SectionFactory(name="Türkiye", slug="turkiye"),
        source=SourceFactory(name="Anadolu Agency"),
        authors=[AuthorFactory(name="Ayşe Kaya")],
        tags=["Shipping", "İstanbul"],
        hero_image=ImageFactory(
            file=ContentFile(jpeg_bytes(640, 360), name="ferry.jpg"),
            caption="A ferry leaves Kadıköy.",
            credit="Photo: AA",
        ),
    )


def test_the_rss_feed_has_every_required_element_and_the_hero_picture(client, story):
    rss = parse(client.get(reverse("articles:feed-latest")))

    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    (item,) = channel.findall("item")
    assert item.findtext("title") == 'Ferries resume after "the storm" & <high winds>'
    assert item.findtext("link").endswith(story.get_absolute_url())
    assert item.findtext("description") == "Sea traffic returned to normal on Tuesday."
    assert parsedate_to_datetime(item.findtext("pubDate")) == story.published_at.replace(
        microsecond=0
    )
    assert [category.text for category in item.findall("category")] == [
        "Türkiye",
        "Shipping",
        "İstanbul",
    ]
    assert item.findtext("guid")
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == story.hero_image.file.size
    assert enclosure.get("url").startswith("http")
    media = item.find(f"{MEDIA}content")
    assert media.get("url") == enclosure.get("url")
    assert (media.get("width"), media.get("height"), media.get("medium")) == ("640", "360", "image")
    assert media.findtext(f"{MEDIA}description") == "A ferry leaves Kadıköy."
    assert media.findtext(f"{MEDIA}credit") == "Photo: AA"


def test_the_atom_feed_has_every_required_element(client, story):
    feed = parse(client.get(reverse("articles:feed-latest-atom")))

    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}")
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    (entry,) = feed.findall(f"{ATOM}entry")
    for required in ("id", "title", "updated", "published", "summary"):
        assert entry.findtext(f"{ATOM}{required}"), required
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ayşe Kaya"
    assert (
        entry.find(f"{ATOM}link[@rel='alternate']").get("href").endswith(story.get_absolute_url())
    )
    assert entry.find(f"{ATOM}link[@rel='enclosure']").get("type") == "image/jpeg"


def test_section_and_tag_feeds_carry_only_their_stories(client, story):
    ArticleFactory(headline="Elsewhere", section=SectionFactory(slug="world"), tags=["Other"])

    for name in ("articles:feed-section", "articles:feed-section-atom"):
        xml = client.get(reverse(name, kwargs={"slug": "turkiye"})).content.decode()
        assert "Ferries resume" in xml and "Elsewhere" not in xml
    for name in ("articles:feed-tag", "articles:feed-tag-atom"):
        xml = client.get(reverse(name, kwargs={"slug": "shipping"})).content.decode()
        assert "Ferries resume" in xml and "Elsewhere" not in xml
    assert client.get(reverse("articles:feed-tag", kwargs={"slug": "nope"})).status_code == 404


def test_feeds_hold_only_published_stories_newest_first_and_at_most_a_page(client):
    now = timezone.now()
    for n in range(FEED_ITEMS + 2):
        ArticleFactory(headline=f"Story {n}", published_at=now - timedelta(minutes=n + 1))
    ArticleFactory(headline="Draft", status=Article.Status.DRAFT)
    ArticleFactory(headline="Later", published_at=now + timedelta(hours=1))

    items = parse(client.get(reverse("articles:feed-latest"))).findall("channel/item")

    assert len(items) == FEED_ITEMS
    assert items[0].findtext("title") == "Story 0"
    assert {"Draft", "Later"}.isdisjoint(item.findtext("title") for item in items)


def test_a_story_without_a_picture_or_byline_is_credited_to_its_source(client):
    ArticleFactory(hero_image=None, source=SourceFactory(name="Reuters"))

    item = parse(client.get(reverse("articles:feed-latest"))).find("channel/item")

    assert item.find("enclosure") is None
    assert item.find(f"{MEDIA}content") is None
    assert "Reuters" in item.findtext("author", "") + item.findtext(
        "{http://purl.org/dc/elements/1.1/}creator", ""
    )


def test_pages_link_to_their_feeds(client, story):
    home = client.get(reverse("articles:home")).content.decode()
    section = client.get(story.section.get_absolute_url()).content.decode()
    tag = client.get(reverse("articles:tag-detail", kwargs={"slug": "shipping"})).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in home
    assert 'href="/feed/atom/"' in home
    assert 'href="/section/turkiye/feed/"' in section
    assert 'href="/section/turkiye/feed/atom/"' in section
    assert 'href="/tag/shipping/feed/"' in tag


@pytest.mark.django_db(transaction=True)  # the page cache is invalidated when the save commits
@pytest.mark.parametrize("name", ["articles:feed-latest", "articles:sitemap-news"])
def test_a_published_story_is_in_the_feed_and_news_sitemap_at_once(client, settings, name):
    settings.PAGE_CACHE_SECONDS = 60
    ArticleFactory(headline="Earlier story")
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"  # cached like every other reader page

    ArticleFactory(headline="Ferry strike ends")

    assert b"Ferry strike ends" in client.get(url).content
