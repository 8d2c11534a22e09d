"""Every form or page that sends the reader on to a `next` address (or could follow the Referer)
keeps them on the site, whatever the value: never a 500, never another host.

A bare word such as "home" used to give a 500 after the action was done, because redirect()
looks it up as a view name.
"""

import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model

from tests.comments.factories import CommentFactory, UserFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's

HOSTILE_NEXT = [
    pytest.param("home", id="view-name-home"),
    pytest.param("mine", id="view-name-mine"),
    pytest.param("comments:mine", id="namespaced-view-name"),
    pytest.param("//evil.example", id="protocol-relative"),
    pytest.param("///evil.example", id="three-slashes"),
    pytest.param("/\\evil.example", id="slash-backslash"),
    pytest.param("https://evil.example/", id="other-host"),
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("\x00", id="nul"),
    pytest.param("/\x00", id="path-with-nul"),
    pytest.param("/news/" + "x" * 5000, id="very-long-path"),
    pytest.param("x" * 5000, id="very-long-word"),
]

REDIRECTS = {301, 302, 303, 307, 308}


def _q(value):
    return quote(value, safe="")


def assert_stays_on_site(response):
    assert response.status_code < 500
    if response.status_code in REDIRECTS:
        location = response["Location"]
        # A path on this site: one leading "/", no host, nothing a browser would read as one.
        assert location.startswith("/"), location
        assert not location.startswith(("//", "/\\")), location
        assert not re.search(r"[\x00-\x1f\x7f]", location), location


# Each case does one thing a reader or editor can do with a `next` value, as the site's pages do
# it (query string for links, a hidden field for forms), with the same value as Referer.


def delete_comment(client, next_url):
    comment = CommentFactory(author=UserFactory())
    client.force_login(comment.author)
    return client.post(f"/comments/{comment.pk}/delete/", {"next": next_url})


def delete_missing_comment(client, next_url):
    client.force_login(UserFactory())
    return client.post("/comments/999999/delete/", {"next": next_url})


def report_comment(client, next_url):
    comment = CommentFactory()
    client.force_login(UserFactory())
    return client.post(
        f"/comments/{comment.pk}/report/?next={_q(next_url)}", {"reason": "spam", "next": next_url}
    )


def post_comment(client, next_url):
    article = ArticleFactory()
    client.force_login(UserFactory())
    return client.post(f"/comments/post/{article.pk}/?next={_q(next_url)}", {"next": next_url})


def subscribe_to_the_newsletter(client, next_url):
    return client.post(
        "/newsletter/subscribe/", {"email": "reader@example.org", "consent": "on", "next": next_url}
    )


def save_notification_settings(client, next_url):
    client.force_login(UserFactory())
    return client.post(f"/account/notifications/?next={_q(next_url)}", {"next": next_url})


def save_notification_settings_at_the_old_address(client, next_url):
    client.force_login(UserFactory())
    return client.post(f"/comments/mine/notifications/?next={_q(next_url)}", {"next": next_url})


def open_the_old_delete_account_address(client, next_url):
    client.force_login(UserFactory())
    return client.get("/comments/account/delete/", {"next": next_url})


def delete_account(client, next_url):
    client.force_login(UserFactory())
    return client.post(f"/account/delete/?next={_q(next_url)}", {"confirm": "on", "next": next_url})


def open_login_page(client, next_url):
    return client.get("/accounts/login/", {"next": next_url})


def open_login_page_logged_in(client, next_url):
    client.force_login(UserFactory())
    return client.get("/accounts/login/", {"next": next_url})


def log_in(client, next_url):
    user = UserFactory()
    return client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD, "next": next_url}
    )


def open_signup_page(client, next_url):
    return client.get("/accounts/signup/", {"next": next_url})


def open_signup_page_logged_in(client, next_url):
    client.force_login(UserFactory())
    return client.get("/accounts/signup/", {"next": next_url})


def sign_up(client, next_url):
    password = "a long and unusual passphrase 42"
    return client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "display_name": "New Reader",
            "password1": password,
            "password2": password,
            "next": next_url,
        },
    )


def confirm_email(client, next_url):
    user = UserFactory(verified=False)
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key
    return client.post(f"/accounts/confirm-email/{key}/", {"next": next_url})


def open_logout_page_logged_out(client, next_url):
    return client.get("/accounts/logout/", {"next": next_url})


def log_out(client, next_url):
    client.force_login(UserFactory())
    return client.post("/accounts/logout/", {"next": next_url})


def open_admin_login(client, next_url):
    return client.get("/admin/login/", {"next": next_url})


def open_admin_login_as_staff(client, next_url):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    return client.get("/admin/login/", {"next": next_url})


def log_in_to_the_admin(client, next_url):
    get_user_model().objects.create_superuser("boss", "b@example.org", PASSWORD)
    return client.post(
        f"/admin/login/?next={_q(next_url)}",
        {"username": "boss", "password": PASSWORD, "next": next_url},
    )


def log_out_of_the_admin(client, next_url):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    return client.post(f"/admin/logout/?next={_q(next_url)}", {"next": next_url})


def open_an_admin_page_logged_out(client, next_url):
    return client.get("/admin/articles/article/", {"next": next_url})


ACTIONS = [
    delete_comment,
    delete_missing_comment,
    report_comment,
    post_comment,
    subscribe_to_the_newsletter,
    save_notification_settings,
    save_notification_settings_at_the_old_address,
    open_the_old_delete_account_address,
    delete_account,
    open_login_page,
    open_login_page_logged_in,
    log_in,
    open_signup_page,
    open_signup_page_logged_in,
    sign_up,
    confirm_email,
    open_logout_page_logged_out,
    log_out,
    open_admin_login,
    open_admin_login_as_staff,
    log_in_to_the_admin,
    log_out_of_the_admin,
    open_an_admin_page_logged_out,
]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_a_hostile_next_never_gives_a_500_nor_leaves_the_site(client, action, next_url):
    client.defaults["HTTP_REFERER"] = next_url

    response = action(client, next_url)

    assert_stays_on_site(response)


@pytest.mark.parametrize(
    "action, expected",
    [
        (delete_missing_comment, "/news/1/a-story/"),
        (subscribe_to_the_newsletter, "/news/1/a-story/"),
        (log_in, "/news/1/a-story/"),
        (log_out, "/news/1/a-story/"),
        (log_in_to_the_admin, "/news/1/a-story/"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_a_next_path_on_the_site_is_still_followed(client, action, expected):
    response = action(client, "/news/1/a-story/")

    assert response.status_code == 302
    assert response["Location"] == expected
