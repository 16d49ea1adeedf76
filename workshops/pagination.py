"""Pages of long lists: sorted by their keys alone, or with their count in the same query."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class RowCountPaginator(Paginator):
    """Reads a page's keys and the number of rows in one query (`COUNT(*) OVER ()`) instead of a count first,
    then the page's rows by key from `rows`.

    A search of the document library repeats its whole word lookup in each query, so the count alone was a
    third of its time; and its matches are sorted as keys alone (see SortedByKey). A page past the end, or a
    number that is none, falls back to Django's own pagination, which needs the count first: the last page, or
    the first. Orphans are not merged into the last page.
    """

    COUNT = "paginator_row_count"

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(**{self.COUNT: Window(Count("*"))}).values_list("pk", self.COUNT)
        keys = list(counted[bottom : bottom + self.per_page])
        if keys:
            self.count = keys[0][1]
        elif number == 1:
            self.count = 0
        else:
            return super().get_page(number)
        return self._get_page(read_by_key(self.rows, [pk for pk, _count in keys]), number, self)


class SortedByKey:
    """A queryset for Django's Paginator whose page is found by sorting the rows' keys alone.

    The document library prints each document with its workshop, item, role and person. Sorted with all of that,
    PostgreSQL sorted every wide row to keep fifty (docs/performance.md). So the page's keys are sorted on their
    own, and a second query reads those fifty rows by key with their relations. (As a subquery
    of that query, the keys were joined with all 9,000 wide rows rather than looked up.)
    """

    def __init__(self, queryset, *, rows):
        self.queryset = queryset
        self.rows = rows
        self.ordered = queryset.ordered

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        return read_by_key(self.rows, list(self.queryset.values_list("pk", flat=True)[window]))


def read_by_key(rows, keys):
    """The rows of a page whose keys were found and sorted on their own: `rows` holds the relations the page
    prints and its order, but need not repeat the filters that found the keys."""
    return list(rows.filter(pk__in=keys)) if keys else []
