"""Sign-up: consent required and recorded, one subscriber per address, no enumeration."""

import hashlib

import pytest
from django.core import mail
from django.utils import timezone

from legal.models import LegalDocument
from newsletter.models import ConsentRecord, Subscriber
from tests.factories import ArticleFactory
from tests.newsletter.conftest import confirmation_path, sign_up
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CONSENT = (
    "By subscribing, you agree to receive electronic communications from {} websites and "
    "accept the Terms of Use and Privacy Policy"
)


def test_the_signup_page_shows_the_exact_consent_text_unticked_with_both_policies_linked(
    client, settings
):
    settings.SITE_PUBLISHER = "Ledger Media Group"
    response = client.get("/newsletter/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "By subscribing, you agree to receive electronic communications from Ledger Media Group "
        'websites and accept the <a href="/terms/">Terms of Use</a> and '
        '<a href="/privacy/">Privacy Policy</a>' in html
    )
    assert 'type="checkbox" name="consent" value="on" required>' in html
    assert "checked" not in html


def test_the_box_is_on_article_pages_and_the_home_page(client):
    article = ArticleFactory()
    for url in ["/", article.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert 'action="/newsletter/subscribe/"' in html
        assert 'name="consent"' in html
        assert 'href="/terms/"' in html


def test_subscribe_refuses_get(client):
    assert client.get("/newsletter/subscribe/").status_code == 405


def test_a_signup_without_consent_is_refused_with_a_clear_message(client, outbox):
    response = sign_up(client, consent=False)
    assert response.status_code == 400
    assert "Please tick the box" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert outbox == []


@pytest.mark.parametrize(
    "email",
    [
        "",
        "not-an-email",
        "a@b",
        "<script>alert(1)</script>@example.org",
        "x" * 300 + "@example.org",
        "'; DROP TABLE newsletter_subscriber; --",
        "😀@😀",
        "مرحبا",
        "ayşe@example.org",
    ],
)
def test_malformed_or_huge_emails_are_refused_without_an_error(client, email, outbox):
    response = sign_up(client, email=email)
    assert response.status_code == 400
    assert (
        "valid email address" in response.content.decode()
        or "enter your email" in (response.content.decode())
        or "too long" in response.content.decode()
    )
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_a_signup_records_consent_and_sends_one_confirmation_email(client, outbox):
    response = sign_up(
        client,
        email="  Ayse.Kaya@Example.ORG ",
        next_url="/news/1/story/",
        HTTP_USER_AGENT="Mozilla/5.0 Test",
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    assert response["Location"] == "/news/1/story/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ayse.kaya@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source_url == "/news/1/story/"
    consent = ConsentRecord.objects.get()
    terms = LegalDocument.objects.get(kind="terms", is_current=True)
    privacy = LegalDocument.objects.get(kind="privacy", is_current=True)
    assert consent.subscriber == subscriber
    assert (consent.terms, consent.privacy) == (terms, privacy)
    assert consent.terms_hash == hashlib.sha256(terms.body.encode()).hexdigest()
    assert consent.privacy_hash == hashlib.sha256(privacy.body.encode()).hexdigest()
    assert consent.consent_text == CONSENT.format("The Daily Ledger")
    assert consent.ip_address == "198.51.100.7"
    assert consent.user_agent == "Mozilla/5.0 Test"
    assert consent.source_url == "/news/1/story/"
    assert consent.confirmed_at is None
    assert len(outbox) == 1
    assert outbox[0].to == ["ayse.kaya@example.org"]
    assert confirmation_path(outbox[0]).startswith("/newsletter/confirm/")


def test_the_reader_returns_to_their_page_with_a_message(client):
    response = sign_up(client, next_url="/section/economy/", follow=False)
    assert response["Location"] == "/section/economy/"
    page = client.get("/newsletter/")
    assert "Almost done" in page.content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_foreign_return_address_is_replaced_by_the_newsletter_page(client, next_url):
    response = sign_up(client, next_url=next_url)
    assert response["Location"] == "/newsletter/"


def test_a_long_page_address_still_signs_up_and_returns_there(client, outbox):
    long_path = "/search/?q=" + "deprem+" * 120  # about 850 characters
    response = sign_up(client, next_url=long_path)
    assert response["Location"] == long_path
    assert Subscriber.objects.get().source_url == long_path[:500]
    assert len(outbox) == 1


def test_an_absurdly_long_page_address_is_dropped_not_refused(client, outbox):
    response = sign_up(client, next_url="/" + "x" * 100_000)
    assert response["Location"] == "/newsletter/"
    assert Subscriber.objects.count() == 1


def test_a_formula_as_the_return_address_is_not_stored_as_the_source(client):
    response = sign_up(client, next_url='=HYPERLINK("http://evil.example","x")')
    assert response["Location"] == "/newsletter/"
    assert Subscriber.objects.get().source_url == "/newsletter/"
    assert ConsentRecord.objects.get().source_url == "/newsletter/"


def test_mixed_case_and_spaces_make_one_subscriber(client, outbox):
    for email in ["reader@example.org", " READER@example.org", "Reader@Example.Org  "]:
        sign_up(client, email=email)
    assert Subscriber.objects.count() == 1


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses(client, outbox):
    SubscriberFactory(email="confirmed@example.org")
    responses = [
        sign_up(client, email=email, next_url="/newsletter/", follow=True)
        for email in ["new@example.org", "new@example.org", "confirmed@example.org"]
    ]
    assert {r.status_code for r in responses} == {200}
    assert {r.redirect_chain[0] for r in responses} == {("/newsletter/", 302)}
    messages = [[str(m) for m in r.context["messages"]] for r in responses]
    assert messages[0] == messages[1] == messages[2]


def test_a_pending_address_gets_the_email_again_only_after_the_resend_period(
    client, outbox, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    sign_up(client, email="pending@example.org")
    sign_up(client, email="pending@example.org")
    assert len(outbox) == 1
    time_machine.shift(601)
    sign_up(client, email="pending@example.org")
    assert len(outbox) == 2
    assert ConsentRecord.objects.count() == 3


def test_a_confirmed_address_gets_an_already_subscribed_note_and_no_new_consent(client, outbox):
    subscriber = SubscriberFactory(email="confirmed@example.org")
    sign_up(client, email="Confirmed@example.org")
    assert len(outbox) == 1
    assert "already subscribed" in outbox[0].subject
    assert "/newsletter/confirm/" not in outbox[0].body
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consents.count() == 1


def test_a_signup_flood_from_one_ip_is_rate_limited_with_a_clear_message(client, outbox, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter-signup-ip": (3, 3600)}
    for n in range(3):
        assert sign_up(client, email=f"r{n}@example.org").status_code == 302
    response = sign_up(client, email="r9@example.org")
    assert response.status_code == 429
    assert "Too many sign-ups" in response.content.decode()
    assert Subscriber.objects.count() == 3
    # Another address of the network is not affected.
    assert sign_up(client, email="r10@example.org", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_an_address_is_signed_up_at_most_five_times_an_hour(client, outbox, settings):
    settings.NEWSLETTER_CONFIRMATION_RESEND_SECONDS = 0
    for _ in range(8):
        sign_up(client, email="loop@example.org", REMOTE_ADDR="203.0.113.1")
    assert ConsentRecord.objects.count() == 5


def test_an_unsubscribed_reader_can_sign_up_again(client, outbox):
    subscriber = SubscriberFactory(email="back@example.org", status="unsubscribed")
    sign_up(client, email="back@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert len(outbox) == 1
    assert "/newsletter/confirm/" in outbox[0].body


def test_signup_without_current_legal_documents_answers_503_not_500(client, outbox):
    LegalDocument.objects.update(is_current=False)
    response = sign_up(client)
    assert response.status_code == 503
    assert not Subscriber.objects.exists()


def test_the_emails_are_escaped_html_and_plain_text(client, outbox):
    sign_up(client)
    message = outbox[0]
    assert message.alternatives[0][1] == "text/html"
    assert "Confirm my subscription" in message.alternatives[0][0]
    assert mail.outbox is outbox
