"""What the discussion under a story shows, read in a fixed number of queries.

With no approved comment it runs no query for comments; otherwise featured comments, one page
of threads and their first replies (three queries, none while the list, the same for every
reader, is in the fragment cache: comments/fragments.py), plus, for a signed-in reader, their
commenter profile and their own comments awaiting moderation (two more). The community
guidelines come from the cache. Nothing here reads a request or writes anything.
"""

from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection

from articles.models import Article
from legal.models import CurrentGuidelines, Guidelines

from .forms import CommentForm, ReportForm
from .fragments import comment_list as comments_under
from .models import Comment, Commenter, Discussion
from .services import new_submission_token

OWN_PENDING_SHOWN = 20


@dataclass(frozen=True)
class DiscussionContext:
    """Everything templates/comments/_discussion_block.html shows, ready to render."""

    article: Article
    user: AbstractBaseUser | AnonymousUser
    comment_count: int
    comments_open: bool
    can_post: bool
    guidelines: CurrentGuidelines | None
    needs_to_accept: bool
    commenter: Commenter | None
    sanction: str
    own_pending: list[Comment] | None
    comment_list: dict  # comments.fragments.comment_list: the same for every reader
    form: CommentForm
    draft: dict
    draft_note: str
    report_form: ReportForm
    max_length: int

    def as_template_context(self) -> dict:
        # Not dataclasses.asdict(), which would deep-copy the comments and the forms.
        return {field.name: getattr(self, field.name) for field in fields(self)}


def _commenter_with_pending(user, article) -> Commenter | None:
    """The reader's commenter row, with whether they have comments awaiting moderation under
    ``article`` (``has_pending_here``): most signed-in readers' pages then need one query here,
    not two. Written out: it runs on every signed-in reader's story page, and building it
    through the ORM cost more than running it."""
    quote = connection.ops.quote_name
    comments = Comment._meta
    rows = Commenter.objects.raw(
        f"SELECT c.*, EXISTS (SELECT 1 FROM {quote(comments.db_table)} p"  # noqa: S608 - names
        f" WHERE p.{quote(comments.get_field('article').column)} = %s"
        f" AND p.{quote(comments.get_field('author').column)} = %s"
        f" AND p.{quote(comments.get_field('status').column)} = %s) AS has_pending_here"
        f" FROM {quote(Commenter._meta.db_table)} c"
        f" WHERE c.{quote(Commenter._meta.get_field('user').column)} = %s",
        [article.pk, user.pk, Comment.Status.PENDING.value, user.pk],
    )
    return next(iter(rows), None)


def discussion_for(
    *,
    article: Article,
    user: AbstractBaseUser | AnonymousUser,
    newest_first: bool,
    after: int | None,
    draft: dict | None,
) -> DiscussionContext:
    """The discussion under ``article`` for ``user`` (anonymous or signed in).

    ``after``: the last thread of the previous page (threads are paged by id, oldest or newest
    first); ``draft``: what the reader wrote in a post that failed (comments.reader.pop_draft).
    The story should come with its discussion (``Article.objects.for_cards()``).
    """
    discussion = Discussion.of(article)
    draft = draft or {}

    comment_list = comments_under(
        article=article,
        comment_count=discussion.comment_count,
        newest_first=newest_first,
        after=after,
    )

    commenter = own_pending = None
    if user.is_authenticated:
        commenter = _commenter_with_pending(user, article)
        own_pending = []
        if commenter is None or commenter.has_pending_here:
            own_pending = list(
                Comment.objects.filter(
                    article=article, author=user, status=Comment.Status.PENDING
                ).order_by("pk")[:OWN_PENDING_SHOWN]
            )
    guidelines = Guidelines.objects.current_summary()
    comments_open = discussion.is_open
    can_post = (
        comments_open and user.is_authenticated and (commenter is None or commenter.may_comment)
    )
    # A failed reply comes back in its thread's reply form; when that form is not on the page
    # (the comment was removed, or its thread is elsewhere) it comes back in the main form.
    draft_body = draft.get("body", "")
    draft_parent = comment_list["reply_to"].get(draft.get("parent")) if can_post else None
    draft_note = ""
    if draft.get("parent") and not draft_parent and draft_body:
        draft_note = (
            "The comment you replied to is not shown here any more, so your reply is in this "
            "form; sending it starts a new comment."
        )
    return DiscussionContext(
        article=article,
        user=user,
        comment_count=discussion.comment_count,
        comments_open=comments_open,
        can_post=can_post,
        guidelines=guidelines,
        needs_to_accept=guidelines is not None
        and (commenter is None or commenter.needs_to_accept(guidelines)),
        commenter=commenter,
        sanction=commenter.sanction_message if commenter else "",
        own_pending=own_pending,
        comment_list=comment_list,
        form=CommentForm(
            initial={
                "body": "" if draft_parent else draft_body,
                "token": new_submission_token(),
                "notify_on_reply": commenter.notify_on_reply if commenter else False,
            }
        ),
        draft={"parent": draft_parent, "body": draft_body} if draft_parent else {},
        draft_note=draft_note,
        report_form=ReportForm(),
        max_length=settings.COMMENTS_MAX_LENGTH,
    )
