"""Live coverage beyond its own page: Google News sitemap, LIVE on cards and in the banner."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from live.services import end_coverage, post_entry
from tests.factories import ArticleFactory
from tests.live.factories import live_story

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def news_sitemap(client):
    response = client.get(reverse("articles:sitemap-news"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [element.text for element in root.iter(f"{SM}loc")]


def test_running_coverage_stays_in_the_news_sitemap_however_old_the_story(client):
    old = timezone.now() - timedelta(days=5)
    article, coverage = live_story(published_at=old)
    plain_old = ArticleFactory(published_at=old)
    locations = news_sitemap(client)
    assert any(loc.endswith(article.get_absolute_url()) for loc in locations)
    assert not any(loc.endswith(plain_old.get_absolute_url()) for loc in locations)
    end_coverage(coverage)
    assert not any(loc.endswith(article.get_absolute_url()) for loc in news_sitemap(client))


def card_of(html, article):
    start = html.index(f'href="{article.get_absolute_url()}"')
    card = html[html.rindex('<article class="card', 0, start) :]
    return card[: card.index("</article>")]


def test_cards_of_running_coverage_say_live_with_the_latest_update_time(client):
    article, coverage = live_story(is_featured=True)
    entry = post_entry(coverage=coverage, body="<p>One</p>")
    plain = ArticleFactory()
    for url in ["/", article.section.get_absolute_url()]:
        html = client.get(url).content.decode()
        card = card_of(html, article)
        assert '<strong class="card__live">LIVE</strong>' in card
        assert f">{timezone.localtime(entry.posted_at):%H:%M}</time>" in card
        if plain.section_id == article.section_id or url == "/":
            assert "card__live" not in card_of(html, plain)


def test_cards_of_ended_coverage_do_not_say_live(client):
    article, coverage = live_story()
    end_coverage(coverage)
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert "card__live" not in card_of(html, article)


def test_the_breaking_banner_says_live_for_a_live_breaking_story(client):
    article, coverage = live_story(is_breaking=True, headline="Quake hits the city")
    elsewhere = ArticleFactory()
    html = client.get(elsewhere.get_absolute_url()).content.decode()
    banner = html[html.index('<aside class="breaking') :]
    banner = banner[: banner.index("</aside>")]
    assert "breaking--live" in banner and ">LIVE</strong>" in banner
    assert f'href="{article.get_absolute_url()}"' in banner and "Quake hits the city" in banner
    end_coverage(coverage)
    html = client.get(elsewhere.get_absolute_url()).content.decode()
    assert ">Breaking</strong>" in html and ">LIVE</strong>" not in html
