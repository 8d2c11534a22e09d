"""LiveBlogPosting JSON-LD on live pages, for search engines and aggregators."""

import json
import re

import pytest

from live.services import end_coverage, post_entry
from tests.factories import AuthorFactory
from tests.live.factories import add_entries, live_story

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def live_blog(client, article, query=""):
    (posting,) = [
        b
        for b in json_ld(client, article.get_absolute_url() + query)
        if b["@type"] == "LiveBlogPosting"
    ]
    return posting


def test_a_live_page_has_a_live_blog_posting_with_its_newest_updates(client):
    article, coverage = live_story(headline="Polls close")
    author = AuthorFactory(name="Deniz Kaya")
    add_entries(coverage, 40)
    newest = post_entry(
        coverage=coverage,
        title="Turnout 84%",
        body="<p>Officials say <b>84&amp;</b></p>",
        author=author,
    )
    posting = live_blog(client, article)
    assert posting["@context"] == "https://schema.org"
    assert posting["headline"] == "Polls close"
    assert posting["coverageStartTime"] == coverage.started_at.isoformat()
    assert "coverageEndTime" not in posting
    updates = posting["liveBlogUpdate"]
    assert len(updates) == 30
    first = updates[0]
    assert first["@type"] == "BlogPosting"
    assert first["headline"] == "Turnout 84%"
    assert first["articleBody"] == "Officials say 84&"
    assert first["datePublished"] == newest.posted_at.isoformat()
    assert first["url"] == f"http://testserver{article.get_absolute_url()}#update-{newest.pk}"
    assert first["author"] == {"@type": "Person", "name": "Deniz Kaya"}
    # The story's own data stays beside it.
    assert "NewsArticle" in {b["@type"] for b in json_ld(client, article.get_absolute_url())}


def test_an_ended_coverage_gives_its_end_time(client):
    article, coverage = live_story()
    end_coverage(coverage)
    coverage.refresh_from_db()
    assert live_blog(client, article)["coverageEndTime"] == coverage.ended_at.isoformat()


def test_an_update_cannot_close_the_script_element(client):
    article, coverage = live_story()
    post_entry(coverage=coverage, title="</script><script>alert(1)</script>", body="<p>x</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert live_blog(client, article)["liveBlogUpdate"][0]["headline"].startswith("</script>")


def test_an_update_without_title_is_headlined_by_its_text(client):
    article, coverage = live_story()
    post_entry(coverage=coverage, body="<p>" + "Çok uzun bir güncelleme " * 20 + "</p>")
    headline = live_blog(client, article)["liveBlogUpdate"][0]["headline"]
    assert headline.startswith("Çok uzun bir güncelleme") and len(headline) <= 110
