"""The content types of the moved models change app, so the permissions the Moderators and
Editors groups hold on them, and the admin's history of changes, stay attached."""

from django.db import migrations

MOVED = [("newsletter", "legaldocument"), ("comments", "guidelines")]


def move(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for old_app, model in MOVED:
        source, target = ("legal", old_app) if backwards else (old_app, "legal")
        if not content_types.filter(app_label=source, model=model).exists():
            continue
        # An empty twin made by post_migrate (migrate runs it for every installed model) would
        # take the name; the original, which groups and the admin log point at, is kept.
        content_types.filter(app_label=target, model=model).delete()
        content_types.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    move(apps, schema_editor)


def backwards(apps, schema_editor):
    move(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0002_one_current_guidelines_version"),
        ("newsletter", "0003_legal_documents_move_to_legal"),
        ("comments", "0006_move_guidelines_to_legal"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
