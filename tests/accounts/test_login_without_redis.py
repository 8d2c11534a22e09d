"""Readers log in while Redis is unreachable, and allauth's login limits still hold, per
worker process (accounts/ratelimit_store.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.ratelimit_store import local_history
from tests.redis_outages import HungRedis, closed_port, redis_cache_at

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture(autouse=True)
def _fresh_local_history():
    local_history.clear()
    yield
    local_history.clear()


@pytest.fixture
def reader():
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user("ayse", "ayse@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture(params=["dead", "hung"])
def unreachable_redis(request):
    if request.param == "dead":
        with redis_cache_at(f"redis://127.0.0.1:{closed_port()}/0"):
            yield
        return
    server = HungRedis()
    with redis_cache_at(server.url, SOCKET_CONNECT_TIMEOUT=0.1, SOCKET_TIMEOUT=0.1):
        yield
    server.close()


def login(client, password):
    return client.post(
        reverse("account_login"), {"login": "ayse@example.org", "password": password}
    )


def test_a_reader_logs_in_while_redis_is_unreachable(client, reader, unreachable_redis):
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)


LOCKED = "Too many failed login attempts"


def test_failed_logins_are_still_limited_while_redis_is_unreachable(
    client, reader, unreachable_redis
):
    # login_failed: 5 per 300 s for one account (ACCOUNT_RATE_LIMITS); allauth then answers
    # the form with its lock-out message.
    answers = [login(client, "wrong guess").text for _ in range(6)]
    assert not any(LOCKED in answer for answer in answers[:5])
    assert LOCKED in answers[5]
    locked = login(client, PASSWORD)  # even the right password waits now
    assert locked.status_code == 200 and LOCKED in locked.text
    assert "_auth_user_id" not in client.session

