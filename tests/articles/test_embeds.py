"""Embedded videos and posts: which addresses are embeds (the allowlist), the facade readers get
before they choose to load one, where a story's embeds go, and what feeds and the digest show."""

import re

import pytest
from django.template.loader import render_to_string

from articles.embed_placement import story_body
from articles.embeds import FRAME_HOSTS, PROVIDERS, Embed, parse_embed, validate_embed_url
from articles.models import StoryEmbed
from articles.text import sanitize_article_html
from tests.factories import ArticleFactory

DID = "did:plc:tjf4apt65s75xiojhiqzvcan"
RKEY = "3kqmooj3ems2w"


@pytest.mark.parametrize(
    ("url", "provider", "item"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ"),
        ("http://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("HTTPS://WWW.YOUTUBE.COM./watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com:443/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://vimeo.com/76979871/8272103f6e", "vimeo", "76979871/8272103f6e"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871?h=8272103f6e", "vimeo", "76979871/8272103f6e"),
        ("https://x.com/AFADBaskanlik/status/1759412345678901234", "x", None),
        ("https://twitter.com/AFADBaskanlik/status/1759412345678901234?s=20", "x", None),
        ("https://www.instagram.com/p/C3xYz_AbCdE/", "instagram", "p/C3xYz_AbCdE"),
        ("https://instagram.com/reel/C3xYz-AbCdE", "instagram", "reel/C3xYz-AbCdE"),
        ("https://www.instagram.com/tv/C3xYzAbCdE/", "instagram", "p/C3xYzAbCdE"),
        ("https://www.instagram.com/nasa/p/C3xYzAbCdE/", "instagram", "p/C3xYzAbCdE"),
        ("https://www.facebook.com/afad/posts/1234567890", "facebook", "afad/posts/1234567890"),
        ("https://m.facebook.com/afad.gov.tr/videos/987654321", "facebook", None),
        ("https://www.facebook.com/afad/posts/pfbid02abcDEF1234567890xyz", "facebook", None),
        (f"https://bsky.app/profile/{DID}/post/{RKEY}", "bluesky", f"{DID}/{RKEY}"),
        (f"https://bsky.app/profile/{DID}/post/{RKEY}?ref_src=embed", "bluesky", None),
        (f"https://bsky.app/profile/did:web:news.example/post/{RKEY}", "bluesky", None),
    ],
)
def test_each_providers_address_shapes_are_embeds(url, provider, item):
    embed = parse_embed(url)
    assert embed is not None and embed.provider == provider
    if item:
        assert embed.id == item
    # Its canonical address names the same item, and its player is on the provider's frame host.
    assert parse_embed(embed.url) == embed
    assert embed.player_url.startswith(f"https://{PROVIDERS[provider].frame_host}/")
    assert Embed.stored(embed.provider, embed.id) == embed


def test_player_addresses_are_the_private_ones():
    youtube = parse_embed("https://youtu.be/dQw4w9WgXcQ")
    assert youtube.player_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert youtube.url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "dnt=1" in parse_embed("https://vimeo.com/76979871").player_url
    assert "h=8272103f6e" in parse_embed("https://vimeo.com/76979871/8272103f6e").player_url
    x = parse_embed("https://x.com/AFADBaskanlik/status/1759412345678901234")
    assert x.player_url.endswith("?id=1759412345678901234&dnt=true")
    video = parse_embed("https://www.facebook.com/afad/videos/987654321")
    assert video.player_url.startswith("https://www.facebook.com/plugins/video.php?href=https%3A")
    bluesky = parse_embed(f"https://bsky.app/profile/{DID}/post/{RKEY}")
    assert bluesky.player_url == f"https://embed.bsky.app/embed/{DID}/app.bsky.feed.post/{RKEY}"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "javascript:alert(1)//https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "JaVaScRiPt://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "data:text/html,<script>alert(1)</script>",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "//www.youtube.com/watch?v=dQw4w9WgXcQ",
        "www.youtube.com/watch?v=dQw4w9WgXcQ",
        # Lookalike hosts.
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil-youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com\\@evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example\\@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://xn--yutube-wqf.com/watch?v=dQw4w9WgXcQ",
        "https://www.xn--youtub-wqf.com/watch?v=dQw4w9WgXcQ",
        "https://www.yоutube.com/watch?v=dQw4w9WgXcQ",  # a Cyrillic "о"
        "https://notvimeo.com/76979871",
        "https://player.vimeo.com.evil.example/video/76979871",
        "https://bsky.app.evil.example/profile/did:plc:tjf4apt65s75xiojhiqzvcan/post/3kqmooj3ems2w",
        # Ports and credentials.
        "https://www.youtube.com:8080/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:99999/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:abc/watch?v=dQw4w9WgXcQ",
        "https://user:secret@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://user@www.youtube.com/watch?v=dQw4w9WgXcQ",
        # Over-long, control characters, NUL, text.
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&x=" + "a" * 500,
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\x00",
        "https://www.you\x00tube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n<script>",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\u202e",
        "https://www.youtube.com/watch\u200b?v=dQw4w9WgXcQ",
        "Deprem bölgesinden görüntüler: İzmir'de hasar",
        "زلزال بقوة ٥٫١ يضرب الساحل",
        "https://www.youtube.com/watch?v=İzmirDepremi",
        "https://www.youtube.com/watch?v=زلزالزلزالز",
        # Ids that are not ids: traversal, quotes, HTML, wrong lengths and shapes.
        "https://www.youtube.com/watch?v=../../etc/p",
        "https://www.youtube.com/watch?v=%2E%2E%2Fadmin%2F",
        'https://www.youtube.com/watch?v=dQw4w9W"gXc',
        "https://www.youtube.com/watch?v=<script>x",
        "https://www.youtube.com/watch?v=dQw4w9WgXc",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/embed/../dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ/extra",
        "https://www.youtube.com/@channel",
        "https://vimeo.com/../76979871",
        "https://vimeo.com/abc",
        "https://vimeo.com/76979871/'onerror=x",
        "https://player.vimeo.com/76979871",
        "https://x.com/AFADBaskanlik/status/123abc",
        "https://x.com/someone_with_a_very_long_name/status/1759412345678901234",
        "https://x.com/a%22b/status/1759412345678901234",
        "https://x.com/AFADBaskanlik",
        "https://www.instagram.com/p/<svg>/",
        "https://www.instagram.com/explore/tags/deprem/",
        "https://www.facebook.com/../posts/1234567890",
        "https://www.facebook.com/afad/posts/abc",
        "https://www.facebook.com/afad/photos/1234567890",
        f"https://bsky.app/profile/{DID}/post/{RKEY.upper()}",
        f"https://bsky.app/profile/{DID}/post/../{RKEY}",
        f"https://bsky.app/profile/{DID.upper()}/post/{RKEY}",
        f"https://bsky.app/profile/did:plc:short/post/{RKEY}",
        f"https://bsky.app/profile/did:web:-evil/post/{RKEY}",
        # A handle names an account only after a look-up at Bluesky, and can change hands.
        f"https://bsky.app/profile/afad.bsky.social/post/{RKEY}",
        f"https://bsky.app/profile/{DID}/post/{RKEY}/reposted-by",
    ],
)
def test_anything_else_is_not_an_embed(url):
    assert parse_embed(url) is None


@pytest.mark.parametrize("value", [None, 42, b"https://youtu.be/dQw4w9WgXcQ", ["x"]])
def test_values_that_are_not_text_are_not_embeds(value):
    assert parse_embed(value) is None


def test_the_form_error_says_what_to_paste():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_embed_url("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")
    assert "YouTube or Vimeo" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        validate_embed_url(f"https://bsky.app/profile/afad.bsky.social/post/{RKEY}")
    assert "did:plc" in error.value.messages[0]
    validate_embed_url("")  # no embed is fine
    validate_embed_url("https://youtu.be/dQw4w9WgXcQ")


@pytest.mark.parametrize(
    ("provider", "item"),
    [
        ("youtube", "dQw4w9WgXcQ/../../x"),
        ("youtube", '"><script>'),
        ("x", "onlyonepart"),
        ("x", "a/b/c/1"),
        ("bluesky", f"{DID}"),
        ("nosuch", "dQw4w9WgXcQ"),
        ("youtube", ""),
    ],
)
def test_a_row_written_past_save_gets_no_player(provider, item):
    assert Embed.stored(provider, item) is None


def test_frame_hosts_are_the_players_hosts_only():
    assert FRAME_HOSTS == [
        "https://embed.bsky.app",
        "https://platform.twitter.com",
        "https://player.vimeo.com",
        "https://www.facebook.com",
        "https://www.instagram.com",
        "https://www.youtube-nocookie.com",
    ]


# --- the facade


def facade(url, caption=""):
    return render_to_string("includes/_embed.html", {"embed": parse_embed(url), "caption": caption})


@pytest.mark.parametrize(
    ("url", "button", "label"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "Play video", "YouTube"),
        ("https://vimeo.com/76979871", "Play video", "Vimeo"),
        ("https://x.com/AFADBaskanlik/status/1759412345678901234", "Show post", "X"),
        ("https://www.instagram.com/p/C3xYzAbCdE/", "Show post", "Instagram"),
        ("https://www.facebook.com/afad/posts/1234567890", "Show post", "Facebook"),
        (f"https://bsky.app/profile/{DID}/post/{RKEY}", "Show post", "Bluesky"),
    ],
)
def test_the_facade_loads_nothing_from_the_provider(url, button, label):
    embed = parse_embed(url)
    html = facade(url, caption="Footage from a resident")
    assert "<iframe" not in html and "<script" not in html and "<img" not in html
    assert "style=" not in html
    assert f'<button type="button" class="embed-load">{button}</button>' in html
    assert f"Loads content from {label}, which may set cookies." in html
    assert f'<a href="{embed.url}" rel="noopener noreferrer">' in html
    assert f'class="embed embed--{embed.provider} ' in html
    assert "Footage from a resident" in html
    # The provider's addresses appear only as the link and as the player's data attribute.
    addresses = set(re.findall(r'https?://[^"<\s]+', html))
    assert addresses <= {embed.url.replace("&", "&amp;"), embed.player_url.replace("&", "&amp;")}
    assert f'data-embed-src="{embed.player_url.replace("&", "&amp;")}"' in html


# --- where a story's embeds go

BODY = (
    "<p>One.</p><h2>Heading</h2><p>Two.</p>"
    "<blockquote><p>Quoted.</p></blockquote><ul><li>item</li></ul><p>Three<br>lines.</p>"
)


class Placed:
    def __init__(self, url, after_paragraph=None, caption=""):
        self.embed = parse_embed(url)
        self.after_paragraph = after_paragraph
        self.caption = caption


def test_embeds_go_after_the_paragraph_the_editor_chose():
    top = Placed("https://youtu.be/aaaaaaaaaaa", 0)
    second = Placed("https://youtu.be/bbbbbbbbbbb", 2)
    last = Placed("https://youtu.be/ccccccccccc", 3)
    beyond = Placed("https://youtu.be/ddddddddddd", 9)
    after = Placed("https://youtu.be/eeeeeeeeeee")
    body = story_body(BODY, [after, beyond, last, second, top])
    html = str(body.html)
    order = [html.index(text) for text in ["aaaaaaaaaaa", "One.", "Two.", "bbbbbbbbbbb"]]
    assert order == sorted(order)
    # The quote's paragraph is not one of the story's: "after paragraph 2" is after "Two.".
    assert html.index("bbbbbbbbbbb") < html.index("Quoted.")
    assert html.rstrip().endswith("</figure>") and html.index("Three") < html.index("ccccccccccc")
    assert [("eeeeeeeeeee" in f, "ddddddddddd" in f) for f in body.after] == [
        (True, False),
        (False, True),
    ]
    assert body.embed_count == 5
    assert html.count("<p>One.</p>") == 1


def test_rows_naming_no_embed_are_left_out():
    row = Placed("https://youtu.be/aaaaaaaaaaa", 1)
    row.embed = None
    body = story_body(BODY, [row])
    assert str(body.html) == BODY and body.after == [] and body.embed_count == 0


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s</p>",
        '<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer">'
        "https://youtu.be/dQw4w9WgXcQ</a></p>",
        '<p lang="tr"> https://youtu.be/dQw4w9WgXcQ </p>',
    ],
)
def test_a_paragraph_that_is_only_an_address_becomes_a_facade(paragraph):
    body = story_body(sanitize_article_html(f"<p>Before.</p>{paragraph}<p>After.</p>"), [])
    html = str(body.html)
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert html.startswith("<p>Before.</p><figure") and html.endswith("</figure><p>After.</p>")
    assert body.embed_count == 1


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>Watch https://youtu.be/dQw4w9WgXcQ</p>",
        '<p><a href="https://youtu.be/dQw4w9WgXcQ">the video</a></p>',
        '<p><a href="https://evil.example/">https://youtu.be/dQw4w9WgXcQ</a></p>',
        "<p>https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ</p>",
        "<p><strong>https://youtu.be/dQw4w9WgXcQ</strong></p>",
        "<blockquote><p>https://youtu.be/dQw4w9WgXcQ</p></blockquote>",
        f"<p>https://bsky.app/profile/afad.bsky.social/post/{RKEY}</p>",
    ],
)
def test_other_paragraphs_with_addresses_stay_as_they_are(paragraph):
    stored = sanitize_article_html(paragraph)
    body = story_body(stored, [])
    assert str(body.html) == stored and body.embed_count == 0


def test_an_iframe_pasted_into_a_story_stays_removed():
    pasted = (
        '<p>Before.</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
        'allowfullscreen></iframe><p>After.</p><IFRAME SRCDOC="<script>alert(1)</script>">'
    )
    article = ArticleFactory.build(body=pasted)
    article.body = sanitize_article_html(article.body)
    assert "iframe" not in article.body.lower() and "srcdoc" not in article.body.lower()
    assert str(story_body(article.body, []).html) == "<p>Before.</p><p>After.</p>"


# --- stored on a story


@pytest.mark.django_db
def test_a_story_embed_stores_provider_and_id_from_its_address():
    story = ArticleFactory()
    row = StoryEmbed.objects.create(
        article=story, embed_url="https://youtu.be/dQw4w9WgXcQ", after_paragraph=1
    )
    row.refresh_from_db()
    assert (row.embed_provider, row.embed_id) == ("youtube", "dQw4w9WgXcQ")
    row.embed_url = "https://example.com/not-an-embed"
    row.save(update_fields=["embed_url"])
    row.refresh_from_db()
    assert (row.embed_provider, row.embed_id, row.embed) == ("", "", None)
