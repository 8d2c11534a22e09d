"""Unsubscribe: RFC 8058 one-click POST without login or CSRF token, a one-click page, a log."""

import re

import pytest
from django.test import Client

from newsletter import tokens
from newsletter.models import Subscriber, UnsubscribeEvent
from newsletter.rendering import RenderedDigest, digest_message, unsubscribe_url_for
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    return SubscriberFactory(email="leaving@example.org")


def url(subscriber):
    return f"/newsletter/unsubscribe/{tokens.make_unsubscribe_token(subscriber)}/"


def test_the_one_click_post_works_without_login_or_csrf_token(subscriber):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    event = UnsubscribeEvent.objects.get()
    assert (event.subscriber, event.method) == (subscriber, UnsubscribeEvent.Method.ONE_CLICK)


def test_the_link_in_the_email_asks_for_one_click_only(client, subscriber):
    page = client.get(url(subscriber))
    assert page.status_code == 200
    html = page.content.decode()
    # One POST form (the button); the header's search form is a GET form.
    assert len(re.findall(r'<form[^>]*method="post"', html)) == 1
    assert ">Unsubscribe</button>" in html
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED  # a GET changes nothing
    response = Client(enforce_csrf_checks=True).post(url(subscriber))
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert UnsubscribeEvent.objects.get().method == UnsubscribeEvent.Method.LINK


def test_repeated_clicks_log_one_unsubscribe(client, subscriber):
    for _ in range(3):
        assert client.post(url(subscriber), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert UnsubscribeEvent.objects.count() == 1
    assert "You are unsubscribed" in client.get(url(subscriber)).content.decode()


@pytest.mark.parametrize("token", ["nonsense", "abc:def", "00000000-0000-0000-0000-000000000000:x"])
def test_a_tampered_token_is_refused_without_an_error(client, subscriber, token):
    assert client.get(f"/newsletter/unsubscribe/{token}/").status_code == 400
    response = client.post(f"/newsletter/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_confirmation_token_cannot_unsubscribe(client, subscriber):
    consent = subscriber.consents.get()
    token = tokens.make_confirmation_token(subscriber, consent)
    assert client.post(f"/newsletter/unsubscribe/{token}/").status_code == 400


def test_other_methods_are_refused(client, subscriber):
    assert client.put(url(subscriber)).status_code == 405


def test_the_digest_message_carries_the_rfc_8058_headers(subscriber):
    rendered = RenderedDigest(
        subject="Digest",
        text="Bye: NEWSLETTER-UNSUBSCRIBE-URL",
        html="<a href='NEWSLETTER-UNSUBSCRIBE-URL'>x</a>",
    )
    link = unsubscribe_url_for(subscriber, "https://news.example.com")
    message = digest_message(rendered, to=subscriber.email, unsubscribe_url=link)
    built = message.message()
    assert built["List-Unsubscribe"] == f"<{link}>"
    assert link.startswith("https://news.example.com/newsletter/unsubscribe/")
    assert built["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body and link in message.alternatives[0][0]
