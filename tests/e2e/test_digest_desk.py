"""Browser test of the digest before it goes: an editor opens the day's draft in the admin, puts
its stories in a new order, sends a test to themself and queues it, and every email lists the
stories in the editor's order."""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import Page, expect

from newsletter.digest import digest_build
from newsletter.models import Digest
from tests.e2e.test_newsroom_admin import (  # noqa: F401 - fixtures
    editor,
    log_in,
    newsroom_groups,
    window,
)
from tests.newsletter.factories import SubscriberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The text email's story lines: "1. Headline".
STORY_LINE = re.compile(r"^\d+\. (.+)$", re.MULTILINE)


@pytest.fixture
def digest_editor(editor):  # noqa: F811
    """The editor with the digest rights migration 0004 gives Editors (the browser tests' flush
    took them away with the rest of the migrations' data)."""
    importlib.import_module("newsletter.migrations.0004_editors_prepare_the_digest").grant(apps)
    return editor


def headlines_in(message):
    return STORY_LINE.findall(message.body)


def test_an_editor_reorders_the_digest_and_the_emails_follow(
    page: Page, newsroom, digest_editor, live_server, settings
):
    settings.SITE_URL = live_server.url
    subscriber = SubscriberFactory(consent=False)
    digest, _ = digest_build()
    built = [item.article.headline for item in digest.items.select_related("article")]
    assert len(built) >= 3
    wanted = built[::-1]  # the editors' order: the built one upside down
    assert wanted != built

    log_in(page, digest_editor)
    page.get_by_role("link", name="Digests").click()
    page.locator("#result_list tbody tr th a").first.click()
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()
    rows = page.locator("#items-group tr.has_original")
    expect(rows).to_have_count(len(built))
    for row in rows.all():
        headline = row.locator("td.original p").inner_text().strip()
        row.locator("input[name$='-order']").fill(str(wanted.index(headline)))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    # The draft shows the stories in their new order.
    expect(page.locator("#items-group tr.has_original td.original p")).to_have_text(wanted)

    mail.outbox = []
    page.get_by_role("link", name="Digests").first.click()
    page.locator("#result_list tbody input[name=_selected_action]").first.check()
    page.get_by_label("Action:").select_option(label="Send a test to me")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Test sent to editor@")
    [test_copy] = mail.outbox
    assert test_copy.to == [digest_editor.email]
    assert headlines_in(test_copy) == wanted

    page.locator("#result_list tbody input[name=_selected_action]").first.check()
    page.get_by_label("Action:").select_option(
        label="Queue for sending to all confirmed subscribers"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 deliveries queued")
    [sent] = [message for message in mail.outbox if message.to == [subscriber.email]]
    assert headlines_in(sent) == wanted
    html = sent.alternatives[0][0]
    positions = [html.index(headline.replace("'", "&#x27;")) for headline in wanted]
    assert positions == sorted(positions)
    assert Digest.objects.get().status != Digest.Status.DRAFT
