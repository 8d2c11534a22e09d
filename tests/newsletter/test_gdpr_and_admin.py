"""The admin: subscribers with filters, CSV, actions; GDPR export and erasure; read-only proof."""

import csv
import io
import json

import pytest

from newsletter.gdpr import subscriber_export_json
from newsletter.models import ConsentRecord, Subscriber, UnsubscribeEvent
from newsletter.subscriptions import unsubscribe
from tests.newsletter.conftest import sign_up
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def subscriber(client, outbox):
    sign_up(client, email="ayse@example.org", HTTP_USER_AGENT="UA", REMOTE_ADDR="198.51.100.2")
    return Subscriber.objects.get()


def test_the_export_holds_everything_about_the_address(subscriber):
    unsubscribe(subscriber=subscriber, method="link")
    subscriber.refresh_from_db()
    data = json.loads(subscriber_export_json(subscriber=subscriber))
    assert data["email"] == "ayse@example.org"
    assert data["status"] == "unsubscribed"
    [consent] = data["consents"]
    assert consent["ip_address"] == "198.51.100.2" and consent["user_agent"] == "UA"
    assert consent["terms_of_use_version"] == "1" and len(consent["privacy_policy_sha256"]) == 64
    assert consent["consent_text"].startswith("By subscribing, you agree")
    assert data["unsubscribe_events"][0]["method"] == "link"


def test_the_admin_downloads_the_export_as_json(admin_client, subscriber):
    response = admin_client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/gdpr-export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["email"] == "ayse@example.org"


def test_erasure_removes_the_address_and_anonymises_the_consent_history(
    admin_client, subscriber, client, outbox
):
    page = admin_client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/erase/")
    assert page.status_code == 200 and b"ayse@example.org" in page.content
    response = admin_client.post(f"/admin/newsletter/subscriber/{subscriber.pk}/erase/")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    consent = ConsentRecord.objects.get()
    assert consent.subscriber is None and consent.email == "" and consent.ip_address is None
    assert consent.user_agent == "" and consent.anonymised_at is not None
    assert UnsubscribeEvent.objects.get().method == UnsubscribeEvent.Method.ERASURE
    # The address may subscribe again later, from scratch.
    outbox.clear()
    sign_up(client, email="ayse@example.org", REMOTE_ADDR="198.51.100.3")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert len(outbox) == 1


def test_erasure_needs_a_post(admin_client, subscriber):
    admin_client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/erase/")
    assert Subscriber.objects.exists()


def test_the_subscriber_list_filters_and_searches(admin_client):
    SubscriberFactory(email="kept@example.org")
    SubscriberFactory(email="gone@example.org", status="unsubscribed")
    page = admin_client.get("/admin/newsletter/subscriber/?status__exact=confirmed").content
    assert b"kept@example.org" in page and b"gone@example.org" not in page
    page = admin_client.get("/admin/newsletter/subscriber/?q=gone").content
    assert b"gone@example.org" in page and b"kept@example.org" not in page


def test_the_csv_export_has_one_row_per_subscriber_and_defuses_formulas(admin_client):
    first = SubscriberFactory(email="one@example.org")
    second = SubscriberFactory(email="-two@example.org")
    response = admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": [first.pk, second.pk]},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["email", "status"]
    assert sorted(r[0] for r in rows[1:]) == ["'-two@example.org", "one@example.org"]


def test_a_formula_held_as_a_source_url_is_exported_as_text(admin_client):
    # An old row may hold one: sign-ups took any "next" before safe_next only kept paths.
    subscriber = SubscriberFactory(source_url=FORMULA)
    response = admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "export_csv", "_selected_action": [subscriber.pk]},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][5] == "source"
    assert rows[1][5] == f"'{FORMULA}"


def test_the_admin_unsubscribe_action_is_logged(admin_client):
    subscriber = SubscriberFactory()
    admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "unsubscribe_selected", "_selected_action": [subscriber.pk]},
    )
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert UnsubscribeEvent.objects.get().method == UnsubscribeEvent.Method.ADMIN


def test_resend_confirmation_mails_pending_subscribers_only(admin_client, subscriber, outbox):
    confirmed = SubscriberFactory()
    outbox.clear()
    admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "resend_confirmation", "_selected_action": [subscriber.pk, confirmed.pk]},
    )
    assert [m.to for m in outbox] == [["ayse@example.org"]]


def test_consent_records_are_read_only(admin_client, subscriber):
    consent = ConsentRecord.objects.get()
    assert admin_client.get("/admin/newsletter/consentrecord/").status_code == 200
    assert admin_client.get("/admin/newsletter/consentrecord/add/").status_code == 403
    admin_client.post(
        f"/admin/newsletter/consentrecord/{consent.pk}/change/", {"ip_address": "10.0.0.1"}
    )
    consent.refresh_from_db()
    assert consent.ip_address == "198.51.100.2"
    assert (
        admin_client.get(f"/admin/newsletter/consentrecord/{consent.pk}/delete/").status_code == 403
    )


def test_the_subscriber_page_and_lists_render(admin_client, subscriber):
    for url in [
        f"/admin/newsletter/subscriber/{subscriber.pk}/change/",
        "/admin/newsletter/digest/",
        "/admin/newsletter/delivery/",
        "/admin/newsletter/unsubscribeevent/",
        "/admin/legal/legaldocument/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_readers_cannot_reach_the_gdpr_pages(client, subscriber):
    response = client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/gdpr-export/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
