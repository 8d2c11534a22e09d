import re

import pytest
from django.core import mail

from tests.legal.factories import first_legal_documents

CONFIRM_LINK = re.compile(r"https?://[^\s\"]+/newsletter/confirm/[^/\s\"]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s\"<>]+/newsletter/unsubscribe/[^/\s\"<>]+/")


def confirmation_path(message):
    """The path of the confirmation link in a confirmation email."""
    url = CONFIRM_LINK.search(message.body).group(0)
    return "/" + url.split("/", 3)[3]


def unsubscribe_path(message):
    url = UNSUBSCRIBE_LINK.search(message.body).group(0)
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


def sign_up(client, email="Reader@Example.org", consent=True, next_url="/news/1/story/", **extra):
    data = {"email": email, "next": next_url}
    if consent:
        data["consent"] = "on"
    return client.post("/newsletter/subscribe/", data, **extra)


@pytest.fixture(autouse=True)
def _legal_documents(request):
    """The data migration's first Terms of Use and Privacy Policy, also when tests run without
    migrations (pytest --no-migrations)."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("django_db_blocker")
    first_legal_documents()
