"""Browser test of the discussion: a reader signs up, confirms the email from the test outbox,
comments on a story and sees it awaiting moderation; a moderator approves it in the admin;
another reader sees it and replies."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from playwright.sync_api import Page, expect

from comments.models import Comment
from tests.comments.factories import UserFactory
from tests.e2e.conftest import TIMEOUT_MS, WINDOWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"
COMMENT = "The new line will change my commute: İstanbul needed this for years."
REPLY = "Agreed, and the fare is fair."


@pytest.fixture
def other_context(new_context, window):
    """A second browser (its own cookies) of the same size, for the moderator or another reader."""

    def make():
        context = new_context(**WINDOWS[window])
        context.set_default_timeout(TIMEOUT_MS)
        return context

    return make


@pytest.fixture
def moderator_login(transactional_db):
    """A newsroom moderator. The Moderators group is made here: transactional tests empty the
    tables the comments migration filled."""
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="comments"))
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(group)
    return user.username


def tick_guidelines_if_asked(form):
    box = form.get_by_label(re.compile("I have read the"))
    if box.count():
        box.check()


def test_sign_up_comment_moderate_and_reply(page: Page, newsroom, other_context, moderator_login):
    story = newsroom.lead

    # A reader arrives at the story: nothing to read yet, and a way in.
    page.goto(story.get_absolute_url())
    discussion = page.locator("#comments")
    expect(discussion).to_contain_text("No comments yet.")
    expect(discussion).to_contain_text("The floor is all yours.")
    discussion.get_by_role("link", name="create an account").click()

    # Sign up: email, display name, password.
    page.get_by_label("Email").fill("ayse@example.org")
    page.get_by_label("Display name").fill("Ayşe from Kadıköy")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    # The confirmation email is in the test outbox (the live server runs in this process).
    message = mail.outbox[-1]
    assert message.to == ["ayse@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Confirming signs the reader in and brings them back to the story's discussion.
    page.wait_for_url(re.compile(re.escape(story.get_absolute_url()) + "#comments$"))
    form = page.locator("#comment-form")
    expect(form).to_contain_text("Ayşe from Kadıköy")
    form.get_by_label("Your comment").fill(COMMENT)
    # One line about the limit: the help line itself counts down.
    expect(form.locator(".comment-form__counter")).to_have_text(
        f"Plain text, {3000 - len(COMMENT):,} of 3,000 characters left"
    )
    expect(form.get_by_text("characters")).to_have_count(1)
    tick_guidelines_if_asked(form)
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages")).to_contain_text("awaiting moderation")
    pending = page.locator(".comment--pending")
    expect(pending).to_contain_text("Awaiting moderation")
    expect(pending).to_contain_text(COMMENT)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    # A moderator approves it from the Pending queue in the admin.
    moderator = other_context().new_page()
    moderator.goto("/admin/login/")
    moderator.get_by_label("Username").fill(moderator_login)
    moderator.get_by_label("Password").fill(PASSWORD)
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto("/admin/comments/comment/?queue=pending")
    expect(moderator.locator("#changelist-filter")).to_contain_text("Pending (1)")
    expect(moderator.locator("#result_list")).to_contain_text("new commenter")
    moderator.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    moderator.locator('select[name="action"]').select_option("approve")
    moderator.locator('button[name="index"]').click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment(s) approved")

    # Another reader signs in, sees the comment and replies to it.
    UserFactory(email="mehmet@example.org", commenter__display_name="Mehmet")
    reader = other_context().new_page()
    reader.goto(story.get_absolute_url())
    expect(reader.locator("#comments")).to_contain_text(COMMENT)
    expect(reader.locator("#comments")).to_contain_text("Ayşe from Kadıköy")
    expect(reader.locator(".story__comment-count")).to_contain_text("1 comment")
    reader.locator("#comments").get_by_role("link", name="Log in to comment").click()
    reader.get_by_label("Email").fill("mehmet@example.org")
    reader.get_by_label("Password").fill("correct horse battery staple")
    reader.get_by_role("button", name="Log in").click()
    reader.wait_for_url(re.compile(re.escape(story.get_absolute_url())))
    thread = reader.locator(f"#comment-{comment.pk}")
    thread.get_by_text("Reply", exact=True).click()
    thread.get_by_label(re.compile("Your reply to")).fill(REPLY)
    tick_guidelines_if_asked(thread)
    thread.get_by_role("button", name="Post reply").click()
    expect(reader.locator(".comment--pending")).to_contain_text(REPLY)
    reply = Comment.objects.get(body=REPLY)
    assert reply.parent_id == comment.pk


def test_a_busy_discussion_and_my_comments_have_no_serious_accessibility_violations(
    page: Page, newsroom, window
):
    from axe_playwright_python.sync_playwright import Axe

    from tests.comments.factories import CommentFactory

    story = newsroom.lead
    reader = UserFactory(email="zeynep@example.org", commenter__display_name="Zeynep")
    head = CommentFactory(
        article=story, body="Featured: see https://example.org/a", is_featured=True
    )
    CommentFactory(article=story, parent=head, body="A reply")
    CommentFactory(article=story, author=reader, body="My approved words")
    CommentFactory(article=story, author=reader, status="pending", body="My pending words")
    CommentFactory(author=reader, status="rejected", rejection_reason="off_topic")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("zeynep@example.org")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("/")
    axe = Axe()
    for url in (story.get_absolute_url(), "/comments/mine/", "/comments/guidelines/"):
        page.goto(url)
        violations = axe.run(page).response["violations"]
        blocking = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert not blocking, f"{url} ({window}): " + "; ".join(
            f"{v['id']}: {v['nodes'][0]['html'][:160]}" for v in blocking
        )
    page.goto(story.get_absolute_url())
    expect(page.locator(".discussion__featured")).to_contain_text("Featured")
    link = page.locator(".discussion__featured a[href='https://example.org/a']")
    expect(link).to_have_attribute("rel", "nofollow ugc noopener")
