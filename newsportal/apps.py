from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsportalConfig(AppConfig):
    """Project-wide wiring that belongs to no single app: the page cache's invalidation."""

    name = "newsportal"
    verbose_name = "News portal"

    def ready(self):
        from .pagecache import invalidate_on_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidate_on_change, dispatch_uid=f"pagecache-{id(signal)}")
