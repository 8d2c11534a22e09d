"""Videos and posts embedded in stories: edited in the story editor, shown as facades where the
editor placed them, framed only from the providers' players, linked (never played) in feeds and
the digest."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.embeds import FRAME_HOSTS
from articles.models import StoryEmbed
from newsletter.rendering import render_digest
from newsportal import surrogate
from tests.articles.test_admin import article_form_data
from tests.factories import ArticleFactory, SectionFactory
from tests.newsletter.factories import DigestFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
POST = "https://x.com/AFADBaskanlik/status/1759412345678901234"


@pytest.fixture
def story():
    story = ArticleFactory(
        body="<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>"
    )
    StoryEmbed.objects.create(article=story, embed_url=VIDEO, after_paragraph=1, caption="Aerial")
    StoryEmbed.objects.create(article=story, embed_url=POST, order=1)
    return story


def test_the_story_shows_its_embeds_where_the_editor_placed_them(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    first, video, second = (
        html.index("First paragraph."),
        html.index(f'data-embed-src="{PLAYER}"'),
        html.index("Second paragraph."),
    )
    assert first < video < second
    post = html.index('class="embed embed--x embed--post"')
    assert html.index("Third paragraph.") < post < html.index('class="share"')
    assert "Aerial" in html and html.count('<figure class="embed ') == 2
    assert re.search(r'<script src="/static/js/embeds\.js(\?[^"]*)?" defer></script>', html)
    assert "<iframe" not in html


def test_a_story_without_embeds_does_not_load_the_script(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "embeds.js" not in html and "embed-load" not in html


def test_a_pasted_address_alone_in_a_paragraph_shows_as_a_facade(client):
    story = ArticleFactory(body=f"<p>Intro.</p><p><a href='{POST}'>{POST}</a></p>")
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'class="embed embed--x embed--post"' in html and "embeds.js" in html


def test_frames_may_come_from_the_providers_players_only(client, admin_client, story):
    for response in (client.get(story.get_absolute_url()), admin_client.get("/admin/")):
        directives = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert sorted(directives["frame-src"].split()) == FRAME_HOSTS
        assert directives["frame-ancestors"] == "'none'"
    assert "https://www.youtube-nocookie.com" in FRAME_HOSTS
    assert "https://www.youtube.com" not in FRAME_HOSTS


def test_a_change_to_an_embed_purges_its_story(story):
    row = story.embeds.first()
    assert surrogate.keys_for_change(row) == {f"story-{story.pk}"}
    assert surrogate.keys_for_change(row, deleted=True) == {f"story-{story.pk}"}


# --- the story editor


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", "editor@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def embed_rows(*rows):
    data = {"embeds-TOTAL_FORMS": str(len(rows)), "embeds-INITIAL_FORMS": "0"}
    for n, row in enumerate(rows):
        data |= {f"embeds-{n}-{name}": value for name, value in ({"order": "0"} | row).items()}
    return data


def test_an_editor_adds_a_video_to_a_story(client, editor):
    section = SectionFactory()
    data = article_form_data(section) | embed_rows(
        {"embed_url": f"  {VIDEO}  ", "caption": "Aerial footage", "after_paragraph": "0"}
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    row = StoryEmbed.objects.get()
    assert (row.embed_provider, row.embed_id, row.after_paragraph) == ("youtube", "dQw4w9WgXcQ", 0)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "not a video or post we can"),
        ("javascript:alert(1)", "Enter a valid URL"),
        ("https://bsky.app/profile/afad.bsky.social/post/3kqmooj3ems2w", "account’s DID"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ\x00", "Null characters are not allowed"),
        ("https://www.youtube.com/watch?v=" + "a" * 600, "at most 500 characters"),
        ("", "Paste the address of the video or post"),
    ],
)
def test_an_address_that_is_not_an_embed_gets_a_form_error(client, editor, url, message):
    section = SectionFactory()
    data = article_form_data(section) | embed_rows(
        {"embed_url": url, "caption": "Keep this caption", "after_paragraph": "2"}
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message.replace("’", "&#x27;") in html or message in html
    assert "Keep this caption" in html  # nothing typed is lost
    assert not StoryEmbed.objects.exists()


def test_a_position_beyond_what_the_field_holds_is_a_form_error(client, editor):
    data = article_form_data(SectionFactory()) | embed_rows(
        {"embed_url": VIDEO, "after_paragraph": str(2**63)}
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200 and not StoryEmbed.objects.exists()


# --- feeds and the digest


def test_feeds_link_to_embeds_and_never_play_them(client, story):
    for name in ("articles:feed-latest", "articles:feed-latest-atom"):
        xml = client.get(reverse(name)).content.decode()
        assert f"Video on YouTube: {VIDEO}" in xml
        assert f"Post on X: {POST}" in xml
        assert "iframe" not in xml and "youtube-nocookie" not in xml


def test_the_digest_links_to_embeds_and_never_plays_them(story):
    digest = DigestFactory()
    digest.items.create(article=story, order=0)
    rendered = render_digest(digest)
    assert f"Video on YouTube: {VIDEO}" in rendered.text
    assert f'Video on YouTube: <a href="{VIDEO.replace("&", "&amp;")}">' in rendered.html
    assert f"Post on X: {POST}" in rendered.text
    for body in (rendered.text, rendered.html):
        assert "iframe" not in body and "youtube-nocookie" not in body
