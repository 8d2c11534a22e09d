"""A mail server that is down, and the real task queue to wait in, for the mail outage tests.

`MailServerDown` is an email backend whose every send fails the way Django's SMTP backend does
when the server refuses (SMTPServerDisconnected) or hangs past EMAIL_TIMEOUT (socket.timeout);
it counts the attempts. `database_queue` puts tasks in django-tasks-db, as production does, and
`run_worker()` runs `manage.py db_worker --batch` over whatever is due.
"""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

DOWN = "tests.mail_server.MailServerDown"


class MailServerDown(BaseEmailBackend):
    attempts = 0
    error = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, email_messages):
        type(self).attempts += 1
        raise type(self).error


@pytest.fixture(params=["refusing", "hanging"])
def mail_server_down(request, settings):
    """The mail server refuses (drops the connection) or hangs (the socket times out)."""
    MailServerDown.attempts = 0
    MailServerDown.error = (
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        if request.param == "refusing"
        else TimeoutError("timed out")  # socket.timeout is TimeoutError
    )
    settings.EMAIL_BACKEND = DOWN
    return MailServerDown


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def queued_mail_tasks():
    """Tasks waiting to run (now or later)."""
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(status="READY").order_by("run_after"))


LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def short_retries(settings, time_machine):
    """Two retries, and a clock that stands still until a test moves it."""
    settings.EMAIL_RETRY_DELAYS = [30, 120]
    time_machine.move_to(timezone.now(), tick=False)


def server_back(settings):
    """The mail server answers again: messages land in the locmem outbox, emptied now."""
    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox = []
