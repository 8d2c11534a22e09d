"""Pages of the comments app run a fixed number of queries, however much there is to show."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import CommentFactory, UserFactory, build_discussion
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# session, user, nav sections, breaking banner + story, authors, tags, corrections, embeds,
# gallery, related + featured, threads, replies + commenter profile, own pending comments.
SIGNED_IN_ARTICLE_QUERIES = 2 + 2 + 7 + 3 + 2
# session, user, commenter profile + nav sections, breaking banner + count, page, replies
MY_COMMENTS_QUERIES = 3 + 2 + 3


@pytest.mark.parametrize("threads, replies", [(2, 1), (200, 10)], ids=["few", "many"])
def test_signed_in_article_page_query_count_is_fixed(
    client, django_assert_num_queries, threads, replies
):
    article = ArticleFactory()
    build_discussion(article, threads=threads, replies_per_thread=replies)
    reader = UserFactory()
    CommentFactory.create_batch(threads // 10 + 1, article=article, author=reader, status="pending")
    client.force_login(reader)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(SIGNED_IN_ARTICLE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 60], ids=["few", "many"])
def test_my_comments_page_query_count_is_fixed(client, django_assert_num_queries, count):
    reader = UserFactory()
    article = ArticleFactory()
    mine = CommentFactory.create_batch(count, author=reader, article=article)
    for comment in mine[:5]:
        CommentFactory(article=article, parent=comment)
    Comment.objects.filter(pk=mine[-1].pk).update(status="rejected", rejection_reason="off_topic")
    client.force_login(reader)
    with django_assert_num_queries(MY_COMMENTS_QUERIES):
        response = client.get(reverse("comments:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rejected" in html and "Reason: Off-topic" in html


@pytest.mark.parametrize("replies", [1, 120], ids=["few", "many"])
def test_thread_page_query_count_is_fixed(client, django_assert_num_queries, replies):
    head = build_discussion(ArticleFactory(), threads=1, replies_per_thread=replies)[0]
    client.get(reverse("comments:thread", args=[head.pk]))
    # nav sections, breaking banner + the comment with its story, count, page of replies
    with django_assert_num_queries(2 + 3):
        assert client.get(reverse("comments:thread", args=[head.pk])).status_code == 200
