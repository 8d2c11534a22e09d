from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = {
    "comment": ["view", "change", "moderate"],
    "report": ["view"],
    "commenter": ["view", "change"],
    "moderationaction": ["view"],
    "wordrule": ["add", "change", "delete", "view"],
    "guidelines": ["add", "change", "view"],
}
EDITOR_PERMISSIONS = {"guidelines": ["add", "change", "view"]}

SUMMARY = (
    "Please respect other users and different opinions. Rude, offensive, derogatory or "
    "discriminatory language is not allowed, and comments are checked by our moderators."
)
BODY = """We welcome your views on our stories. To keep the discussion worth reading:

Respect other users and different opinions. Argue with ideas, not with people.

No rude, offensive, derogatory or discriminatory language: nothing that targets anyone for their ethnicity, religion, gender, sexual orientation, disability or origin.

Stay on the subject of the story. No advertising, spam or repeated posts.

Do not share personal information about yourself or others, and respect the law: no defamation, threats or incitement.

Moderators check comments before or after they appear, and may reject comments or suspend readers who break these rules. You can report a comment you think breaks them."""


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, spec in [("Moderators", MODERATOR_PERMISSIONS), ("Editors", EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in spec.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="comments", codename=f"{action}_{model}"
                    )
                )
    Guidelines = apps.get_model("comments", "Guidelines")
    if not Guidelines.objects.exists():
        Guidelines.objects.create(version=1, summary=SUMMARY, body=BODY)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Moderators", "Editors"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="comments"))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_moderation_accounts"),
        ("articles", "0004_editor_and_moderator_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
