"""Long coverage: the newest updates on the story's page, older ones in fixed blocks at stable
addresses, a permanent link for each update, and a fixed number of queries however long."""

import re

import pytest
from django.urls import reverse

from live.pages import PER_PAGE
from live.services import delete_entry, post_entry
from tests.articles.test_query_counts import ALONE_ARTICLE_QUERIES
from tests.live.factories import add_entries, live_story

pytestmark = pytest.mark.django_db

LIVE_QUERIES = 2  # the pinned update with the key events; the page of updates


def sequences(client, url):
    response = client.get(url)
    assert response.status_code == 200
    ids = re.findall(rb'<article class="live-entry[^"]*" id="update-(\d+)"', response.content)
    return [int(pk) for pk in ids]


@pytest.fixture
def long_coverage():
    article, coverage = live_story()
    entries = add_entries(coverage, 100)  # sequences 1..100
    return article, coverage, {entry.sequence: entry.pk for entry in entries}


def test_the_main_page_shows_the_newest_updates_and_links_to_older_ones(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = article.get_absolute_url()
    assert sequences(client, url) == [pk_of[s] for s in range(100, 100 - PER_PAGE, -1)]
    html = client.get(url).content.decode()
    # Sequence 70 (the newest not on the main page) is in block 3 (61-90).
    assert f'href="{url}?page=3">Older updates' in html


def test_older_pages_are_fixed_blocks_of_numbers(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = article.get_absolute_url()
    assert sequences(client, f"{url}?page=1") == [pk_of[s] for s in range(30, 0, -1)]
    assert sequences(client, f"{url}?page=4") == [pk_of[s] for s in range(100, 90, -1)]
    page_two = client.get(f"{url}?page=2").content.decode()
    assert f'href="{url}?page=1">Older updates' in page_two
    assert f'href="{url}?page=3">&larr; Newer updates' in page_two


def test_a_block_holds_the_same_updates_however_many_come_after(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = f"{article.get_absolute_url()}?page=2"
    before = sequences(client, url)
    add_entries(coverage, 250)
    post_entry(coverage=coverage, body="<p>More</p>", is_pinned=True)
    assert sequences(client, url) == before


def test_oldest_first_reads_the_blocks_from_the_first(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = article.get_absolute_url()
    assert sequences(client, f"{url}?order=oldest") == [pk_of[s] for s in range(1, 31)]
    assert sequences(client, f"{url}?order=oldest&page=4") == [pk_of[s] for s in range(91, 101)]
    first = client.get(f"{url}?order=oldest").content.decode()
    assert f'href="{url}?order=oldest&amp;page=2">Later updates' in first


def test_a_permalink_opens_the_page_that_holds_the_update(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = article.get_absolute_url()
    for sequence, expected in [(100, url), (71, url), (70, f"{url}?page=3"), (5, f"{url}?page=1")]:
        pk = pk_of[sequence]
        response = client.get(reverse("live:entry", args=[article.pk, pk]))
        assert response.status_code == 302
        assert response["Location"] == f"{expected}#update-{pk}"
        target, _, anchor = response["Location"].partition("#")
        assert int(anchor.removeprefix("update-")) in sequences(client, target)


def test_the_pinned_update_is_reached_on_the_main_page(client, long_coverage):
    article, coverage, pk_of = long_coverage
    old = coverage.entries.get(sequence=3)
    old.is_pinned = True
    old.save(update_fields=["is_pinned"])
    response = client.get(reverse("live:entry", args=[article.pk, old.pk]))
    assert response["Location"] == f"{article.get_absolute_url()}#update-{old.pk}"
    assert old.pk in sequences(client, article.get_absolute_url())


def test_a_deleted_update_is_gone_from_its_page_and_its_permalink_is_a_404(client, long_coverage):
    article, coverage, pk_of = long_coverage
    entry = coverage.entries.get(sequence=10)
    delete_entry(entry)
    assert pk_of[10] not in sequences(client, f"{article.get_absolute_url()}?page=1")
    assert client.get(reverse("live:entry", args=[article.pk, pk_of[10]])).status_code == 404


def test_a_permalink_of_another_story_or_an_unpublished_one_is_a_404(client, long_coverage):
    article, coverage, pk_of = long_coverage
    other, _ = live_story()
    assert client.get(reverse("live:entry", args=[other.pk, pk_of[1]])).status_code == 404
    huge = "99999999999999999999"
    assert client.get(f"/live/{huge}/update/{pk_of[1]}/").status_code == 404
    assert client.get(f"/live/{article.pk}/update/{huge}/").status_code == 404
    article.status = article.Status.DRAFT
    article.save()
    assert client.get(reverse("live:entry", args=[article.pk, pk_of[1]])).status_code == 404


def test_a_permalink_refuses_writes(client, long_coverage):
    article, coverage, pk_of = long_coverage
    url = reverse("live:entry", args=[article.pk, pk_of[1]])
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("query", ["", "?page=2", "?order=oldest", "?order=oldest&page=3"])
def test_every_page_runs_the_same_queries_for_10_and_1000_updates(
    client, django_assert_num_queries, query
):
    counts = []
    for size in (10, 1000):
        article, coverage = live_story()
        add_entries(coverage, size, every_key=7)
        post_entry(coverage=coverage, body="<p>Pinned</p>", is_pinned=True, is_key_event=True)
        if size == 10 and "page=" in query:
            add_entries(coverage, 100)  # so that the page exists in the short coverage too
        client.get(article.get_absolute_url())  # the community guidelines are cached from then on
        with django_assert_num_queries(ALONE_ARTICLE_QUERIES + LIVE_QUERIES) as captured:
            assert client.get(article.get_absolute_url() + query).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_a_story_without_coverage_costs_no_query_more(client, django_assert_num_queries):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    client.get(article.get_absolute_url())  # the community guidelines are cached from then on
    with django_assert_num_queries(ALONE_ARTICLE_QUERIES):
        client.get(article.get_absolute_url())


def test_a_permalink_costs_one_query(client, long_coverage, django_assert_num_queries):
    article, coverage, pk_of = long_coverage
    with django_assert_num_queries(1):
        client.get(reverse("live:entry", args=[article.pk, pk_of[50]]))
