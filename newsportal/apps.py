from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class NewsportalConfig(AppConfig):
    """Project-wide wiring that belongs to no single app: purging cached pages on every change."""

    name = "newsportal"
    verbose_name = "News portal"

    def ready(self):
        from .pagecache import purge_on_change, purge_on_delete

        post_save.connect(purge_on_change, dispatch_uid="surrogate-purge-save")
        post_delete.connect(purge_on_delete, dispatch_uid="surrogate-purge-delete")
