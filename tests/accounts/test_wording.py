"""The account pages speak as the site does, not in allauth's stock words."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "<h1>Log in</h1>" in html or ">Log in</h1>" in html
    assert "Keep me signed in" in html and "Remember Me" not in html
    assert f'href="{reverse("account_signup")}">Create an account</a>' in html
    assert "Sign In" not in html


def test_the_sign_up_page(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert "Create an account" in html and "Create my account" in html
    assert "Sign Up" not in html and "Signup" not in html
