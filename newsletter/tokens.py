"""Signed tokens in the newsletter's links: confirmation (expires) and unsubscribe (does not).

Both carry the subscriber's random public id, never the address or the row number, and are
signed with SECRET_KEY and a salt of their own, so one kind cannot stand in for the other.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """Tampered, expired or of the wrong kind."""


def make_confirmation_token(subscriber, consent):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{subscriber.public_id}.{consent.pk}")


def read_confirmation_token(token):
    """(public_id, consent_pk) from a token made less than NEWSLETTER_CONFIRMATION_DAYS ago."""
    max_age = settings.NEWSLETTER_CONFIRMATION_DAYS * 24 * 3600
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
        public_id, consent_pk = value.split(".")
        return public_id, int(consent_pk)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken from error


def make_unsubscribe_token(subscriber):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.public_id))


def read_unsubscribe_token(token):
    try:
        return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidToken from error
