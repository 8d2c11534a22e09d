"""newsportal/mail.py: what a queued message carries, and what bounds each attempt."""

import json

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from newsportal import mail


def test_a_rendered_message_crosses_the_queue_as_json_unchanged():
    message = EmailMultiAlternatives(
        subject="Confirm your subscription",
        body="Plain text, ğüşıöç",
        from_email="The Daily Ledger <news@example.org>",
        to=["reader@example.org"],
        reply_to=["desk@example.org"],
        headers={"List-Id": "<digest.example.org>"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    fields = json.loads(json.dumps(mail.message_to_fields(message)))
    again = mail.message_from_fields(fields)
    assert again.message()["List-Id"] == "<digest.example.org>"
    for attribute in ("subject", "body", "from_email", "to", "reply_to", "extra_headers"):
        assert getattr(again, attribute) == getattr(message, attribute)
    assert again.alternatives == [("<p>HTML</p>", "text/html")]


def test_the_smtp_connection_gives_up_after_email_timeout():
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert connection.timeout == settings.EMAIL_TIMEOUT == 10


def test_each_retry_delay_is_shorter_than_the_newsletter_resend_period():
    """newsletter/email_slot.py keeps the resend throttle closed by stamping each attempt."""
    assert sorted(settings.EMAIL_RETRY_DELAYS) == settings.EMAIL_RETRY_DELAYS
    assert max(settings.EMAIL_RETRY_DELAYS) < settings.NEWSLETTER_CONFIRMATION_RESEND_SECONDS


def test_attempts_are_the_delays_plus_one():
    delays = [mail.retry_delay(n) for n in range(1, len(settings.EMAIL_RETRY_DELAYS) + 2)]
    assert [d.total_seconds() for d in delays[:-1]] == settings.EMAIL_RETRY_DELAYS
    assert delays[-1] is None
