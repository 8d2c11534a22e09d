"""A mail server that is down never fails a sign-up or a password reset.

allauth's messages are rendered in the request and queued in the real database queue
(django-tasks-db, accounts/adapter.py); `db_worker` sends them, retrying while the server
refuses or hangs.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.accounts.test_signup import PASSWORD, sign_up
from tests.comments.factories import UserFactory
from tests.mail_server import queued_mail_tasks, run_worker, server_back

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("short_retries")]

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")
RESET_LINK = re.compile(r"https?://\S+/accounts/password/reset/key/\S+/")


def test_a_signup_answers_its_normal_page_and_the_email_arrives_when_the_server_is_back(
    client, mail_server_down, database_queue, settings, time_machine
):
    response = sign_up(client, email="ayse@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    page = client.get(response["Location"]).content.decode()
    assert "We are sending you an email" in page
    assert "We have sent" not in page
    assert get_user_model().objects.filter(email="ayse@example.org").count() == 1
    assert EmailAddress.objects.filter(email="ayse@example.org").count() == 1

    run_worker()
    assert mail_server_down.attempts == 1
    [retry] = queued_mail_tasks()
    assert retry.run_after == timezone.now() + timezone.timedelta(seconds=30)

    server_back(settings)
    time_machine.shift(31)
    run_worker()
    [message] = mail.outbox
    assert message.to == ["ayse@example.org"]
    link = CONFIRM_LINK.search(message.body).group(0)
    client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert EmailAddress.objects.get(email="ayse@example.org").verified
    run_worker()
    assert len(mail.outbox) == 1


def test_the_message_after_signing_up_says_the_email_is_on_its_way(
    client, mail_server_down, database_queue
):
    response = sign_up(client, email="ayse@example.org")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "We are sending a confirmation email to ayse@example.org. "
        "It may take a few minutes to arrive."
    ]


def test_a_second_signup_while_the_first_email_is_queued_queues_nothing(
    client, mail_server_down, database_queue, settings
):
    first = sign_up(client, email="ayse@example.org")
    client.logout()
    second = sign_up(client, email="ayse@example.org")
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert get_user_model().objects.count() == 1
    assert len(queued_mail_tasks()) == 1
    server_back(settings)
    run_worker()
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_a_password_reset_answers_its_normal_page_and_the_email_arrives_later(
    client, mail_server_down, database_queue, settings, time_machine
):
    UserFactory(email="ayse@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "ayse@example.org"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "we are sending it an email with a link to choose a new" in page
    assert "We have sent" not in page

    run_worker()
    server_back(settings)
    time_machine.shift(31)
    run_worker()
    [message] = mail.outbox
    assert message.to == ["ayse@example.org"]
    link = RESET_LINK.search(message.body).group(0)
    assert client.get("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code in (200, 302)


def test_attempts_are_bounded(client, mail_server_down, database_queue, time_machine):
    sign_up(client, email="ayse@example.org")
    for delay in [0, 30, 120, 600]:
        time_machine.shift(delay + 1)
        run_worker()
    assert mail_server_down.attempts == 3  # the first and one after each of the two delays
    assert queued_mail_tasks() == []


@pytest.mark.django_db
def test_on_a_backend_that_cannot_wait_the_request_still_answers(client, mail_server_down):
    """The ImmediateBackend runs the task inside the request: one attempt, recorded as a failed
    task, and the normal page."""
    response = sign_up(client, email="ayse@example.org")
    assert response.status_code == 302
    assert mail_server_down.attempts == 1
    assert get_user_model().objects.count() == 1


def test_the_queued_message_is_the_rendered_message(client, database_queue):
    """What the worker sends is what allauth rendered: subject prefix, sender, both bodies."""
    sign_up(client, email="ayse@example.org")
    [task] = queued_mail_tasks()
    fields = task.args_kwargs["kwargs"]["fields"]
    assert fields["to"] == ["ayse@example.org"]
    assert fields["subject"].startswith("[The Daily Ledger] ")
    assert CONFIRM_LINK.search(fields["body"])
    assert PASSWORD not in str(fields)
