from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        from articles.demo import demo_newsroom_loaded

        from .cache_keys import register_loaded_rows
        from .demo import add_live_coverage

        register_loaded_rows()  # cached pages name the live coverage and updates they show
        # The demo newsroom's breaking story becomes live coverage (articles cannot import live).
        demo_newsroom_loaded.connect(add_live_coverage, dispatch_uid="live-demo-coverage")
