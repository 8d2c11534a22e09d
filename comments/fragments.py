"""The list of comments under a story, rendered once for every reader (newsportal/surrogate.py).

The comments themselves (featured ones, one page of threads with their first replies, the links
to more) are the same for every reader; only the report and reply forms under them are not: who
may report or reply, the CSRF token, a token per reply form, a failed reply's draft. So the list
is rendered as a fragment with a marker where each form goes, and ``fill`` puts each reader's
forms in: the two forms are rendered once per page with placeholder values, then copied per
comment, which costs a string replacement instead of a template render per comment.

The fragment is built from the comment rows, so it carries their keys (``discussion-<story>``,
``commenter-<author>``): an approved, edited, featured or deleted comment purges it
(comments/cache_keys.py). Markers cannot be forged: comment bodies and names are escaped.
"""

import re

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.fragments import fragment_seconds
from newsportal import surrogate

from .models import Comment
from .services import new_submission_token

FEATURED_SHOWN = 5
EMPTY = {
    "html": "",
    "shown": False,
    "has_more": False,
    "next_after": None,
    "reply_to": {},
    "names": {},
}

_MARKER = re.compile(r"<!--(?:report:(\d+):(\d+):([a-z-]*)|reply:(\d+))-->")
# Placeholders for the per-comment values of a form rendered once per page: a comment id no
# comment has (ids are positive and far below it), and a name no display name can be.
_PLACEHOLDER_ID = 9_007_199_254_740_881
_PLACEHOLDER_NAME = "\x00author\x00"
_PLACEHOLDER_TOKEN = "\x00token\x00"  # noqa: S105 - a placeholder, not a secret


def comment_list(*, article, comment_count, newest_first, after):
    """The shared comment list of a story page: ``html`` with form markers; ``shown`` (any
    comment at all), ``has_more`` and ``next_after`` (the paging links), and ``reply_to``
    ({comment id: id of the thread whose reply form answers it}, for a failed reply's draft)."""
    if not comment_count:
        return EMPTY  # the story's own counter says there is nothing to fetch

    def build():
        heads = Comment.objects.filter(article=article).thread_heads().for_display()
        featured = []
        if after is None:
            featured = list(
                heads.filter(is_featured=True, status=Comment.Status.APPROVED).order_by("-pk")[
                    :FEATURED_SHOWN
                ]
            )
        threads_qs = heads.order_by("-pk" if newest_first else "pk")
        if after is not None:
            threads_qs = threads_qs.filter(**{"pk__lt" if newest_first else "pk__gt": after})
        per_page = settings.COMMENTS_PER_PAGE
        threads = list(threads_qs[: per_page + 1])
        has_more = len(threads) > per_page
        threads = threads[:per_page]
        prefetch_related_objects(
            featured + threads,
            Prefetch(
                "replies",
                queryset=Comment.objects.visible()
                .for_display()
                .order_by("pk")[: settings.COMMENTS_REPLIES_SHOWN],
                to_attr="shown_replies",
            ),
        )
        next_after = threads[-1].pk if has_more else None
        html = render_to_string(
            "comments/_comment_list.html",
            {
                "holes": True,
                "article": article,
                "featured": featured,
                "threads": threads,
                "newest_first": newest_first,
                "has_more": has_more,
                "next_after": next_after,
                "is_later_page": after is not None,
            },
        )
        reply_to = {}
        names = {}
        for head in threads:
            if head.status == Comment.Status.APPROVED:
                names[head.pk] = head.author_name
                for comment in [head, *head.shown_replies]:
                    reply_to[comment.pk] = head.pk
        return {
            "html": html,
            "shown": bool(featured or threads),
            "has_more": has_more,
            "next_after": next_after,
            "reply_to": reply_to,
            "names": names,
        }

    # Later pages (?cafter=) are few readers' and many names: built each time, never kept.
    seconds = fragment_seconds(cached=after is None)
    name = f"comments:{article.pk}:{'newest' if newest_first else 'oldest'}:{after or 0}"
    return surrogate.cached_fragment(name, build, timeout=seconds)


def fill(listing, context) -> str:
    """``listing["html"]`` with this reader's forms in place of the markers. ``context`` is the
    discussion block's: user, can_post, csrf_token, article, draft, needs_to_accept, report_form,
    max_length."""
    html = listing["html"]
    if not html:
        return ""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    can_post = context.get("can_post")
    draft = context.get("draft") or {}
    forms = _Forms(context)

    def form_for(match):
        report_id, author_id, prefix, reply_id = match.groups()
        if report_id is not None:
            # Not on the reader's own comments. author_id 0: the author's account was deleted.
            if not signed_in or (author_id != "0" and int(author_id) == user.pk):
                return ""
            return forms.report(report_id, prefix)
        if not can_post:
            return ""
        if draft.get("parent") == int(reply_id):
            return forms.reply_with_draft(int(reply_id), listing["names"][int(reply_id)])
        return forms.reply(reply_id, listing["names"][int(reply_id)])

    return mark_safe(_MARKER.sub(form_for, html))  # noqa: S308 - templates and escape() built it


class _Forms:
    """The report and reply forms of one page, each rendered once, then copied per comment."""

    def __init__(self, context):
        self.context = {
            name: context.get(name)
            for name in (
                "csrf_token",
                "article",
                "draft",
                "needs_to_accept",
                "report_form",
                "max_length",
            )
        }
        self._report = {}
        self._reply = None

    def report(self, comment_id: str, prefix: str) -> str:
        if prefix not in self._report:
            self._report[prefix] = render_to_string(
                "comments/_report_form.html",
                {**self.context, "comment": {"pk": _PLACEHOLDER_ID}, "anchor_prefix": prefix},
            )
        return self._report[prefix].replace(str(_PLACEHOLDER_ID), comment_id)

    def reply(self, comment_id: str, author_name: str) -> str:
        if self._reply is None:
            comment = {"pk": _PLACEHOLDER_ID, "author_name": _PLACEHOLDER_NAME}
            self._reply = render_to_string(
                "comments/_reply_form.html",
                {**self.context, "comment": comment, "token": _PLACEHOLDER_TOKEN},
            )
        return (
            self._reply.replace(str(_PLACEHOLDER_ID), comment_id)
            .replace(_PLACEHOLDER_NAME, escape(author_name))
            .replace(_PLACEHOLDER_TOKEN, new_submission_token())
        )

    def reply_with_draft(self, comment_id: int, author_name: str) -> str:
        comment = {"pk": comment_id, "author_name": author_name}
        return render_to_string(
            "comments/_reply_form.html",
            {**self.context, "comment": comment, "token": new_submission_token()},
        )
