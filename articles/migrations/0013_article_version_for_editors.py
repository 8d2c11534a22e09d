# The story's version, counted by every save, for the editors' conflict check
# (articles/editing.py). On SQLite the column comes with a plain ADD COLUMN, as in 0008 and
# 0011: rebuilding the table would lose the full-text triggers of 0007.

from django.db import migrations, models


def version_field():
    field = models.PositiveIntegerField(default=1, editable=False, verbose_name="version")
    field.set_attributes_from_name("version")
    return field


def add_column(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE articles_article ADD COLUMN version integer unsigned "
            "NOT NULL DEFAULT 1 CHECK (version >= 0)"
        )
        return
    schema_editor.add_field(Article, version_field())


def remove_column(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN version")
        return
    schema_editor.remove_field(Article, version_field())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_breaking_until_help_text_for_editors"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name="article", name="version", field=version_field())
            ],
            database_operations=[migrations.RunPython(add_column, remove_column)],
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
