"""What pages a discussion is on, and what a comment's change purges (newsportal/surrogate.py).

A story's discussion is ``discussion-<story id>``: its page and the thread pages show the
comments, and every card that shows the story's comment count loaded its Discussion row. Only
what readers see purges: a comment held for moderation purges nothing until it is approved; an
approved comment that is edited, rejected or deleted purges its discussion.
"""

from newsportal import surrogate

from .models import Comment, Commenter, Discussion, ModerationAction, Report, WordRule


def discussion_key(article_id) -> str:
    return f"discussion-{article_id}"


def register_loaded_rows() -> None:
    surrogate.register_model(Discussion, lambda row: discussion_key(row.article_id))
    surrogate.register_model(Comment, lambda row: row.article_id and discussion_key(row.article_id))
    surrogate.register_model(Commenter, lambda row: row.user_id and f"commenter-{row.user_id}")


@surrogate.purge_rule(Comment)
def comment_change(comment, *, created, deleted):
    visible = Comment.Status.APPROVED
    was_visible = getattr(comment, "_loaded_status", None) == visible
    if comment.status == visible or was_visible:
        return {discussion_key(comment.article_id)}
    return set()


@surrogate.purge_rule(Discussion)
def discussion_change(discussion, *, created, deleted):
    return set() if created else {discussion_key(discussion.article_id)}


@surrogate.purge_rule(Commenter)
def commenter_change(commenter, *, created, deleted):
    # A new display name shows on every comment of theirs.
    return set() if created else {f"commenter-{commenter.user_id}"}


@surrogate.purge_rule(Report, WordRule, ModerationAction)
def moderators_only(row, *, created, deleted):
    return set()
