"""The corrections page: every dated correction to a published story, newest first, as readers
of a daily that owns its mistakes expect (linked from every page's footer)."""

from django.conf import settings
from django.views.generic import ListView

from newsportal.pagination import CappedPaginator, LenientPaginationMixin

from .cache_keys import CORRECTIONS
from .models import Article, Correction
from .page_meta import PageMetaMixin, page_meta


class CorrectionsView(LenientPaginationMixin, PageMetaMixin, ListView):
    page_cache = True
    surrogate_keys = (CORRECTIONS,)
    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginator_class = CappedPaginator
    paginate_by = 30

    def get_queryset(self):
        # One query for the page whatever its size: each correction with its story's headline
        # and address, only for stories readers may see.
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article")
            .only("noted_at", "text", "article__headline", "article__slug")
            .order_by("-noted_at", "-pk")
        )

    def get_page_meta(self, context):
        return page_meta(
            self.request,
            title=f"Corrections – {settings.SITE_NAME}",
            description=f"Every correction {settings.SITE_NAME} has made to its stories, "
            "newest first.",
        )
