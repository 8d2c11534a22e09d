# The discussion's mode and comment counter now live in comments.Discussion (comments 0007
# copied them there). The story history's old comments_mode values go too: the history keeps
# what the story editor edits, and reversing this migration refills them with "open". On SQLite the columns go with a plain DROP COLUMN, and come back with a
# plain ADD COLUMN, as in 0008: rebuilding the table would lose the full-text triggers of 0007.

from django.db import migrations, models

MODE_CHOICES = [
    ("open", "Open: trusted readers' comments appear at once"),
    ("premoderated", "Pre-moderated: every comment is checked first"),
    ("closed", "Closed"),
]
MODE_HELP = "Comments close by themselves COMMENTS_CLOSE_AFTER_DAYS days after publication."


def comments_mode_field():
    return models.CharField(
        choices=MODE_CHOICES,
        default="open",
        help_text=MODE_HELP,
        max_length=12,
        verbose_name="comments",
    )


def comment_count_field():
    return models.PositiveIntegerField(default=0, editable=False, verbose_name="approved comments")


def _fields():
    fields = {"comments_mode": comments_mode_field(), "comment_count": comment_count_field()}
    for name, field in fields.items():
        field.set_attributes_from_name(name)
    return fields


def remove_columns(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN comment_count")
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN comments_mode")
        return
    for field in _fields().values():
        schema_editor.remove_field(Article, field)


def add_columns(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE articles_article ADD COLUMN comments_mode varchar(12) "
            "NOT NULL DEFAULT 'open'"
        )
        schema_editor.execute(
            "ALTER TABLE articles_article ADD COLUMN comment_count integer unsigned "
            "NOT NULL DEFAULT 0 CHECK (comment_count >= 0)"
        )
        return
    for field in _fields().values():
        schema_editor.add_field(Article, field)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_sqlite_search_entry"),
        ("comments", "0007_discussion_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="article", name="comment_count"),
                migrations.RemoveField(model_name="article", name="comments_mode"),
            ],
            database_operations=[migrations.RunPython(remove_columns, add_columns)],
        ),
        migrations.RemoveField(model_name="historicalarticle", name="comments_mode"),
    ]
