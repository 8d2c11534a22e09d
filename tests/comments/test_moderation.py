"""Moderation decisions, reports, sanctions and what they do to counters, emails and the log."""

import smtplib
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_finished

from comments import sanctions, services
from comments.models import Comment, ModerationAction, Report
from newsportal.ratelimit import RateLimited
from tests.comments.factories import (
    CommentFactory,
    UserFactory,
    moderator,
    rate_limits,
    trusted_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod():
    return moderator()


def pending(**kwargs):
    return CommentFactory(status=Comment.Status.PENDING, held_reasons=["new user"], **kwargs)


def test_approving_publishes_and_counts_and_logs(mod):
    comment = pending()
    services.approve(comment, by=mod)
    comment.refresh_from_db()
    comment.article.refresh_from_db()
    comment.author.commenter.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.held_reasons == []
    assert comment.article.discussion.comment_count == 1
    assert comment.author.commenter.approved_count == 1
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.moderator, entry.comment) == ("approve", mod, comment)


def test_approving_twice_counts_once(mod):
    comment = pending()
    services.approve(comment, by=mod)
    services.approve(comment, by=mod)
    comment.article.refresh_from_db()
    assert comment.article.discussion.comment_count == 1


def test_rejecting_an_approved_comment_takes_it_off_the_count_and_emails_the_reason(
    mod, django_capture_on_commit_callbacks
):
    comment = pending()
    services.approve(comment, by=mod)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(comment, by=mod, reason=Comment.RejectionReason.OFF_TOPIC)
    comment.refresh_from_db()
    comment.article.refresh_from_db()
    commenter = comment.author.commenter
    commenter.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.article.discussion.comment_count == 0
    assert (commenter.approved_count, commenter.rejected_count) == (0, 1)
    assert commenter.last_rejected_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [comment.author.email]
    assert "Off-topic" in mail.outbox[0].body
    assert ModerationAction.objects.filter(action="reject", reason="Off-topic").exists()


def test_spam_is_its_own_status(mod):
    comment = pending()
    services.mark_spam(comment, by=mod)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM


def test_a_reply_counts_on_its_parent_and_the_story(mod):
    parent = CommentFactory()
    reply = pending(article=parent.article, parent=parent)
    services.approve(reply, by=mod)
    parent.refresh_from_db()
    parent.article.refresh_from_db()
    assert parent.reply_count == 1
    assert parent.article.discussion.comment_count == 2


def test_reply_emails_go_only_to_authors_who_opted_in(mod, django_capture_on_commit_callbacks):
    wants = UserFactory(commenter__notify_on_reply=True)
    does_not = UserFactory()
    first = CommentFactory(author=wants)
    second = CommentFactory(author=does_not, article=first.article)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(pending(article=first.article, parent=first, body="Well said"), by=mod)
        services.approve(pending(article=first.article, parent=second), by=mod)
    assert [message.to for message in mail.outbox] == [[wants.email]]
    assert "Well said" in mail.outbox[0].body


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPConnectError(421, b"Cannot connect to the mail server")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)


@pytest.fixture
def finished_tasks():
    """The statuses of the tasks run (at once, in tests) while the test runs."""
    statuses = []

    def record(sender, task_result, **kwargs):
        statuses.append((task_result.task.name, task_result.status))

    task_finished.connect(record)
    yield statuses
    task_finished.disconnect(record)


def test_rejecting_while_the_mail_server_is_down_rejects_and_records_the_failed_email(
    mod, mail_server_down, finished_tasks, django_capture_on_commit_callbacks
):
    comment = pending()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(comment, by=mod, reason=Comment.RejectionReason.ABUSIVE)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert ModerationAction.objects.filter(action="reject", comment=comment).exists()
    assert finished_tasks == [("send_rejection_notice", "FAILED")]
    assert mail.outbox == []


def test_a_bulk_reject_while_the_mail_server_is_down_rejects_every_comment(
    client, mod, mail_server_down, finished_tasks, django_capture_on_commit_callbacks
):
    comments = [pending() for _ in range(3)]
    client.force_login(mod)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:comments_comment_changelist"),
            {
                "action": "reject_advertising",
                "_selected_action": [c.pk for c in comments],
                "index": 0,
            },
        )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.REJECTED}
    assert ModerationAction.objects.filter(action="reject").count() == 3
    assert finished_tasks == [("send_rejection_notice", "FAILED")] * 3


# A real commit, so the reply's notification is queued inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_trusted_readers_reply_while_the_mail_server_is_down_is_published_once(
    client, mail_server_down, finished_tasks
):
    parent = CommentFactory(author=UserFactory(commenter__notify_on_reply=True))
    client.force_login(trusted_user())
    response = client.post(
        reverse("comments:post", args=[parent.article_id]),
        {
            "body": "A reply that should reach its thread.",
            "parent": parent.pk,
            "token": str(uuid.uuid4()),
            "accept_guidelines": "on",
        },
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Comment.Status.APPROVED
    assert finished_tasks == [("send_reply_notification", "FAILED")]


def test_a_queue_that_cannot_be_reached_is_logged_and_the_decision_stands(
    mod, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(self, task, args, kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(ImmediateBackend, "enqueue", refuse)
    comment = pending()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(comment, by=mod, reason=Comment.RejectionReason.OFF_TOPIC)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert "Could not queue send_rejection_notice" in caplog.text


def test_only_approved_top_level_comments_can_be_featured(mod):
    with pytest.raises(services.CommentError):
        services.set_featured(pending(), by=mod)
    reply = CommentFactory(parent=CommentFactory())
    with pytest.raises(services.CommentError):
        services.set_featured(reply, by=mod)
    comment = CommentFactory()
    services.set_featured(comment, by=mod)
    comment.refresh_from_db()
    assert comment.is_featured


@override_settings(COMMENTS_REPORT_THRESHOLD=3)
def test_a_comment_is_hidden_after_k_reports_from_different_readers(mod):
    comment = CommentFactory()
    first = UserFactory()
    services.report_comment(user=first, comment_id=comment.pk, reason="abusive")
    services.report_comment(user=first, comment_id=comment.pk, reason="spam")  # counted once
    services.report_comment(user=UserFactory(), comment_id=comment.pk, reason="off_topic")
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Comment.Status.APPROVED, 2)
    assert Comment.objects.reported().filter(pk=comment.pk).exists()
    services.report_comment(user=UserFactory(), comment_id=comment.pk, reason="other")
    comment.refresh_from_db()
    comment.article.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reasons == ["reports (3)"]
    assert comment.article.discussion.comment_count == 0
    assert ModerationAction.objects.filter(action="hide", moderator=None).exists()
    # A moderator who finds it fine puts it back and closes the reports.
    services.approve(comment, by=mod)
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Comment.Status.APPROVED, 0)
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_readers_cannot_report_their_own_or_invisible_comments():
    comment = CommentFactory()
    with pytest.raises(services.CommentError):
        services.report_comment(user=comment.author, comment_id=comment.pk, reason="spam")
    with pytest.raises(services.CommentError):
        services.report_comment(user=UserFactory(), comment_id=pending().pk, reason="spam")
    with pytest.raises(services.CommentError):
        services.report_comment(user=UserFactory(), comment_id=comment.pk, reason="bogus")


def test_a_ban_can_hide_past_comments_and_is_logged(mod):
    comment = CommentFactory()
    commenter = comment.author.commenter
    sanctions.suspend(commenter, by=mod, until=None, reason="Hate speech.", hide_comments=True)
    comment.refresh_from_db()
    commenter.refresh_from_db()
    assert commenter.is_banned and not commenter.may_comment
    assert comment.status == Comment.Status.REJECTED
    entry = ModerationAction.objects.get(action="ban")
    assert entry.subject == comment.author
    assert "Hate speech." in entry.reason


def test_a_suspension_until_a_date_then_lifted(mod):
    commenter = UserFactory().commenter
    sanctions.suspend(commenter, by=mod, until=timezone.now() + timedelta(days=7), reason="Rude.")
    assert commenter.is_suspended
    assert "Rude." in commenter.sanction_message
    sanctions.lift_sanction(commenter, by=mod)
    commenter.refresh_from_db()
    assert commenter.may_comment
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["lift", "suspend"]


def test_authors_delete_their_comments_and_replies_keep_a_placeholder(client):
    comment = CommentFactory()
    reply = CommentFactory(article=comment.article, parent=comment, body="A reply")
    client.force_login(comment.author)
    response = client.post(f"/comments/{comment.pk}/delete/")
    assert response.status_code == 302
    comment.refresh_from_db()
    comment.article.refresh_from_db()
    assert (comment.status, comment.body) == (Comment.Status.DELETED, "")
    assert comment.article.discussion.comment_count == 1
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert "This comment was deleted by its author." in page
    assert reply.body in page


def test_readers_cannot_delete_others_comments(client):
    comment = CommentFactory()
    client.force_login(UserFactory())
    client.post(f"/comments/{comment.pk}/delete/")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize("name", ["report", "delete"])
def test_writing_views_reject_get(client, name):
    comment = CommentFactory()
    client.force_login(UserFactory())
    assert client.get(f"/comments/{comment.pk}/{name}/").status_code == 405


def test_reporting_through_the_page(client):
    comment = CommentFactory()
    client.force_login(UserFactory())
    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "abusive"})
    assert response.status_code == 302
    assert Report.objects.get().reason == "abusive"
    assert "A moderator will look" in client.get(response["Location"]).content.decode()
    client.post(f"/comments/{comment.pk}/report/", {"reason": "<script>"})
    assert Report.objects.count() == 1


@override_settings(RATE_LIMITS=rate_limits(report_user=(2, 60)))
def test_reporting_is_rate_limited():
    reader = UserFactory()
    for _ in range(2):
        services.report_comment(user=reader, comment_id=CommentFactory().pk, reason="spam")
    with pytest.raises(RateLimited):
        services.report_comment(user=reader, comment_id=CommentFactory().pk, reason="spam")


@override_settings(RATE_LIMITS=rate_limits(report_ip=(2, 60)))
def test_reporting_is_rate_limited_per_ip_address_across_accounts(client):
    comment = CommentFactory()
    url = reverse("comments:report", args=[comment.pk])
    for _ in range(3):
        client.force_login(UserFactory())
        response = client.post(url, {"reason": "spam"}, REMOTE_ADDR="203.0.113.7")
    assert Report.objects.count() == 2
    assert "too often" in client.get(response["Location"]).content.decode()
    client.force_login(UserFactory())
    client.post(url, {"reason": "spam"}, REMOTE_ADDR="198.51.100.4")
    assert Report.objects.count() == 3


def test_recount_comments_repairs_drifted_counters():
    from io import StringIO

    from django.core.management import call_command

    from comments.models import Commenter, Discussion

    head = CommentFactory()
    CommentFactory(article=head.article, parent=head, author=head.author)
    CommentFactory(article=head.article, author=head.author, status="spam")
    Discussion.objects.update(comment_count=99)
    Comment.objects.update(reply_count=42)
    Commenter.objects.update(approved_count=0, rejected_count=7)

    out = StringIO()
    call_command("recount_comments", stdout=out)

    head.refresh_from_db()
    head.article.refresh_from_db()
    commenter = Commenter.objects.get(user=head.author)
    assert head.article.discussion.comment_count == 2
    assert head.reply_count == 1
    assert (commenter.approved_count, commenter.rejected_count) == (2, 1)
    assert "Recounted" in out.getvalue()


def test_recount_comments_gives_a_story_without_its_discussion_row_one():
    from django.core.management import call_command

    from comments.models import Discussion

    comment = CommentFactory()
    Discussion.objects.filter(article=comment.article).delete()  # as a bulk_create would leave it

    call_command("recount_comments", stdout=StringIO())

    assert Discussion.objects.get(article=comment.article).comment_count == 1
