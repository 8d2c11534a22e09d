"""The newsletter's pages readers see: the archive of sent digests and each digest's page
(newsportal/surrogate.py). Subscribers, consents and deliveries are never on a reader's page."""

from newsportal import surrogate

from .models import ConsentRecord, Delivery, Digest, DigestStory, Subscriber, UnsubscribeEvent

DIGESTS = "list-digests"


def register_loaded_rows() -> None:
    surrogate.register_model(Digest, lambda row: row.pk and f"digest-{row.pk}")


@surrogate.purge_rule(Digest)
def digest_change(digest, *, created, deleted):
    return {f"digest-{digest.pk}", DIGESTS}


@surrogate.purge_rule(DigestStory)
def digest_story_change(item, *, created, deleted):
    return {f"digest-{item.digest_id}"}


@surrogate.purge_rule(Subscriber, ConsentRecord, UnsubscribeEvent, Delivery)
def never_shown(row, *, created, deleted):
    return set()
