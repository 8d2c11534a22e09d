"""The live page: the story's own address shows its coverage under the story."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from live.pages import KEY_EVENTS, PER_PAGE
from live.services import edit_entry, end_coverage, post_entry, reopen_coverage
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.live.factories import add_entries, live_story

pytestmark = pytest.mark.django_db


def page(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def anchors(html):
    """The ids of the updates on a page, in the order shown."""
    return [
        int(pk) for pk in re.findall(r'<article class="live-entry[^"]*" id="update-(\d+)"', html)
    ]


def test_a_story_without_coverage_has_no_live_part(client):
    html = page(client, ArticleFactory())
    assert "live-coverage" not in html
    assert "live_updates.js" not in html


def test_the_story_comes_first_then_the_live_part_then_the_comments(client):
    article, coverage = live_story(headline="Earthquake shakes the coast")
    post_entry(coverage=coverage, title="Tremors felt inland", body="<p>Residents report</p>")
    html = page(client, article)
    html = html[html.index("<body") :]
    story = html.index("Earthquake shakes the coast")
    live = html.index('<section class="live-coverage"')
    assert story < html.index("A short summary of the story.") < live
    assert live < html.index("Tremors felt inland")
    assert live < html.index('id="comments"')


def test_updates_are_newest_first_each_with_anchor_share_link_and_dateline(client):
    article, coverage = live_story()
    author = AuthorFactory(name="Ayşe Yılmaz")
    first = post_entry(coverage=coverage, title="First", body="<p>One</p>", author=author)
    second = post_entry(coverage=coverage, body="<p>Two, without a title</p>")
    html = page(client, article)
    assert anchors(html) == [second.pk, first.pk]
    assert f'href="/live/{article.pk}/update/{first.pk}/"' in html
    local = timezone.localtime(first.posted_at)
    assert local.strftime("%H:%M %d/%m/%Y, %A") in html  # the site's date line, 24-hour time
    assert 'By <a href="/author/' in html and "Ayşe Yılmaz" in html
    assert '<h3 class="live-entry__title">First</h3>' in html


def test_the_dom_contract_of_a_running_coverage(client):
    article, coverage = live_story()
    post_entry(coverage=coverage, body="<p>One</p>")
    with override_settings(LIVE_POLL_SECONDS=2):
        html = page(client, article)
    assert f'data-live-updates-url="/live/{article.pk}/updates.json"' in html
    assert 'data-live-revision="1"' in html and 'data-live-sequence="1"' in html
    assert 'data-live-poll-seconds="2"' in html and 'data-live-ended="false"' in html
    assert '<ol class="live-entries" id="live-entries" aria-live="polite">' in html
    assert re.search(r'<button type="button" class="live-new-updates"[^>]* hidden>', html)
    assert '<script src="/static/live/live_updates.js" defer></script>' in html
    assert 'class="live-ended"' not in html


def test_a_picture_shows_with_caption_credit_and_alt_text(client):
    article, coverage = live_story()
    picture = ImageFactory(caption="Rescuers at work", credit="Photo: AA", alt_text="Two rescuers")
    post_entry(coverage=coverage, body="<p>Scene</p>", image=picture)
    html = page(client, article)
    assert 'class="live-entry__image"' in html
    assert "Rescuers at work" in html and "Photo: AA" in html and 'alt="Two rescuers"' in html


def test_an_edited_update_says_when(client):
    article, coverage = live_story()
    entry = post_entry(coverage=coverage, body="<p>Two dead</p>")
    html = page(client, article)
    assert "Updated" not in html.split('<section class="live-coverage"')[1]
    edit_entry(entry, body="<p>Three dead</p>")
    entry.refresh_from_db()
    html = page(client, article)
    assert f'Updated <time datetime="{timezone.localtime(entry.edited_at).isoformat()}">' in html
    assert f">{timezone.localtime(entry.edited_at):%H:%M}</time>" in html


def test_key_events_list_links_to_them_and_the_pinned_update_comes_first(client):
    article, coverage = live_story()
    key = post_entry(coverage=coverage, title="Magnitude 6.1", body="<p>x</p>", is_key_event=True)
    pinned = post_entry(coverage=coverage, title="Helplines", body="<p>y</p>", is_pinned=True)
    newest = post_entry(coverage=coverage, body="<p>z</p>")
    html = page(client, article)
    nav = html[html.index('<nav class="live-key-events"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<h2 id="live-key-events-title"' in nav and "Key events" in nav
    assert f'<a href="#update-{key.pk}">' in nav and "Magnitude 6.1" in nav
    assert f"update-{newest.pk}" not in nav
    assert html.index(
        f'class="live-entry live-entry--pinned" id="update-{pinned.pk}"'
    ) < html.index(f'id="update-{newest.pk}"')
    assert anchors(html) == [pinned.pk, newest.pk, key.pk]  # the pinned update only once


def test_key_events_are_capped_and_link_to_the_page_that_holds_them(client):
    article, coverage = live_story()
    entries = add_entries(coverage, 300, every_key=5)
    html = page(client, article)
    links = re.findall(r'<li><a href="([^"]*#update-\d+)">', html)
    assert len(links) == KEY_EVENTS
    oldest_listed = entries[300 - KEY_EVENTS * 5 + 4]  # the 20th newest key event: 205
    assert links[-1] == f"{article.get_absolute_url()}?page=7#update-{oldest_listed.pk}"
    target = page(client, article, "?page=7")
    assert oldest_listed.pk in anchors(target)


def test_oldest_first_switch_for_latecomers(client):
    article, coverage = live_story()
    entries = add_entries(coverage, 5)
    html = page(client, article)
    assert f'href="{article.get_absolute_url()}?order=oldest"' in html
    oldest_first = page(client, article, "?order=oldest")
    assert anchors(oldest_first) == [entry.pk for entry in entries]
    assert f'<a href="{article.get_absolute_url()}">newest first</a>' in oldest_first


def test_ended_coverage_says_so_with_its_end_and_stops_asking(client):
    article, coverage = live_story()
    post_entry(coverage=coverage, body="<p>One</p>")
    end_coverage(coverage)
    html = page(client, article)
    assert '<p class="live-ended">This live coverage has ended</p>' in html
    assert f'Ended at <time datetime="{timezone.localtime(coverage.ended_at).isoformat()}"' in html
    assert 'data-live-ended="true"' in html
    assert "live_updates.js" not in html
    reopen_coverage(coverage)
    html = page(client, article)
    assert 'class="live-ended"' not in html and "live_updates.js" in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=0",
        "?page=-1",
        "?page=abc",
        "?page=3",
        "?page=%C2%B2",  # "²", a digit to str.isdigit()
        "?page=99999999999999999999",
        "?page=<script>alert(1)</script>",
        "?page=1%27%20OR%201=1--",
        "?page=",
        "?page=١",  # an Arabic-Indic one
    ],
)
def test_a_page_of_updates_that_does_not_exist_is_a_clear_404(client, query):
    article, coverage = live_story()
    add_entries(coverage, 2 * PER_PAGE)
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["?order=<b>x</b>", "?order=", "?order=Oldest&corder=newest"])
def test_an_unknown_order_is_the_newest_first_page(client, query):
    article, coverage = live_story()
    entries = add_entries(coverage, 3)
    html = page(client, article, query)
    assert anchors(html) == [entry.pk for entry in reversed(entries)]
    assert "<b>x</b>" not in html


def test_a_scheduled_start_does_not_hide_a_preview_of_the_story(admin_client):
    article, coverage = live_story(published_at=timezone.now() + timedelta(hours=1))
    post_entry(coverage=coverage, body="<p>Prepared</p>")
    response = admin_client.get(f"/newsroom/preview/{article.pk}/")
    assert response.status_code == 200
    assert b"Prepared" in response.content
