"""axe-core on the newsroom's working pages: the story editor and the moderators' queue, with
no serious or critical violation, on a laptop and on a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.comments.factories import CommentFactory
from tests.e2e.test_accessibility import AXE, BLOCKING_IMPACTS, describe
from tests.e2e.test_discussion import PASSWORD, moderator_login  # noqa: F401 - a fixture
from tests.e2e.test_newsroom_admin import editor, log_in, newsroom_groups  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_no_blocking_violations(page: Page, what: str, window: str):
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    others = [f"{v['id']} ({v['impact']})" for v in violations if v not in blocking]
    print(f"axe on {what} ({window}): minor or moderate: {others or 'none'}")
    assert not blocking, f"{what} ({window}):\n{describe(blocking)}"


def test_the_story_editor(page: Page, newsroom, editor, window):  # noqa: F811
    log_in(page, editor)
    page.goto(f"/admin/articles/article/{newsroom.lead.pk}/change/")
    expect(page.get_by_label("Headline:", exact=True)).to_have_value(newsroom.lead.headline)
    expect(page.get_by_label("Body of the story")).to_be_visible()  # the editor has started
    assert_no_blocking_violations(page, "the story editor", window)


def test_the_comment_queue(page: Page, newsroom, moderator_login, window):  # noqa: F811
    CommentFactory.create_batch(3, article=newsroom.lead, status="pending")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(moderator_login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/comments/comment/?queue=pending")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert_no_blocking_violations(page, "the comment queue", window)
