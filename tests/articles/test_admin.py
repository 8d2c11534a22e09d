"""The newsroom in the admin: roles, the editor, workflow actions, preview, corrections."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Image
from tests.factories import ArticleFactory, ImageFactory, SectionFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def staff_member(username, group):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return staff_member("editor", "Editors")


@pytest.fixture
def moderator():
    return staff_member("moderator", "Moderators")


def article_form_data(section, **overrides):
    data = {
        "headline": "Ferry timetable changes on the Bosphorus",
        "slug": "",
        "standfirst": "New evening crossings start next week.",
        "body": "<p>The first paragraph.</p>",
        "section": section.pk,
        "tags": "Transport, İstanbul",
        "status": "draft",
        "published_at_0": timezone.localtime().strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime().strftime("%H:%M:%S"),
        "gallery_items-TOTAL_FORMS": "0",
        "gallery_items-INITIAL_FORMS": "0",
        "embeds-TOTAL_FORMS": "0",
        "embeds-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_groups_have_exactly_the_rights_of_their_role(editor, moderator):
    assert editor.has_perm("articles.add_article")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("articles.change_image")
    assert editor.has_perm("taggit.change_tag")
    assert not editor.has_perm("auth.delete_user")
    assert moderator.has_perm("articles.view_article")
    assert not moderator.has_perm("articles.change_article")
    assert not moderator.has_perm("articles.publish_article")
    assert not moderator.has_perm("articles.delete_article")


def test_the_admin_carries_the_newsrooms_name(client, editor):
    client.force_login(editor)
    assert "The Daily Ledger newsroom" in client.get(reverse("admin:index")).content.decode()


def test_an_editor_writes_a_story_in_the_rich_text_editor_and_it_is_cleaned(client, editor):
    client.force_login(editor)
    section = SectionFactory()
    page = client.get(ADD).content.decode()
    assert "django_prose_editor" in page

    response = client.post(
        ADD,
        article_form_data(
            section, body='<p style="color:red" onclick="x()">Words <script>bad()</script>kept</p>'
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "ferry-timetable-changes-on-the-bosphorus"
    assert article.body == "<p>Words kept</p>"
    assert sorted(t.name for t in article.tags.all()) == ["Transport", "İstanbul"]
    assert article.history.first().history_user == editor


def test_an_empty_body_gets_a_clear_message_and_keeps_what_was_typed(client, editor):
    client.force_login(editor)
    section = SectionFactory()

    response = client.post(ADD, article_form_data(section, body="<p>  </p>"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The story has no text yet" in html
    assert "Ferry timetable changes on the Bosphorus" in html
    assert not Article.objects.exists()


def test_a_moderator_cannot_change_or_publish_stories(client, moderator):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(moderator)
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    assert client.get(ADD).status_code == 403
    response = client.post(change_url, article_form_data(article.section, status="published"))
    assert response.status_code == 403
    response = client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_staff_without_the_publish_right_cannot_set_status_or_time(client):
    writer = User.objects.create_user("writer", "w@example.com", "pw", is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    client.force_login(writer)
    section = SectionFactory()

    client.post(ADD, article_form_data(section, status="published"))

    assert Article.objects.get().status == Article.Status.DRAFT
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "publish_now" not in [name for name, _ in actions]


def test_publish_now_and_unpublish_actions(client, editor):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)

    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]})

    assert set(Article.objects.published()) == {draft, scheduled}
    assert client.get(scheduled.get_absolute_url()).status_code == 200

    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.history.first().history_user == editor


def test_breaking_news_expires_by_itself(client, editor, time_machine, settings):
    settings.BREAKING_NEWS_DEFAULT_HOURS = 3
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = ArticleFactory(headline="Bridge closed after ship strike")
    client.force_login(editor)

    client.post(CHANGELIST, {"action": "mark_breaking", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.breaking_until == now + timedelta(hours=3)
    client.logout()
    assert "Bridge closed after ship strike" in client.get("/section/nope/").content.decode()

    time_machine.move_to(now + timedelta(hours=3, seconds=1), tick=False)
    assert "Bridge closed after ship strike" not in client.get("/section/nope/").content.decode()
    assert not Article.objects.breaking().exists()


def test_unmarking_breaking_news_removes_the_banner_at_once(client, editor):
    article = ArticleFactory(headline="Storm warning", is_breaking=True)
    assert Article.objects.breaking().exists()
    client.force_login(editor)

    client.post(CHANGELIST, {"action": "unmark_breaking", "_selected_action": [article.pk]})

    assert not Article.objects.breaking().exists()


def test_feature_action_puts_a_story_at_the_top_of_the_home_page(client, editor):
    ArticleFactory(headline="Newer but plain")
    older = ArticleFactory(headline="Older", published_at=timezone.now() - timedelta(hours=6))
    client.force_login(editor)

    client.post(CHANGELIST, {"action": "feature", "_selected_action": [older.pk]})

    assert client.get("/").context["lead_story"] == older


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_staff_preview_a_story_readers_cannot_see_yet(client, editor, state):
    if state == "draft":
        article = ArticleFactory(status=Article.Status.DRAFT, headline="Embargoed budget")
    else:
        article = ArticleFactory(
            published_at=timezone.now() + timedelta(hours=5), headline="Embargoed budget"
        )
    url = reverse("articles:article-preview", kwargs={"pk": article.pk})
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story__headline">Embargoed budget</h1>' in html
    assert "Preview." in html and 'content="noindex, nofollow"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_readers_cannot_open_a_preview(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    url = reverse("articles:article-preview", kwargs={"pk": article.pk})

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    reader = User.objects.create_user("reader", "r@example.com", "pw")
    client.force_login(reader)
    assert client.get(url).status_code == 403


def test_corrections_are_dated_notes_shown_on_the_story(client):
    article = ArticleFactory()
    Correction.objects.create(
        article=article,
        noted_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0)),
        text="An earlier version gave the wrong date for the vote.",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'id="corrections"' in html
    assert "02/03/2026" in html and "wrong date for the vote" in html


def test_the_admin_index_shows_scheduled_stories_and_drafts(client, editor, moderator):
    ArticleFactory(headline="Tomorrow's interview", published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(headline="Half-written profile", status=Article.Status.DRAFT)
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert "Needs attention" in html
    assert "Tomorrow&#x27;s interview" in html and "Half-written profile" in html
    client.force_login(moderator)
    assert "Needs attention" not in client.get(reverse("admin:index")).content.decode()


def test_the_article_list_runs_a_fixed_number_of_queries(
    client, editor, django_assert_max_num_queries
):
    for _ in range(30):
        ArticleFactory(tags=["a", "b"])
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        assert client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"GIF89a-but-not-really", "fake.gif", "not a picture we can read"),
        (b"<svg onload=alert(1)></svg>", "logo.svg", "SVG is not accepted"),
    ],
)
def test_uploading_something_that_is_not_a_picture_gets_a_clear_message(
    client, editor, content, name, message
):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile(name, content),
            "alt_text": "Alt kept",
            "caption": "Caption kept",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Caption kept" in html
    assert not Image.objects.exists()


def test_uploading_a_picture_in_the_admin_stores_it_cleaned(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile("p.jpg", jpeg_bytes(300, 200)),
            "alt_text": "A harbour",
            "credit": "Photo: Desk",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (300, 200)


def test_a_picture_uploaded_in_the_admin_keeps_neither_its_jpeg_comment_nor_its_exif(
    client, editor
):
    from tests.articles.test_images import SECRET_COMMENT, jpeg_with_comment_and_exif

    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_image_add"),
        {
            "file": SimpleUploadedFile("phone.jpg", jpeg_with_comment_and_exif()),
            "alt_text": "A street",
        },
    )
    assert response.status_code == 302
    stored = Image.objects.get().file.read()
    assert SECRET_COMMENT not in stored
    assert b"Exif" not in stored and b"PhoneMaker" not in stored


def test_an_image_list_thumbnail_does_not_break_on_missing_files(client, editor):
    ImageFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:articles_image_changelist")).status_code == 200


def test_the_tags_field_suggests_existing_tags_from_the_admin_autocomplete(client, editor):
    ArticleFactory(tags=["İstanbul", "Istanbul Airport", "Economy"])
    client.force_login(editor)

    page = client.get(ADD).content.decode()
    assert 'data-tag-suggestions-url="/admin/autocomplete/"' in page
    assert "admin/articles/tag_suggestions.js" in page

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "istan"},
    )
    assert response.status_code == 200
    assert {r["text"] for r in response.json()["results"]} >= {"Istanbul Airport"}


def test_readers_cannot_use_the_tag_suggestions(client):
    reader = User.objects.create_user("reader", "r@example.com", "pw")
    client.force_login(reader)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "ist"},
    )
    assert response.status_code in (302, 403)


def test_the_story_editor_speaks_to_editors_not_in_setting_names(client, editor, settings):
    settings.BREAKING_NEWS_DEFAULT_HOURS = 6
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_add")).content.decode()

    assert "Corrections shown to readers" in page
    assert "readerss" not in page
    assert "Empty: 6 hours after publication." in page
    assert "BREAKING_NEWS_DEFAULT_HOURS" not in page and "COMMENTS_CLOSE_AFTER_DAYS" not in page


def test_the_social_headline_sits_under_the_headline_with_its_own_counter(client, editor):
    client.force_login(editor)
    page = client.get(ADD).content.decode()

    headline_at = page.index('name="headline"')
    social_at = page.index('name="social_headline"')
    assert headline_at < social_at < page.index('name="slug"')
    box = re.search(r'<input[^>]*name="social_headline"[^>]*>', page).group(0)
    assert 'class="vTextField story-headline"' in box and 'maxlength="110"' in box
    assert 'data-over-advice="cut short in search results"' in box
    assert (
        "For search results and social posts when the headline is too long or too local; "
        "empty: the headline." in page
    )


def test_an_editor_saves_a_social_headline_and_the_history_keeps_it(client, editor):
    client.force_login(editor)
    section = SectionFactory()

    response = client.post(
        ADD, article_form_data(section, social_headline="  Bosphorus ferries: new evening times ")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.social_headline == "Bosphorus ferries: new evening times"
    assert article.headline == "Ferry timetable changes on the Bosphorus"
    assert article.history.first().social_headline == "Bosphorus ferries: new evening times"


def test_a_social_headline_over_110_characters_gets_a_clear_message_and_nothing_is_lost(
    client, editor
):
    client.force_login(editor)
    section = SectionFactory()
    too_long = "Ferries " * 13 + "are late"
    assert len(too_long) == 112

    response = client.post(ADD, article_form_data(section, social_headline=too_long))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 110 characters (it has 112)." in html
    assert f'value="{too_long}"' in html
    assert "Ferry timetable changes on the Bosphorus" in html
    assert not Article.objects.exists()
