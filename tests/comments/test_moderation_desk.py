"""The moderators' desk: opens on the pending queue, oldest first, whole comments with readable
reasons and display names, and one-click decisions on each row and on the comment's page."""

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationAction
from tests.comments.factories import CommentFactory, UserFactory, moderator

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def mod_client(client):
    client.user = moderator()
    client.force_login(client.user)
    return client


def decide(client, comment, decision, *, next_url=CHANGELIST + "?queue=pending", **extra):
    return client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": decision, "next": next_url, **extra},
    )


def test_the_desk_opens_on_the_pending_queue(mod_client):
    response = mod_client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?queue=pending"
    assert mod_client.get(response["Location"]).status_code == 200


def test_the_queue_shows_the_whole_comment_readable_reasons_and_the_display_name(mod_client):
    long_body = "First paragraph of a long comment.\n\n" + "word " * 200 + "the very end"
    comment = CommentFactory(status="pending", body=long_body, held_reasons=["reports (3)"])
    comment.author.commenter.display_name = "Zeynep K."
    comment.author.commenter.save()
    page = mod_client.get(CHANGELIST + "?queue=pending")
    html = page.content.decode()
    assert page.status_code == 200
    assert "the very end" in html  # not cut to an excerpt
    assert '<div class="desk-comment"><p>First paragraph of a long comment.</p>' in html
    assert "&lt;p&gt;" not in html  # paragraphs as markup, not escaped twice
    assert "3 reports" in html and "reports (3)" not in html
    assert "Zeynep K." in html
    assert f'formaction="{reverse("admin:comments_comment_decide", args=[comment.pk])}"' in html


def test_one_click_approve_reject_spam_and_feature_are_logged(mod_client):
    pending, rude, spam = CommentFactory.create_batch(3, status="pending")
    back = CHANGELIST + "?queue=pending&order=newest"
    response = decide(mod_client, pending, "approve", next_url=back)
    assert response.status_code == 302 and response["Location"] == back
    decide(mod_client, rude, "reject", **{f"reason-{rude.pk}": "abusive"})
    decide(mod_client, spam, "spam")
    decide(mod_client, pending, "feature")
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {pending.pk: "approved", rude.pk: "rejected", spam.pk: "spam"}
    assert Comment.objects.get(pk=rude.pk).rejection_reason == "abusive"
    assert Comment.objects.get(pk=pending.pk).is_featured
    logged = list(
        ModerationAction.objects.filter(moderator=mod_client.user)
        .order_by("pk")
        .values_list("action", "comment_id")
    )
    assert logged == [
        ("approve", pending.pk),
        ("reject", rude.pk),
        ("spam", spam.pk),
        ("feature", pending.pk),
    ]


def test_a_rejection_needs_a_reason_and_a_bad_next_stays_on_the_site(mod_client):
    comment = CommentFactory(status="pending")
    response = decide(mod_client, comment, "reject", next_url="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == CHANGELIST
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    assert decide(mod_client, comment, "erase-everything").status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_the_comments_page_has_the_decision_buttons_outside_its_form(mod_client):
    comment = CommentFactory(status="pending")
    page = mod_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    decision = html.index('name="decision" value="approve"')
    assert html.rfind("<form", 0, decision) > html.rfind("</form>", 0, decision)  # its own form
    assert html.index('id="comment_form"') > decision  # above the admin's form, not inside


def test_decisions_are_for_moderators_only_and_by_post(client, mod_client):
    comment = CommentFactory(status="pending")
    url = reverse("admin:comments_comment_decide", args=[comment.pk])
    assert mod_client.get(url).status_code == 405
    reader = UserFactory()
    reader.is_staff = True
    reader.save()
    client.force_login(reader)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_the_audit_logs_moderator_filter_lists_moderators_only(mod_client):
    CommentFactory.create_batch(5)  # readers who never moderated
    comment = CommentFactory(status="pending")
    decide(mod_client, comment, "approve")
    page = mod_client.get(reverse("admin:comments_moderationaction_changelist"))
    choices = [str(user) for _, user in page.context["cl"].filter_specs[1].lookup_choices]
    assert choices == [str(mod_client.user)]


def test_the_desk_script_gets_json_and_stays_on_the_page(mod_client):
    comment, other = CommentFactory.create_batch(2, status="pending")
    url = reverse("admin:comments_comment_decide", args=[comment.pk])
    answer = mod_client.post(url, {"decision": "approve"}, headers={"Accept": "application/json"})
    assert answer.status_code == 200
    assert answer.json()["ok"] is True and answer.json()["status"] == "Approved"
    refused = mod_client.post(
        reverse("admin:comments_comment_decide", args=[other.pk]),
        {"decision": "reject"},  # no reason
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 400 and refused.json()["message"] == (
        "Choose why the comment is rejected."
    )
    assert Comment.objects.get(pk=other.pk).status == "pending"


def test_the_queue_loads_the_desk_script_and_its_keys(mod_client):
    CommentFactory(status="pending")
    html = mod_client.get(CHANGELIST + "?queue=pending").content.decode()
    assert "comments/moderation_desk.js" in html
    assert "comments/moderation_desk.css" in html


def test_a_hostile_comment_is_shown_as_text_in_the_queue(mod_client):
    CommentFactory(status="pending", body='<script>alert("x")</script> & <b>bold</b>')
    html = mod_client.get(CHANGELIST + "?queue=pending").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert '<script>alert("x")' not in html
