"""Moving the legal documents and the guidelines into the legal app keeps every row and every
link to them: consent records, comments' and readers' guidelines versions, group permissions."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("newsletter", "0002_first_terms_and_privacy_policy"),
    ("comments", "0005_faster_moderation_queues"),
    # Later migrations that need the comments app past 0005 go back too.
    ("articles", "0010_sqlite_search_entry"),
    ("live", None),  # built on the newest stories
    ("legal", None),
]

DOCUMENT_FIELDS = ["pk", "kind", "version", "title", "body", "text_hash", "is_current"]
DOCUMENT_DATES = ["created_at", "made_current_at"]
GUIDELINES_FIELDS = ["pk", "version", "summary", "body", "published_at"]
CONSENT_FIELDS = ["pk", "subscriber_id", "email", "terms_id", "privacy_id", "terms_hash"]


def migrate(targets=None):
    """Migrate to ``targets`` (default: the newest state); the models as they are then."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(targets or leaves)
    if targets is None:
        return executor.loader.project_state(leaves).apps
    moved_back = {app for app, _ in targets}
    state = [node for node in leaves if node[0] not in moved_back]
    state += [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(state).apps


def rows(model, fields):
    return sorted(model.objects.values_list(*fields))


def fill(old):
    """Versions of each document, subscribers who consented to different ones, readers and
    comments under different guidelines versions, a group with rights on both models."""
    LegalDocument = old.get_model("newsletter", "LegalDocument")
    Guidelines = old.get_model("comments", "Guidelines")
    now = timezone.now()
    documents = {}
    for kind in ["terms", "privacy"]:
        documents[kind] = [
            LegalDocument.objects.create(
                kind=kind, version=f"m{n}", title=kind, body=f"{kind} {n}", text_hash=f"{n}" * 64
            )
            for n in range(3)
        ]
        LegalDocument.objects.filter(kind=kind).update(is_current=False)
        LegalDocument.objects.filter(pk=documents[kind][-1].pk).update(
            is_current=True, made_current_at=now
        )
    first = Guidelines.objects.order_by("-version").values_list("version", flat=True).first() or 0
    versions = [first + n for n in range(1, 4)]
    for version in versions:
        Guidelines.objects.create(version=version, summary=f"Rules {version}", body="Be kind.")

    Subscriber = old.get_model("newsletter", "Subscriber")
    ConsentRecord = old.get_model("newsletter", "ConsentRecord")
    for n in range(6):
        subscriber = Subscriber.objects.create(email=f"reader{n}@example.org")
        ConsentRecord.objects.create(
            subscriber=subscriber,
            email=subscriber.email,
            terms=documents["terms"][n % 3],
            terms_hash="t",
            privacy=documents["privacy"][(n + 1) % 3],
            privacy_hash="p",
            consent_text="I agree",
        )

    User = old.get_model("auth", "User")
    Commenter = old.get_model("comments", "Commenter")
    Comment = old.get_model("comments", "Comment")
    Section = old.get_model("articles", "Section")
    Article = old.get_model("articles", "Article")
    section = Section.objects.create(name="Migrations", slug="migrations-test")
    article = Article.objects.create(headline="Story", slug="migrations-story", section=section)
    for n, version in enumerate(versions):
        user = User.objects.create(username=f"migration-reader-{n}")
        Commenter.objects.create(
            user=user, display_name=f"Reader {n}", accepted_guidelines_version=version
        )
        Comment.objects.create(
            article=article,
            author=user,
            body="A comment.",
            guidelines_version=version,
            submission_token=uuid.uuid4(),
        )

    ContentTypeOld = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    group = Group.objects.create(name="Migration test editors")
    for app_label, model in [("newsletter", "legaldocument"), ("comments", "guidelines")]:
        content_type, _ = ContentTypeOld.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"change_{model}", defaults={"name": "Change"}
        )
        group.permissions.add(permission)


def snapshot(apps, legal_app, guidelines_app):
    return {
        "documents": rows(apps.get_model(legal_app, "LegalDocument"), DOCUMENT_FIELDS),
        "document dates": rows(apps.get_model(legal_app, "LegalDocument"), DOCUMENT_DATES),
        "guidelines": rows(apps.get_model(guidelines_app, "Guidelines"), GUIDELINES_FIELDS),
        "consents": rows(apps.get_model("newsletter", "ConsentRecord"), CONSENT_FIELDS),
        "consented versions": rows(
            apps.get_model("newsletter", "ConsentRecord"), ["pk", "terms__version", "privacy__body"]
        ),
        "comments": rows(apps.get_model("comments", "Comment"), ["pk", "guidelines_version"]),
        "commenters": rows(
            apps.get_model("comments", "Commenter"), ["pk", "accepted_guidelines_version"]
        ),
        "group rights": sorted(
            apps.get_model("auth", "Group")
            .objects.filter(name="Migration test editors")
            .values_list("permissions__codename", flat=True)
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_the_move_to_the_legal_app_keeps_every_row_and_every_link():
    try:
        old = migrate(BEFORE)
        fill(old)
        before = snapshot(old, "newsletter", "comments")
        assert len(before["consents"]) >= 6 and len(before["guidelines"]) >= 3

        new = migrate()
        assert snapshot(new, "legal", "legal") == before

        Guidelines = new.get_model("legal", "Guidelines")
        newest = Guidelines.objects.order_by("-version").first()
        assert list(Guidelines.objects.filter(is_current=True)) == [newest]
        # The group's rights now name the models in their new app.
        Group = new.get_model("auth", "Group")
        rights = Group.objects.get(name="Migration test editors").permissions
        assert sorted(rights.values_list("content_type__app_label", flat=True)) == [
            "legal",
            "legal",
        ]
        # The consent records' foreign keys point at the renamed table, in the database too.
        LegalDocument = new.get_model("legal", "LegalDocument")
        ConsentRecord = new.get_model("newsletter", "ConsentRecord")
        assert LegalDocument._meta.db_table == "legal_legaldocument"
        consent = ConsentRecord.objects.first()
        consent.pk = None
        consent.save()
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsentRecord.objects.filter(pk=consent.pk).update(terms_id=10**9)
    finally:
        migrate()  # leave the schema as the other tests expect it
        ContentType.objects.clear_cache()
