"""The moved tables take this app's names. The consent records' foreign keys follow the renamed
table on PostgreSQL (they point at the table itself) and on SQLite (ALTER TABLE … RENAME TO
rewrites the references)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0003_content_types_follow_the_models"),
    ]

    operations = [
        migrations.AlterModelTable(name="guidelines", table=None),
        migrations.AlterModelTable(name="legaldocument", table=None),
    ]
