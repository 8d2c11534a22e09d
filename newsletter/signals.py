"""Bounces and complaints reported by the email provider through django-anymail's webhooks."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from .models import Subscriber, UnsubscribeEvent, normalize_email
from .subscriptions import unsubscribe

STOP_EVENTS = {
    EventType.BOUNCED: UnsubscribeEvent.Method.BOUNCE,
    EventType.COMPLAINED: UnsubscribeEvent.Method.COMPLAINT,
}


@receiver(tracking, dispatch_uid="newsletter.stop_bounced_and_complaining")
def stop_bounced_and_complaining(sender, event, esp_name, **kwargs):
    """A hard bounce or a spam complaint unsubscribes the address, logged with the reason."""
    method = STOP_EVENTS.get(event.event_type)
    if method is None or not event.recipient:
        return
    subscriber = Subscriber.objects.filter(email=normalize_email(event.recipient)).first()
    if subscriber is not None:
        detail = f"{esp_name}: {event.description or event.reject_reason or ''}"[:500]
        unsubscribe(subscriber=subscriber, method=method, detail=detail)
