"""What the GDPR asks of the newsletter: export everything held about an address, and erase it."""

import json

from django.db import transaction
from django.utils import timezone

from .models import Subscriber, UnsubscribeEvent


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything held about one address, as JSON-ready data (GDPR access request)."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "signed_up_at": when(subscriber.created_at),
        "confirmed_at": when(subscriber.confirmed_at),
        "unsubscribed_at": when(subscriber.unsubscribed_at),
        "source_page": subscriber.source_url,
        "consents": [
            {
                "consented_at": when(c.created_at),
                "consent_text": c.consent_text,
                "terms_of_use_version": c.terms.version,
                "terms_of_use_sha256": c.terms_hash,
                "privacy_policy_version": c.privacy.version,
                "privacy_policy_sha256": c.privacy_hash,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "page": c.source_url,
                "confirmed_at": when(c.confirmed_at),
                "confirmation_ip_address": c.confirmation_ip_address,
                "confirmation_user_agent": c.confirmation_user_agent,
            }
            for c in subscriber.consents.select_related("terms", "privacy")
        ],
        "unsubscribe_events": [
            {"method": e.method, "at": when(e.created_at), "detail": e.detail}
            for e in subscriber.unsubscribe_events.all()
        ],
        "deliveries": [
            {
                "digest": d.digest.edition.isoformat(),
                "status": d.status,
                "attempts": d.attempts,
                "sent_at": when(d.sent_at),
            }
            for d in subscriber.deliveries.select_related("digest")
        ],
    }


def subscriber_export_json(*, subscriber: Subscriber) -> str:
    return json.dumps(subscriber_export(subscriber=subscriber), indent=2, ensure_ascii=False)


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Erase one address (GDPR): the subscriber and their deliveries go; consent records and
    unsubscribe events stay as anonymous counts, without address, IP or browser. The address
    may subscribe again later, from scratch."""
    with transaction.atomic():
        now = timezone.now()
        subscriber.consents.update(
            email="",
            ip_address=None,
            user_agent="",
            source_url="",
            confirmation_ip_address=None,
            confirmation_user_agent="",
            anonymised_at=now,
        )
        subscriber.unsubscribe_events.update(detail="")
        UnsubscribeEvent.objects.create(subscriber=None, method=UnsubscribeEvent.Method.ERASURE)
        subscriber.delete()
