"""sitemap.xml (an index), its sections, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own output, not untrusted XML


def locations(root):
    return [element.text for element in root.iter(f"{SM}loc")]


def test_the_index_lists_stories_sections_tags_and_pages_with_lastmod(client):
    ArticleFactory(tags=["Energy"])

    index = parse(client, reverse("articles:sitemap"))

    assert index.tag == f"{SM}sitemapindex"
    assert [loc.rsplit("/", 1)[1] for loc in locations(index)] == [
        "sitemap-stories.xml",
        "sitemap-sections.xml",
        "sitemap-tags.xml",
        "sitemap-pages.xml",
    ]
    assert all(entry.findtext(f"{SM}lastmod") for entry in index.findall(f"{SM}sitemap")[:3])


def test_the_stories_sitemap_has_only_published_stories_with_lastmod(client):
    shown = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(published_at=timezone.now() + timedelta(hours=1))

    urlset = parse(client, reverse("articles:sitemap-section", kwargs={"section": "stories"}))

    (url,) = urlset.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc").endswith(shown.get_absolute_url())
    assert url.findtext(f"{SM}lastmod") == f"{timezone.localtime(shown.updated_at):%Y-%m-%d}"


def test_sections_and_tags_without_published_stories_are_left_out(client):
    ArticleFactory(section=SectionFactory(slug="sport"), tags=["Football"])
    SectionFactory(slug="empty")
    ArticleFactory(status=Article.Status.DRAFT, section=SectionFactory(slug="drafts"), tags=["X"])

    sections = locations(
        parse(client, reverse("articles:sitemap-section", kwargs={"section": "sections"}))
    )
    tags = locations(parse(client, reverse("articles:sitemap-section", kwargs={"section": "tags"})))

    assert [loc.split("/", 3)[3] for loc in sections] == ["section/sport/"]
    assert [loc.split("/", 3)[3] for loc in tags] == ["tag/football/"]


def test_the_stories_sitemap_is_split_into_pages_at_its_limit(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()

    index = parse(client, reverse("articles:sitemap"))
    story_pages = [loc for loc in locations(index) if "sitemap-stories" in loc]
    page_3 = parse(
        client, reverse("articles:sitemap-section", kwargs={"section": "stories"}) + "?p=3"
    )

    assert [loc.rsplit("/", 1)[1] for loc in story_pages] == [
        "sitemap-stories.xml",
        "sitemap-stories.xml?p=2",
        "sitemap-stories.xml?p=3",
    ]
    assert len(page_3.findall(f"{SM}url")) == 1
    assert (
        client.get(
            reverse("articles:sitemap-section", kwargs={"section": "stories"}) + "?p=9"
        ).status_code
        == 404
    )


def test_the_google_news_sitemap_has_the_last_48_hours_with_publication_and_title(client):
    now = timezone.now()
    fresh = ArticleFactory(headline="Vote <count> & results", published_at=now - timedelta(hours=3))
    ArticleFactory(headline="Old", published_at=now - timedelta(hours=49))

    urlset = parse(client, reverse("articles:sitemap-news"))

    (url,) = urlset.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc").endswith(fresh.get_absolute_url())
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Daily Ledger"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Vote <count> & results"
    assert news.findtext(f"{NEWS}publication_date") == timezone.localtime(
        fresh.published_at
    ).isoformat(timespec="seconds")


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text  # SITE_URL's host, as the sitemaps
    assert "Sitemap: http://127.0.0.1:8000/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text


def test_feeds_and_sitemaps_link_to_the_host_of_site_url_not_example_com(client, settings):
    from django.contrib.sites.models import Site

    from articles.site_domain import replace_placeholder_site

    settings.SITE_URL = "https://news.example.org"
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com")
    Site.objects.clear_cache()
    story = ArticleFactory()

    replace_placeholder_site()

    assert Site.objects.get_current().domain == "news.example.org"
    sitemap = parse(client, reverse("articles:sitemap-section", kwargs={"section": "stories"}))
    assert locations(sitemap) == [f"http://news.example.org{story.get_absolute_url()}"]
    # robots.txt names the sitemaps on the same host as the sitemaps' own links.
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://news.example.org/sitemap.xml" in robots


def test_a_site_domain_set_by_an_administrator_is_kept(settings):
    from django.contrib.sites.models import Site

    from articles.site_domain import replace_placeholder_site

    Site.objects.filter(pk=settings.SITE_ID).update(domain="ledger.example.net")

    replace_placeholder_site()

    assert Site.objects.get(pk=settings.SITE_ID).domain == "ledger.example.net"
