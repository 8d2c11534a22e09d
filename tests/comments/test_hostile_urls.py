"""Hostile or odd URLs of the comments app get a page, a redirect or a 4xx, never a 500."""

import pytest

from tests.comments.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", f"/comments/{HUGE}/"),
        ("get", "/comments/0/"),
        ("get", "/comments/mine/?page=%00"),
        ("get", "/comments/mine/?page=-1"),
        ("get", "/comments/1/?page=abc"),
        ("get", "/comments/guidelines/?x=<script>"),
        ("post", f"/comments/post/{HUGE}/"),
        ("post", f"/comments/{HUGE}/report/"),
        ("post", f"/comments/{HUGE}/delete/"),
        ("post", "/comments/mine/notifications/"),
        ("post", "/comments/account/delete/"),
    ],
)
def test_hostile_urls_never_give_a_500(client, method, url):
    client.force_login(UserFactory())
    response = getattr(client, method)(
        url, {"body": "x", "reason": "spam"} if method == "post" else None
    )
    assert response.status_code < 500
