"""Canonical URL, meta description, OpenGraph and Twitter card on every reader page."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ImageFactory, SectionFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script><meta x="'


class HeadParser(HTMLParser):
    """Every <meta> (by property or name) and <link rel> of a page, as the browser reads them."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)


def head_of(response):
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def one(head, key):
    (value,) = head.meta[key]
    return value


def canonical(head):
    (link,) = [link for link in head.links if link.get("rel") == "canonical"]
    return link["href"]


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Bridge opens over the Golden Horn",
        standfirst="The new crossing cuts journeys by twenty minutes.",
        section=SectionFactory(name="Türkiye", slug="turkiye"),
        tags=["Istanbul", "Transport"],
        hero_image=ImageFactory(
            file=ContentFile(jpeg_bytes(1600, 900), name="bridge.jpg"),
            alt_text="A cable-stayed bridge at dusk",
        ),
    )


def test_the_story_page_describes_an_article(client, story):
    head = head_of(client.get(story.get_absolute_url() + "?utm_source=x"))

    url = f"http://testserver{story.get_absolute_url()}"
    assert canonical(head) == url
    assert one(head, "og:url") == url
    assert one(head, "og:type") == "article"
    assert one(head, "og:title") == "Bridge opens over the Golden Horn"
    assert one(head, "og:description") == "The new crossing cuts journeys by twenty minutes."
    assert one(head, "description") == "The new crossing cuts journeys by twenty minutes."
    assert one(head, "og:image").startswith("http://testserver/media/")
    assert (one(head, "og:image:width"), one(head, "og:image:height")) == ("1200", "675")
    assert one(head, "og:image:alt") == "A cable-stayed bridge at dusk"
    assert one(head, "article:published_time") == timezone.localtime(story.published_at).isoformat()
    assert one(head, "article:modified_time")
    assert one(head, "article:section") == "Türkiye"
    assert head.meta["article:tag"] == ["Istanbul", "Transport"]
    assert one(head, "twitter:card") == "summary_large_image"
    assert one(head, "twitter:title") == "Bridge opens over the Golden Horn"
    assert one(head, "twitter:image") == one(head, "og:image")


@pytest.mark.parametrize(
    "url",
    [
        lambda story: reverse("articles:home"),
        lambda story: story.section.get_absolute_url(),
        lambda story: reverse("articles:tag-detail", kwargs={"slug": "istanbul"}),
        lambda story: story.source.get_absolute_url(),
        lambda story: f"/archive/{story.published_at:%Y}/",
        lambda story: reverse("articles:archive"),
        lambda story: reverse("articles:search") + "?q=bridge",
    ],
    ids=["home", "section", "tag", "source", "archive-year", "archive", "search"],
)
def test_every_reader_page_has_canonical_opengraph_and_twitter(client, story, url):
    head = head_of(client.get(url(story)))

    assert canonical(head).startswith("http://testserver/")
    assert one(head, "og:type") == "website"
    assert one(head, "og:site_name") == "The Daily Ledger"
    for key in ("og:title", "og:description", "og:url", "twitter:card", "description"):
        assert one(head, key), key


def test_canonical_urls_keep_the_page_number_and_drop_tracking_parameters(client, settings):
    settings.ARTICLES_PER_PAGE = 1
    section = SectionFactory(slug="world")
    ArticleFactory(section=section)
    ArticleFactory(section=section)

    first = head_of(client.get("/section/world/?utm_campaign=x&page=1"))
    second = head_of(client.get("/section/world/?page=2&fbclid=y"))

    assert canonical(first) == "http://testserver/section/world/"
    assert canonical(second) == "http://testserver/section/world/?page=2"


def test_a_preview_is_not_indexed_and_has_no_canonical(admin_client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    head = head_of(admin_client.get(reverse("articles:article-preview", kwargs={"pk": story.pk})))

    assert one(head, "robots") == "noindex, nofollow"
    assert not [link for link in head.links if link.get("rel") == "canonical"]


def test_a_hostile_headline_is_escaped_in_meta_tags_and_json_ld(client):
    story = ArticleFactory(headline=HOSTILE + "</script>", standfirst=HOSTILE, tags=[HOSTILE[:90]])

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    head = head_of(response)

    assert "<script>alert(1)</script>" not in html
    assert one(head, "og:title") == HOSTILE + "</script>"
    assert one(head, "twitter:description") == HOSTILE
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(blocks[0])["headline"] == HOSTILE + "</script>"
