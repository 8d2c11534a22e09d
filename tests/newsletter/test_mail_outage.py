"""A mail server that is down never fails a newsletter sign-up, and leaves nothing lying.

The sign-up queues its email in the real database queue (django-tasks-db); `db_worker` sends
it, and retries after each of EMAIL_RETRY_DELAYS while the server refuses or hangs.
"""

import pytest
from django.core import mail
from django.utils import timezone

from newsletter.models import ConsentRecord, Subscriber
from newsletter.tokens import read_confirmation_token
from newsletter.views import SIGNUP_DONE_MESSAGE
from tests.mail_server import LOCMEM, queued_mail_tasks, run_worker, server_back
from tests.newsletter.conftest import confirmation_path, sign_up
from tests.newsletter.factories import SubscriberFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("short_retries")]


def test_a_signup_answers_its_normal_page_and_the_email_arrives_when_the_server_is_back(
    client, mail_server_down, database_queue, settings, time_machine
):
    response = sign_up(client, email="ayse@example.org", next_url="/newsletter/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/newsletter/", 302)]
    assert [str(m) for m in response.context["messages"]] == [SIGNUP_DONE_MESSAGE]
    assert "we are sending it an email" in SIGNUP_DONE_MESSAGE
    assert Subscriber.objects.count() == 1 and ConsentRecord.objects.count() == 1

    run_worker()  # the server refuses: one attempt, the next queued 30 s later
    assert mail_server_down.attempts == 1
    [retry] = queued_mail_tasks()
    assert retry.run_after == timezone.now() + timezone.timedelta(seconds=30)

    server_back(settings)
    time_machine.shift(31)
    run_worker()
    [message] = mail.outbox
    assert message.to == ["ayse@example.org"]
    assert client.get(confirmation_path(message)).status_code == 200
    assert queued_mail_tasks() == []
    run_worker()
    assert len(mail.outbox) == 1


def test_a_retry_within_the_resend_period_queues_nothing_more(
    client, mail_server_down, database_queue, settings, time_machine
):
    sign_up(client, email="ayse@example.org")
    run_worker()
    time_machine.shift(5 * 60)
    response = sign_up(client, email="ayse@example.org")
    assert response.status_code == 302
    assert len(queued_mail_tasks()) == 1  # the first message's retry, nothing new
    assert ConsentRecord.objects.count() == 2  # each sign-up's consent is kept

    server_back(settings)
    run_worker()
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_while_no_worker_runs_a_later_signup_replaces_the_queued_email(
    client, database_queue, settings, time_machine
):
    """A backlog longer than the resend period: the newer message takes the address's slot and
    the older one, when its turn comes, is dropped; one email arrives, with the newest link."""
    settings.EMAIL_BACKEND = LOCMEM
    sign_up(client, email="ayse@example.org")
    time_machine.shift(settings.NEWSLETTER_CONFIRMATION_RESEND_SECONDS + 1)
    sign_up(client, email="ayse@example.org")
    assert len(queued_mail_tasks()) == 2
    mail.outbox = []
    run_worker()
    [message] = mail.outbox
    token = confirmation_path(message).rstrip("/").rsplit("/", 1)[1]
    assert read_confirmation_token(token)[1] == ConsentRecord.objects.latest("created_at").pk
    assert queued_mail_tasks() == []


def test_attempts_are_bounded_then_the_next_signup_sends_again(
    client, mail_server_down, database_queue, settings, time_machine
):
    sign_up(client, email="ayse@example.org")
    for delay in [0, 30, 120, 600]:
        time_machine.shift(delay + 1)
        run_worker()
    assert mail_server_down.attempts == 3  # the first and one after each of the two delays
    assert queued_mail_tasks() == []
    # Nothing is on its way any more, and the address's record says so.
    assert Subscriber.objects.get().confirmation_sent_at is None

    server_back(settings)
    sign_up(client, email="ayse@example.org")
    run_worker()
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_the_already_subscribed_note_waits_for_the_server_too(
    client, mail_server_down, database_queue, settings, time_machine
):
    SubscriberFactory(email="confirmed@example.org")
    response = sign_up(client, email="confirmed@example.org", next_url="/newsletter/", follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [SIGNUP_DONE_MESSAGE]
    assert Subscriber.objects.count() == 1
    run_worker()
    server_back(settings)
    time_machine.shift(31)
    run_worker()
    [note] = mail.outbox
    assert "already subscribed" in note.subject


@pytest.mark.django_db
def test_on_a_backend_that_cannot_wait_one_attempt_is_made_and_nothing_claims_it_went_out(
    client, mail_server_down, settings
):
    """The ImmediateBackend (tests, TASKS_BACKEND=immediate) runs the task inside the request:
    the refused attempt is recorded, the page is the normal one, and the slot is free again."""
    response = sign_up(client, email="ayse@example.org")
    assert response.status_code == 302
    assert mail_server_down.attempts == 1
    assert Subscriber.objects.get().confirmation_sent_at is None
    server_back(settings)
    sign_up(client, email="ayse@example.org")
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
