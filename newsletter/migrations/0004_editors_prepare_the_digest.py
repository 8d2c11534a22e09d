# The Editors group prepares the daily digest between its build and send times (newsletter/
# schedule.py): they open the draft, reorder, drop or add stories, write the introduction, send a
# test to themselves or queue it. Until now only superusers could (issue 15).

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "digest": ["view", "change"],
    "digeststory": ["view", "add", "change", "delete"],
    "delivery": ["view"],
}


def create_and_grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant(apps)


def grant(apps):
    """Add the permissions to Editors (idempotent; browser tests call it after their flush)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get_or_create(name="Editors")[0]
    for model, actions in EDITOR_PERMISSIONS.items():
        for action in actions:
            editors.permissions.add(
                Permission.objects.get(
                    content_type__app_label="newsletter", codename=f"{action}_{model}"
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    ]
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsletter", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_legal_documents_move_to_legal"),
        ("articles", "0004_editor_and_moderator_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_and_grant, revoke)]
