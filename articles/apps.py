from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from .cache_keys import register_loaded_rows
        from .search import register_sqlite_functions
        from .search_index import drop_sqlite_triggers, install_sqlite_triggers
        from .site_domain import replace_placeholder_site

        # SQLite's search index is written by triggers that call a Python function, so every
        # connection needs it, and the triggers stand aside while migrations rebuild tables.
        connection_created.connect(register_sqlite_functions, dispatch_uid="articles_search_text")
        pre_migrate.connect(drop_sqlite_triggers, dispatch_uid="articles_search_triggers_off")
        post_migrate.connect(
            install_sqlite_triggers, sender=self, dispatch_uid="articles_search_triggers_on"
        )
        # Cached pages name the stories, sections, tags... they show (newsportal/surrogate.py).
        register_loaded_rows()
        # Feeds and sitemaps link to the Site's domain: SITE_URL's, not Django's "example.com".
        post_migrate.connect(
            replace_placeholder_site, sender=self, dispatch_uid="articles_site_domain"
        )
