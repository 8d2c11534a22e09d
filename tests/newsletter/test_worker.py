"""The real queue: django-tasks-db stores the sending tasks, `manage.py db_worker` runs them."""

import pytest
from django.core.management import call_command

from newsletter.digest import digest_build, digest_queue
from newsletter.models import Delivery, Digest
from tests.factories import ArticleFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_queueing_stores_tasks_that_the_db_worker_runs_to_the_end(database_queue, outbox, settings):
    from django_tasks_db.models import DBTaskResult

    settings.NEWSLETTER_BATCH_SIZE = 4
    settings.NEWSLETTER_SENDING_CHAINS = 2
    ArticleFactory()
    subscribers = SubscriberFactory.create_batch(9)
    digest, _ = digest_build()
    digest_queue(digest=digest)
    # Nothing is sent inside the request or the command: two tasks wait in the database.
    assert outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert sorted(m.to[0] for m in outbox) == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(status="sent").count() == 9
    assert Digest.objects.get().status == Digest.Status.SENT
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_retry_is_queued_for_later_on_a_backend_that_can_defer(
    database_queue, outbox, settings, monkeypatch
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend
    from django_tasks_db.models import DBTaskResult

    settings.NEWSLETTER_SENDING_CHAINS = 1

    def refuse(self, messages):
        raise smtplib.SMTPDataError(451, b"Greylisted")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    ArticleFactory()
    SubscriberFactory()
    digest, _ = digest_build()
    digest_queue(digest=digest)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    later = DBTaskResult.objects.get(status="READY")
    assert later.run_after == delivery.next_attempt_at
