from django import template

from articles.models import Article

register = template.Library()

ATTENTION_LIMIT = 8


@register.inclusion_tag("admin/articles/_needs_attention.html", takes_context=True)
def newsroom_attention(context):
    """Scheduled stories and recent drafts, shown on the admin index to those who edit stories."""
    user = context["request"].user
    if not user.has_perm("articles.change_article"):
        return {"show": False}
    scheduled = Article.objects.scheduled().select_related("section").order_by("published_at")
    drafts = Article.objects.drafts().select_related("section").order_by("-updated_at")
    return {
        "show": True,
        "scheduled": scheduled[:ATTENTION_LIMIT],
        "scheduled_count": scheduled.count(),
        "drafts": drafts[:ATTENTION_LIMIT],
        "drafts_count": drafts.count(),
    }
