from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        from .cache_keys import register_loaded_rows

        register_loaded_rows()  # cached pages name the live coverage and updates they show
