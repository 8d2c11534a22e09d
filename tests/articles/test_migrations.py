"""Data migrations keep what editors wrote."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("articles", "0005_image_form_field")]
AFTER = [("articles", "0006_correction_notes_replace_the_single_field")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_single_correction_notes_become_dated_corrections():
    old = migrate(BEFORE)
    Section = old.get_model("articles", "Section")
    Article = old.get_model("articles", "Article")
    section = Section.objects.create(name="Türkiye", slug="turkiye")
    changed = timezone.now()
    noted = Article.objects.create(
        headline="Bridge opens",
        slug="bridge-opens",
        section=section,
        correction="An earlier version gave the wrong length.",
    )
    Article.objects.filter(pk=noted.pk).update(updated_at=changed)
    Article.objects.create(headline="Quiet day", slug="quiet-day", section=section)

    new = migrate(AFTER)
    Correction = new.get_model("articles", "Correction")
    assert list(Correction.objects.values_list("article_id", "text", "noted_at")) == [
        (noted.pk, "An earlier version gave the wrong length.", changed)
    ]

    migrate(BEFORE)  # and back again: the note returns to its story
    assert (
        old.get_model("articles", "Article")
        .objects.get(pk=noted.pk)
        .correction.startswith("An earlier version")
    )
    executor = MigrationExecutor(connection)
    executor.migrate(
        executor.loader.graph.leaf_nodes()
    )  # leave the schema as the other tests expect it
