from django.apps import AppConfig
from django.db.models.signals import pre_save


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "Terms, privacy and guidelines"

    def ready(self):
        from django.contrib.flatpages.models import FlatPage

        pre_save.connect(clean_flatpage_html, sender=FlatPage, dispatch_uid="clean-flatpage-html")


def clean_flatpage_html(sender, instance, **kwargs):
    """Flatpages show their HTML as it is: it passes the story bodies' allowlist first, so a
    page cannot carry a script, whoever wrote it."""
    from articles.text import sanitize_article_html

    instance.content = sanitize_article_html(instance.content)
