"""The date archive: /archive/, /archive/YYYY/, /archive/YYYY/MM/ and /archive/YYYY/MM/DD/."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def at(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def stories():
    return {
        "march_3": ArticleFactory(headline="Third of March", published_at=at(2026, 3, 3, 9)),
        "march_3_late": ArticleFactory(headline="Late on the 3rd", published_at=at(2026, 3, 3, 23)),
        "march_20": ArticleFactory(headline="Twentieth of March", published_at=at(2026, 3, 20, 9)),
        "may_1": ArticleFactory(headline="First of May", published_at=at(2026, 5, 1, 9)),
        "draft": ArticleFactory(
            headline="Draft of March", published_at=at(2026, 3, 3, 10), status="draft"
        ),
    }


def test_a_day_lists_its_published_stories_newest_first(client, stories):
    html = client.get("/archive/2026/03/03/").content.decode()

    assert html.index("Late on the 3rd") < html.index("Third of March")
    assert "Twentieth of March" not in html
    assert "Draft of March" not in html
    assert "Stories of 3 March 2026" in html
    assert 'href="/archive/2026/03/20/"' in html  # the next day with stories


def test_a_month_lists_its_days_and_stories(client, stories):
    html = client.get(reverse("articles:archive-month", kwargs={"year": "2026", "month": "03"}))
    html = html.content.decode()

    assert 'href="/archive/2026/03/03/"' in html
    assert 'href="/archive/2026/03/20/"' in html
    assert "First of May" not in html
    assert 'href="/archive/2026/05/"' in html  # the next month with stories


def test_a_year_lists_its_months(client, stories):
    html = client.get("/archive/2026/").content.decode()

    assert 'href="/archive/2026/03/"' in html
    assert 'href="/archive/2026/05/"' in html
    assert 'href="/archive/2026/04/"' not in html


def test_the_archive_index_lists_months_with_stories(client, stories):
    html = client.get("/archive/").content.decode()

    assert 'href="/archive/2026/"' in html
    assert 'href="/archive/2026/03/"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/archive/2026/04/",  # nothing published that month
        "/archive/2026/02/30/",  # no such day
        "/archive/2026/13/",
        "/archive/0000/01/",
        "/archive/2999/01/01/",  # the future
    ],
)
def test_empty_impossible_and_future_dates_are_not_found(client, stories, url):
    assert client.get(url).status_code == 404


def test_a_scheduled_story_stays_out_of_its_day_until_it_is_published(client):
    tomorrow = timezone.now() + timedelta(days=1)
    ArticleFactory(headline="Scheduled", published_at=tomorrow)
    url = reverse(
        "articles:archive-day",
        kwargs={
            "year": f"{timezone.localtime(tomorrow):%Y}",
            "month": f"{timezone.localtime(tomorrow):%m}",
            "day": f"{timezone.localtime(tomorrow):%d}",
        },
    )

    assert client.get(url).status_code == 404
    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        assert "Scheduled" in client.get(url).content.decode()


def test_archive_pages_are_paginated_and_survive_bad_page_numbers(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for hour in range(5):
        ArticleFactory(published_at=at(2026, 3, 3, 8 + hour))

    for page in ("2", "abc", "999", "-1"):
        response = client.get("/archive/2026/03/03/", {"page": page})
        assert response.status_code == 200
    assert Article.objects.published().count() == 5


@pytest.mark.parametrize(
    "url",
    [
        "/archive/9999/",
        "/archive/9999/12/",
        "/archive/9999/12/31/",
        "/archive/0000/",
        "/archive/0000/01/",
        "/archive/0000/01/01/",
        "/archive/0001/01/01/",
        "/archive/2026/02/30/",
        "/archive/2026/13/",
        "/archive/2026/00/",
        "/archive/2026/01/00/",
    ],
)
@pytest.mark.parametrize(
    "time_zone", ["Europe/Istanbul", "America/Los_Angeles", "Pacific/Kiritimati"]
)
def test_an_impossible_or_out_of_range_date_is_a_404(client, settings, url, time_zone):
    # East and west of UTC, the bounds of a day at the ends of the calendar fall outside it.
    settings.TIME_ZONE = time_zone
    ArticleFactory()

    response = client.get(url)

    assert response.status_code == 404
