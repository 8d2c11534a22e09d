# The discussion's settings move from the story (articles.Article.comments_mode and
# comment_count) to a row of their own, owned by the comments app: every story gets one, with
# what it had. Moderators keep the view/change rights they had on the ArticleDiscussion proxy,
# and the admin's history of discussion changes follows (its primary key is the story's, like the
# proxy's). articles 0011 then removes the two columns from the story.

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

BATCH = 2000
ACTIONS = ["view", "change", "add", "delete"]


def copy_settings(apps, schema_editor):
    """One discussion row per story, with its mode and counter, a batch of stories at a time."""
    db = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Discussion = apps.get_model("comments", "Discussion")
    last = 0
    while True:
        rows = list(
            Article.objects.using(db)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "comments_mode", "comment_count")[:BATCH]
        )
        if not rows:
            return
        Discussion.objects.using(db).bulk_create(
            Discussion(article_id=pk, mode=mode, comment_count=count) for pk, mode, count in rows
        )
        last = rows[-1][0]


def copy_settings_back(apps, schema_editor):
    db = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Discussion = apps.get_model("comments", "Discussion")
    last = 0
    while True:
        rows = list(
            Discussion.objects.using(db)
            .filter(article_id__gt=last)
            .order_by("article_id")
            .values_list("article_id", "mode", "comment_count")[:BATCH]
        )
        if not rows:
            return
        Article.objects.using(db).bulk_update(
            [Article(pk=pk, comments_mode=mode, comment_count=count) for pk, mode, count in rows],
            ["comments_mode", "comment_count"],
        )
        last = rows[-1][0]


def _move_grants(apps, db, old_model, new_model):
    """Whoever holds a right on ``old_model`` (group or user) gets the same on ``new_model``;
    the old permissions are deleted."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for action in ACTIONS:
        old = Permission.objects.using(db).filter(
            content_type__app_label="comments", codename=f"{action}_{old_model}"
        )
        new = Permission.objects.using(db).get(
            content_type__app_label="comments", codename=f"{action}_{new_model}"
        )
        for group in Group.objects.using(db).filter(permissions__in=old).distinct():
            group.permissions.add(new)
        for user in User.objects.using(db).filter(user_permissions__in=old).distinct():
            user.user_permissions.add(new)
        old.delete()


def _move_history(apps, db, old_model, new_model):
    """The admin's log of changes to ``old_model`` (e.g. "comments switched to pre-moderated")
    now belongs to ``new_model``; the content type of the model that is gone is removed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    old = ContentType.objects.using(db).filter(app_label="comments", model=old_model).first()
    if old is None:
        return
    new, _ = ContentType.objects.using(db).get_or_create(app_label="comments", model=new_model)
    LogEntry.objects.using(db).filter(content_type=old).update(content_type=new)
    old.delete()


def move_permissions(apps, schema_editor):
    db = schema_editor.connection.alias
    _move_grants(apps, db, "articlediscussion", "discussion")
    _move_history(apps, db, "articlediscussion", "discussion")


def move_permissions_back(apps, schema_editor):
    db = schema_editor.connection.alias
    # The proxy's content type and permissions first, so there is something to move back to.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(db).get_or_create(app_label="comments", model="articlediscussion")
    _move_grants(apps, db, "discussion", "articlediscussion")
    _move_history(apps, db, "discussion", "articlediscussion")


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("articles", "0010_sqlite_search_entry"),
        ("comments", "0006_move_guidelines_to_legal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Discussion",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="discussion",
                        serialize=False,
                        to="articles.article",
                        verbose_name="story",
                    ),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("open", "Open: trusted readers' comments appear at once"),
                            ("premoderated", "Pre-moderated: every comment is checked first"),
                            ("closed", "Closed"),
                        ],
                        default="open",
                        help_text="Comments also close by themselves some days after "
                        "publication: see “closes by itself”.",
                        max_length=12,
                        verbose_name="comments",
                    ),
                ),
                (
                    "comment_count",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="approved comments"
                    ),
                ),
            ],
            options={
                "verbose_name": "story discussion",
                "verbose_name_plural": "story discussions",
                "ordering": ["-article_id"],
            },
        ),
        migrations.RunPython(copy_settings, copy_settings_back),
        migrations.RunPython(move_permissions, move_permissions_back),
        migrations.DeleteModel(name="ArticleDiscussion"),
    ]
