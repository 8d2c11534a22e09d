"""Live pages are cached like every reader page, and a new update purges exactly what shows it."""

import pytest
from django.test import Client, override_settings

from live.services import post_entry
from newsportal import surrogate
from tests.live.factories import add_entries, live_story

pytestmark = [pytest.mark.django_db(transaction=True)]  # purges happen on commit

CACHED = override_settings(PAGE_CACHE_SECONDS=60)


def keys(response):
    return set(response["Surrogate-Key"].split())


@CACHED
def test_live_pages_name_the_coverage_key_and_a_new_update_refreshes_them(
    django_assert_num_queries,
):
    article, coverage = live_story(is_featured=True)
    add_entries(coverage, 40)
    key = f"live-{article.pk}"
    urls = [
        article.get_absolute_url(),
        article.get_absolute_url() + "?page=1",
        article.get_absolute_url() + "?order=oldest",
        f"/live/{article.pk}/feed/",
        "/",  # the story's card says LIVE, with the latest update's time
        article.section.get_absolute_url(),
    ]
    for url in urls:
        first = Client().get(url)
        assert first.status_code == 200, url
        assert key in keys(first), url
        with django_assert_num_queries(0):
            assert Client().get(url)["X-Page-Cache"] == "hit", url
    post_entry(coverage=coverage, title="Breaking development", body="<p>New</p>")
    for url in urls:
        assert Client().get(url)["X-Page-Cache"] == "miss", url
    assert b"Breaking development" in Client().get(article.get_absolute_url()).content


@CACHED
def test_a_new_update_purges_the_coverage_key(monkeypatch):
    article, coverage = live_story()
    purged = []
    monkeypatch.setattr(surrogate, "purge_now", lambda keys: purged.append(set(keys)))
    post_entry(coverage=coverage, body="<p>New</p>")
    assert any(f"live-{article.pk}" in batch for batch in purged)
