"""The discussion block under a story, built here so the article view needs no change.

Its cost is fixed: with no approved comment it runs no query; otherwise featured comments,
one page of threads and their first replies (three queries), plus, for a signed-in reader,
their commenter profile and their own comments awaiting moderation (two more).
"""

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, prefetch_related_objects

from comments.forms import CommentForm, ReportForm
from comments.models import Comment, Commenter
from comments.services import new_submission_token, sanction_message
from comments.text import render_comment
from comments.views import DRAFT_SESSION_KEY
from legal.models import Guidelines

register = template.Library()

FEATURED_SHOWN = 5


def is_signed_in(request):
    """Whether a reader is signed in, without touching the session of a visitor who has none.

    Reading ``request.user`` marks the session as used, and the page cache
    (newsportal.pagecache) never stores such a page; a visitor without a session cookie cannot
    be signed in, so their page stays cacheable.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


@register.filter
def signed_in(request):
    return is_signed_in(request)


def _positive_int(value):
    # ASCII only: str.isdigit() also accepts "²", which int() refuses.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


@register.inclusion_tag("comments/_discussion_block.html", takes_context=True)
def discussion(context, article):
    request = context["request"]
    newest_first = request.GET.get("corder") == "newest"
    after = _positive_int(request.GET.get("cafter"))
    per_page = settings.COMMENTS_PER_PAGE

    featured, threads, has_more = [], [], False
    if article.comment_count:
        heads = Comment.objects.filter(article=article).thread_heads().for_display()
        if after is None:
            featured = list(
                heads.filter(is_featured=True, status=Comment.Status.APPROVED).order_by("-pk")[
                    :FEATURED_SHOWN
                ]
            )
        threads_qs = heads.order_by("-pk" if newest_first else "pk")
        if after is not None:
            threads_qs = threads_qs.filter(**{"pk__lt" if newest_first else "pk__gt": after})
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

    user = request.user if is_signed_in(request) else AnonymousUser()
    commenter = own_pending = None
    draft = {}
    if user.is_authenticated:
        commenter = Commenter.objects.filter(user=user).first()
        own_pending = list(
            Comment.objects.filter(
                article=article, author=user, status=Comment.Status.PENDING
            ).order_by("pk")[:20]
        )
        saved = request.session.get(DRAFT_SESSION_KEY)
        if saved and saved.get("article") == article.pk:
            draft = request.session.pop(DRAFT_SESSION_KEY)
    guidelines = Guidelines.objects.current_summary()
    return {
        "request": request,
        "user": user,
        "article": article,
        "comments_open": article.comments_open,
        "can_post": article.comments_open
        and user.is_authenticated
        and (commenter is None or commenter.may_comment),
        "guidelines": guidelines,
        "needs_to_accept": guidelines is not None
        and (commenter is None or commenter.needs_to_accept(guidelines)),
        "commenter": commenter,
        "sanction": sanction_message(commenter) if commenter else "",
        "own_pending": own_pending,
        "featured": featured,
        "threads": threads,
        "has_more": has_more,
        "next_after": threads[-1].pk if has_more else None,
        "is_later_page": after is not None,
        "newest_first": newest_first,
        "form": CommentForm(
            initial={
                "body": draft.get("body", "") if not draft.get("parent") else "",
                "token": new_submission_token(),
                "notify_on_reply": commenter.notify_on_reply if commenter else False,
            }
        ),
        "draft": draft,
        "report_form": ReportForm(),
        "max_length": settings.COMMENTS_MAX_LENGTH,
    }


@register.simple_tag
def submission_token():
    """A fresh token for one form: the same form posted twice stores one comment."""
    return new_submission_token()


@register.filter
def comment_html(text):
    """Plain comment text as safe HTML (escaped; links rel="nofollow ugc")."""
    return render_comment(text)
