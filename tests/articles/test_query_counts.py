"""Every reader page runs a fixed number of SQL queries, however much there is to show.

Each page is measured on a small and a large newsroom; both must hit the same pinned count.
"""

import pytest
from django.urls import reverse

from articles.models import Correction
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# nav sections + breaking banner are on every page (2 queries).
HOME_QUERIES = 2 + 3  # featured, latest, newest per section
ARTICLE_QUERIES = 2 + 6  # story, authors, tags, corrections, gallery, related
# With approved comments: featured comments, one page of threads, their first replies. (None
# without comments: the story's own counter says there is nothing to fetch.)
DISCUSSION_QUERIES = 3
LIST_QUERIES = 2 + 3  # owner (section/tag/...), count, page


def build_newsroom(
    *,
    sections,
    articles_per_section,
    tags_per_article,
    authors_per_article,
    gallery_size,
    corrections,
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
)


@pytest.fixture(params=[SMALL, LARGE], ids=["small-newsroom", "large-newsroom"])
def newsroom(request):
    return build_newsroom(**request.param)


def test_home_page_query_count_is_fixed(client, newsroom, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


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
    with django_assert_num_queries(ARTICLE_QUERIES + DISCUSSION_QUERIES):
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
