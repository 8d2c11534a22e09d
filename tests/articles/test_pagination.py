"""Story lists count at most CappedPaginator.max_count stories, then point to the archive."""

import pytest

from newsportal.pagination import CappedPaginator
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch, settings):
    settings.ARTICLES_PER_PAGE = 2
    monkeypatch.setattr(CappedPaginator, "max_count", 4)


def test_a_long_section_counts_up_to_the_cap_and_links_to_the_archive(client, small_cap):
    section = SectionFactory()
    ArticleFactory.create_batch(7, section=section)

    first = client.get(section.get_absolute_url()).content.decode()
    last = client.get(section.get_absolute_url() + "?page=2").content.decode()

    assert "Page 1 of 2+" in first
    assert "Older stories in the archive" not in first
    assert "Page 2 of 2+" in last
    assert 'href="/archive/"' in last and "Older stories in the archive" in last


def test_a_short_section_shows_its_exact_page_count(client, small_cap):
    section = SectionFactory()
    ArticleFactory.create_batch(3, section=section)

    page = client.get(section.get_absolute_url()).content.decode()

    assert "Page 1 of 2</span>" in page
    assert "Older stories in the archive" not in page


def test_search_says_more_than_the_cap(client, small_cap):
    ArticleFactory.create_batch(6, headline="Ferry timetable changes")

    page = client.get("/search/", {"q": "ferry"}).content.decode()

    assert "More than 4 stories" in page
    assert "Page 1 of 2+" in page


def test_a_month_in_the_archive_lists_every_story_beyond_the_cap(client, small_cap):
    from datetime import datetime, timedelta

    from django.utils import timezone

    start = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
    stories = [ArticleFactory(published_at=start + timedelta(hours=n)) for n in range(7)]

    pages = [client.get("/archive/2026/11/", {"page": n}) for n in (1, 2, 3, 4)]

    assert all(page.status_code == 200 for page in pages)
    assert "Page 4 of 4</span>" in pages[3].content.decode()
    assert stories[0].headline in pages[3].content.decode()  # the oldest, on the last page
