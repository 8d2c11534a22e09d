"""A reader deletes their account (accounts:delete), keeping or erasing their comments."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import services
from comments.models import Comment
from tests.comments.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_a_confirmation_page(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    assert "Also erase the text of all my comments" in response.content.decode()


def test_it_needs_a_login(client):
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_deleting_an_account_keeps_comments_as_deleted_user(client):
    reader = UserFactory()
    comment = CommentFactory(author=reader, body="Still useful")
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    comment.refresh_from_db()
    assert comment.author is None and comment.body == "Still useful"
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Deleted user" in html and "Still useful" in html


def test_deleting_an_account_can_erase_the_comments_too(client):
    reader = UserFactory()
    comment = CommentFactory(author=reader, body="Erase me")
    client.force_login(reader)
    client.post(reverse("accounts:delete"), {"confirm": "on", "remove_comments": "on"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED and comment.body == ""
    comment.article.refresh_from_db()
    assert comment.article.discussion.comment_count == 0


def test_deleting_an_account_needs_the_confirmation_box(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=reader.pk).exists()


def test_erasing_keeps_other_readers_replies_under_a_placeholder():
    reader = UserFactory()
    head = CommentFactory(author=reader, body="Erase me")
    reply = CommentFactory(article=head.article, parent=head, body="An answer")
    services.account_delete(user=reader, remove_comments=True)
    head.refresh_from_db()
    reply.refresh_from_db()
    assert head.status == Comment.Status.DELETED and head.body == "" and head.author is None
    assert reply.status == Comment.Status.APPROVED and reply.parent_id == head.pk
