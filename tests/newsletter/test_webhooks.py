"""The email provider's bounce webhook exists only with ANYMAIL_WEBHOOK_SECRET, and then asks for
it: nobody else can post a bounce that unsubscribes a reader."""

import base64
import importlib
import json

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import newsletter.urls
import newsportal.urls
from newsletter.models import Subscriber, UnsubscribeEvent
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

WEBHOOK = "/newsletter/webhooks/postmark/tracking/"
SECRET = "postmark:webhook-password-0123456789"
BOUNCE = {
    "RecordType": "Bounce",
    "Type": "HardBounce",
    "Email": "reader@example.org",
    "MessageID": "00000000-0000-0000-0000-000000000000",
    "Description": "The server was unable to deliver your message",
    "BouncedAt": "2026-11-30T10:00:00Z",
}


def reload_urls():
    importlib.reload(newsletter.urls)
    importlib.reload(newsportal.urls)
    clear_url_caches()


@pytest.fixture
def webhook_secret(request):
    """The URL configuration as it is built with the given ANYMAIL_WEBHOOK_SECRET."""
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": request.param}):
        reload_urls()
        yield request.param
    reload_urls()


def post_bounce(client, **extra):
    return client.post(WEBHOOK, json.dumps(BOUNCE), content_type="application/json", **extra)


def basic_auth(credentials):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


@pytest.mark.parametrize("webhook_secret", [""], indirect=True)
def test_without_a_secret_the_webhook_does_not_exist_and_a_forged_bounce_changes_nothing(
    client, webhook_secret
):
    subscriber = SubscriberFactory(email="reader@example.org")
    assert post_bounce(client).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert not UnsubscribeEvent.objects.exists()


@pytest.mark.parametrize("webhook_secret", [SECRET], indirect=True)
@pytest.mark.parametrize(
    "auth", [{}, basic_auth("postmark:wrong-password"), basic_auth("someone:" + SECRET)]
)
def test_with_a_secret_a_bounce_without_the_right_basic_auth_is_refused(
    client, webhook_secret, auth
):
    subscriber = SubscriberFactory(email="reader@example.org")
    assert post_bounce(client, **auth).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert not UnsubscribeEvent.objects.exists()


@pytest.mark.parametrize("webhook_secret", [SECRET], indirect=True)
def test_with_a_secret_a_bounce_with_it_unsubscribes_the_address(client, webhook_secret):
    subscriber = SubscriberFactory(email="reader@example.org")
    assert post_bounce(client, **basic_auth(SECRET)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert UnsubscribeEvent.objects.get().method == UnsubscribeEvent.Method.BOUNCE
