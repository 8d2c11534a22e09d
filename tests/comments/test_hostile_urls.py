"""Hostile or odd URLs of the comments app: each gets the one answer that is right for it (never
a 500, and never a lucky 404 where the page should have been shown)."""

import pytest
from django.contrib.auth import get_user_model

from comments.models import Comment
from tests.comments.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url",
    [
        # Numbers the converter takes but no row has: past the database's integers, and 0.
        f"/comments/{HUGE}/",
        "/comments/0/",
    ],
)
def test_a_thread_that_cannot_exist_is_a_404(client, reader, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    # A page number that is not one: the lenient paginator shows the first page.
    ["?page=%00", "?page=-1", "?page=abc", f"?page={HUGE}"],
)
def test_a_bad_page_number_shows_the_first_page_of_a_thread_and_of_my_comments(
    client, reader, query
):
    head = CommentFactory()
    thread = client.get(f"/comments/{head.pk}/{query}")
    assert thread.status_code == 200
    assert head.body in thread.content.decode()
    mine = client.get(f"/comments/mine/{query}")
    assert mine.status_code == 200


def test_markup_in_the_query_of_the_guidelines_is_ignored(client, reader):
    response = client.get("/comments/guidelines/?x=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("url", [f"/comments/post/{HUGE}/", f"/comments/{HUGE}/report/"])
def test_posting_or_reporting_under_a_story_or_comment_that_cannot_exist_is_a_404(
    client, reader, url
):
    response = client.post(url, {"body": "x", "reason": "spam"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_deleting_a_comment_that_cannot_exist_goes_back_to_my_comments_saying_so(client, reader):
    """Deleting is answered like every other outcome of the button (done, not yours, gone): back
    to the reader's comments with a message, so the reader is never left on an error page."""
    response = client.post(f"/comments/{HUGE}/delete/", follow=True)
    assert response.redirect_chain == [("/comments/mine/", 302)]
    assert response.status_code == 200
    assert "This comment is not yours or no longer exists." in response.content.decode()


def test_the_old_notifications_address_with_a_stray_body_saves_nothing_and_goes_back(
    client, reader
):
    response = client.post("/comments/mine/notifications/", {"body": "x", "reason": "spam"})
    assert (response.status_code, response["Location"]) == (302, "/comments/mine/")


def test_the_old_delete_address_without_confirmation_shows_the_form_again(client, reader):
    response = client.post("/comments/account/delete/", {"body": "x", "reason": "spam"})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=reader.pk).exists()
