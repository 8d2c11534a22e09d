"""RSS and Atom feeds of a live coverage's updates."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from live.services import delete_entry, post_entry
from tests.factories import ArticleFactory
from tests.live.factories import live_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, article):
    response = client.get(reverse("live:feed", args=[article.pk]))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, not untrusted XML
    return root.findall("./channel/item")


def test_the_rss_feed_lists_updates_newest_first_linking_to_their_permalinks(client):
    article, coverage = live_story(headline="Storm warning")
    first = post_entry(coverage=coverage, title="Winds pick up", body="<p>Gusts of 90 km/h</p>")
    second = post_entry(coverage=coverage, body="<p>Ferries cancelled</p>")
    items = rss_items(client, article)
    assert [item.findtext("title") for item in items] == ["Ferries cancelled", "Winds pick up"]
    assert items[1].findtext("link").endswith(f"/live/{article.pk}/update/{first.pk}/")
    assert "<p>Gusts of 90 km/h</p>" in items[1].findtext("description")
    assert second.pk != first.pk


def test_the_atom_feed_lists_the_same_updates(client):
    article, coverage = live_story()
    post_entry(coverage=coverage, title="One", body="<p>1</p>")
    response = client.get(reverse("live:feed-atom", args=[article.pk]))
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["One"]


def test_an_embed_is_a_plain_link_in_the_feed(client):
    article, coverage = live_story()
    post_entry(
        coverage=coverage,
        body="<p>Watch</p>",
        embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    description = rss_items(client, article)[0].findtext("description")
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">' in description
    assert "<iframe" not in description


def test_a_deleted_update_leaves_the_feed(client):
    article, coverage = live_story()
    kept = post_entry(coverage=coverage, title="Kept", body="<p>1</p>")
    gone = post_entry(coverage=coverage, title="Withdrawn", body="<p>2</p>")
    delete_entry(gone)
    assert [item.findtext("title") for item in rss_items(client, article)] == [kept.title]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Withdrawn" not in page


def test_feeds_of_a_story_without_coverage_are_404(client):
    article = ArticleFactory()
    assert client.get(reverse("live:feed", args=[article.pk])).status_code == 404
    assert client.get("/live/99999999999999999999/feed/").status_code == 404
    assert client.get(reverse("live:feed-atom", args=[article.pk])).status_code == 404


def test_the_live_page_names_its_feeds(client):
    article, _ = live_story()
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'type="application/rss+xml" title="{article.headline}: live updates (RSS)" href="/live/{article.pk}/feed/"'
        in html
    )
    assert f'href="/live/{article.pk}/feed/atom/"' in html
