"""Email that readers wait for (confirmations, password resets), sent by the task worker.

The request renders the message and queues it as plain JSON fields; the worker (`manage.py
db_worker`, or rqworker with TASKS_BACKEND=rq) hands it to the mail server. A server that
refuses, drops the connection or does not answer within EMAIL_TIMEOUT costs the worker one
attempt, never a reader's request: the task queues itself again after the next of
EMAIL_RETRY_DELAYS and gives up after the last one. A backend that cannot run a task later (the
ImmediateBackend of tests and `TASKS_BACKEND=immediate`) gets a single attempt, made at once.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# What a mail server that is down, refusing or hung raises: smtplib's errors (refused, 4xx,
# disconnected) and the socket's (connection refused, timeout, unreachable).
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


class WillRetry(Exception):
    """The mail server did not take the message; it is queued again for later."""


class GaveUp(Exception):
    """The mail server did not take the message, and no attempt is left (or none can be
    scheduled on this task backend)."""


def message_to_fields(message: EmailMessage) -> dict:
    """The message as JSON-serialisable fields, for a task's arguments."""
    if message.attachments:
        raise ValueError("Queued email carries no attachments")
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from_fields(fields: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        cc=fields["cc"],
        bcc=fields["bcc"],
        reply_to=fields["reply_to"],
        headers=fields["headers"],
    )
    message.content_subtype = fields["content_subtype"]
    for content, mimetype in fields["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def retry_delay(attempt: int) -> timedelta | None:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …); None after the last."""
    delays = settings.EMAIL_RETRY_DELAYS
    if attempt > len(delays):
        return None
    return timedelta(seconds=delays[attempt - 1])


def send_or_retry(this_task, fields: dict, *, attempt: int, **task_kwargs) -> None:
    """Send the message; if the server does not take it, queue ``this_task`` again for later.

    Raises WillRetry when a later attempt is queued and GaveUp when none is left, so that the
    worker records every failed attempt with its cause.
    """
    try:
        message_from_fields(fields).send()
    except MAIL_SERVER_ERRORS as error:
        delay = retry_delay(attempt)
        recipients = ", ".join(fields["to"])
        if delay is None or not this_task.get_backend().supports_defer:
            logger.warning("Gave up sending %r to %s: %r", fields["subject"], recipients, error)
            raise GaveUp(f"attempt {attempt}: {error!r}") from error
        this_task.using(run_after=timezone.now() + delay).enqueue(
            fields=fields, attempt=attempt + 1, **task_kwargs
        )
        raise WillRetry(f"attempt {attempt}: {error!r}; next in {delay}") from error


def enqueue(this_task, **task_kwargs) -> bool:
    """Queue ``this_task``; False (and logged) when the queue cannot be reached."""
    try:
        this_task.enqueue(**task_kwargs)
    except Exception:
        logger.exception("Could not queue %s", this_task.name)
        return False
    return True


@task()
def send_email(fields: dict, attempt: int = 1) -> str:
    """Any rendered message (allauth's sign-up, password reset…), retried as described above."""
    send_or_retry(send_email, fields, attempt=attempt)
    return "sent"


def queue_email(message: EmailMessage) -> bool:
    """Queue a rendered message for the worker; False when the queue cannot be reached."""
    return enqueue(send_email, fields=message_to_fields(message))
