from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments and moderation"

    def ready(self):
        from articles.models import Article

        from .cache_keys import register_loaded_rows
        from .models import WordRule, open_discussion
        from .moderation import forget_word_rules

        register_loaded_rows()  # cached pages name the discussions they show
        post_save.connect(open_discussion, sender=Article, dispatch_uid="comments-open-discussion")

        # However a word list changes (admin, shell, data migration), new comments see it.
        post_save.connect(forget_word_rules, sender=WordRule, dispatch_uid="comments-words-save")
        post_delete.connect(forget_word_rules, sender=WordRule, dispatch_uid="comments-words-del")
