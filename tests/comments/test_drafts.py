"""A post that fails gives the reader back everything they wrote, in the form they wrote it in."""

import html
import re

import pytest
from django.test import override_settings

from comments.models import Comment
from comments.reader import DRAFT_MAX_LENGTH
from tests.comments.factories import CommentFactory, rate_limits
from tests.comments.factories import post_comment_form as post

pytestmark = pytest.mark.django_db

# A long paste with a mark every few words, so a cut anywhere shows.
LONG_PASTE = "".join(f"Line {n}: the council met again. " for n in range(600))


def page_after(client, response):
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def textarea(page, element_id):
    """The text in the textarea with this id, as the browser shows it."""
    found = re.search(rf'<textarea[^>]* id="{element_id}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert found, f"no textarea #{element_id} on the page"
    return html.unescape(found.group(1))


def test_a_20000_character_paste_comes_back_whole(client, reader, article):
    body = (LONG_PASTE * 2)[:20_000]
    page = page_after(client, post(client, article, body))
    assert "the limit is 3,000" in page
    assert textarea(page, "id_body") == body
    assert not Comment.objects.exists()


def test_a_long_reply_comes_back_whole_in_its_reply_form(client, reader, article):
    parent = CommentFactory(article=article)
    body = (LONG_PASTE * 2)[:20_000]
    page = page_after(client, post(client, article, body, parent=parent.pk))
    assert textarea(page, f"reply-body-{parent.pk}") == body
    assert textarea(page, "id_body") == ""
    assert not Comment.objects.filter(parent=parent).exists()


def test_a_text_beyond_the_drafts_cap_is_cut_there_and_the_reader_is_told(client, reader, article):
    body = LONG_PASTE * ((DRAFT_MAX_LENGTH // len(LONG_PASTE)) + 2)
    page = page_after(client, post(client, article, body))
    assert textarea(page, "id_body") == body[:DRAFT_MAX_LENGTH]
    assert "Only the first 100,000 characters of your text were kept." in page


def test_a_nul_character_is_refused_and_the_rest_of_the_text_comes_back(client, reader, article):
    page = page_after(client, post(client, article, "Before the NUL\x00 and after it."))
    assert "Null characters are not allowed." in page
    assert "We removed the null characters from your text" in page
    assert textarea(page, "id_body") == "Before the NUL and after it."
    assert not Comment.objects.exists()


def test_a_tampered_parent_gives_the_text_back_in_the_main_form(client, reader, article):
    page = page_after(client, post(client, article, "My reply, kept.", parent="abc"))
    assert "the form was changed on its way" in page
    assert textarea(page, "id_body") == "My reply, kept."
    assert not Comment.objects.exists()


def test_a_tampered_token_gives_the_reply_back_in_its_reply_form(client, reader, article):
    parent = CommentFactory(article=article)
    response = post(client, article, "My reply, kept.", parent=parent.pk, token="not-a-uuid")
    page = page_after(client, response)
    assert "the form was changed on its way" in page
    assert textarea(page, f"reply-body-{parent.pk}") == "My reply, kept."
    assert not Comment.objects.filter(parent=parent).exists()


def test_a_reply_to_a_comment_no_longer_approved_comes_back_in_the_main_form(
    client, reader, article
):
    parent = CommentFactory(article=article)
    Comment.objects.filter(pk=parent.pk).update(status=Comment.Status.REJECTED)
    page = page_after(client, post(client, article, "My reply, kept.", parent=parent.pk))
    assert "no longer available" in page
    assert "your reply is in this form; sending it starts a new comment" in page
    assert textarea(page, "id_body") == "My reply, kept."
    assert not Comment.objects.filter(body="My reply, kept.").exists()


@override_settings(RATE_LIMITS=rate_limits(post_user=(1, 60)))
def test_a_failed_reply_to_a_reply_comes_back_in_its_threads_reply_form(client, reader, article):
    parent = CommentFactory(article=article)
    answer = CommentFactory(article=article, parent=parent)
    post(client, article, "Allowed once.")
    page = page_after(client, post(client, article, "My reply, kept.", parent=answer.pk))
    assert "too often" in page
    assert textarea(page, f"reply-body-{parent.pk}") == "My reply, kept."


def test_the_kept_text_sent_again_is_stored_once(client, reader, article):
    page = page_after(client, post(client, article, "Worth keeping.", token="x"))
    kept = textarea(page, "id_body")
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    for _ in range(2):  # the same form sent twice
        post(client, article, kept, token=token)
    assert list(Comment.objects.values_list("body", flat=True)) == ["Worth keeping."]
    # The draft was shown once: the next visit has an empty form.
    assert textarea(client.get(article.get_absolute_url()).content.decode(), "id_body") == ""
