"""Reader accounts: sign-up with a display name, email confirmation, login, allauth's pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from comments.models import Commenter, WordRule
from tests.comments.factories import UserFactory

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


def test_sign_up_tidies_the_spaces_of_the_display_name(client):
    sign_up(client, display_name="  Ayşe    K.  ")
    assert Commenter.objects.get().display_name == "Ayşe K."


def test_sign_up_without_a_display_name_is_refused(client):
    response = sign_up(client, display_name="   ")
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("name", ["Deleted user", "MODERATOR", " admin "])
def test_a_reserved_display_name_is_refused(client, name):
    response = sign_up(client, display_name=name)
    assert response.status_code == 200
    assert "Please choose another display name" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_display_name_with_a_listed_word_is_refused(client):
    WordRule.objects.create(phrase="aptal", kind="suspect")
    response = sign_up(client, display_name="APTAL Kral")
    assert response.status_code == 200
    assert "Please choose another display name" in response.content.decode()
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
