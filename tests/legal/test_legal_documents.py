"""Terms of Use and Privacy Policy: versioned, never rewritten, exactly one current of each."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from legal.models import LegalDocument

pytestmark = pytest.mark.django_db


def test_a_fresh_site_has_one_current_version_of_each():
    assert sorted(LegalDocument.objects.current().values_list("kind", flat=True)) == [
        "privacy",
        "terms",
    ]


def test_the_pages_show_the_current_versions(client):
    assert b"Terms of Use" in client.get("/terms/").content
    assert b"Privacy Policy" in client.get("/privacy/").content


def test_a_second_current_version_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        LegalDocument.objects.create(
            kind="terms", version="2", title="T", body="B", is_current=True
        )


def test_a_new_version_made_current_keeps_the_old_one(client, admin_client):
    old = LegalDocument.objects.get(kind="terms", is_current=True)
    response = admin_client.post(
        "/admin/legal/legaldocument/add/",
        {
            "kind": "terms",
            "version": "2026-12",
            "title": "Terms of Use",
            "body": "New terms.",
            "make_current": "on",
        },
    )
    assert response.status_code == 302
    new = LegalDocument.objects.get(kind="terms", is_current=True)
    assert new.version == "2026-12" and new.text_hash != old.text_hash
    old.refresh_from_db()
    assert not old.is_current and old.body.startswith("These terms")
    assert b"New terms." in client.get("/terms/").content
    page = client.get(old.get_absolute_url())
    assert page.status_code == 200 and b"an earlier version" in page.content


def test_a_saved_version_cannot_be_edited_in_the_admin(admin_client):
    document = LegalDocument.objects.get(kind="privacy")
    admin_client.post(
        f"/admin/legal/legaldocument/{document.pk}/change/",
        {"kind": "privacy", "version": "1", "title": "X", "body": "Rewritten"},
    )
    document.refresh_from_db()
    assert document.body != "Rewritten"


@pytest.mark.parametrize("url", ["/legal/contract/1/", "/legal/terms/99/", "/legal/terms/%2e%2e/"])
def test_unknown_documents_are_404(client, url):
    assert client.get(url).status_code == 404


def test_the_current_pair_is_the_current_terms_and_privacy_policy():
    terms, privacy = LegalDocument.objects.current_pair()
    assert (terms.kind, terms.is_current) == ("terms", True)
    assert (privacy.kind, privacy.is_current) == ("privacy", True)


def test_without_a_current_privacy_policy_there_is_no_current_pair():
    LegalDocument.objects.filter(kind="privacy").update(is_current=False)
    with pytest.raises(LegalDocument.DoesNotExist):
        LegalDocument.objects.current_pair()


def test_the_old_newsletter_urls_are_still_the_public_ones():
    assert reverse("legal:terms") == "/terms/"
    assert reverse("legal:privacy") == "/privacy/"
    assert (
        reverse("legal:document-version", kwargs={"kind": "terms", "version": "1"})
        == "/legal/terms/1/"
    )
