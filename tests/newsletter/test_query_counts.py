"""The newsletter's reader pages run a fixed number of queries, however much there is."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter.digest import digest_build
from newsletter.models import Digest
from tests.factories import ArticleFactory
from tests.newsletter.factories import DigestFactory

pytestmark = pytest.mark.django_db

CHROME = 2  # nav sections + breaking banner, on every page
ARCHIVE_QUERIES = CHROME + 2  # count, page
DIGEST_QUERIES = CHROME + 2  # digest, its stories with section, source and picture
LEGAL_QUERIES = CHROME + 1
SIGNUP_QUERIES = CHROME


@pytest.fixture(params=[1, 8], ids=["small", "large"])
def digests(request, settings):
    settings.NEWSLETTER_DIGEST_STORIES = request.param
    for n in range(request.param):
        ArticleFactory(published_at=timezone.now() - timedelta(hours=1, minutes=n))
    for n in range(request.param):
        DigestFactory(edition=timezone.localdate() - timedelta(days=n + 1), status="sent")
    digest, _ = digest_build()
    Digest.objects.filter(pk=digest.pk).update(status="sent")
    return digest


def test_archive_query_count_is_fixed(client, digests, django_assert_num_queries):
    with django_assert_num_queries(ARCHIVE_QUERIES):
        assert client.get("/newsletter/archive/").status_code == 200


def test_digest_page_query_count_is_fixed(client, digests, django_assert_num_queries):
    with django_assert_num_queries(DIGEST_QUERIES):
        response = client.get(digests.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["digest"].items.all()) == digests.items.count()


def test_legal_and_signup_pages_query_counts_are_fixed(client, digests, django_assert_num_queries):
    with django_assert_num_queries(LEGAL_QUERIES):
        assert client.get("/terms/").status_code == 200
    with django_assert_num_queries(SIGNUP_QUERIES):
        assert client.get("/newsletter/").status_code == 200
