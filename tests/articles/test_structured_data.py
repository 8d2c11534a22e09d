import json
import re

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SourceFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html):
    return [json.loads(block) for block in LD_JSON.findall(html)]


def test_the_article_page_describes_the_story_as_a_news_article(client):
    hero = ImageFactory(
        file=ContentFile(jpeg_bytes(1600, 900), name="hero.jpg"),
        caption="Ships wait off the coast",
        credit="Photo: Mert Aydın / BNA",
    )
    article = ArticleFactory(
        headline="Ports reopen after the storm",
        standfirst="Traffic resumed at dawn.",
        hero_image=hero,
        authors=[AuthorFactory(name="Elif Demir")],
        source=SourceFactory(name="Bosphorus News Agency"),
        tags=["Shipping", "Türkiye"],
    )

    news_article, breadcrumbs = json_ld_blocks(
        client.get(article.get_absolute_url()).content.decode()
    )

    assert news_article["@type"] == "NewsArticle"
    assert news_article["headline"] == "Ports reopen after the storm"
    assert news_article["description"] == "Traffic resumed at dawn."
    assert news_article["datePublished"] == article.published_at.isoformat()
    assert (
        news_article["mainEntityOfPage"]["@id"] == f"http://testserver{article.get_absolute_url()}"
    )
    assert news_article["keywords"] == ["Shipping", "Türkiye"]
    (image,) = news_article["image"]
    assert image["creditText"] == "Photo: Mert Aydın / BNA"
    assert image["caption"] == "Ships wait off the coast"
    assert (image["width"], image["height"]) == (1200, 675)
    assert image["url"].startswith("http://testserver/media/")
    assert news_article["author"] == [
        {
            "@type": "Person",
            "name": "Elif Demir",
            "url": f"http://testserver{article.authors.get().get_absolute_url()}",
        }
    ]
    assert news_article["sourceOrganization"]["name"] == "Bosphorus News Agency"
    assert news_article["publisher"]["name"] == "The Daily Ledger"
    assert news_article["publisher"]["logo"]["url"].endswith("/static/img/publisher-logo.png")
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Home",
        article.section.name,
        "Ports reopen after the storm",
    ]


def test_an_agency_story_without_bylines_is_attributed_to_the_agency(client):
    article = ArticleFactory(
        source=SourceFactory(name="Ledger Wire", url="https://wire.example.org/")
    )
    (news_article, _) = json_ld_blocks(client.get(article.get_absolute_url()).content.decode())
    assert news_article["author"] == [
        {"@type": "Organization", "name": "Ledger Wire", "url": "https://wire.example.org/"}
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "</script><script>alert(1)</script>",
        "<!-- <script> Budget & tax </SCRIPT >",
        'Quote " and backslash \\ and emoji 🎉 and مرحبا and İĞŞ',
    ],
)
def test_hostile_headlines_cannot_break_out_of_the_json_ld(client, headline):
    article = ArticleFactory(headline=headline, standfirst=headline)
    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    for block in LD_JSON.findall(html):
        assert "<" not in block and ">" not in block
    news_article, breadcrumbs = json_ld_blocks(html)
    assert news_article["headline"] == headline
    assert breadcrumbs["itemListElement"][2]["name"] == headline


def test_the_news_articles_headline_is_the_social_headline_when_set(client):
    article = ArticleFactory(
        headline="Council approves the Kadıköy ferry pier after a four-hour late-night session",
        social_headline="Kadıköy gets its new ferry pier",
    )

    news_article, breadcrumbs = json_ld_blocks(
        client.get(article.get_absolute_url()).content.decode()
    )

    assert news_article["headline"] == "Kadıköy gets its new ferry pier"
    assert breadcrumbs["itemListElement"][2]["name"] == article.headline
