"""Workflows around comments: posting, moderating, reporting, sanctions, readers' profiles.

Every status change goes through here, in one transaction with the counters it affects:
``Discussion.comment_count`` (approved comments, shown on cards and the story header),
``Comment.reply_count`` (approved replies) and the author's ``Commenter`` history. Each
moderation decision writes one ``ModerationAction`` row (the audit log).
"""

import logging
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from articles.models import Article
from legal.models import Guidelines
from newsportal import ratelimit

from . import tasks
from .models import Comment, Commenter, Discussion, ModerationAction, Report
from .moderation import assess
from .text import normalise_body

logger = logging.getLogger(__name__)


class CommentError(Exception):
    """A reason a reader's request cannot be done, written for the reader."""


def commenter_for(user: AbstractBaseUser) -> Commenter:
    """The reader's commenter profile, made on first use (e.g. for staff made in the admin)."""
    commenter = getattr(user, "commenter", None)
    if commenter is None:
        commenter, _ = Commenter.objects.get_or_create(
            user=user, defaults={"display_name": (user.get_full_name() or "Reader")[:50]}
        )
    return commenter


def commenter_create(*, user: AbstractBaseUser, display_name: str) -> Commenter:
    """Give a new reader their public name in discussions (asked at sign-up, accounts app).

    A profile already made for them on first use (``commenter_for``) takes the chosen name.
    """
    commenter, _ = Commenter.objects.update_or_create(
        user=user, defaults={"display_name": display_name}
    )
    return commenter


def set_notify_on_reply(*, user: AbstractBaseUser, notify_on_reply: bool) -> None:
    """The reader's choice to be emailed when someone replies to one of their comments."""
    commenter = commenter_for(user)
    commenter.notify_on_reply = notify_on_reply
    commenter.save(update_fields=["notify_on_reply"])


def log_decision(
    action: str,
    *,
    moderator: AbstractBaseUser | None = None,
    comment: Comment | None = None,
    subject: AbstractBaseUser | None = None,
    reason: str = "",
) -> ModerationAction:
    """Write one line of the audit log, with snapshots that outlive the comment and account."""
    if subject is None and comment is not None:
        subject = comment.author
    subject_name = ""
    if subject is not None:
        commenter = getattr(subject, "commenter", None)
        subject_name = f"{commenter.display_name if commenter else ''} <{subject.email}>".strip()
    return ModerationAction.objects.create(
        action=action,
        moderator=moderator,
        moderator_name=moderator.get_username() if moderator else "(rules)",
        comment=comment,
        comment_excerpt=comment.excerpt[:100] if comment else "",
        subject=subject,
        subject_name=subject_name[:120],
        reason=reason[:300],
    )


def _step(name, delta):
    # Never below zero, even if a counter drifted (rows changed outside these services).
    return F(name) + 1 if delta > 0 else Greatest(F(name) - 1, Value(0))


def _count_visibility_change(comment, delta):
    """Keep the article's and the parent's counters in step when ``comment`` becomes visible
    (delta=1) or stops being visible (delta=-1)."""
    counted = Discussion.objects.filter(article_id=comment.article_id).update(
        comment_count=_step("comment_count", delta)
    )
    if not counted:
        # A story made without its discussion row (bulk_create, raw SQL): start the row from the
        # comments themselves, this change included.
        approved = Comment.objects.visible().filter(article_id=comment.article_id).count()
        Discussion.objects.bulk_create(
            [Discussion(article_id=comment.article_id, comment_count=approved)],
            ignore_conflicts=True,
        )
    if comment.parent_id:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=_step("reply_count", delta))


def _count_history(comment, old_status, new_status, now):
    if comment.author_id is None:
        return
    updates = {}
    if old_status == Comment.Status.APPROVED:
        updates["approved_count"] = _step("approved_count", -1)
    if new_status == Comment.Status.APPROVED:
        updates["approved_count"] = _step("approved_count", 1)
    bad = {Comment.Status.REJECTED, Comment.Status.SPAM}
    if new_status in bad and old_status not in bad:
        updates["rejected_count"] = F("rejected_count") + 1
        updates["last_rejected_at"] = now
    if updates:
        Commenter.objects.filter(user_id=comment.author_id).update(**updates)


def set_status(
    comment: Comment,
    status: str,
    *,
    by: AbstractBaseUser | None = None,
    reason: str = "",
    held_reasons: list[str] | None = None,
) -> None:
    """Change one comment's status with its counters; the caller holds a transaction."""
    old = comment.status
    now = timezone.now()
    comment.status = status
    comment.moderated_at = now
    comment.moderated_by = by
    if held_reasons is not None:
        comment.held_reasons = held_reasons
    if status == Comment.Status.REJECTED:
        comment.rejection_reason = reason or Comment.RejectionReason.OTHER
    elif status == Comment.Status.APPROVED:
        comment.rejection_reason = ""
        comment.held_reasons = []
    if status != Comment.Status.APPROVED:
        comment.is_featured = False
    comment.save(
        update_fields=[
            "status",
            "moderated_at",
            "moderated_by",
            "held_reasons",
            "rejection_reason",
            "is_featured",
        ]
    )
    if old != status:
        if Comment.Status.APPROVED in (old, status):
            _count_visibility_change(comment, 1 if status == Comment.Status.APPROVED else -1)
        _count_history(comment, old, status, now)


def post_comment(
    *,
    user: AbstractBaseUser,
    article_id: int,
    body: str,
    parent_id: int | None = None,
    token: str | uuid.UUID | None = None,
    ip: str | None = None,
    accepted_guidelines: bool = False,
    notify_on_reply: bool | None = None,
) -> Comment:
    """Store a reader's comment after every check, and return it.

    The same form submitted twice (same ``token``) returns the first comment again.
    """
    if token:
        existing = Comment.objects.filter(submission_token=token).first()
        if existing and existing.author_id == user.pk:
            return existing
        if existing:  # someone else's token (forged or replayed): not a double submission
            token = None
    article = Article.objects.published().select_related("discussion").filter(pk=article_id).first()
    if article is None:
        raise CommentError("This story does not exist or is not published.")
    if not Discussion.of(article).is_open:
        raise CommentError("Comments on this story are closed.")
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise CommentError("Please confirm your email address before commenting.")
    commenter = commenter_for(user)
    if not commenter.may_comment:
        raise CommentError(commenter.sanction_message)
    guidelines = Guidelines.objects.current_summary()
    if commenter.needs_to_accept(guidelines) and not accepted_guidelines:
        raise CommentError("Please confirm that you have read the community guidelines.")
    body = normalise_body(body or "")
    if not body:
        raise CommentError("Your comment is empty.")
    if len(body) > settings.COMMENTS_MAX_LENGTH:
        raise CommentError(
            f"Your comment is {len(body):,} characters long; the limit is "
            f"{settings.COMMENTS_MAX_LENGTH:,}."
        )
    parent = None
    if parent_id:
        parent = Comment.objects.filter(pk=parent_id).first()
        if parent is None or parent.article_id != article.pk:
            raise CommentError("The comment you replied to is not part of this story.")
        # Replies go one level deep: answering a reply answers its thread.
        if parent.parent_id:
            parent = parent.parent
        if parent.status != Comment.Status.APPROVED:
            raise CommentError("The comment you replied to is no longer available.")
    ratelimit.hit("comment-post-user", user.pk)
    ratelimit.hit("comment-post-user-hour", user.pk)
    if ip:
        ratelimit.hit("comment-post-ip", ip)

    verdict = assess(body=body, commenter=commenter, article=article)
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                author=user,
                parent=parent,
                body=body,
                status=Comment.Status.PENDING,
                held_reasons=verdict.held_reasons,
                guidelines_version=guidelines.version if guidelines else None,
                submission_token=token,
                ip_address=ip,
            )
            profile_fields = []
            if guidelines and commenter.needs_to_accept(guidelines):
                commenter.accepted_guidelines_version = guidelines.version
                profile_fields.append("accepted_guidelines_version")
            if notify_on_reply is not None and notify_on_reply != commenter.notify_on_reply:
                commenter.notify_on_reply = notify_on_reply
                profile_fields.append("notify_on_reply")
            if profile_fields:
                commenter.save(update_fields=profile_fields)
            if verdict.status == Comment.Status.REJECTED:
                words = ", ".join(verdict.banned_words)
                set_status(comment, verdict.status, reason=Comment.RejectionReason.BANNED_WORD)
                log_decision(
                    ModerationAction.Action.AUTO_REJECT, comment=comment, reason=f"banned: {words}"
                )
            elif verdict.status == Comment.Status.APPROVED:
                set_status(comment, verdict.status)
                _after_approval(comment)
    except IntegrityError:
        # Two requests with the same token raced: the other one stored the comment.
        existing = Comment.objects.filter(submission_token=token, author=user).first()
        if existing is None:
            raise
        return existing
    if comment.status == Comment.Status.REJECTED:
        raise CommentError(
            "Your comment was not published: it contains language our community guidelines "
            "do not allow. Please rephrase it."
        )
    return comment


def new_submission_token() -> str:
    return str(uuid.uuid4())


def _queue_on_commit(task, *args):
    """Queue ``task`` once the current transaction commits (and not at all if it rolls back).

    The decision is stored by then: a queue that cannot be reached is logged, and never turns the
    reader's or moderator's request into an error.
    """

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(enqueue)


def _after_approval(comment):
    if comment.parent_id:
        _queue_on_commit(tasks.send_reply_notification, comment.pk)


def approve(comment: Comment, *, by: AbstractBaseUser) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.status == Comment.Status.APPROVED and not comment.report_count:
            return comment
        first_decision = comment.moderated_at is None
        set_status(comment, Comment.Status.APPROVED, by=by)
        _resolve_reports(comment)
        log_decision(ModerationAction.Action.APPROVE, moderator=by, comment=comment)
        if first_decision:
            _after_approval(comment)
    return comment


def reject(comment: Comment, *, by: AbstractBaseUser, reason: str) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        set_status(comment, Comment.Status.REJECTED, by=by, reason=reason)
        _resolve_reports(comment)
        log_decision(
            ModerationAction.Action.REJECT,
            moderator=by,
            comment=comment,
            reason=comment.get_rejection_reason_display(),
        )
        _queue_on_commit(tasks.send_rejection_notice, comment.pk)
    return comment


def mark_spam(comment: Comment, *, by: AbstractBaseUser) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        set_status(comment, Comment.Status.SPAM, by=by)
        _resolve_reports(comment)
        log_decision(ModerationAction.Action.SPAM, moderator=by, comment=comment)
    return comment


def set_featured(comment: Comment, *, by: AbstractBaseUser, featured: bool = True) -> Comment:
    if featured and (comment.status != Comment.Status.APPROVED or comment.parent_id):
        raise CommentError("Only approved top-level comments can be featured.")
    with transaction.atomic():
        comment.is_featured = featured
        comment.save(update_fields=["is_featured"])  # a save, so cached story pages refresh
        action = ModerationAction.Action.FEATURE if featured else ModerationAction.Action.UNFEATURE
        log_decision(action, moderator=by, comment=comment)
    return comment


def _resolve_reports(comment):
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    if comment.report_count:
        comment.report_count = 0
        comment.save(update_fields=["report_count"])


def report_comment(
    *, user: AbstractBaseUser, comment_id: int, reason: str, ip: str | None = None
) -> Comment:
    """A reader flags a comment. After COMMENTS_REPORT_THRESHOLD reports from different readers
    an approved comment is hidden (back to pending) until a moderator reviews it."""
    if reason not in Report.Reason.values:
        raise CommentError("Please choose why you are reporting this comment.")
    comment = Comment.objects.visible().filter(pk=comment_id).first()
    if comment is None:
        raise CommentError("This comment is not available.")
    if comment.author_id == user.pk:
        raise CommentError("You cannot report your own comment.")
    commenter = commenter_for(user)
    if not commenter.may_comment:
        raise CommentError(commenter.sanction_message)
    ratelimit.hit("comment-report-user", user.pk)
    if ip:
        ratelimit.hit("comment-report-ip", ip)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Report.objects.create(comment=comment, reporter=user, reason=reason)
        except IntegrityError:
            return comment  # already reported by this reader: counted once
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if (
            comment.status == Comment.Status.APPROVED
            and comment.report_count >= settings.COMMENTS_REPORT_THRESHOLD
        ):
            reasons = [f"reports ({comment.report_count})"]
            set_status(comment, Comment.Status.PENDING, held_reasons=reasons)
            log_decision(ModerationAction.Action.HIDE, comment=comment, reason=reasons[0])
    return comment


def delete_own_comment(*, user: AbstractBaseUser, comment_id: int) -> Comment:
    """The author withdraws a comment: its text is erased; replies by others stay under a
    "deleted" placeholder."""
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id, author=user).first()
        if comment is None:
            raise CommentError("This comment is not yours or no longer exists.")
        if comment.status == Comment.Status.DELETED:
            return comment
        set_status(comment, Comment.Status.DELETED)
        comment.body = ""
        comment.is_featured = False
        comment.save(update_fields=["body", "is_featured"])
    return comment


def delete_own_comments(*, user: AbstractBaseUser) -> None:
    """Withdraw every comment of the reader, as ``delete_own_comment`` does one at a time: the
    text is erased, counters follow, threads with replies keep a "deleted" placeholder."""
    with transaction.atomic():
        for comment in Comment.objects.filter(author=user).exclude(status=Comment.Status.DELETED):
            delete_own_comment(user=user, comment_id=comment.pk)


def erase_comment(comment: Comment) -> None:
    """Delete a comment row (and its replies) for good, keeping the counters right. The admin's
    delete, for superusers only; moderators reject instead, which keeps a trace."""
    now = timezone.now()
    with transaction.atomic():
        for gone in [*comment.replies.filter(status=Comment.Status.APPROVED), comment]:
            if gone.status == Comment.Status.APPROVED:
                _count_visibility_change(gone, -1)
                _count_history(gone, Comment.Status.APPROVED, Comment.Status.DELETED, now)
        comment.delete()
