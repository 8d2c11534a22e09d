"""Moderation in the admin for the Moderators group: queues, bulk actions, sanctions, audit log."""

import csv
import io

import pytest
from django.urls import reverse

from comments.models import Comment, Commenter, ModerationAction, WordRule
from tests.comments.factories import CommentFactory, UserFactory, moderator

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def mod_client(client):
    user = moderator()
    client.force_login(user)
    client.user = user
    return client


def act(client, action, comments, url=CHANGELIST):
    return client.post(
        url,
        {"action": action, "_selected_action": [c.pk for c in comments], "index": 0},
    )


def test_queues_show_their_counts_oldest_first_with_why_held(mod_client):
    CommentFactory.create_batch(2)
    older = CommentFactory(status="pending", held_reasons=["new user"], body="Older pending")
    newer = CommentFactory(
        status="pending", held_reasons=["suspect word: istifa"], body="Newer pending"
    )
    CommentFactory(status="spam")
    response = mod_client.get(CHANGELIST + "?queue=pending")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pending (2)" in html and "Approved (2)" in html and "Spam (1)" in html
    assert "Reported (0)" in html
    assert html.index("Older pending") < html.index("Newer pending")
    assert "suspect word: istifa" in html and "new commenter" in html
    assert list(response.context["cl"].result_list) == [older, newer]
    newest_first = mod_client.get(CHANGELIST + "?queue=pending&order=newest")
    assert list(newest_first.context["cl"].result_list) == [newer, older]


def test_the_queue_page_runs_a_fixed_number_of_queries(mod_client, django_assert_max_num_queries):
    # Each page must be the queue itself: a redirect (to the login, or "?e=1" for a filter the
    # list refused) runs few queries and would pass the count.
    CommentFactory.create_batch(3, status="pending")
    assert mod_client.get(CHANGELIST + "?queue=pending").status_code == 200
    CommentFactory.create_batch(40, status="pending")
    with django_assert_max_num_queries(20) as captured:
        response = mod_client.get(CHANGELIST + "?queue=pending")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 43
    few = len(captured)
    CommentFactory.create_batch(5, status="pending")
    with django_assert_max_num_queries(few):
        response = mod_client.get(CHANGELIST + "?queue=pending")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 48


def test_bulk_approve_reject_with_reason_spam_and_feature(mod_client):
    first, second, third = CommentFactory.create_batch(3, status="pending")
    act(mod_client, "approve", [first])
    act(mod_client, "reject_off_topic", [second])
    act(mod_client, "mark_spam", [third])
    act(mod_client, "feature", [first])
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.status == "approved" and first.is_featured
    assert (second.status, second.rejection_reason) == ("rejected", "off_topic")
    assert third.status == "spam"
    actions = set(ModerationAction.objects.values_list("action", "moderator"))
    mod_id = mod_client.user.pk
    assert actions == {
        ("approve", mod_id),
        ("reject", mod_id),
        ("spam", mod_id),
        ("feature", mod_id),
    }


def test_readers_and_other_staff_cannot_moderate(client):
    comment = CommentFactory(status="pending")
    client.force_login(UserFactory())
    assert client.get(CHANGELIST).status_code == 302  # to the admin login
    client.force_login(UserFactory(is_staff=True))
    assert client.get(CHANGELIST).status_code == 403
    act(client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_suspending_and_banning_from_the_admin(mod_client):
    reader = UserFactory()
    comment = CommentFactory(author=reader)
    url = reverse("admin:comments_commenter_changelist")
    act(mod_client, "suspend_7_days", [reader.commenter], url)
    reader.commenter.refresh_from_db()
    assert reader.commenter.is_suspended
    act(mod_client, "ban_and_hide", [reader.commenter], url)
    reader.commenter.refresh_from_db()
    comment.refresh_from_db()
    assert reader.commenter.is_banned and comment.status == "rejected"
    act(mod_client, "lift", [reader.commenter], url)
    assert Commenter.objects.get(pk=reader.commenter.pk).may_comment
    assert ModerationAction.objects.filter(action__in=["suspend", "ban", "lift"]).count() == 3


def test_the_audit_log_is_read_only_and_exports_as_csv(mod_client):
    comment = CommentFactory(status="pending", body='He said "hi", then left')
    act(mod_client, "reject_abusive", [comment])
    entry = ModerationAction.objects.get()
    url = reverse("admin:comments_moderationaction_changelist")
    assert mod_client.get(url).status_code == 200
    assert mod_client.get(reverse("admin:comments_moderationaction_add")).status_code == 403
    detail = reverse("admin:comments_moderationaction_change", args=[entry.pk])
    mod_client.post(detail, {"reason": "rewritten"})
    entry.refresh_from_db()
    assert entry.reason != "rewritten"
    response = mod_client.post(
        url, {"action": "export_as_csv", "_selected_action": [entry.pk], "index": 0}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "when (UTC)"
    assert rows[1][1] == mod_client.user.username
    assert rows[1][2] == "Rejected"
    assert rows[1][5] == 'He said "hi", then left'


def test_moderators_keep_the_word_lists(mod_client):
    url = reverse("admin:comments_wordrule_add")
    response = mod_client.post(url, {"phrase": "  İdiot ", "kind": "banned"})
    assert response.status_code == 302
    assert WordRule.objects.get().folded == "idiot"
    response = mod_client.post(url, {"phrase": "IDIOT", "kind": "banned"})
    assert response.status_code == 200
    assert "already on that list" in response.content.decode()


def test_a_comment_change_page_shows_reports_and_history(mod_client):
    comment = CommentFactory()
    response = mod_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert response.status_code == 200
    assert Comment.objects.get(pk=comment.pk).body in response.content.decode()


def test_moderators_open_pre_moderate_or_close_a_storys_discussion(mod_client):
    from comments.models import Discussion
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    Discussion.objects.filter(article=article).update(comment_count=7)
    url = reverse("admin:comments_discussion_change", args=[article.pk])
    page = mod_client.get(url)
    assert page.status_code == 200
    assert "Comments close by themselves 14 days after publication." in page.content.decode()
    listed = mod_client.get(reverse("admin:comments_discussion_changelist"))
    assert article.headline in listed.content.decode()
    response = mod_client.post(url, {"mode": "closed"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.discussion.mode, article.discussion.comment_count) == ("closed", 7)
    # The story itself stays out of their reach.
    edit = reverse("admin:articles_article_change", args=[article.pk])
    mod_client.post(edit, {"headline": "Changed"})
    article.refresh_from_db()
    assert article.headline != "Changed"


def test_a_suspension_set_on_the_readers_page_is_logged(mod_client):
    reader = UserFactory()
    url = reverse("admin:comments_commenter_change", args=[reader.commenter.pk])
    response = mod_client.post(
        url,
        {
            "display_name": reader.commenter.display_name,
            "suspended_until_0": "2099-01-01",
            "suspended_until_1": "12:00:00",
            "sanction_reason": "Repeated personal attacks.",
        },
    )
    assert response.status_code == 302
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.subject, entry.reason) == (
        "suspend",
        reader,
        "Repeated personal attacks.",
    )


def test_a_word_added_anywhere_applies_to_the_next_comment():
    from comments.moderation import word_rules

    assert word_rules()["banned"] == []
    WordRule.objects.create(phrase="Kötü", kind="banned")
    assert word_rules()["banned"] == ["kötü"]


def test_a_superuser_deleting_comments_keeps_the_counts_right(admin_client):
    head = CommentFactory()
    CommentFactory(article=head.article, parent=head)
    other = CommentFactory(article=head.article)
    admin_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [head.pk], "post": "yes"},
    )
    head.article.refresh_from_db()
    assert head.article.discussion.comment_count == 1
    assert list(Comment.objects.all()) == [other]
