"""The archive of published stories by publication date: Django's date-based views with one
shared mixin, each concrete view a line."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from newsportal.pagination import CappedPaginator, LenientPaginationMixin

from .cache_keys import LATEST
from .models import Article
from .page_meta import PageMetaMixin, page_meta


class StoryArchiveMixin(LenientPaginationMixin, PageMetaMixin):
    """Published stories by publication date; the concrete archive views are one line each."""

    page_cache = True
    surrogate_keys = (LATEST,)  # every story published enters the archive

    archive_kind = ""

    def get_archive_title(self, context):
        day = context.get("day")
        if self.archive_kind == "day":
            return f"Stories of {day:%-d %B %Y}"
        if self.archive_kind == "month":
            return f"Stories of {context['month']:%B %Y}"
        if self.archive_kind == "year":
            return f"Stories of {context['year']:%Y}"
        return "Archive"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive_title"] = self.get_archive_title(context)
        context["archive_kind"] = self.archive_kind
        return context

    def get_page_meta(self, context):
        title = self.get_archive_title(context)
        return page_meta(
            self.request,
            title=f"{title} – {settings.SITE_NAME}",
            description=f"{title}: every story {settings.SITE_NAME} published, newest first.",
        )

    date_field = "published_at"
    month_format = "%m"
    template_name = "articles/archive.html"
    context_object_name = "stories"
    make_object_list = True
    allow_empty = False  # a day or month without stories is a 404, not an empty page to crawl

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    # A year, month or day lists every story it has: it is where capped lists send readers.
    paginator_class = Paginator

    def get(self, request, *args, **kwargs):
        # At the ends of the calendar (9999-12-31, 0001-01-01) Django's date views overflow working
        # out the day after or the bounds in UTC; such an address has no stories, like any other.
        try:
            return super().get(request, *args, **kwargs)
        except OverflowError:
            raise Http404("Date out of range") from None


class ArchiveView(StoryArchiveMixin, ArchiveIndexView):
    paginator_class = CappedPaginator  # the newest stories; older ones by year and month
    allow_empty = True
    date_list_period = "month"
    template_name = "articles/archive_index.html"


class YearArchive(StoryArchiveMixin, YearArchiveView):
    archive_kind = "year"


class MonthArchive(StoryArchiveMixin, MonthArchiveView):
    archive_kind = "month"


class DayArchive(StoryArchiveMixin, DayArchiveView):
    archive_kind = "day"
