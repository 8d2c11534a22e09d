"""The update endpoint open live pages ask every LIVE_POLL_SECONDS: tiny, cached, conditional."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from live.services import end_coverage, post_entry
from newsportal.pagecache import page_cache_declaration
from tests.factories import ArticleFactory
from tests.live.factories import add_entries, live_story

pytestmark = pytest.mark.django_db


def updates_url(article):
    return reverse("live:updates", args=[article.pk])


def test_it_answers_revision_last_number_ended_and_latest_time(client):
    article, coverage = live_story()
    entry = post_entry(coverage=coverage, body="<p>One</p>")
    response = client.get(updates_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "revision": 1,
        "sequence": 1,
        "ended": False,
        "latest": entry.posted_at.isoformat(),
    }
    assert len(response.content) < 200


def test_it_says_when_the_coverage_has_ended(client):
    article, coverage = live_story()
    end_coverage(coverage)
    assert json.loads(client.get(updates_url(article)).content)["ended"] is True


def test_a_story_without_coverage_or_unpublished_is_a_404(client):
    assert client.get(updates_url(ArticleFactory())).status_code == 404
    article, _ = live_story()
    article.status = article.Status.DRAFT
    article.save()
    assert client.get(updates_url(article)).status_code == 404
    assert client.get("/live/99999999999999999999/updates.json").status_code == 404


def test_it_refuses_writes(client):
    article, _ = live_story()
    assert client.post(updates_url(article)).status_code == 405


def test_a_miss_costs_one_query_however_long_the_coverage(client, django_assert_max_num_queries):
    article, coverage = live_story()
    add_entries(coverage, 1000)
    with django_assert_max_num_queries(1):
        assert client.get(updates_url(article)).status_code == 200


def test_a_reader_who_has_it_gets_a_304(client):
    article, coverage = live_story()
    first = client.get(updates_url(article))
    etag = first["ETag"]
    assert client.get(updates_url(article), HTTP_IF_NONE_MATCH=etag).status_code == 304
    post_entry(coverage=coverage, body="<p>New</p>")
    changed = client.get(updates_url(article), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@override_settings(PAGE_CACHE_SECONDS=60)
@pytest.mark.django_db(transaction=True)
def test_shared_copy_costs_no_query_answers_304_and_is_purged_by_a_new_update(
    django_assert_num_queries,
):
    article, coverage = live_story()
    first = Client().get(updates_url(article))
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    assert "live-" + str(article.pk) in first["Surrogate-Key"].split()
    with django_assert_num_queries(0):
        hit = Client().get(updates_url(article), HTTP_IF_NONE_MATCH=first["ETag"])
    assert hit.status_code == 304 and hit["X-Page-Cache"] == "hit"
    post_entry(coverage=coverage, body="<p>New</p>")
    fresh = Client().get(updates_url(article), HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200
    assert json.loads(fresh.content)["sequence"] == 1


def test_signed_in_readers_get_a_private_answer_with_304(client):
    article, _ = live_story()
    user = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    client.force_login(user)
    first = client.get(updates_url(article))
    assert "private" in first["Cache-Control"]
    assert client.get(updates_url(article), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_reader_addresses_of_live_coverage_are_declared_for_the_page_cache():
    from django.urls import resolve

    article_id = 1
    declared = {
        name: page_cache_declaration(resolve(reverse(name, args=args)).func)
        for name, args in [
            ("live:updates", [article_id]),
            ("live:feed", [article_id]),
            ("live:feed-atom", [article_id]),
            ("live:entry", [article_id, 2]),
        ]
    }
    assert declared == {
        "live:updates": True,
        "live:feed": True,
        "live:feed-atom": True,
        "live:entry": False,
    }
