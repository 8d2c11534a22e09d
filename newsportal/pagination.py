"""Pagination for reader lists and admin queues: forgiving about ?page=, bounded in counting."""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """A paginator that never counts past ``max_count`` rows.

    Counting every story of a big section or tag (or every comment in a queue) costs more than
    building the page and grows with the archive; nobody pages that deep. Lists stop after
    ``max_count`` rows and say so (``count_is_capped``): story lists point to the dated archive.
    """

    max_count = 500  # 25 pages of 20 stories
    count_is_capped = False

    @cached_property
    def count(self):
        # Unordered: the database may stop at the first max_count + 1 rows it finds.
        counted = self.object_list.order_by()[: self.max_count + 1].count()
        self.count_is_capped = counted > self.max_count
        return min(counted, self.max_count)


class LenientPaginationMixin:
    """For list views: ?page=abc, 0 or 9999 gives the nearest real page instead of a 404."""

    def paginate_queryset(self, queryset, page_size):
        # An empty first page is a page ("no stories yet"); dated archives 404 before this.
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans())
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
