import datetime as dt
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def test_home_shows_lead_top_latest_and_section_blocks(client):
    economy = SectionFactory(name="Economy", slug="economy")
    sport = SectionFactory(name="Sport", slug="sport")
    lead = ArticleFactory(headline="Lead story", is_featured=True, section=economy)
    top = ArticleFactory(
        headline="Second featured",
        is_featured=True,
        section=sport,
        published_at=timezone.now() - timedelta(hours=2),
    )
    ArticleFactory(headline="Plain sport story", section=sport)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["lead_story"] == lead
    assert list(response.context["top_stories"]) == [top]
    # The section blocks skip what the top of the page shows: Economy has nothing else.
    assert [b["section"] for b in response.context["section_blocks"]] == [sport]
    assert response.context["section_blocks"][0]["stories"] == [
        Article.objects.get(headline="Plain sport story")
    ]
    html = response.content.decode()
    assert "Lead story" in html and "Plain sport story" in html
    assert 'href="/section/sport/"' in html


def test_home_without_featured_stories_leads_with_the_newest(client):
    ArticleFactory(headline="Older story", published_at=timezone.now() - timedelta(hours=5))
    newest = ArticleFactory(headline="Newest story")

    response = client.get("/")

    assert response.context["lead_story"] == newest
    assert [a.headline for a in response.context["latest_stories"]] == ["Older story"]


def test_home_with_no_stories_says_so(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "No stories yet" in response.content.decode()


def test_home_shows_the_breaking_banner_only_while_a_breaking_story_is_live(client):
    ArticleFactory(
        headline="Quake shakes coast",
        is_breaking=True,
        published_at=timezone.now() + timedelta(hours=1),
    )
    assert "Quake shakes coast" not in client.get("/").content.decode()

    storm = ArticleFactory(headline="Storm reaches port", is_breaking=True)
    html = client.get("/").content.decode()
    assert 'aria-label="Breaking news"' in html
    assert "Storm reaches port" in html
    # Every other page carries it; the breaking story's own page does not repeat it.
    other = ArticleFactory(headline="Ferry timetable")
    assert 'aria-label="Breaking news"' in client.get(other.get_absolute_url()).content.decode()
    assert 'aria-label="Breaking news"' not in client.get(storm.get_absolute_url()).text


@override_settings(TIME_ZONE="Europe/Istanbul")
def test_article_page_has_the_shape_of_a_national_daily_story(client):
    author = AuthorFactory(name="Elif Demir")
    source = SourceFactory(short_name="AA", name="Anadolu Agency")
    hero = ImageFactory(
        caption="Ships wait off the coast", credit="Photo: Mert Aydın / AA", alt_text="Cargo ships"
    )
    # 09:13 UTC is 12:13 in Istanbul (UTC+3); 27 May 2025 was a Tuesday.
    published_at = dt.datetime(2025, 5, 27, 9, 13, tzinfo=dt.UTC)
    article = ArticleFactory(
        headline="Türkiye'de işsizlik geriledi",
        standfirst="Unemployment fell for a third month.",
        body="<p>The first paragraph of the story.</p>",
        source=source,
        hero_image=hero,
        published_at=published_at,
        authors=[author],
        tags=["Economy", "Türkiye"],
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story__headline">Türkiye&#x27;de işsizlik geriledi</h1>' in html
    local = published_at.astimezone(ZoneInfo("Europe/Istanbul")).isoformat()
    assert f'<time datetime="{local}">12:13 27/05/2025, Tuesday</time>' in html
    assert "Unemployment fell for a third month." in html
    assert "The first paragraph of the story." in html
    assert ">Elif Demir</a>" in html
    assert '<abbr title="Anadolu Agency">AA</abbr>' in html
    assert '<figure class="story__hero">' in html
    assert "Ships wait off the coast" in html and "Photo: Mert Aydın / AA" in html
    assert 'alt="Cargo ships"' in html
    assert 'href="/tag/turkiye/" rel="tag">#Türkiye</a>' in html
    assert 'href="/tag/economy/" rel="tag">#Economy</a>' in html
    assert f'href="{article.section.get_absolute_url()}"' in html
    assert "twitter.com/intent/tweet" in html


def test_article_page_shows_updated_only_after_a_real_update(client):
    published_at = timezone.now() - timedelta(hours=5)
    article = ArticleFactory(published_at=published_at)
    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(minutes=2))
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()

    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(hours=2))
    assert "story__updated" in client.get(article.get_absolute_url()).content.decode()


def test_article_page_shows_its_correction_and_gallery(client):
    article = ArticleFactory(
        gallery=[
            ImageFactory(caption="Crowds at the square"),
            ImageFactory(caption="The empty stage"),
        ],
    )
    Correction.objects.create(
        article=article, text="An earlier version misspelt the minister's title."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "misspelt the minister" in html
    assert "Crowds at the square" in html and "The empty stage" in html


def test_article_body_html_is_rendered_but_headline_html_is_escaped(client):
    article = ArticleFactory(
        headline='<script>alert("x")</script> Budget', body="<p><em>Careful</em> wording</p>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<p><em>Careful</em> wording</p>" in html


@pytest.mark.parametrize(
    "kind",
    ["draft", "scheduled"],
)
def test_drafts_and_scheduled_stories_are_not_found_by_readers(client, kind):
    if kind == "draft":
        article = ArticleFactory(status=Article.Status.DRAFT)
    else:
        article = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("articles:article-short", kwargs={"pk": article.pk})).status_code == 404
    )
    assert article.headline not in client.get("/").content.decode()
    assert article.headline not in client.get(article.section.get_absolute_url()).content.decode()


def test_an_old_or_missing_slug_redirects_permanently_to_the_current_url(client):
    article = ArticleFactory(headline="First wording")
    old_url = article.get_absolute_url()
    article.headline = "Second wording"
    article.slug = ""
    article.save()

    for url in (old_url, reverse("articles:article-short", kwargs={"pk": article.pk})):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/news/{article.pk}/second-wording/"


def test_unknown_articles_sections_and_tags_get_the_helpful_404_page(client):
    SectionFactory(name="World", slug="world")
    for url in (
        "/news/999999/nothing/",
        "/section/nope/",
        "/tag/nope/",
        "/source/nope/",
        "/author/nope/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "We couldn't find that page" in html
        assert 'href="/section/world/"' in html


def test_the_500_page_renders_without_a_database():
    from django.template.loader import render_to_string

    assert "Something went wrong" in render_to_string("500.html")


def test_section_page_lists_its_published_stories_newest_first(client):
    section = SectionFactory(name="World", slug="world", description="News from around the world.")
    older = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=2))
    newer = ArticleFactory(section=section)
    ArticleFactory(section=section, status=Article.Status.DRAFT)
    other = ArticleFactory()

    response = client.get("/section/world/")

    assert response.status_code == 200
    assert list(response.context["stories"]) == [newer, older]
    assert other.headline not in response.content.decode()
    assert "News from around the world." in response.content.decode()


def test_tag_page_lists_stories_with_that_tag(client):
    tagged = ArticleFactory(tags=["Türkiye"])
    ArticleFactory(tags=["Football"])

    response = client.get("/tag/turkiye/")

    assert response.status_code == 200
    assert list(response.context["stories"]) == [tagged]
    assert "#Türkiye" in response.content.decode()


def test_source_and_author_pages_list_their_stories(client):
    author = AuthorFactory(name="Can Yılmaz", slug="can-yilmaz")
    source = SourceFactory(short_name="BNA", name="Bosphorus News Agency", slug="bna")
    by_author = ArticleFactory(authors=[author], source=None)
    from_source = ArticleFactory(source=source)

    assert list(client.get("/author/can-yilmaz/").context["stories"]) == [by_author]
    assert list(client.get("/source/bna/").context["stories"]) == [from_source]


@pytest.mark.parametrize(
    ("page", "expected_page"),
    [
        ("0", 3),
        ("1", 1),
        ("2", 2),
        ("9999", 3),
        ("abc", 1),
        ("-1", 3),
        ("", 1),
        ("1.5", 1),
        ("%00", 1),
    ],
)
def test_pagination_edges_never_fail(client, settings, page, expected_page):
    section = SectionFactory(slug="paged")
    settings.ARTICLES_PER_PAGE = 2
    for _ in range(5):
        ArticleFactory(section=section, hero_image=None)

    response = client.get("/section/paged/", {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page


@pytest.mark.parametrize(
    "url, status",
    [
        # The converter takes any digits; no story has that number.
        ("/news/99999999999999999999999999/x/", 404),
        # %2F is a "/" once decoded, so no pattern matches the path.
        ("/news/1/%3Cscript%3Ealert(1)%3C%2Fscript%3E/", 404),
        # A wrong slug on a real story's number: to the story's own address, for good.
        ("/news/1/' OR 1=1 --/", 301),
        ("/news/1/مرحبا/", 301),
        # Slugs are ASCII: no section or tag can have these.
        ("/tag/%F0%9F%98%80/", 404),
        ("/section/İstanbul/", 404),
        # A page number that is not one: the first page, shown.
        ("/section/world/?page=%27%3B%20DROP%20TABLE%20articles_article%3B--", 200),
        ("/section/world/?page=" + "9" * 5000, 200),
    ],
)
def test_hostile_urls_get_their_one_right_answer_never_a_500(client, url, status):
    world = SectionFactory(slug="world")
    ArticleFactory(pk=1, headline="Plain story", section=world)
    response = client.get(url)
    assert response.status_code == status
    if status == 301:
        assert response["Location"] == "/news/1/plain-story/"
    if status == 200:
        assert "Plain story" in response.content.decode()


def test_account_pages_use_the_site_layout(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'class="masthead"' in html
    assert re.search(r"<title>\s*Log in\s*– The Daily Ledger</title>", html)
