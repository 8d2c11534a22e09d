"""The newsletter box sits on pages every reader shares, so it carries no per-visitor CSRF token:
the browser's Sec-Fetch-Site and Origin headers refuse cross-site posts, and a browser that sends
neither confirms on a page with a token (newsportal/cross_site.py)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from newsletter.models import Subscriber
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return ArticleFactory()


def box_post(client, **headers):
    return client.post(
        reverse("newsletter:subscribe"),
        {"email": "reader@example.com", "consent": "on", "next": "/"},
        **headers,
    )


def test_the_box_signs_up_a_reader_from_a_cached_page_without_a_token(newsroom):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/")
    assert b'action="/newsletter/subscribe/"' in page.content and not page.cookies
    answer = box_post(browser, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert Subscriber.objects.get().email == "reader@example.com"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://news.testserver"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_the_box_refuses_a_post_from_another_site(newsroom, headers):
    answer = box_post(Client(enforce_csrf_checks=True), **headers)
    assert answer.status_code == 403
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_a_browser_that_says_nothing_confirms_on_a_page_with_a_token_and_loses_nothing(newsroom):
    browser = Client(enforce_csrf_checks=True)
    asked = box_post(browser)  # no Origin, no Sec-Fetch-Site, no token
    assert asked.status_code == 200 and not Subscriber.objects.exists()
    html = asked.content.decode()
    assert "press Subscribe once more" in html
    assert (
        'value="reader@example.com"' in html
        and 'name="consent" value="on" required checked' in (html)
    )
    assert asked["Cache-Control"].startswith("private") and "xkey" not in asked
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    done = browser.post(
        reverse("newsletter:subscribe"),
        {"email": "reader@example.com", "consent": "on", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert done.status_code == 302 and Subscriber.objects.count() == 1
    # A forger without the reader's cookie cannot use that token.
    forged = Client(enforce_csrf_checks=True).post(
        reverse("newsletter:subscribe"),
        {"email": "x@example.com", "consent": "on", "next": "/", "csrfmiddlewaretoken": token},
    )
    assert forged.status_code == 200 and Subscriber.objects.count() == 1
