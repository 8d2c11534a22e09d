"""Community guidelines: numbered versions, the newest published one current, its summary cached
as plain data for the discussion under every story."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from legal.models import GUIDELINES_CACHE_KEY, CurrentGuidelines, Guidelines
from tests.comments.factories import moderator
from tests.legal.factories import guidelines

pytestmark = pytest.mark.django_db


@pytest.fixture
def mod_client(client):
    client.force_login(moderator())
    return client


def test_the_guidelines_page_shows_the_current_version(client):
    html = client.get(reverse("legal:guidelines")).content.decode()
    assert "Community guidelines" in html
    assert "Respect other users and different opinions" in html


def test_the_guidelines_keep_their_address():
    assert reverse("legal:guidelines") == "/comments/guidelines/"


def test_a_new_guidelines_version_starts_from_the_current_text(mod_client):
    current = Guidelines.objects.current().get()
    url = reverse("admin:legal_guidelines_add")
    assert current.body in mod_client.get(url).content.decode()
    response = mod_client.post(
        url,
        {
            "summary": "Be civil.",
            "body": "New rules.",
            "published_at_0": "2026-11-25",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    newest = Guidelines.objects.current().get()
    assert newest.version == current.version + 1
    assert (newest.summary, newest.body) == ("Be civil.", "New rules.")


def test_a_published_guidelines_version_cannot_be_edited_in_place(mod_client):
    current = Guidelines.objects.current().get()
    url = reverse("admin:legal_guidelines_change", args=[current.pk])
    page = mod_client.get(url).content.decode()
    assert 'name="body"' not in page and "Write a new version" in page
    mod_client.post(
        url,
        {
            "summary": "Quietly changed.",
            "body": "Rules readers never accepted.",
            "published_at_0": "2026-11-25",
            "published_at_1": "10:00:00",
        },
    )
    unchanged = Guidelines.objects.get(pk=current.pk)
    assert (unchanged.summary, unchanged.body) == (current.summary, current.body)
    assert Guidelines.objects.count() == 1


def test_versions_are_numbered_one_after_the_other_without_duplicates():
    first = Guidelines.objects.get()
    published = [guidelines(f"Version {n}") for n in range(2, 6)]
    assert [g.version for g in published] == [first.version + n for n in range(1, 5)]
    versions = list(Guidelines.objects.values_list("version", flat=True))
    assert len(versions) == len(set(versions)) == 5


def test_the_newest_published_version_is_the_only_current_one():
    guidelines("Version two")
    newest = guidelines("Version three")
    assert list(Guidelines.objects.current()) == [newest]
    assert Guidelines.objects.filter(is_current=True).count() == 1


def test_deleting_the_current_version_makes_the_newest_left_current():
    first = Guidelines.objects.get()
    guidelines("Version two").delete()
    assert list(Guidelines.objects.current()) == [first]


def test_the_summary_is_cached_as_plain_data_and_dropped_when_a_version_is_published(
    django_capture_on_commit_callbacks,
):
    current = Guidelines.objects.current_summary()
    assert isinstance(current, CurrentGuidelines)
    assert cache.get(GUIDELINES_CACHE_KEY) == {
        "version": current.version,
        "summary": current.summary,
    }
    with django_capture_on_commit_callbacks(execute=True):
        guidelines("Shorter rules.")
    assert cache.get(GUIDELINES_CACHE_KEY) is None
    assert Guidelines.objects.current_summary() == CurrentGuidelines(
        version=current.version + 1, summary="Shorter rules."
    )


def test_without_guidelines_the_summary_is_none(django_assert_num_queries):
    Guidelines.objects.all().delete()
    assert Guidelines.objects.current_summary() is None
    with django_assert_num_queries(0):  # the absence is cached too
        assert Guidelines.objects.current_summary() is None


def test_the_admin_lists_render(admin_client):
    for url in ["/admin/legal/guidelines/", "/admin/legal/legaldocument/"]:
        assert admin_client.get(url).status_code == 200, url


def test_a_version_created_the_old_way_is_numbered_and_made_current():
    newest = Guidelines.objects.order_by("-version").values_list("version", flat=True).first()

    created = Guidelines.objects.create(summary="Be kinder.", body="Be kinder.")

    assert created.version == (newest or 0) + 1
    assert Guidelines.objects.current().get() == created
    assert Guidelines.objects.current_summary().summary == "Be kinder."
