from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Moderators": ["view", "change"], "Editors": ["view", "change"]}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="comments", codename=f"{action}_articlediscussion"
                )
            )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename__endswith="_articlediscussion").delete()


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_story_discussion_settings")]

    operations = [migrations.RunPython(forwards, backwards)]
