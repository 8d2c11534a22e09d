"""Emails to commenters: a rejection with its reason, and (if they opted in) a reply.

Sent by the task worker (comments/tasks.py), never inside a reader's or moderator's request.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Comment


def _absolute(url):
    return settings.SITE_URL.rstrip("/") + url


def _send(template, *, to, context):
    context = {"SITE_NAME": settings.SITE_NAME, **context}
    subject = render_to_string(f"comments/emails/{template}_subject.txt", context)
    body = render_to_string(f"comments/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [to])


def send_rejection_notice(comment_id):
    comment = Comment.objects.select_related("article", "author").filter(pk=comment_id).first()
    if comment is None or comment.author is None or not comment.author.email:
        return
    _send(
        "rejected",
        to=comment.author.email,
        context={
            "comment": comment,
            "reason": comment.get_rejection_reason_display(),
            "article_url": _absolute(comment.article.get_absolute_url()),
            "guidelines_url": _absolute(reverse("legal:guidelines")),
            "my_comments_url": _absolute("/comments/mine/"),
        },
    )


def send_reply_notification(reply_id):
    reply = (
        Comment.objects.select_related("article", "author__commenter", "parent__author__commenter")
        .filter(pk=reply_id, status=Comment.Status.APPROVED)
        .first()
    )
    if reply is None or reply.parent is None:
        return
    recipient = reply.parent.author
    if recipient is None or recipient.pk == reply.author_id or not recipient.email:
        return
    commenter = getattr(recipient, "commenter", None)
    if commenter is None or not commenter.notify_on_reply:
        return
    _send(
        "reply",
        to=recipient.email,
        context={
            "reply": reply,
            "reply_url": _absolute(reply.get_absolute_url()),
            "my_comments_url": _absolute("/comments/mine/"),
        },
    )
