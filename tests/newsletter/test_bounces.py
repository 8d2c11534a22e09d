"""Hard bounces and complaints from the email provider (django-anymail) stop the mail."""

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from newsletter.models import Subscriber, UnsubscribeEvent
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def report(event_type, recipient):
    event = AnymailTrackingEvent(
        event_type=event_type, recipient=recipient, description="550 mailbox unavailable"
    )
    tracking.send(sender=object, event=event, esp_name="Postmark")


@pytest.mark.parametrize(
    ("event_type", "method"),
    [
        ("bounced", UnsubscribeEvent.Method.BOUNCE),
        ("complained", UnsubscribeEvent.Method.COMPLAINT),
    ],
)
def test_a_bounce_or_complaint_unsubscribes_and_is_logged(event_type, method):
    subscriber = SubscriberFactory(email="gone@example.org")
    report(event_type, "Gone@Example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    event = UnsubscribeEvent.objects.get()
    assert event.method == method and "Postmark" in event.detail


@pytest.mark.parametrize("event_type", ["delivered", "deferred", "opened"])
def test_other_events_change_nothing(event_type):
    subscriber = SubscriberFactory(email="here@example.org")
    report(event_type, "here@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_an_unknown_address_is_ignored():
    report("bounced", "nobody@example.org")
    assert not UnsubscribeEvent.objects.exists()
