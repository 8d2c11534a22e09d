"""Story and section addresses are worked out once, but never across different URL set-ups."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_addresses_match_reverse_and_follow_a_changed_slug():
    story = ArticleFactory(headline="Ferry strike ends")
    assert story.get_absolute_url() == reverse(
        "articles:article-detail", kwargs={"pk": story.pk, "slug": story.slug}
    )
    story.slug = "ferry-strike-ends-after-talks"
    assert story.get_absolute_url().endswith("/ferry-strike-ends-after-talks/")
    assert story.section.get_absolute_url() == reverse(
        "articles:section-detail", kwargs={"slug": story.section.slug}
    )


def test_a_site_mounted_under_a_prefix_gets_its_own_addresses():
    story = ArticleFactory()
    plain = story.get_absolute_url()
    set_script_prefix("/ledger/")
    try:
        assert story.get_absolute_url() == "/ledger" + plain
        assert story.section.get_absolute_url().startswith("/ledger/section/")
    finally:
        clear_script_prefix()
    assert story.get_absolute_url() == plain
