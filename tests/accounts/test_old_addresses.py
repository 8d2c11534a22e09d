"""The account pages' addresses from when they lived in the comments app keep working."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from comments.models import Commenter
from tests.comments.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_new_addresses():
    assert reverse("accounts:delete") == "/account/delete/"
    assert reverse("accounts:notifications") == "/account/notifications/"


def test_the_old_delete_page_redirects_for_good(client):
    client.force_login(UserFactory())
    response = client.get("/comments/account/delete/")
    assert response.status_code == 301 and response["Location"] == "/account/delete/"


def test_a_post_to_the_old_delete_address_still_deletes(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post("/comments/account/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=reader.pk).exists()


def test_the_old_notifications_address_redirects_a_get_to_my_comments(client):
    client.force_login(UserFactory())
    response = client.get("/comments/mine/notifications/")
    assert response.status_code == 301 and response["Location"] == reverse("comments:mine")


def test_a_post_to_the_old_notifications_address_still_saves(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post("/comments/mine/notifications/", {"notify_on_reply": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("comments:mine")
    assert Commenter.objects.get(user=reader).notify_on_reply


def test_a_post_to_an_old_address_still_needs_a_login(client):
    response = client.post("/comments/mine/notifications/", {"notify_on_reply": "on"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("url", ["/comments/account/delete/", "/comments/mine/notifications/"])
def test_other_methods_on_an_old_address_are_refused(client, url):
    client.force_login(UserFactory())
    assert client.put(url).status_code == 405
