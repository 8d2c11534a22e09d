"""The moderators' desk in the admin: the queue's order, readable reasons, and one-click
decisions on each comment (plain POST forms, so they work without JavaScript).

CommentAdmin (comments/admin.py) uses these; the decisions go through comments.services, so
each one is in the audit log exactly as a bulk action's is.
"""

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe

from newsportal.pagination import CappedPaginator
from newsportal.redirects import safe_next

from . import services
from .models import Comment

# Queues a moderator works through from the oldest: nobody's comment waits for ever at the
# bottom of a busy queue. ?order=newest switches.
OLDEST_FIRST_QUEUES = {"pending", "reported"}

# Counts in the queue filter stop here: counting is then bounded work even with millions of rows.
QUEUE_COUNT_CAP = 1000


def capped_count(queryset):
    count = queryset[: QUEUE_COUNT_CAP + 1].count()
    return f"{QUEUE_COUNT_CAP:,}+" if count > QUEUE_COUNT_CAP else f"{count:,}"


class QueuePaginator(CappedPaginator):
    """Pages beyond this are not offered (moderators work from the newest), and a queue of a
    million approved comments costs no full count."""

    max_count = 10_000


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    QUEUES = {
        "pending": ("Pending", lambda qs: qs.awaiting_moderation()),
        "reported": ("Reported", lambda qs: qs.reported()),
        "approved": ("Approved", lambda qs: qs.filter(status=Comment.Status.APPROVED)),
        "rejected": ("Rejected", lambda qs: qs.filter(status=Comment.Status.REJECTED)),
        "spam": ("Spam", lambda qs: qs.filter(status=Comment.Status.SPAM)),
        "deleted": ("Deleted by author", lambda qs: qs.filter(status=Comment.Status.DELETED)),
    }

    def lookups(self, request, model_admin):
        base = Comment.objects.all()
        return [
            (key, f"{label} ({capped_count(queue(base))})")
            for key, (label, queue) in self.QUEUES.items()
        ]

    def queryset(self, request, queryset):
        if self.value() in self.QUEUES:
            return self.QUEUES[self.value()][1](queryset)
        return queryset


class QueueOrderFilter(admin.SimpleListFilter):
    """Oldest first (the default of the pending and reported queues) or newest first."""

    title = "order"
    parameter_name = "order"

    def lookups(self, request, model_admin):
        return [("newest", "Newest first"), ("oldest", "Oldest first")]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup or (self.value() is None and lookup == "oldest"),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset  # the order itself is CommentAdmin.get_ordering()'s


_REPORTS = re.compile(r"^reports \((\d+)\)$")
_READABLE = {
    "new user": "new commenter",
    "pre-moderation": "not yet trusted (few approved comments, or a recent rejection)",
    "pre-moderated story": "pre-moderated story",
}


def readable_reason(reason: str) -> str:
    """A stored hold reason as a moderator reads it: "reports (3)" becomes "3 reports"."""
    if match := _REPORTS.match(reason):
        count = int(match.group(1))
        return f"{count} report{'s' * (count != 1)}"
    return _READABLE.get(reason, reason)


def readable_reasons(comment: Comment) -> str:
    return "; ".join(readable_reason(reason) for reason in comment.held_reasons or []) or "—"


def full_text(comment: Comment) -> str:
    """The whole comment, paragraphs kept, escaped; replies marked."""
    if not comment.body:
        return "(deleted)"
    prefix = (
        format_html('<span class="desk-reply">Reply to #{}</span> ', comment.parent_id)
        if comment.parent_id
        else ""
    )
    # linebreaks() escapes the text itself (autoescape=True) and returns plain str: marked safe
    # here, or format_html would escape its <p> tags a second time.
    paragraphs = mark_safe(linebreaks(comment.body, autoescape=True))  # noqa: S308
    return format_html('{}<div class="desk-comment">{}</div>', prefix, paragraphs)


def decision_controls(comment: Comment, *, back_to: str) -> str:
    """Approve / Reject with a reason / Spam / Feature for one comment.

    In the queue, the rows sit inside the admin's own changelist form (bulk actions), and forms
    cannot nest: each button posts that form to this comment's decision URL (``formaction``),
    with this row's reason field named after the comment.
    """
    url = reverse("admin:comments_comment_decide", args=[comment.pk])
    reasons = format_html_join(
        "", '<option value="{}">{}</option>', Comment.RejectionReason.choices
    )
    return format_html(
        '<div class="desk-decide">'
        '<input type="hidden" name="next" value="{back_to}">'
        '<button type="submit" formaction="{url}" name="decision" value="approve" '
        'class="button desk-approve">Approve</button> '
        '<select name="reason-{pk}" aria-label="Reason for rejecting comment {pk}">{reasons}</select> '
        '<button type="submit" formaction="{url}" name="decision" value="reject" '
        'class="button desk-reject">Reject</button> '
        '<button type="submit" formaction="{url}" name="decision" value="spam" '
        'class="button desk-spam">Spam</button> '
        '<button type="submit" formaction="{url}" name="decision" value="feature" '
        'class="button desk-feature">Feature</button>'
        "</div>",
        back_to=back_to,
        url=url,
        pk=comment.pk,
        reasons=reasons,
    )


def decision_form(comment: Comment, *, csrf_token: str, back_to: str) -> str:
    """The same controls in a form of their own, for the comment's page."""
    return format_html(
        '<form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        csrf_token,
        decision_controls(comment, back_to=back_to),
    )


def decide_view(model_admin, request, comment_id):
    """One decision on one comment, from the queue's row or the comment's page.

    The desk's script (static/admin/comments/moderation_desk.js) asks for JSON and stays on
    the page; without JavaScript the form posts and the moderator comes back to the queue.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_moderate_permission(request):
        raise PermissionDenied
    comment = get_object_or_404(Comment, pk=comment_id)
    level, message = _decide(
        comment,
        request.POST.get("decision", ""),
        reason=request.POST.get(f"reason-{comment.pk}", ""),
        by=request.user,
    )
    if "application/json" in request.headers.get("Accept", ""):
        comment.refresh_from_db(fields=["status", "is_featured"])
        return JsonResponse(
            {
                "ok": level != messages.ERROR,
                "message": message,
                "status": comment.get_status_display(),
            },
            status=400 if level == messages.ERROR else 200,
        )
    model_admin.message_user(request, message, level)
    return redirect(
        safe_next(
            request,
            request.POST.get("next", ""),
            fallback=reverse("admin:comments_comment_changelist"),
        )
    )


def _decide(comment, decision, *, reason, by):
    """Apply ``decision``; (message level, what to tell the moderator)."""
    label = f"“{comment.excerpt}”" if comment.excerpt else f"comment #{comment.pk}"
    if decision == "approve":
        services.approve(comment, by=by)
        return messages.SUCCESS, f"Approved: {label}."
    if decision == "reject":
        if reason not in Comment.RejectionReason.values:
            return messages.ERROR, "Choose why the comment is rejected."
        services.reject(comment, by=by, reason=reason)
        return messages.SUCCESS, f"Rejected ({Comment.RejectionReason(reason).label}): {label}."
    if decision == "spam":
        services.mark_spam(comment, by=by)
        return messages.SUCCESS, f"Marked as spam: {label}."
    if decision == "feature":
        try:
            services.set_featured(comment, by=by, featured=True)
        except services.CommentError as error:
            return messages.ERROR, f"{label}: {error}"
        return messages.SUCCESS, f"Featured: {label}."
    return messages.ERROR, "Unknown decision: nothing was changed."
