"""Browser tests of the moderators' desk: five pending comments cleared with the keyboard alone,
without a page reload, each decision stored and logged; the keys listed in a dialog, and none of
them at work while the moderator types."""

import re

import pytest
from playwright.sync_api import Page, expect

from comments.models import Comment, ModerationAction
from tests.comments.factories import CommentFactory
from tests.e2e.test_accessibility import AXE, BLOCKING_IMPACTS, describe
from tests.e2e.test_discussion import PASSWORD, moderator_login  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHORTCUTS = [
    ("j or ↓", "Next comment"),
    ("k or ↑", "Previous comment"),
    ("a", "Approve the comment"),
    ("r", "Reject the comment, for the reason chosen in its row"),
    ("s", "Mark the comment as spam"),
    ("f", "Feature the comment"),
    ("?", "Show this list"),
    ("Esc", "Close this list"),
]


def open_the_queue(page: Page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/comments/comment/")
    expect(page).to_have_url(re.compile(r"/admin/comments/comment/\?queue=pending$"))


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
    open_the_queue(page, moderator_login)
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


def test_question_mark_lists_the_keys_in_a_dialog_and_typing_works_no_key(
    page: Page,
    newsroom,
    moderator_login,  # noqa: F811
):
    comments = [
        CommentFactory(article=newsroom.lead, status="pending", body=f"Waiting comment {n}")
        for n in range(2)
    ]
    open_the_queue(page, moderator_login)
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_hidden()

    # "?" opens the list over the queue, with the focus in it; keys pressed there decide nothing.
    page.keyboard.press("j")
    expect(rows.first).to_be_focused()
    page.keyboard.press("?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    expect(dialog.locator("dt")).to_have_text([keys for keys, _ in SHORTCUTS])
    expect(dialog.locator("dd")).to_have_text([does for _, does in SHORTCUTS])
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)
    for key in ("a", "j", "s"):
        page.keyboard.press(key)
    expect(dialog).to_be_visible()
    # Esc closes it, and the moderator is back on the comment they were on.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(rows.first).to_be_focused()
    expect(rows.first).to_have_class(re.compile(r"\bdesk-current\b"))

    # The visible button opens the same list, from the keyboard too, and gets the focus back.
    button = page.get_by_role("button", name="Keyboard shortcuts")
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()

    # Typing in the search box types; no key moves, decides or opens the list.
    search = page.locator("#searchbar")
    search.click()
    search.press_sequentially("jars?fk")
    expect(search).to_have_value("jars?fk")
    expect(dialog).to_be_hidden()
    expect(rows.nth(1)).not_to_have_class(re.compile(r"\bdesk-current\b"))
    expect(page.locator("#result_list tr.desk-busy, #result_list tr.desk-done")).to_have_count(0)
    expect(page.locator("[role=status]")).to_be_empty()
    assert [Comment.objects.get(pk=c.pk).status for c in comments] == ["pending", "pending"]
    assert not ModerationAction.objects.exists()
