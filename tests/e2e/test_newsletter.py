"""A reader subscribes from a story, confirms from the email, and later leaves from a digest."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.digest import digest_build, digest_queue
from newsletter.models import Subscriber, UnsubscribeEvent
from tests.legal.factories import first_legal_documents

pytestmark = pytest.mark.browser

LINK = r"(http://[^\s\"]+/newsletter/{}/[^/\s\"]+/)"


@pytest.fixture
def legal_documents(newsroom):
    """The first Terms of Use and Privacy Policy (transactional tests start from empty tables)."""
    first_legal_documents()


def link_in(message, kind):
    return re.search(LINK.format(kind), message.body).group(1)


def test_a_reader_subscribes_confirms_and_unsubscribes_from_a_digest(
    page, newsroom, legal_documents, live_server, settings
):
    settings.SITE_URL = live_server.url
    mail.outbox = []
    page.goto(newsroom.lead.get_absolute_url())
    box = page.locator("#newsletter")
    expect(box.get_by_role("heading", name="The most important news of the day")).to_be_visible()
    consent = box.get_by_role("checkbox")
    expect(consent).not_to_be_checked()
    expect(box.get_by_role("link", name="Terms of Use")).to_have_attribute("href", "/terms/")
    expect(box.get_by_role("link", name="Privacy Policy")).to_have_attribute("href", "/privacy/")

    # Without consent the browser will not send the form…
    box.get_by_label("Email address").fill("Reader@Example.org")
    box.get_by_role("button", name="Subscribe").click()
    expect(page).to_have_url(re.compile(re.escape(newsroom.lead.get_absolute_url()) + "$"))
    assert consent.evaluate("element => element.validity.valueMissing")
    # …and with the browser's check removed, the server refuses it with a clear message.
    consent.evaluate("element => element.removeAttribute('required')")
    box.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Please tick the box to accept the terms")).to_be_visible()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []

    # With consent: back on the story with a message, and a confirmation email.
    page.goto(newsroom.lead.get_absolute_url())
    box.get_by_label("Email address").fill("Reader@Example.org")
    box.get_by_role("checkbox").check()
    box.get_by_role("button", name="Subscribe").click()
    expect(page).to_have_url(re.compile(re.escape(newsroom.lead.get_absolute_url()) + "$"))
    expect(page.get_by_role("status")).to_contain_text("Almost done")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    [confirmation] = mail.outbox

    # Opening the link confirms nothing; the button does.
    page.goto(link_in(confirmation, "confirm"))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    # The next morning's digest, and its unsubscribe link: one click.
    digest, _ = digest_build()
    digest_queue(digest=digest)
    digest_email = mail.outbox[-1]
    assert digest_email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert newsroom.lead.headline in digest_email.body
    page.goto(link_in(digest_email, "unsubscribe"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert UnsubscribeEvent.objects.get().method == UnsubscribeEvent.Method.LINK
