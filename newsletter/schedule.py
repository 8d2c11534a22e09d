"""The daily digest's day: built at NEWSLETTER_BUILD_AT, sent at NEWSLETTER_SEND_AT (local
times, e.g. 06:00 and 07:00). In between it is a draft the editors see in the admin: they
reorder, drop or add stories, write an introduction and send a test to themselves. Past the
send time it goes as it stands.

`manage.py newsletter_worker` takes this step at start and every NEWSLETTER_WATCHDOG_SECONDS,
so no cron entry is needed; several workers taking it at once build and queue the digest once
(``digest_build`` and ``digest_queue`` are idempotent). `manage.py send_daily_digest` still
builds and sends at once, for newsrooms that prefer cron.
"""

import enum
import logging
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone

from .digest import digest_build, digest_queue
from .models import Digest

logger = logging.getLogger(__name__)


class DigestStep(enum.Enum):
    OFF = "off"  # NEWSLETTER_SCHEDULE is off: cron runs send_daily_digest instead
    WAITING = "waiting"  # before the build time
    DRAFT = "draft"  # built; editors have until the send time
    QUEUED = "queued"  # queued just now
    NOTHING_TO_SEND = "nothing-to-send"  # the send time came with no story in the digest
    DONE = "done"  # queued or sent already


def _today_at(clock: str, now: datetime) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(timezone.localdate(now), time(hours, minutes)))


def digest_schedule_step(now: datetime | None = None) -> DigestStep:
    """Build today's digest once its build time has come, queue it once its send time has."""
    if not settings.NEWSLETTER_SCHEDULE:
        return DigestStep.OFF
    now = now or timezone.now()
    if now < _today_at(settings.NEWSLETTER_BUILD_AT, now):
        return DigestStep.WAITING
    digest, created = digest_build(edition=timezone.localdate(now))
    if created:
        logger.info("Built %s for the editors; it goes at %s", digest, settings.NEWSLETTER_SEND_AT)
    if digest.status != Digest.Status.DRAFT:
        return DigestStep.DONE
    if now < _today_at(settings.NEWSLETTER_SEND_AT, now):
        return DigestStep.DRAFT
    if not digest.items.exists():
        logger.warning("%s has no story at its send time: nothing sent", digest)
        return DigestStep.NOTHING_TO_SEND
    queued = digest_queue(digest=digest)
    logger.info("Queued %s for %d subscribers", digest, queued)
    return DigestStep.QUEUED
