"""The discussion block under a story, as readers see it."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from comments.models import Comment, Discussion
from comments.templatetags.comments_tags import comment_count
from tests.comments.factories import CommentFactory, UserFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def page_of(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_discussion_invites_the_first_comment_and_a_way_in(client):
    article = ArticleFactory()
    html = page_of(client, article)
    assert "No comments yet." in html and "The floor is all yours." in html
    login = reverse("account_login")
    assert f'href="{login}?next={article.get_absolute_url()}%23comments"' in html
    assert reverse("account_signup") in html
    assert "respect other users and different opinions" in html.lower()
    assert reverse("legal:guidelines") in html


def test_a_signed_in_reader_gets_the_form(client):
    article = ArticleFactory()
    client.force_login(UserFactory())
    html = page_of(client, article)
    assert 'id="comment-form"' in html and "The floor is all yours." in html
    assert 'name="token"' in html and 'name="website"' in html


def test_approved_comments_with_names_times_and_replies(client):
    article = ArticleFactory()
    author = UserFactory(commenter__display_name="Zeynep from İzmir")
    first = CommentFactory(article=article, author=author, body="The first word")
    CommentFactory(article=article, parent=first, body="A reply to it")
    CommentFactory(article=article, status="pending", body="Not yet")
    CommentFactory(article=article, status="rejected", body="Never")
    html = page_of(client, article)
    assert "Zeynep from İzmir" in html and "The first word" in html and "A reply to it" in html
    assert "Not yet" not in html and "Never" not in html
    assert "2 comments" in html  # in the story header
    assert "No comments yet." not in html


def test_readers_choose_oldest_or_newest_first(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="Oldest words")
    CommentFactory(article=article, body="Newest words")
    html = page_of(client, article)
    assert html.index("Oldest words") < html.index("Newest words")
    html = page_of(client, article, "?corder=newest")
    assert html.index("Newest words") < html.index("Oldest words")


def test_featured_comments_come_first_under_their_heading(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="Ordinary words")
    CommentFactory(article=article, body="Star words", is_featured=True)
    html = page_of(client, article)
    assert "Featured" in html
    assert html.index("Star words") < html.index("Ordinary words")


@override_settings(COMMENTS_PER_PAGE=3)
def test_long_discussions_come_in_pages(client):
    article = ArticleFactory()
    comments = [CommentFactory(article=article, body=f"Words {n:02d}.") for n in range(7)]
    html = page_of(client, article)
    assert "Words 02." in html and "Words 03." not in html
    more = re.search(r'href="(\?corder=oldest&amp;cafter=\d+#comments)"', html).group(1)
    html = page_of(client, article, more.replace("&amp;", "&").split("#")[0])
    assert "Words 03." in html and "Words 05." in html and "Words 02." not in html
    html = page_of(client, article, f"?corder=newest&cafter={comments[3].pk}")
    assert "Words 02." in html and "Words 03." not in html


@pytest.mark.parametrize(
    "query",
    [
        "?cafter=abc",
        "?cafter=-1",
        "?cafter=99999999999999999999",
        "?corder=%00",
        "?cafter=%C2%B2",
        "?cafter=%D9%A3",
    ],
)
def test_odd_discussion_parameters_never_fail(client, query):
    article = ArticleFactory()
    CommentFactory(article=article)
    page_of(client, article, query)


@override_settings(COMMENTS_REPLIES_SHOWN=2)
def test_long_threads_link_to_their_own_page(client):
    article = ArticleFactory()
    head = CommentFactory(article=article)
    for n in range(4):
        CommentFactory(article=article, parent=head, body=f"Reply {n}.")
    html = page_of(client, article)
    assert "Reply 1." in html and "Reply 2." not in html
    assert "See all 4 replies" in html
    thread = client.get(reverse("comments:thread", args=[head.pk])).content.decode()
    assert "Reply 3." in thread


def test_the_thread_page_of_an_unapproved_comment_is_a_404(client):
    comment = CommentFactory(status="pending")
    assert client.get(reverse("comments:thread", args=[comment.pk])).status_code == 404


def test_the_preview_of_a_draft_shows_no_discussion(admin_client):
    article = ArticleFactory(status="draft")
    html = admin_client.get(reverse("articles:article-preview", args=[article.pk])).content.decode()
    assert 'id="comments"' not in html


def test_comment_counts_on_cards(client):
    article = ArticleFactory(is_featured=True)
    CommentFactory.create_batch(3, article=article)
    html = client.get("/").content.decode()
    assert 'aria-label="3 comments"' in html
    # The icon is drawn as an inline SVG, not an emoji some systems cannot show.
    card_count = html[html.index('aria-label="3 comments"') :].split("</a>", 1)[0]
    assert '<svg class="card__comments-icon"' in card_count and 'aria-hidden="true"' in card_count
    assert "💬" not in (settings.BASE_DIR / "static/css/site.css").read_text(encoding="utf-8")


def test_cards_never_query_for_a_discussion_their_list_did_not_fetch(django_assert_num_queries):
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)
    fetched = Article.objects.for_cards().get(pk=article.pk)
    bare = Article.objects.get(pk=article.pk)
    with django_assert_num_queries(0):
        assert (comment_count(fetched), comment_count(bare)) == (3, 0)


def test_every_new_story_has_an_open_discussion():
    article = ArticleFactory()
    discussion = Discussion.objects.get(article=article)
    assert (discussion.mode, discussion.comment_count) == (Discussion.Mode.OPEN, 0)
    article.save()  # saving again changes nothing
    assert Discussion.objects.get(article=article).mode == Discussion.Mode.OPEN


@override_settings(COMMENTS_CLOSE_AFTER_DAYS=14)
def test_a_discussion_is_open_for_a_public_story_until_it_closes_by_itself():
    from datetime import timedelta

    from django.utils import timezone

    def discussion(**story):
        return Discussion.objects.select_related("article").get(article=ArticleFactory(**story))

    assert discussion().is_open
    old = discussion(published_at=timezone.now() - timedelta(days=14, minutes=1))
    assert not old.is_open
    assert old.closes_at == old.article.published_at + timedelta(days=14)
    assert not discussion(status="draft").is_open
    assert not discussion(published_at=timezone.now() + timedelta(hours=1)).is_open
    closed = discussion()
    closed.mode = Discussion.Mode.CLOSED
    assert not closed.is_open


def test_a_reader_with_a_pending_reply_sees_it_marked(client):
    article = ArticleFactory()
    head = CommentFactory(article=article)
    reader = UserFactory()
    CommentFactory(
        article=article,
        parent=head,
        author=reader,
        status=Comment.Status.PENDING,
        body="My pending reply",
    )
    client.force_login(reader)
    html = page_of(client, article)
    assert "Awaiting moderation" in html and "My pending reply" in html


def test_element_ids_stay_unique_with_a_featured_comment(client):
    article = ArticleFactory()
    head = CommentFactory(article=article, is_featured=True)
    CommentFactory(article=article, parent=head)
    client.force_login(UserFactory())
    ids = re.findall(r' id="([^"]+)"', page_of(client, article))
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_story_without_its_discussion_row_still_shows_and_takes_comments(client):
    from tests.comments.factories import trusted_user

    article = ArticleFactory()
    Discussion.objects.filter(article=article).delete()  # as a bulk_create or raw SQL leaves it
    assert "No comments yet." in page_of(client, article)

    reader = trusted_user()
    client.force_login(reader)
    client.post(
        reverse("comments:post", args=[article.pk]),
        {"body": "Still works", "accept_guidelines": "on"},
    )

    comment = Comment.objects.get(article=article)
    assert comment.body == "Still works" and comment.status == Comment.Status.APPROVED
    assert Discussion.objects.get(article=article).comment_count == 1
