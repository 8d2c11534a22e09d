"""Every reader page runs a fixed number of SQL queries, however much there is to show.

Each page is measured on a small and a large newsroom; both must hit the same pinned count.
"""

import pytest
from django.urls import reverse

from articles.models import Correction, StoryEmbed
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# nav sections + breaking banner are on every page (2 queries).
# The editors' arrangement (articles/front_page.py: its slots, section order and links, one query
# whatever it holds), featured stories for the slots it leaves empty, latest, newest per section.
HOME_QUERIES = 2 + 4
# story, authors, tags, corrections, embeds, gallery, related: which stories, then their cards
# (kept apart so an edit of a listed story rebuilds the cards, not the search for them).
ARTICLE_QUERIES = 2 + 8
ALONE_ARTICLE_QUERIES = ARTICLE_QUERIES - 1  # a story alone in its section: no cards to load
# With approved comments: featured comments, one page of threads, their first replies. (None
# without comments: the story's own counter says there is nothing to fetch.)
DISCUSSION_QUERIES = 3
LIST_QUERIES = 2 + 3  # owner (section/tag/...), count, page
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def build_newsroom(
    *,
    sections,
    articles_per_section,
    tags_per_article,
    authors_per_article,
    gallery_size,
    corrections,
    embeds=0,
):
    sections = [SectionFactory() for _ in range(sections)]
    authors = [AuthorFactory() for _ in range(max(authors_per_article, 1))]
    source = SourceFactory()
    stories = []
    for section in sections:
        for n in range(articles_per_section):
            stories.append(
                ArticleFactory(
                    section=section,
                    source=source,
                    is_featured=n == 0,
                    is_breaking=n == 1,
                    tags=["common"]
                    + [f"tag-{section.pk}-{t}" for t in range(tags_per_article - 1)],
                    authors=authors[:authors_per_article],
                    gallery=[ImageFactory() for _ in range(gallery_size)],
                )
            )
            for n in range(corrections):
                Correction.objects.create(article=stories[-1], text=f"Correction {n}.")
            for n in range(embeds):  # a video placed in the text, then posts after it
                StoryEmbed.objects.create(
                    article=stories[-1],
                    embed_url=f"https://x.com/afad/status/{n + 1}" if n else VIDEO,
                    after_paragraph=1 if n == 0 else None,
                )
    return stories


SMALL = dict(
    sections=1,
    articles_per_section=2,
    tags_per_article=1,
    authors_per_article=1,
    gallery_size=0,
    corrections=0,
)
LARGE = dict(
    sections=6,
    articles_per_section=6,
    tags_per_article=5,
    authors_per_article=3,
    gallery_size=3,
    corrections=2,
    embeds=3,
)


@pytest.fixture(params=[SMALL, LARGE], ids=["small-newsroom", "large-newsroom"])
def newsroom(request):
    return build_newsroom(**request.param)


def test_home_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


def curate(stories, *, sections, links):
    """An arrangement with every slot placed by hand, the sections in reverse and a package."""
    from articles import front_page_editing as editing
    from articles.models import FrontPageLayout

    layout = FrontPageLayout.objects.create()
    editing.arrange_slots(layout, [story.pk for story in stories[-5:]])
    editing.arrange_sections(layout, list(reversed(sections)))
    editing.arrange_package(
        layout, lead_id=stories[-5].pk, article_ids=[story.pk for story in stories[:links]]
    )


def test_home_page_query_count_is_fixed_with_curated_slots(
    client, newsroom, django_assert_num_queries
):
    sections = sorted({story.section_id for story in newsroom})
    if len(newsroom) >= 10:
        curate(newsroom, sections=sections, links=4)
    else:  # the small newsroom: fewer stories than slots, one placed by hand
        from articles import front_page_editing as editing
        from articles.models import FrontPageLayout

        editing.arrange_slots(FrontPageLayout.objects.create(), [newsroom[-1].pk])
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    assert response.context["lead_story"] == newsroom[-5 if len(newsroom) >= 10 else -1]


def test_article_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    article = newsroom[-1]
    client.get(article.get_absolute_url())  # the community guidelines are cached from then on
    with django_assert_num_queries(ARTICLE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("threads, replies", [(2, 1), (300, 15)], ids=["few", "thousands"])
def test_article_page_query_count_is_fixed_however_many_comments(
    client, django_assert_num_queries, threads, replies
):
    from tests.comments.factories import build_discussion

    article = ArticleFactory()
    build_discussion(article, threads=threads, replies_per_thread=replies)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(ALONE_ARTICLE_QUERIES + DISCUSSION_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_section_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    section = newsroom[0].section
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(section.get_absolute_url()).status_code == 200


def test_tag_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        assert (
            client.get(reverse("articles:tag-detail", kwargs={"slug": "common"})).status_code == 200
        )


def test_source_and_author_pages_query_counts_are_fixed(
    client, newsroom, django_assert_num_queries
):
    article = newsroom[0]
    source_url = article.source.get_absolute_url()
    author_url = article.authors.first().get_absolute_url()
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(source_url).status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(author_url).status_code == 200


# --- Discovery: search, feeds, sitemaps, archives and "most read" (articles/search.py etc.) ---

SEARCH_QUERIES = 2 + 2  # count, page of results
FEED_QUERIES = 4  # stories, their tags, their authors, their embeds (links)
OWNED_FEED_QUERIES = 1 + FEED_QUERIES  # the section or tag first
SITEMAP_INDEX_QUERIES = 6  # stories, sections, tags: size and latest change each
SITEMAP_QUERIES = 2  # count, page
NEWS_SITEMAP_QUERIES = 1
ARCHIVE_INDEX_QUERIES = 2 + 3  # months, count, page
ARCHIVE_YEAR_QUERIES = 2 + 6  # any stories?, months, previous and next year, count, page
ARCHIVE_MONTH_QUERIES = 2 + 6  # any stories?, days, count, page, previous and next month
ARCHIVE_DAY_QUERIES = 2 + 7  # any stories?, previous/next day and month, count, page
MOST_READ_QUERIES = 1  # the ranked stories, once anything has been read


@pytest.fixture
def current_site():
    """Feeds and sitemaps read the Site once per process (Django caches it); not per request."""
    from django.contrib.sites.models import Site

    return Site.objects.get_current()


def read_everything(stories):
    from django.test import RequestFactory

    from articles.popularity import record_view

    for n, story in enumerate(stories):
        request = RequestFactory().get("/", REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
        request.META["HTTP_USER_AGENT"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"
        record_view(request, story.pk)


def test_search_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(SEARCH_QUERIES):
        assert client.get(reverse("articles:search"), {"q": "headline"}).status_code == 200
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(
            reverse("articles:search"),
            {"q": "headline number", "section": newsroom[0].section.slug, "order": "newest"},
        )
        assert response.status_code == 200


def test_feed_query_counts_are_fixed(client, newsroom, current_site, django_assert_num_queries):
    section_slug = {"slug": newsroom[0].section.slug}
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get(reverse("articles:feed-latest")).status_code == 200
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get(reverse("articles:feed-latest-atom")).status_code == 200
    with django_assert_num_queries(OWNED_FEED_QUERIES):
        assert client.get(reverse("articles:feed-section", kwargs=section_slug)).status_code == 200
    with django_assert_num_queries(OWNED_FEED_QUERIES):
        assert (
            client.get(reverse("articles:feed-tag", kwargs={"slug": "common"})).status_code == 200
        )


def test_sitemap_query_counts_are_fixed(client, newsroom, current_site, django_assert_num_queries):
    with django_assert_num_queries(SITEMAP_INDEX_QUERIES):
        assert client.get(reverse("articles:sitemap")).status_code == 200
    for section in ("stories", "sections", "tags"):
        with django_assert_num_queries(SITEMAP_QUERIES):
            url = reverse("articles:sitemap-section", kwargs={"section": section})
            assert client.get(url).status_code == 200
    with django_assert_num_queries(NEWS_SITEMAP_QUERIES):
        assert client.get(reverse("articles:sitemap-news")).status_code == 200


def test_archive_query_counts_are_fixed(client, newsroom, django_assert_num_queries):
    from django.utils import timezone

    day = timezone.localtime(newsroom[0].published_at)
    year, month, date = f"{day:%Y}", f"{day:%m}", f"{day:%d}"
    with django_assert_num_queries(ARCHIVE_INDEX_QUERIES):
        assert client.get(reverse("articles:archive")).status_code == 200
    with django_assert_num_queries(ARCHIVE_YEAR_QUERIES):
        assert client.get(reverse("articles:archive-year", args=[year])).status_code == 200
    with django_assert_num_queries(ARCHIVE_MONTH_QUERIES):
        assert client.get(reverse("articles:archive-month", args=[year, month])).status_code == 200
    with django_assert_num_queries(ARCHIVE_DAY_QUERIES):
        url = reverse("articles:archive-day", args=[year, month, date])
        assert client.get(url).status_code == 200


def test_most_read_adds_one_query_to_the_home_and_story_pages(
    client, newsroom, django_assert_num_queries
):
    read_everything(newsroom)
    with django_assert_num_queries(HOME_QUERIES + MOST_READ_QUERIES):
        assert client.get("/").status_code == 200
    client.get(newsroom[-1].get_absolute_url())  # the community guidelines are cached from then on
    with django_assert_num_queries(ARTICLE_QUERIES + MOST_READ_QUERIES):
        assert client.get(newsroom[-1].get_absolute_url()).status_code == 200
