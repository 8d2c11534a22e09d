"""Double submission under real concurrency (PostgreSQL): one form, many racing requests."""

import uuid

import pytest
from django.db import connection
from django.test import override_settings

from comments import services
from comments.models import Comment
from tests.comments.factories import UserFactory, rate_limits, trusted_user
from tests.factories import ArticleFactory
from tests.races import race as race_all

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
    ),
]

RACERS = 8


def race(target):
    return race_all([target] * RACERS)


@override_settings(
    RATE_LIMITS=rate_limits(post_user=(100, 60), post_ip=(100, 60), post_user_hour=(100, 3600))
)
def test_one_form_posted_by_racing_requests_stores_one_comment():
    user = trusted_user()
    article = ArticleFactory()
    token = uuid.uuid4()

    errors = race(
        lambda: services.post_comment(
            user=user, article_id=article.pk, body="Once", token=token, accepted_guidelines=True
        )
    )

    assert errors == []
    assert Comment.objects.count() == 1
    article.refresh_from_db()
    assert article.discussion.comment_count == 1


def test_racing_approvals_count_once():
    moderator = UserFactory(is_staff=True)
    comment = Comment.objects.create(
        article=ArticleFactory(), author=UserFactory(), body="Pending", status="pending"
    )

    errors = race(lambda: services.approve(comment, by=moderator))

    assert errors == []
    comment.article.refresh_from_db()
    assert comment.article.discussion.comment_count == 1
