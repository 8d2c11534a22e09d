"""A reader turns reply emails on and off (accounts:notifications, shown on "My comments")."""

import pytest
from django.urls import reverse

from comments.models import Commenter
from tests.comments.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reply_emails_can_be_turned_on_and_off(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(reverse("accounts:notifications"), {"notify_on_reply": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("comments:mine")
    assert Commenter.objects.get(user=reader).notify_on_reply
    client.post(reverse("accounts:notifications"), {})
    assert not Commenter.objects.get(user=reader).notify_on_reply


def test_it_rejects_get(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:notifications")).status_code == 405


def test_it_needs_a_login(client):
    response = client.post(reverse("accounts:notifications"), {"notify_on_reply": "on"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_my_comments_shows_the_setting_and_posts_it_here(client):
    reader = UserFactory()
    Commenter.objects.filter(user=reader).update(notify_on_reply=True)
    client.force_login(reader)
    html = client.get(reverse("comments:mine")).content.decode()
    assert f'action="{reverse("accounts:notifications")}"' in html
    assert 'id="id_notify_on_reply" checked' in html
    assert f'href="{reverse("accounts:delete")}"' in html
