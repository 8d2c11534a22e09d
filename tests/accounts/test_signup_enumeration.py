"""Sign-up costs the same for an address that has an account and one that has not.

Timing told them apart (about 31 ms against 535 ms): the new address's password was hashed and
its email sent inside the request. Now both paths hash the submitted password once and queue
exactly one email, and both answer with the same page; bench/signup_timing.py measures it.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django_tasks.signals import task_enqueued

from tests.accounts.test_signup import sign_up
from tests.comments.factories import UserFactory

pytestmark = pytest.mark.django_db


class CountingHasher(MD5PasswordHasher):
    """The test profile's fast hasher, counting the passwords it hashes."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        type(self).hashed += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup_enumeration.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


@pytest.fixture
def queued():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def one_signup(client, email, counting_hasher, queued):
    counting_hasher.hashed = 0
    queued.clear()
    response = sign_up(client, email=email)
    client.logout()
    return response, counting_hasher.hashed, list(queued)


def test_a_known_and_a_new_address_cost_one_hash_and_one_queued_email_each(
    client, counting_hasher, queued
):
    UserFactory(email="taken@example.org")
    known = one_signup(client, "taken@example.org", counting_hasher, queued)
    new = one_signup(client, "new@example.org", counting_hasher, queued)
    for response, hashed, tasks in (known, new):
        assert response.status_code == 302
        assert hashed == 1
        assert tasks == ["send_email"]
    assert known[0]["Location"] == new[0]["Location"]


def test_both_answers_show_the_same_page_and_message(client):
    UserFactory(email="taken@example.org")
    pages = []
    for email in ["taken@example.org", "new@example.org"]:
        response = sign_up(client, email=email)
        page = client.get(response["Location"])
        messages = [str(m).replace(email, "…") for m in page.context["messages"]]
        pages.append((page.status_code, messages, page.content.decode().replace(email, "…")))
        client.logout()
    assert pages[0][0] == pages[1][0] == 200
    assert pages[0][1] == [
        "We are sending a confirmation email to …. It may take a few minutes to arrive."
    ]
    assert pages[0] == pages[1]
