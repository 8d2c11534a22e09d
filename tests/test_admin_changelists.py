"""Every admin list survives a hand-edited filter in its address: a NUL byte or a number too big
for the database gives the list again with Django's "?e=1" (invalid filter) redirect, not a 500.

The lists and their filters are read from the admin site, so a new admin is covered too.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = {
    "nul": "null\x00byte",
    "huge": "99999999999999999999",
    "huge-negative": "-99999999999999999999",
    "last-year": "9999",
    "first-year": "1",
    "very-long-number": "9" * 5000,
}


def filter_parameters(model_admin, user):
    """The query parameters the list's filters, date drill-down, search, sorting and pages read."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    parameters = {"o", "p"} | ({"q"} if model_admin.search_fields else set())
    for spec in changelist.filter_specs:
        parameters.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        parameters.update(
            f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")
        )
    return sorted(parameters)


def changelists():
    return [
        pytest.param(model, id=f"{model._meta.app_label}.{model._meta.model_name}")
        for model in admin.site._registry
    ]


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return user


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
@pytest.mark.parametrize("model", changelists())
def test_a_hostile_filter_value_never_gives_a_500(client, superuser, model, value):
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    for parameter in filter_parameters(model_admin, superuser):
        response = client.get(url, {parameter: value})

        assert response.status_code < 500, parameter
        if response.status_code == 302:
            assert response["Location"] == f"{url}?e=1", parameter


@pytest.mark.parametrize("model", changelists())
def test_a_nul_byte_in_any_filter_gives_the_invalid_filter_redirect(client, superuser, model):
    # PostgreSQL refuses NUL in a string, SQLite would take it: the same answer on both.
    model_admin = admin.site._registry[model]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    for parameter in filter_parameters(model_admin, superuser):
        response = client.get(url, {parameter: "null\x00byte"})

        assert response.status_code == 302, parameter
        assert response["Location"] == f"{url}?e=1", parameter
        assert client.get(response["Location"]).status_code == 200


def test_the_walk_covers_the_lists_with_filters(superuser):
    # Guard against the test above passing because it found nothing to try.
    walked = {
        model._meta.label: filter_parameters(model_admin, superuser)
        for model, model_admin in admin.site._registry.items()
    }

    assert "status__exact" in walked["articles.Article"]
    assert "published_at__year" in walked["articles.Article"]
    assert sum(len(parameters) for parameters in walked.values()) > 20


def autocomplete_fields():
    """(app label, model name, field name) of every autocomplete picker of the admin."""
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            yield model._meta.app_label, model._meta.model_name, field
        for inline in model_admin.inlines:
            for field in inline.autocomplete_fields:
                yield inline.model._meta.app_label, inline.model._meta.model_name, field


@pytest.mark.parametrize("app_label, model_name, field_name", sorted(set(autocomplete_fields())))
def test_a_picker_asked_to_find_a_nul_byte_finds_nothing(client, app_label, model_name, field_name):
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.org", "pw"))
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Tür\x00kiye",
            "app_label": app_label,
            "model_name": model_name,
            "field_name": field_name,
        },
    )
    assert response.status_code == 200
    assert response.json()["results"] == []
