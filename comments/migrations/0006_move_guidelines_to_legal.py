"""Guidelines now belong to the legal app (legal 0001 adopts the table as it is).

State only: no foreign key points at the guidelines (comments and commenters keep the version
number), so the model simply leaves this app's state; its rows stay where they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0005_faster_moderation_queues"),
        ("legal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Guidelines")],
        ),
    ]
