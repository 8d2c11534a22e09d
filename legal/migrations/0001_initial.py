"""The legal documents and the community guidelines join the legal app, rows and all.

State only: the models are declared here on the tables the newsletter and comments apps
created (nothing is copied, no row can be lost), while newsletter 0003 and comments 0006 drop
them from their own state. Later migrations of this app add the "current" flag to the
guidelines and rename the tables.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("newsletter", "0002_first_terms_and_privacy_policy"),
        ("comments", "0005_faster_moderation_queues"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="LegalDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("terms", "Terms of Use"), ("privacy", "Privacy Policy")], max_length=10, verbose_name="document")),
                ("version", models.SlugField(help_text='A short label for this version, e.g. "2026-11". Used in its URL.', max_length=40, verbose_name="version")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("body", models.TextField(help_text="Plain text; blank lines separate paragraphs. Cannot be changed later.", verbose_name="text")),
                ("text_hash", models.CharField(editable=False, help_text="Proof of what was shown.", max_length=64, verbose_name="SHA-256 of the text")),
                ("is_current", models.BooleanField(default=False, help_text="Exactly one version of each document is current; the sign-up box links to it.", verbose_name="current version")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("made_current_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="made current")),
            ],
            options={
                "verbose_name": "legal document version",
                "ordering": ["kind", "-created_at"],
                "db_table": "newsletter_legaldocument",
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("is_current", True)), fields=("kind",), name="one_current_legal_document"),
                    models.UniqueConstraint(fields=("kind", "version"), name="unique_legal_version"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Guidelines",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(editable=False, help_text="Given automatically. Readers are asked to accept the newest version again.", unique=True, verbose_name="version")),
                ("summary", models.TextField(help_text="Two or three sentences shown above every discussion. Plain text.", verbose_name="summary")),
                ("body", models.TextField(help_text="The complete rules, shown on the guidelines page. Plain text; a blank line starts a new paragraph.", verbose_name="full guidelines")),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="in force since")),
            ],
            options={
                "verbose_name": "community guidelines",
                "verbose_name_plural": "community guidelines",
                "ordering": ["-version"],
                "db_table": "comments_guidelines",
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
