"""The corrections page and the newsroom's standing pages (About us, Contact, Editorial
standards), all linked from every page's footer."""

from datetime import timedelta

import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CORRECTIONS = reverse("articles:corrections")


def test_every_correction_newest_first_with_its_story(client):
    story = ArticleFactory(headline="Vote on the new budget")
    hidden = ArticleFactory(headline="A draft nobody sees", status="draft")
    older = Correction.objects.create(
        article=story,
        text="The vote is on Tuesday, not Monday.",
        noted_at=timezone.now() - timedelta(days=2),
    )
    newer = Correction.objects.create(article=story, text="The minister's name was misspelt.")
    Correction.objects.create(article=hidden, text="Never shown.")
    page = client.get(CORRECTIONS)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index(newer.text.replace("'", "&#x27;")) < html.index(older.text)
    assert f'href="{story.get_absolute_url()}#corrections"' in html
    assert "Never shown." not in html


def test_the_corrections_page_costs_the_same_queries_for_3_or_60(client, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            Correction.objects.create(article=ArticleFactory(), text="Fixed a date.")

    for count in (3, 57):
        add(count)
        cache.clear()  # rendered, not served from the page cache
        with django_assert_num_queries(2 + 2):  # sections menu, breaking banner; count, page
            assert client.get(CORRECTIONS).status_code == 200


@pytest.mark.parametrize(
    ("name", "title"),
    [("about", "About us"), ("contact", "Contact"), ("standards", "Editorial standards")],
)
def test_the_newsroom_pages_exist_from_the_first_migrate_and_are_in_the_footer(client, name, title):
    url = reverse(f"legal:{name}")
    page = client.get(url)
    assert page.status_code == 200
    assert f"<h1>{title}</h1>" in page.content.decode()
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert f'href="{url}"' in footer and f'href="{CORRECTIONS}"' in footer


def test_editors_change_a_page_in_the_admin_and_readers_see_it_at_once(admin_client, client):
    client.get(reverse("legal:about"))  # cached now
    page = FlatPage.objects.get(url="/about/")
    response = admin_client.post(
        reverse("admin:flatpages_flatpage_change", args=[page.pk]),
        {
            "url": "/about/",
            "title": "About The Ledger",
            "content": '<p>Founded in 1961.</p><script>alert("x")</script>',
            "sites": [1],
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("legal:about")).content.decode()
    assert "About The Ledger" in html and "Founded in 1961." in html
    assert "<script>alert" not in html  # the stories' allowlist cleaned it on save


def test_a_site_added_in_the_admin_after_the_pages_migration_gets_its_own_id(admin_client):
    from django.contrib.sites.models import Site

    # The migration made the first Site itself; the id sequence must have moved past it.
    response = admin_client.post(
        reverse("admin:sites_site_add"), {"domain": "mirror.example.com", "name": "Mirror"}
    )
    assert response.status_code == 302
    assert Site.objects.filter(domain="mirror.example.com").exists()
