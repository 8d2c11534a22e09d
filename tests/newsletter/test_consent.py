"""The consent box is required wherever the sign-up form is, and the record keeps which versions
of the Terms of Use and the Privacy Policy the reader accepted.

Each entry point's form is read from the page as a browser would submit it (tests/hostile/forms),
so a page whose form lost its box, or grew a hidden field that stands in for it, fails here.
"""

import pytest

from legal.models import LegalDocument
from newsletter.models import ConsentRecord, Subscriber
from tests.factories import ArticleFactory
from tests.hostile.forms import parse_page

pytestmark = pytest.mark.django_db

ENTRY_POINTS = ["home page", "story page", "newsletter page"]


def signup_form(client, entry_point):
    url = {
        "home page": "/",
        "story page": ArticleFactory().get_absolute_url(),
        "newsletter page": "/newsletter/",
    }[entry_point]
    response = client.get(url)
    assert response.status_code == 200
    forms = [
        form
        for form in parse_page(response.content.decode()).forms
        if form.action == "/newsletter/subscribe/"
    ]
    assert len(forms) == 1, f"one sign-up form on the {entry_point}"
    return forms[0]


def submitted(form, *, email, tick_consent):
    """The form's fields as the browser sends them: the box only when ticked."""
    data = {}
    for field in form.fields:
        if field.kind == "checkbox":
            if tick_consent:
                data[field.name] = field.value
        elif field.kind not in ("submit", "button"):
            data[field.name] = field.value
    data["email"] = email
    return data


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_every_signup_form_has_the_box_unticked_and_required(client, entry_point):
    form = signup_form(client, entry_point)
    [consent] = [field for field in form.fields if field.name == "consent"]
    assert consent.kind == "checkbox"
    assert consent.required and not consent.checked


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_every_signup_form_is_refused_without_consent(client, entry_point, outbox):
    form = signup_form(client, entry_point)
    data = submitted(form, email="reader@example.org", tick_consent=False)
    assert "consent" not in data
    response = client.post(form.action, data)
    assert response.status_code == 400
    assert "Please tick the box to accept the terms before subscribing." in (
        response.content.decode()
    )
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert outbox == []


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_every_signup_form_subscribes_with_consent(client, entry_point, outbox):
    """The other side of the test above: the same form, ticked, is accepted, so the refusal is
    the missing box and nothing else."""
    form = signup_form(client, entry_point)
    response = client.post(
        form.action, submitted(form, email="reader@example.org", tick_consent=True)
    )
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "reader@example.org"
    assert len(outbox) == 1


@pytest.mark.parametrize("consent", [None, "", "off", "false", "0", "no"])
def test_a_direct_post_without_a_ticked_box_is_refused(client, outbox, consent):
    """Without a page: no box, an empty one, or values a script might send for "no"."""
    data = {"email": "reader@example.org", "next": "/"}
    if consent is not None:
        data["consent"] = consent
    response = client.post("/newsletter/subscribe/", data)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_the_consent_record_keeps_the_versions_accepted(client, outbox):
    def sign_up(email):
        data = {"email": email, "consent": "on", "next": "/"}
        assert client.post("/newsletter/subscribe/", data).status_code == 302
        return ConsentRecord.objects.get(email=email)

    first_terms = LegalDocument.objects.get(kind="terms", is_current=True)
    privacy = LegalDocument.objects.get(kind="privacy", is_current=True)
    before = sign_up("first@example.org")
    new_terms = LegalDocument.objects.create(
        kind="terms", version="2026-12", title="Terms of Use", body="The new terms."
    )
    new_terms.make_current()
    after = sign_up("second@example.org")

    before.refresh_from_db()
    assert (before.terms.version, before.terms_hash) == (first_terms.version, first_terms.text_hash)
    assert (after.terms.version, after.terms_hash) == ("2026-12", new_terms.text_hash)
    for record in (before, after):
        assert (record.privacy, record.privacy_hash) == (privacy, privacy.text_hash)
