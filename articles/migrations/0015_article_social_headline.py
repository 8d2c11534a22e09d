# The story's SEO/social headline, shown by search results and link previews instead of the
# headline when set. On SQLite the column comes with a plain ADD COLUMN, as in 0013, rather than
# Django's copy of the whole table (with its full-text triggers, articles.search_index).

from django.db import migrations, models

HELP_TEXT = (
    "For search results and social posts when the headline is too long or too local; "
    "empty: the headline."
)


def social_headline_field():
    field = models.CharField(
        blank=True, help_text=HELP_TEXT, max_length=110, verbose_name="SEO/social headline"
    )
    field.set_attributes_from_name("social_headline")
    return field


def add_column(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "ALTER TABLE articles_article ADD COLUMN social_headline varchar(110) "
            "NOT NULL DEFAULT ''"
        )
        return
    schema_editor.add_field(Article, social_headline_field())


def remove_column(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN social_headline")
        return
    schema_editor.remove_field(Article, social_headline_field())


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_front_page_arrangements"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="social_headline",
                    field=social_headline_field(),
                )
            ],
            database_operations=[migrations.RunPython(add_column, remove_column)],
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="social_headline",
            field=models.CharField(
                blank=True, help_text=HELP_TEXT, max_length=110, verbose_name="SEO/social headline"
            ),
        ),
    ]
