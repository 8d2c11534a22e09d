"""The guidelines get the "current version" flag of every versioned document.

Until now the newest version was current by being the newest; the flag says so explicitly, and
the database allows it on one version only.
"""

from django.db import migrations, models


def flag_the_newest_version(apps, schema_editor):
    Guidelines = apps.get_model("legal", "Guidelines")
    newest = Guidelines.objects.order_by("-version").first()
    if newest is not None:
        Guidelines.objects.filter(pk=newest.pk).update(
            is_current=True, made_current_at=newest.published_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="guidelines",
            name="is_current",
            field=models.BooleanField(default=False, editable=False, help_text="Exactly one version of each document is current.", verbose_name="current version"),
        ),
        migrations.AddField(
            model_name="guidelines",
            name="made_current_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="made current"),
        ),
        migrations.AlterField(
            model_name="legaldocument",
            name="is_current",
            field=models.BooleanField(default=False, editable=False, help_text="Exactly one version of each document is current.", verbose_name="current version"),
        ),
        migrations.RunPython(flag_the_newest_version, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="guidelines",
            constraint=models.UniqueConstraint(condition=models.Q(("is_current", True)), fields=("is_current",), name="one_current_guidelines"),
        ),
    ]
