from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from . import signals  # noqa: F401 - connects the bounce and complaint receiver
        from .cache_keys import register_loaded_rows

        register_loaded_rows()  # cached pages name the digests they show
