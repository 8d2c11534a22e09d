# The story's discussion setting and its approved-comment counter (comments app).
#
# On SQLite, Django adds a NOT NULL column by rebuilding the whole table, which the full-text
# search triggers of 0007 do not survive (they name articles_article while it is renamed). A plain
# ADD COLUMN with a DEFAULT does the same job there; other databases use the usual AddField.

from django.db import migrations, models

MODE_CHOICES = [
    ("open", "Open: trusted readers' comments appear at once"),
    ("premoderated", "Pre-moderated: every comment is checked first"),
    ("closed", "Closed"),
]
MODE_HELP = "Comments close by themselves COMMENTS_CLOSE_AFTER_DAYS days after publication."


def comments_mode_field():
    return models.CharField(
        choices=MODE_CHOICES, default="open", help_text=MODE_HELP, max_length=12,
        verbose_name="comments",
    )


def comment_count_field():
    return models.PositiveIntegerField(
        default=0, editable=False, verbose_name="approved comments"
    )


def _fields():
    fields = {"comments_mode": comments_mode_field(), "comment_count": comment_count_field()}
    for name, field in fields.items():
        field.set_attributes_from_name(name)
    return fields


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


def remove_columns(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN comment_count")
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN comments_mode")
        return
    for field in _fields().values():
        schema_editor.remove_field(Article, field)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_full_text_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article", name="comment_count", field=comment_count_field()
                ),
                migrations.AddField(
                    model_name="article", name="comments_mode", field=comments_mode_field()
                ),
            ],
            database_operations=[migrations.RunPython(add_columns, remove_columns)],
        ),
        migrations.AddField(
            model_name="historicalarticle", name="comments_mode", field=comments_mode_field()
        ),
    ]
