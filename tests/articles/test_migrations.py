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


DISCUSSION_BEFORE = [
    ("admin", "0003_logentry_add_action_flag_choices"),  # for the admin's history
    ("articles", "0010_sqlite_search_entry"),
    ("comments", "0006_move_guidelines_to_legal"),
]
DISCUSSION_AFTER = [("articles", "0011_discussion_settings_move_to_comments")]


@pytest.mark.django_db(transaction=True)
def test_every_storys_discussion_settings_move_to_comments_and_back():
    old = migrate(DISCUSSION_BEFORE)
    Section = old.get_model("articles", "Section")
    Article = old.get_model("articles", "Article")
    section = Section.objects.create(name="Türkiye", slug="turkiye")
    ContentType = old.get_model("contenttypes", "ContentType")
    proxy, _ = ContentType.objects.get_or_create(app_label="comments", model="articlediscussion")
    right, _ = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=proxy, codename="change_articlediscussion", defaults={"name": "Can change"}
    )
    old.get_model("auth", "Group").objects.create(name="Night desk").permissions.add(right)
    settings = {"open": 0, "premoderated": 12, "closed": 3}
    ids = {
        mode: Article.objects.create(
            headline=f"A {mode} story",
            slug=f"{mode}-story",
            section=section,
            comments_mode=mode,
            comment_count=count,
        ).pk
        for mode, count in settings.items()
    }
    editor = old.get_model("auth", "User").objects.create(username="desk")
    old.get_model("admin", "LogEntry").objects.create(
        user=editor,
        content_type=proxy,
        object_id=str(ids["closed"]),
        object_repr="A closed story",
        action_flag=2,
        change_message="Changed comments.",
    )

    new = migrate(DISCUSSION_AFTER)
    Discussion = new.get_model("comments", "Discussion")
    assert dict(Discussion.objects.values_list("article_id", "mode")) == {
        pk: mode for mode, pk in ids.items()
    }
    assert dict(Discussion.objects.values_list("article_id", "comment_count")) == {
        pk: settings[mode] for mode, pk in ids.items()
    }
    # Who could open or close discussions still can.
    Permission = new.get_model("auth", "Permission")
    night_desk = Permission.objects.filter(group__name="Night desk")
    assert list(night_desk.values_list("codename", flat=True)) == ["change_discussion"]
    assert not Permission.objects.filter(codename__endswith="_articlediscussion").exists()
    # The admin's history of the change is the discussion's now; the proxy's type is gone.
    entry = new.get_model("admin", "LogEntry").objects.get()
    assert (entry.content_type.model, entry.object_id) == ("discussion", str(ids["closed"]))
    NewContentType = new.get_model("contenttypes", "ContentType")
    assert not NewContentType.objects.filter(model="articlediscussion").exists()

    migrate(DISCUSSION_BEFORE)  # and back again: every story has its settings again
    restored = old.get_model("articles", "Article").objects.values_list(
        "pk", "comments_mode", "comment_count"
    )
    assert sorted(restored) == sorted((pk, mode, settings[mode]) for mode, pk in ids.items())
    night_desk = old.get_model("auth", "Permission").objects.filter(group__name="Night desk")
    assert list(night_desk.values_list("codename", flat=True)) == ["change_articlediscussion"]
    entry = old.get_model("admin", "LogEntry").objects.get()
    assert entry.content_type.model == "articlediscussion"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
