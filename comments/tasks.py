"""Mail to commenters, sent in the background by Django's tasks framework (django-tasks).

A moderator's decision or a reader's reply is queued when its transaction commits; the worker
(`manage.py db_worker`, or rqworker with TASKS_BACKEND=rq) sends the message. An unreachable mail
server then fails the task, recorded by the worker, and never the request that caused the mail.
"""

from django_tasks import task

from . import emails


@task()
def send_rejection_notice(comment_id: int) -> None:
    emails.send_rejection_notice(comment_id)


@task()
def send_reply_notification(reply_id: int) -> None:
    emails.send_reply_notification(reply_id)
