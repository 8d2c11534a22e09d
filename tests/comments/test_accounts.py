"""Reader accounts: sign-up with a display name, email confirmation, my comments, deletion."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from comments.models import Comment, Commenter
from tests.comments.factories import CommentFactory, UserFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def sign_up(client, email="ayse@example.org", display_name="Ayşe K."):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_sign_up_asks_for_a_display_name_and_a_confirmed_email(client):
    form = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in form and 'name="email"' in form
    response = sign_up(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ayse@example.org")
    assert Commenter.objects.get(user=user).display_name == "Ayşe K."
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link shows a confirmation button; only the POST confirms.
    assert client.get("/" + path).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified
    client.post("/" + path)
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_without_a_display_name_is_refused(client):
    response = sign_up(client, display_name="   ")
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


def test_signing_up_with_a_known_email_does_not_reveal_it(client):
    UserFactory(email="taken@example.org")
    response = sign_up(client, email="taken@example.org")
    assert response.status_code == 302  # same answer as for a new address
    assert get_user_model().objects.filter(email__iexact="taken@example.org").count() == 1


def test_email_is_the_login(client):
    user = UserFactory(email="login@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "login@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("comments:mine")).context["user"] == user


def test_my_comments_lists_statuses_reasons_and_replies(client):
    reader = UserFactory()
    article = ArticleFactory(headline="Ferry timetable")
    approved = CommentFactory(author=reader, article=article, body="Approved words")
    CommentFactory(article=article, parent=approved, body="Someone answered")
    CommentFactory(author=reader, status="pending", body="Pending words")
    CommentFactory(
        author=reader, status="rejected", rejection_reason="off_topic", body="Rejected words"
    )
    CommentFactory(body="Not mine")
    client.force_login(reader)
    html = client.get(reverse("comments:mine")).content.decode()
    assert "Approved words" in html and "Someone answered" in html
    assert "Awaiting moderation" in html and "Reason: Off-topic" in html
    assert "Not mine" not in html
    assert "Ferry timetable" in html


def test_my_comments_needs_a_login(client):
    response = client.get(reverse("comments:mine"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_reply_emails_can_be_turned_on_and_off(client):
    reader = UserFactory()
    client.force_login(reader)
    client.post(reverse("comments:notifications"), {"notify_on_reply": "on"})
    assert Commenter.objects.get(user=reader).notify_on_reply
    client.post(reverse("comments:notifications"), {})
    assert not Commenter.objects.get(user=reader).notify_on_reply
    assert client.get(reverse("comments:notifications")).status_code == 405


def test_deleting_an_account_keeps_comments_as_deleted_user(client):
    reader = UserFactory()
    comment = CommentFactory(author=reader, body="Still useful")
    client.force_login(reader)
    assert client.get(reverse("comments:delete-account")).status_code == 200
    response = client.post(reverse("comments:delete-account"), {"confirm": "on"})
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
    client.post(reverse("comments:delete-account"), {"confirm": "on", "remove_comments": "on"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED and comment.body == ""
    comment.article.refresh_from_db()
    assert comment.article.discussion.comment_count == 0


def test_deleting_an_account_needs_the_confirmation_box(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(reverse("comments:delete-account"), {})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=reader.pk).exists()


@pytest.mark.parametrize(
    "name, signed_in",
    [
        ("account_login", False),
        ("account_signup", False),
        ("account_reset_password", False),
        ("account_email", True),
        ("account_change_password", True),
        ("account_logout", True),
    ],
)
def test_account_pages_render_in_the_site_layout(client, name, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'class="page-account"' in response.content.decode()


def test_a_display_name_with_a_listed_word_is_refused(client):
    from comments.models import WordRule

    WordRule.objects.create(phrase="aptal", kind="suspect")
    response = sign_up(client, display_name="APTAL Kral")
    assert response.status_code == 200
    assert "Please choose another display name" in response.content.decode()
    assert not get_user_model().objects.exists()
