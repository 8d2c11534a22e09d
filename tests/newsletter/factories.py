"""Test data of the newsletter: subscribers in each state, consent records, digests."""

import factory
from django.utils import timezone

from legal.models import LegalDocument
from newsletter.models import ConsentRecord, Digest, Subscriber, consent_text


def current_documents():
    return (
        LegalDocument.objects.get(kind="terms", is_current=True),
        LegalDocument.objects.get(kind="privacy", is_current=True),
    )


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber with the consent record that proves it."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    source_url = "/"

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        terms, privacy = current_documents()
        ConsentRecord.objects.create(
            subscriber=self,
            email=self.email,
            terms=terms,
            terms_hash=terms.text_hash,
            privacy=privacy,
            privacy_hash=privacy.text_hash,
            consent_text=consent_text(),
            ip_address="192.0.2.1",
            user_agent="Test browser",
            source_url="/",
            confirmed_at=self.confirmed_at,
        )


class DigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Digest
        django_get_or_create = ["edition"]

    edition = factory.LazyFunction(timezone.localdate)
    subject = "The most important news of the day"
