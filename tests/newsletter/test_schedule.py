"""The digest's day: a draft for the editors from the build time, sent as it stands at the send
time, once however many workers take the step (newsletter/schedule.py)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from newsletter.models import Delivery, Digest, DigestStory
from newsletter.schedule import DigestStep, digest_schedule_step
from tests.factories import ArticleFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _scheduled(settings):
    settings.NEWSLETTER_SCHEDULE = True
    settings.NEWSLETTER_BUILD_AT = "06:00"
    settings.NEWSLETTER_SEND_AT = "07:00"


def local(hour, minute=0):
    today = timezone.localdate()
    return timezone.make_aware(datetime(today.year, today.month, today.day, hour, minute))


def step_at(time_machine, hour, minute=0):
    """The worker's step, taken with the clock at ``hour``:``minute`` today (local time)."""
    time_machine.move_to(local(hour, minute), tick=False)
    return digest_schedule_step()


@pytest.fixture
def news_of_the_morning():
    ArticleFactory.create_batch(3, published_at=local(5) - timedelta(hours=1))
    SubscriberFactory.create_batch(2)


def test_nothing_before_the_build_time(news_of_the_morning, time_machine):
    assert step_at(time_machine, 5, 59) is DigestStep.WAITING
    assert not Digest.objects.exists()


def test_a_draft_for_the_editors_between_build_and_send(news_of_the_morning, time_machine):
    assert step_at(time_machine, 6, 0) is DigestStep.DRAFT
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.DRAFT and digest.items.count() == 3
    assert not Delivery.objects.exists()
    # The editors drop a story and write an introduction; the next steps keep their work.
    digest.items.order_by("order").last().delete()
    Digest.objects.filter(pk=digest.pk).update(intro="Good morning.")
    assert step_at(time_machine, 6, 30) is DigestStep.DRAFT
    assert DigestStory.objects.filter(digest=digest).count() == 2


def test_at_the_send_time_it_goes_as_it_stands_once(
    news_of_the_morning, django_capture_on_commit_callbacks, time_machine
):
    step_at(time_machine, 6, 0)
    Digest.objects.update(intro="Edited by the desk.")
    with django_capture_on_commit_callbacks(execute=False):
        assert step_at(time_machine, 7, 0) is DigestStep.QUEUED
        assert step_at(time_machine, 7, 1) is DigestStep.DONE  # a second worker's step
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.SENDING and digest.intro == "Edited by the desk."
    assert Delivery.objects.filter(digest=digest).count() == 2


def test_a_worker_that_was_down_at_the_build_time_builds_and_sends_at_once(
    news_of_the_morning, django_capture_on_commit_callbacks, time_machine
):
    with django_capture_on_commit_callbacks(execute=False):
        assert step_at(time_machine, 9, 15) is DigestStep.QUEUED
    assert Digest.objects.get().status == Digest.Status.SENDING


def test_an_empty_digest_is_not_sent(settings, time_machine):
    SubscriberFactory()
    assert step_at(time_machine, 7, 0) is DigestStep.NOTHING_TO_SEND
    assert Digest.objects.get().status == Digest.Status.DRAFT


def test_off_when_cron_sends(settings, news_of_the_morning, time_machine):
    settings.NEWSLETTER_SCHEDULE = False
    assert step_at(time_machine, 7, 0) is DigestStep.OFF
    assert not Digest.objects.exists()


def test_the_worker_takes_the_step_on_its_timer(
    news_of_the_morning, time_machine, django_capture_on_commit_callbacks
):
    from newsletter.management.commands.newsletter_worker import watch_once

    time_machine.move_to(local(6, 5), tick=False)
    watch_once(interval=60)
    assert Digest.objects.get().status == Digest.Status.DRAFT
    time_machine.move_to(local(7, 0), tick=False)
    with django_capture_on_commit_callbacks(execute=False):
        watch_once(interval=60)
    # Queued, and (the test queue runs tasks at once) sent by the same pass's resume.
    assert Digest.objects.get().status in (Digest.Status.SENDING, Digest.Status.SENT)
    assert Delivery.objects.count() == 2
