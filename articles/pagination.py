from functools import cached_property

from django.core.paginator import Paginator


class NewsPaginator(Paginator):
    """A paginator for story lists that never counts past MAX_COUNTED stories.

    Counting every story of a big section or tag (or every match of a common word) for
    "page 1 of 625" costs more than building the page, and grows with the archive; nobody pages
    that deep. Lists stop after MAX_COUNTED stories and point to the dated archive beyond.
    """

    MAX_COUNTED = 500  # 25 pages of 20

    @cached_property
    def count(self):
        # Unordered: the database may stop at the first MAX_COUNTED + 1 rows it finds.
        counted = self.object_list.order_by()[: self.MAX_COUNTED + 1].count()
        self.count_is_capped = counted > self.MAX_COUNTED
        return min(counted, self.MAX_COUNTED)

    count_is_capped = False
