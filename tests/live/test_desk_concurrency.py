"""Two editors posting at once, for real (PostgreSQL's concurrent transactions): every update
lands, numbered in the order it was stored; one form sent by racing requests stores one."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from live.models import LiveEntry
from tests.live.editors import live_story
from tests.races import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]

RACERS = 6


def editor(username="editor"):
    # A transactional test empties the database after it, groups made by migrations included.
    return User.objects.create_superuser(username, f"{username}@example.com", "pw")


def desk_poster(user, coverage, **fields):
    client = Client()
    client.force_login(user)
    url = reverse("admin:live_livecoverage_desk", args=[coverage.pk])

    def send():
        response = client.post(url, fields, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content

    return send


def test_editors_posting_at_once_all_land_numbered_in_time_order():
    coverage = live_story()
    users = [editor(f"editor{n}") for n in range(RACERS)]
    errors = race(
        [
            desk_poster(user, coverage, title=f"From {user.username}", token=str(uuid.uuid4()))
            for user in users
        ]
    )
    assert errors == []
    entries = list(LiveEntry.objects.filter(coverage=coverage).order_by("sequence"))
    assert [entry.sequence for entry in entries] == list(range(1, RACERS + 1))
    assert sorted(entry.title for entry in entries) == sorted(f"From {u.username}" for u in users)
    times = [entry.posted_at for entry in entries]
    assert times == sorted(times)
    coverage.refresh_from_db()
    assert coverage.last_sequence == RACERS


def test_one_form_sent_by_racing_requests_stores_one_update():
    coverage = live_story()
    user = editor()
    token = str(uuid.uuid4())
    errors = race([desk_poster(user, coverage, title="Once", token=token)] * RACERS)
    assert errors == []
    assert LiveEntry.objects.count() == 1
    assert User.objects.count() == 1
