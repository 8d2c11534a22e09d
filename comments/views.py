from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from newsportal.pagecache import never_page_cached, page_cached
from newsportal.proxy import client_ip
from newsportal.ratelimit import RateLimited
from newsportal.redirects import safe_next

from . import services
from .forms import CommentForm, ReportForm
from .models import Comment
from .reader import DRAFT_SESSION_KEY, keep_draft, reader_of


@never_page_cached
@require_POST
@login_required
def post_comment(request, article_id):
    article = get_object_or_404(Article.objects.published().only("pk", "slug"), pk=article_id)
    article_url = article.get_absolute_url()
    form = CommentForm(request.POST)
    if not form.is_valid():
        body = form.data.get("body", "")
        if not body.strip():
            problem = "please write something."
        elif "body" in form.errors:
            problem = form.errors["body"][0]  # e.g. a NUL character
        else:  # a tampered hidden field (parent, token)
            problem = "the form was changed on its way. Please try again."
        # A parent that is not a number is dropped: the text comes back in the main form.
        return _back_to_the_form(
            request,
            article,
            parent=form.cleaned_data.get("parent"),
            body=body,
            problem=f"Your comment could not be sent: {problem}",
        )
    data = form.cleaned_data
    if data["website"]:
        # The honeypot was filled: behave as if it worked, store nothing.
        return redirect(f"{article_url}#comments")
    try:
        comment = services.post_comment(
            user=request.user,
            article_id=article.pk,
            body=data["body"],
            parent_id=data["parent"],
            token=data["token"],
            ip=client_ip(request),
            accepted_guidelines=data["accept_guidelines"],
            notify_on_reply=data["notify_on_reply"],
        )
    except (services.CommentError, RateLimited) as error:
        return _back_to_the_form(
            request, article, parent=data["parent"], body=data["body"], problem=str(error)
        )
    request.session.pop(DRAFT_SESSION_KEY, None)
    if comment.status == Comment.Status.PENDING:
        messages.success(
            request, "Thank you. Your comment is awaiting moderation and will appear once approved."
        )
    else:
        messages.success(request, "Thank you. Your comment is published.")
    return redirect(f"{article_url}#comment-{comment.pk}")


def _back_to_the_form(request, article, *, parent, body, problem):
    """A post that failed: keep what the reader wrote, so nothing is lost to a mistake, and send
    them back to the form it came from with the problem (and what happened to the kept text)."""
    note = keep_draft(request, article_id=article.pk, parent_id=parent, body=body)
    messages.error(request, f"{problem} {note}".rstrip())
    anchor = f"reply-{parent}" if parent else "comment-form"
    return redirect(f"{article.get_absolute_url()}#{anchor}")


@never_page_cached
@require_POST
@login_required
def report_comment(request, pk):
    form = ReportForm(request.POST)
    comment = get_object_or_404(Comment.objects.visible().select_related("article"), pk=pk)
    fallback = f"{comment.article.get_absolute_url()}#comment-{pk}"
    if not form.is_valid():
        messages.error(request, "Please choose why you are reporting this comment.")
        return redirect(fallback)
    try:
        services.report_comment(
            user=request.user,
            comment_id=pk,
            reason=form.cleaned_data["reason"],
            ip=client_ip(request),
        )
    except (services.CommentError, RateLimited) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. A moderator will look at this comment.")
    return redirect(fallback)


@never_page_cached
@require_POST
@login_required
def delete_comment(request, pk):
    try:
        services.delete_own_comment(user=request.user, comment_id=pk)
    except services.CommentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your comment has been deleted.")
    return redirect(safe_next(request, request.POST.get("next"), fallback=reverse("comments:mine")))


@never_page_cached
@require_GET
@login_required
def my_comments(request):
    commenter = services.commenter_for(request.user)
    comments = (
        Comment.objects.filter(author=request.user)
        .exclude(status=Comment.Status.DELETED)
        .select_related("article")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.visible().for_display().order_by("created_at"),
                to_attr="visible_replies",
            )
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(comments, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "comments/my_comments.html",
        {
            "page_obj": page,
            "commenter": commenter,
            "sanction": commenter.sanction_message,
        },
    )


@page_cached
@require_GET
def thread(request, pk):
    """One comment and all its replies, page by page: the permalink of a comment."""
    head = get_object_or_404(
        Comment.objects.thread_heads()
        .filter(article__in=Article.objects.published())
        .select_related("article", "author__commenter"),
        pk=pk,
    )
    replies = head.replies.visible().for_display().order_by("created_at", "pk")
    page = Paginator(replies, 50).get_page(request.GET.get("page"))
    # The reader without loading a session that isn't there, so the page can be cached.
    return render(
        request,
        "comments/thread.html",
        {"head": head, "article": head.article, "page_obj": page, "user": reader_of(request)},
    )
