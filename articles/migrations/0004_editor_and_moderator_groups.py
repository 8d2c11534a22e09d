from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors run the newsroom's content; moderators only look at stories (the comments they
# moderate bring their own permissions in the comments app). Nobody here may delete users.
EDITOR_PERMISSIONS = {
    "articles": {
        "article": ["add", "change", "delete", "view", "publish"],
        "historicalarticle": ["view"],
        "section": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
        "author": ["add", "change", "delete", "view"],
        "image": ["add", "change", "delete", "view"],
        "galleryimage": ["add", "change", "delete", "view"],
        "correction": ["add", "change", "delete", "view"],
    },
    "taggit": {"tag": ["add", "change", "delete", "view"]},
}
MODERATOR_PERMISSIONS = {"articles": {"article": ["view"]}}


def codename(action, model):
    return f"{action}_{model}" if action != "publish" else f"publish_{model}"


def grant(apps, group_name, spec):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=codename(action, model)
                    )
                )


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(apps, "Editors", EDITOR_PERMISSIONS)
    grant(apps, "Moderators", MODERATOR_PERMISSIONS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_newsroom_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
