from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from newsletter.digest import digest_build, digest_queue, digest_resume
from newsletter.models import Digest


class Command(BaseCommand):
    help = (
        "Build today's digest from the top stories of the last 24 hours and queue it for every "
        "confirmed subscriber. Safe to run again the same day: nothing is built or sent twice. "
        "Also restarts the sending of digests left half-sent (after an outage or retry delays)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--build-only",
            action="store_true",
            help="Build the digest as a draft for editors to review in the admin; do not queue it.",
        )
        parser.add_argument("--edition", help="The edition date, YYYY-MM-DD (default: today).")

    def handle(self, *args, build_only=False, edition=None, **options):
        edition_date = None
        if edition:
            try:
                edition_date = parse_date(edition)
            except ValueError:
                edition_date = None
            if edition_date is None:
                raise CommandError(f"--edition must be a date such as 2026-11-25, not {edition!r}")
        digest, created = digest_build(edition=edition_date)
        stories = digest.items.count()
        self.stdout.write(
            f"{'Built' if created else 'Found'} {digest} with {stories} stories ({digest.status})."
        )
        if build_only:
            return
        just_queued = None
        if digest.status == Digest.Status.DRAFT:
            if not stories:
                raise CommandError("No story in the last 24 hours: nothing to send.")
            queued = digest_queue(digest=digest)
            just_queued = digest.pk
            self.stdout.write(f"Queued {queued} deliveries.")
        resumed = digest_resume(exclude=just_queued)
        if resumed:
            self.stdout.write(f"Sending tasks started for digest(s) {resumed}.")
