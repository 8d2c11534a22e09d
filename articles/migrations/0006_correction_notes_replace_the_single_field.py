from django.db import migrations


def copy_notes_into_corrections(apps, schema_editor):
    """Each story's single correction note becomes a dated Correction, dated when the story last changed."""
    Article = apps.get_model("articles", "Article")
    Correction = apps.get_model("articles", "Correction")
    Correction.objects.bulk_create(
        [
            Correction(article_id=pk, noted_at=updated_at, text=text)
            for pk, updated_at, text in Article.objects.exclude(correction="").values_list(
                "pk", "updated_at", "correction"
            )
        ],
        batch_size=500,
    )


def copy_corrections_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Correction = apps.get_model("articles", "Correction")
    notes = {}
    for correction in Correction.objects.order_by("noted_at", "pk"):
        notes.setdefault(correction.article_id, []).append(correction.text)
    for pk, texts in notes.items():
        Article.objects.filter(pk=pk).update(correction="\n\n".join(texts))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_image_form_field"),
    ]

    operations = [
        migrations.RunPython(copy_notes_into_corrections, copy_corrections_back),
        migrations.RemoveField(model_name="article", name="correction"),
        migrations.RemoveField(model_name="historicalarticle", name="correction"),
    ]
