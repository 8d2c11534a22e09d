"""Posting a comment: who may, what happens to it, and how bad input is handled."""

import uuid
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import services
from comments.models import Comment, Commenter, Discussion, WordRule
from tests.comments.factories import (
    CommentFactory,
    UserFactory,
    guidelines,
    rate_limits,
    trusted_user,
)
from tests.comments.factories import (
    post_comment_form as post,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_posting_rejects_get(client, reader, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


def test_anonymous_readers_are_sent_to_log_in(client, article):
    response = post(client, article)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Comment.objects.exists()


def test_a_new_readers_comment_awaits_moderation_and_the_author_sees_it(client, reader, article):
    response = post(client, article, body="First!")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reasons == ["new user"]
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Awaiting moderation" in page and "First!" in page
    article.refresh_from_db()
    assert article.discussion.comment_count == 0


def test_other_readers_do_not_see_pending_comments(client, reader, article):
    post(client, article, body="Secret pending words")
    client.force_login(UserFactory())
    assert "Secret pending words" not in client.get(article.get_absolute_url()).content.decode()
    client.logout()
    assert "Secret pending words" not in client.get(article.get_absolute_url()).content.decode()


@override_settings(COMMENTS_TRUSTED_MIN_APPROVED=3, COMMENTS_TRUSTED_CLEAN_DAYS=30)
def test_a_trusted_commenter_is_published_at_once(client, article):
    user = trusted_user()
    client.force_login(user)
    post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    article.refresh_from_db()
    assert article.discussion.comment_count == 1
    user.commenter.refresh_from_db()
    assert user.commenter.approved_count == 11


@override_settings(COMMENTS_TRUSTED_MIN_APPROVED=3, COMMENTS_TRUSTED_CLEAN_DAYS=30)
def test_a_recent_rejection_takes_trust_away(client, article):
    user = trusted_user(commenter__last_rejected_at=timezone.now() - timedelta(days=3))
    client.force_login(user)
    post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reasons == ["pre-moderation"]


@override_settings(COMMENTS_TRUSTED_MIN_APPROVED=3, COMMENTS_TRUSTED_CLEAN_DAYS=30)
def test_an_old_rejection_does_not(client, article):
    user = trusted_user(commenter__last_rejected_at=timezone.now() - timedelta(days=31))
    client.force_login(user)
    post(client, article)
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_a_pre_moderated_story_holds_even_trusted_comments(client, article):
    Discussion.objects.filter(article=article).update(mode=Discussion.Mode.PREMODERATED)
    client.force_login(trusted_user())
    post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reasons == ["pre-moderated story"]


def test_a_suspect_word_holds_a_trusted_comment_and_says_why(client, article):
    WordRule.objects.create(phrase="İstifa", kind=WordRule.Kind.SUSPECT)
    client.force_login(trusted_user())
    post(client, article, body="Bakan ISTIFA etmeli")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reasons == ["suspect word: istifa"]


def test_a_suspect_word_inside_another_word_does_not_hold(client, article):
    WordRule.objects.create(phrase="ass", kind=WordRule.Kind.SUSPECT)
    client.force_login(trusted_user())
    post(client, article, body="The national assembly met in a classroom.")
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_a_banned_word_rejects_at_once_with_a_clear_message(client, reader, article):
    WordRule.objects.create(phrase="Aptal", kind=WordRule.Kind.BANNED)
    response = post(client, article, body="Sen bir APTALsın değil, düz APTAL")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == Comment.RejectionReason.BANNED_WORD
    page = client.get(response["Location"]).content.decode()
    assert "not published" in page
    # What the reader wrote comes back in the form, to be rephrased.
    assert "düz APTAL" in page


def test_double_submitting_one_form_stores_one_comment(client, reader, article):
    token = str(uuid.uuid4())
    first = client.post(
        reverse("comments:post", args=[article.pk]),
        {"body": "Once", "token": token, "accept_guidelines": "on"},
    )
    second = client.post(
        reverse("comments:post", args=[article.pk]),
        {"body": "Once", "token": token, "accept_guidelines": "on"},
    )
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_token_from_another_reader_does_not_reveal_their_comment(client, reader, article):
    token = uuid.uuid4()
    CommentFactory(article=article, submission_token=token, body="Theirs")
    mine = services.post_comment(
        user=reader, article_id=article.pk, body="Mine", token=token, accepted_guidelines=True
    )
    assert mine.body == "Mine" and mine.submission_token is None
    assert Comment.objects.filter(submission_token=token).get().body == "Theirs"


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "please write something"),
        ("   \n\t  ", "empty"),
        ("x" * 3001, "the limit is 3,000"),
        ("x" * 1_000_000, "the limit is 3,000"),
        ("nul\x00byte", "Null characters are not allowed"),
    ],
)
def test_empty_and_oversized_comments_get_a_clear_message(client, reader, article, body, message):
    response = post(client, article, body=body)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert message in page
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE comments_comment; --",
        "Harika bir haber 👏🏽🇹🇷",
        "مرحبا بالعالم، هذا تعليق",
        "IĞDIR'da İstanbul'dan ılık bir rüzgâr",
        "Zero\u200bwidth and \u202eRTL override",
    ],
)
def test_awkward_text_is_stored_as_written_and_shown_escaped(client, article, body):
    client.force_login(trusted_user())
    post(client, article, body=body)
    comment = Comment.objects.get()
    assert comment.body == body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    if "script" not in body:
        assert body.replace("'", "&#x27;") in page


def test_posting_to_a_closed_story_is_refused(client, reader, article):
    Discussion.objects.filter(article=article).update(mode=Discussion.Mode.CLOSED)
    response = post(client, article)
    assert not Comment.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Comments on this story are closed." in page


@override_settings(COMMENTS_CLOSE_AFTER_DAYS=14)
def test_comments_close_by_themselves_after_the_set_number_of_days(client, reader):
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=14, minutes=1))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=13, hours=23))
    post(client, old)
    post(client, recent)
    assert list(Comment.objects.values_list("article", flat=True)) == [recent.pk]
    assert (
        "Comments on this story are closed." in client.get(old.get_absolute_url()).content.decode()
    )


def test_drafts_scheduled_and_forged_article_ids_get_a_404(client, reader):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    for article_id in (draft.pk, scheduled.pk, 999_999):
        response = client.post(reverse("comments:post", args=[article_id]), {"body": "Hi"})
        assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_reply_goes_under_its_comment(client, reader, article):
    parent = CommentFactory(article=article)
    post(client, article, body="I agree", parent=parent.pk)
    reply = Comment.objects.get(parent=parent)
    assert reply.body == "I agree"


def test_a_reply_to_a_reply_joins_the_same_thread(client, reader, article):
    parent = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=parent)
    post(client, article, body="Me too", parent=reply.pk)
    assert Comment.objects.get(body="Me too").parent == parent


@pytest.mark.parametrize("status", [Comment.Status.REJECTED, Comment.Status.PENDING, "spam"])
def test_replying_to_a_comment_readers_cannot_see_is_refused(client, reader, article, status):
    parent = CommentFactory(article=article, status=status)
    response = post(client, article, body="Reply", parent=parent.pk)
    assert not Comment.objects.filter(body="Reply").exists()
    assert "no longer available" in client.get(response["Location"]).content.decode()


def test_replying_to_a_comment_on_another_story_is_refused(client, reader, article):
    elsewhere = CommentFactory()
    response = post(client, article, body="Reply", parent=elsewhere.pk)
    assert not Comment.objects.filter(body="Reply").exists()
    assert "not part of this story" in client.get(response["Location"]).content.decode()


def test_a_forged_parent_id_or_token_is_refused_with_a_message(client, reader, article):
    for forged in ({"parent": "abc"}, {"parent": "-1"}, {"parent": "99999999"}, {"token": "x"}):
        response = post(client, article, body="Reply", **forged)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "form was changed on its way" in page or "not part of this story" in page
    assert not Comment.objects.exists()


def test_the_honeypot_stores_nothing(client, reader, article):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_an_unverified_email_cannot_comment(client, article):
    user = UserFactory(verified=False)
    client.force_login(user)
    response = post(client, article)
    assert not Comment.objects.exists()
    assert "confirm your email" in client.get(response["Location"]).content.decode()


def test_new_guidelines_must_be_accepted_again(client, reader, article):
    first = guidelines("Version one")
    response = post(client, article, body="Without ticking", accept_guidelines="")
    assert not Comment.objects.exists()
    assert "read the community guidelines" in client.get(response["Location"]).content.decode()
    post(client, article, body="Ticked", accept_guidelines="on")
    comment = Comment.objects.get()
    assert comment.guidelines_version == first.version
    post(client, article, body="Again, no need to tick", accept_guidelines="")
    assert Comment.objects.count() == 2
    guidelines("Version two")
    post(client, article, body="New rules, not ticked", accept_guidelines="")
    assert Comment.objects.count() == 2
    page = client.get(article.get_absolute_url()).content.decode()
    assert "they have changed since you last accepted them" in page


@override_settings(RATE_LIMITS=rate_limits(post_user=(2, 60)))
def test_posting_too_often_is_refused_with_a_clear_message(client, reader, article):
    for n in range(3):
        response = post(client, article, body=f"Comment {n}")
    assert Comment.objects.count() == 2
    assert "too often" in client.get(response["Location"]).content.decode()


@override_settings(RATE_LIMITS=rate_limits(post_ip=(2, 60)))
def test_the_ip_limit_holds_across_accounts(client, article):
    for _ in range(3):
        client.force_login(UserFactory())
        post(client, article)
    assert Comment.objects.count() == 2


def test_a_suspended_reader_sees_why_and_cannot_post(client, reader, article):
    Commenter.objects.filter(user=reader).update(
        suspended_until=timezone.now() + timedelta(days=2), sanction_reason="Personal attacks."
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "You cannot comment until" in page and "Personal attacks." in page
    post(client, article)
    assert not Comment.objects.exists()


def test_a_banned_reader_cannot_post(client, reader, article):
    Commenter.objects.filter(user=reader).update(is_banned=True, sanction_reason="Spam.")
    response = post(client, article)
    assert not Comment.objects.exists()
    assert "no longer comment" in client.get(response["Location"]).content.decode()


def test_a_suspension_ends_by_itself(client, reader, article):
    Commenter.objects.filter(user=reader).update(
        suspended_until=timezone.now() - timedelta(seconds=1)
    )
    post(client, article)
    assert Comment.objects.count() == 1


def test_opting_in_to_reply_emails_from_the_form_is_remembered(client, reader, article):
    post(client, article, notify_on_reply="on")
    reader.commenter.refresh_from_db()
    assert reader.commenter.notify_on_reply
