# The Editors group runs live coverage: starts, ends and reopens it, posts, edits and deletes
# updates, and reads their history. No schema change.

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["livecoverage", "liveentry"]
HISTORY = ["historicallivecoverage", "historicalliveentry"]


def codenames():
    return [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")] + [
        f"view_{model}" for model in HISTORY
    ]


def grant_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    app_config = apps.get_app_config("live")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="live", codename__in=codenames())
    )


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="live", codename__in=codenames())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("articles", "0004_editor_and_moderator_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
