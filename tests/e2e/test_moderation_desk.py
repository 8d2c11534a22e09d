"""Browser test of the moderators' desk: five pending comments cleared with the keyboard alone,
without a page reload, each decision stored and logged."""

import re

import pytest
from playwright.sync_api import Page, expect

from comments.models import Comment, ModerationAction
from tests.comments.factories import CommentFactory
from tests.e2e.test_discussion import PASSWORD, moderator_login  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_clears_five_pending_comments_with_the_keyboard(
    page: Page,
    newsroom,
    moderator_login,  # noqa: F811
):
    story = newsroom.lead
    comments = [
        CommentFactory(article=story, status="pending", body=f"Pending comment number {n}")
        for n in range(5)
    ]
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(moderator_login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/comments/comment/")
    expect(page).to_have_url(re.compile(r"/admin/comments/comment/\?queue=pending$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(5)
    page.evaluate("window.__notReloaded = true")

    # Oldest first: j focuses the first row; then approve, reject, spam, skip, approve, approve.
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator("[role=status]")).to_contain_text("Approved")
    page.keyboard.press("r")
    expect(page.locator("[role=status]")).to_contain_text("Rejected")
    page.keyboard.press("s")
    expect(page.locator("[role=status]")).to_contain_text("spam")
    page.keyboard.press("a")
    page.keyboard.press("a")
    expect(page.locator("#result_list tr.desk-done")).to_have_count(5)
    assert page.evaluate("window.__notReloaded") is True  # no reload happened

    statuses = [Comment.objects.get(pk=c.pk).status for c in comments]
    assert statuses == ["approved", "rejected", "spam", "approved", "approved"]
    assert ModerationAction.objects.filter(moderator__username=moderator_login).count() == 5
