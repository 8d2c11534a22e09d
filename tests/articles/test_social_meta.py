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


TITLE = re.compile(r"<title>(.*?)</title>", re.S)
H1 = re.compile(r'<h1 class="story__headline">(.*?)</h1>', re.S)
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_a_social_headline_goes_to_search_and_link_previews_and_the_page_keeps_its_headline(
    client, story, settings
):
    story.social_headline = "Golden Horn bridge opens: journeys 20 minutes shorter"
    story.save()

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    head = head_of(response)

    short = "Golden Horn bridge opens: journeys 20 minutes shorter"
    assert TITLE.search(html).group(1) == f"{short} – {settings.SITE_NAME}"
    assert one(head, "og:title") == short
    assert one(head, "twitter:title") == short
    news_article, breadcrumbs = (json.loads(block) for block in LD_JSON.findall(html))
    assert news_article["headline"] == short
    # What readers see on the page is the newsroom's headline.
    assert H1.search(html).group(1) == "Bridge opens over the Golden Horn"
    assert breadcrumbs["itemListElement"][2]["name"] == "Bridge opens over the Golden Horn"


def test_without_a_social_headline_search_and_link_previews_show_the_headline(
    client, story, settings
):
    assert story.social_headline == ""

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    head = head_of(response)

    headline = "Bridge opens over the Golden Horn"
    assert TITLE.search(html).group(1) == f"{headline} – {settings.SITE_NAME}"
    assert one(head, "og:title") == one(head, "twitter:title") == headline
    assert json.loads(LD_JSON.findall(html)[0])["headline"] == headline
    assert H1.search(html).group(1) == headline


def test_a_social_headline_of_spaces_counts_as_empty(client, story):
    Article.objects.filter(pk=story.pk).update(social_headline="   ")

    head = head_of(client.get(story.get_absolute_url()))

    assert one(head, "og:title") == "Bridge opens over the Golden Horn"


def test_cards_and_feeds_keep_the_headline_when_a_social_headline_is_set(client, story):
    story.social_headline = "Golden Horn bridge opens"
    story.save()

    home = client.get(reverse("articles:home")).content.decode()
    feed = client.get(reverse("articles:feed-latest")).content.decode()

    assert "Bridge opens over the Golden Horn" in home
    assert "Golden Horn bridge opens" not in home
    assert "<title>Bridge opens over the Golden Horn</title>" in feed
    assert "Golden Horn bridge opens" not in feed


def test_a_hostile_social_headline_is_escaped_in_title_meta_tags_and_json_ld(client, story):
    story.social_headline = HOSTILE + "</script></title>"
    story.save()

    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    head = head_of(response)

    assert "<script>alert(1)</script>" not in html
    assert "</script></title>" not in html
    assert TITLE.search(html).group(1).startswith("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
    assert one(head, "og:title") == one(head, "twitter:title") == HOSTILE + "</script></title>"
    blocks = LD_JSON.findall(html)
    assert all("<" not in block and ">" not in block for block in blocks)
    assert json.loads(blocks[0])["headline"] == HOSTILE + "</script></title>"
