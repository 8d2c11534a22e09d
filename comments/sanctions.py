"""Moderators' sanctions on readers: suspension for a time, a ban for good, and lifting them.

Each one is a line of the audit log; a ban can also hide the reader's past comments.
"""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from .models import Comment, Commenter, ModerationAction
from .services import log_decision, set_status


def suspend(
    commenter: Commenter,
    *,
    by: AbstractBaseUser,
    until: datetime | None = None,
    reason: str,
    hide_comments: bool = False,
) -> None:
    """Suspend a reader until ``until``, or ban them for good when ``until`` is None."""
    with transaction.atomic():
        commenter.is_banned = until is None
        commenter.suspended_until = until
        commenter.sanction_reason = reason[:300]
        commenter.save(update_fields=["is_banned", "suspended_until", "sanction_reason"])
        action = ModerationAction.Action.BAN if until is None else ModerationAction.Action.SUSPEND
        detail = reason if until is None else f"until {until:%Y-%m-%d %H:%M}: {reason}"
        if hide_comments:
            detail += " (past comments hidden)"
        log_decision(action, moderator=by, subject=commenter.user, reason=detail)
        if hide_comments:
            hidden = Comment.objects.select_for_update().filter(
                author_id=commenter.user_id, status=Comment.Status.APPROVED
            )
            for comment in hidden:
                set_status(
                    comment, Comment.Status.REJECTED, by=by, reason=Comment.RejectionReason.OTHER
                )


def lift_sanction(commenter: Commenter, *, by: AbstractBaseUser) -> None:
    with transaction.atomic():
        commenter.is_banned = False
        commenter.suspended_until = None
        commenter.sanction_reason = ""
        commenter.save(update_fields=["is_banned", "suspended_until", "sanction_reason"])
        log_decision(ModerationAction.Action.LIFT, moderator=by, subject=commenter.user)
