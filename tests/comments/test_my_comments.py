"""The reader's "My comments" page (comments:mine)."""

import pytest
from django.urls import reverse

from tests.comments.factories import CommentFactory, UserFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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
