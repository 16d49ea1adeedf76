"""Pages of long lists whose count comes with their rows."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class RowCountPaginator(Paginator):
    """Reads a page and the number of rows in one query (`COUNT(*) OVER ()`) instead of a count first.

    A search of the document library repeats its whole word lookup in each query, so the count alone was a
    third of its time. A page past the end, or a number that is none, falls back to Django's own pagination,
    which needs the count first: the last page, or the first. Orphans are not merged into the last page.
    """

    COUNT = "paginator_row_count"

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list.annotate(**{self.COUNT: Window(Count("*"))})[bottom : bottom + self.per_page])
        if rows:
            self.count = getattr(rows[0], self.COUNT)
        elif number == 1:
            self.count = 0
        else:
            return super().get_page(number)
        return self._get_page(rows, number, self)
