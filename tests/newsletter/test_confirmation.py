"""Double opt-in: a signed link that expires, opening a page whose button (a POST) confirms."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import tokens
from newsletter.models import ConsentRecord, Subscriber
from tests.newsletter.conftest import confirmation_path, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(client, outbox):
    sign_up(client, email="pending@example.org")
    return Subscriber.objects.get(), confirmation_path(outbox[-1])


def test_opening_the_link_shows_a_button_and_confirms_nothing(client, pending):
    subscriber, path = pending
    response = client.get(path)
    assert response.status_code == 200
    assert "Confirm my subscription" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_the_button_confirms_and_records_when_where_and_with_what(client, pending):
    subscriber, path = pending
    response = client.post(path, HTTP_USER_AGENT="Phone browser", REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200
    assert "You are subscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    consent = ConsentRecord.objects.get()
    assert consent.confirmed_at == subscriber.confirmed_at
    assert consent.confirmation_ip_address == "203.0.113.5"
    assert consent.confirmation_user_agent == "Phone browser"


def test_the_confirmation_post_needs_the_csrf_token(pending):
    from django.test import Client

    subscriber, path = pending
    assert Client(enforce_csrf_checks=True).post(path).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_clicking_twice_is_harmless(client, pending):
    subscriber, path = pending
    client.post(path)
    first = Subscriber.objects.get().confirmed_at
    response = client.post(path)
    assert response.status_code == 200
    assert "already subscribed" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at == first


def test_an_expired_link_is_refused(client, pending, time_machine):
    subscriber, path = pending
    time_machine.move_to(timezone.now() + timedelta(days=7, minutes=1))
    assert client.get(path).status_code == 400
    response = client.post(path)
    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_a_link_six_days_old_still_works(client, pending, time_machine):
    subscriber, path = pending
    time_machine.move_to(timezone.now() + timedelta(days=6))
    assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: "garbage",
        lambda token: token.split(":")[0],
        lambda token: "%00%27%22<script>",
    ],
)
def test_a_tampered_link_is_refused_without_an_error(client, pending, mangle):
    subscriber, path = pending
    token = path.rstrip("/").rsplit("/", 1)[1]
    bad = f"/newsletter/confirm/{mangle(token)}/"
    assert client.get(bad).status_code in (400, 404)
    assert client.post(bad).status_code in (400, 404)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_an_unsubscribe_token_cannot_confirm(client, pending):
    subscriber, _ = pending
    token = tokens.make_unsubscribe_token(subscriber)
    assert client.post(f"/newsletter/confirm/{token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_an_old_link_does_not_resubscribe_someone_who_unsubscribed(client, pending):
    subscriber, path = pending
    client.post(path)
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    assert client.post(path).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_only_confirmed_subscribers_count_as_subscribed(client, pending):
    assert not Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exists()
