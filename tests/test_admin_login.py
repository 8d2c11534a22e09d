"""Brute-force limits on the admin's login (newsportal/admin_login.py)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-1"
LOCKED_OUT = "Too many failed attempts to log in."


@pytest.fixture
def editor():
    return User.objects.create_user(
        "editor", "editor@example.com", PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, times, username="editor", address="10.0.0.1"):
    for attempt in range(times):
        response = log_in(client, username, f"wrong-{attempt}", address)
        assert response.status_code == 200 and LOCKED_OUT not in response.content.decode()


def logged_in(client):
    return "_auth_user_id" in client.session


def error_of(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_the_right_password_logs_in(client, editor):
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_after_ten_wrong_passwords_the_right_one_is_refused(client, editor):
    fail(client, 10)

    response = log_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert not logged_in(client)


def test_an_unknown_username_gets_the_same_answer_as_a_real_one(client, editor):
    fail(client, 10, "editor", address="10.0.0.1")
    fail(client, 10, "nobody-here", address="10.0.0.2")

    real = log_in(client, "editor", PASSWORD, address="10.0.0.1")
    unknown = log_in(client, "nobody-here", PASSWORD, address="10.0.0.2")

    assert real.status_code == unknown.status_code == 429
    assert error_of(real) == error_of(unknown)
    assert LOCKED_OUT in error_of(unknown)[0]


def test_another_address_is_not_locked_out_by_one_addresss_failures(client, editor):
    fail(client, 10, address="10.0.0.1")

    response = log_in(client, "editor", PASSWORD, address="10.0.0.2")

    assert response.status_code == 302 and logged_in(client)


def test_a_locked_address_is_refused_for_every_username(client, editor):
    fail(client, 10, "someone-else", address="10.0.0.1")

    assert log_in(client, "editor", PASSWORD, address="10.0.0.1").status_code == 429
    assert not logged_in(client)


def test_one_account_guessed_at_from_many_addresses_is_locked_too(client, editor):
    for number in range(4):
        fail(client, 5, "Editor", address=f"10.0.1.{number}")

    response = log_in(client, "editor", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429 and not logged_in(client)


# The window ends when its counter expires, by the cache's own clock: time travel moves the
# local-memory cache's clock, not a Redis server's, so this test keeps to the former.
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_the_lock_ends_with_its_window(client, editor, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    fail(client, 10)
    assert log_in(client, "editor", PASSWORD).status_code == 429

    time_machine.move_to(now + timedelta(minutes=15, seconds=1), tick=False)

    assert log_in(client, "editor", PASSWORD).status_code == 302 and logged_in(client)


def test_readers_still_log_in_through_allauth_from_an_address_locked_out_of_the_admin(
    client, editor
):
    reader = User.objects.create_user("reader", "reader@example.com", PASSWORD)
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    fail(client, 10, address="10.0.0.1")

    response = client.post(
        "/accounts/login/",
        {"login": "reader@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )

    assert response.status_code == 302 and logged_in(client)
    assert int(client.session["_auth_user_id"]) == reader.pk


def test_allauth_still_blocks_a_reader_login_after_five_failures(client):
    reader = User.objects.create_user("reader", "reader@example.com", PASSWORD)
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    for attempt in range(5):
        client.post(
            "/accounts/login/", {"login": "reader@example.com", "password": f"wrong-{attempt}"}
        )

    response = client.post(
        "/accounts/login/", {"login": "reader@example.com", "password": PASSWORD}
    )

    assert response.status_code == 200 and not logged_in(client)
    assert "Too many failed login attempts" in response.content.decode()
