"""Fifty simultaneous sign-ups of one address: one subscriber, one email, no error."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from newsletter.models import ConsentRecord, Subscriber
from newsletter.subscriptions import subscription_request

pytestmark = pytest.mark.django_db(transaction=True)

SIGNUPS = 50


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's test database allows one writer at a time; run on PostgreSQL "
    "(DATABASE_URL=postgres://…, as make test does when it answers)",
)
def test_fifty_simultaneous_signups_of_one_address_make_one_subscriber(outbox):
    barrier = Barrier(SIGNUPS)

    def sign_up(n):
        try:
            barrier.wait()
            subscription_request(
                email=" Same@Example.org " if n % 2 else "same@example.org",
                ip_address=f"198.51.100.{n}",
                user_agent="load test",
                source_url="/",
            )
            return "ok"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=SIGNUPS) as pool:
        results = list(pool.map(sign_up, range(SIGNUPS)))
    assert results == ["ok"] * SIGNUPS
    assert Subscriber.objects.count() == 1
    assert ConsentRecord.objects.count() == SIGNUPS  # each sign-up's consent is kept
    assert len(outbox) == 1


def test_signups_in_a_row_of_one_address_make_one_subscriber_and_one_email(outbox):
    for _ in range(SIGNUPS):
        subscription_request(
            email="SAME@example.org", ip_address="198.51.100.1", user_agent="", source_url="/"
        )
    assert Subscriber.objects.count() == 1
    assert len(outbox) == 1
