"""LegalDocument now belongs to the legal app (legal 0001 adopts its table as it is).

State only: the consent records' foreign keys point at legal.LegalDocument, which is the same
table, so the database keeps its rows and its constraints; then the model leaves this app.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_first_terms_and_privacy_policy"),
        ("legal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="consentrecord",
                    name="terms",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.legaldocument", verbose_name="Terms of Use"),
                ),
                migrations.AlterField(
                    model_name="consentrecord",
                    name="privacy",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="legal.legaldocument", verbose_name="Privacy Policy"),
                ),
                migrations.DeleteModel(name="LegalDocument"),
            ],
        ),
    ]
