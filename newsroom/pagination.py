"""Paging through long lists of the archive at the cost of a short one.

Django's Paginator counts the whole list on every request and reads a page with OFFSET, which
fetches and throws away every row before it. At 100,000 articles the count alone took longer than
the rest of the page, and page 4,000 read 80,000 rows. `ArchivePaginator`:

- takes the count from the memo (newsroom/memo.py), computed once per content version and list
  (the view names the list and its filters in `count_key`);
- finds a page's primary keys first, in a subquery the database answers from an index alone,
  then reads just those rows ("deferred join") from the list's unfiltered queryset, so that the
  filters are not worked out a second time around the page's rows;
- reads a page in the second half of the list from the list's end, in reverse order, so that the
  last page costs what the first does.

Page numbers, their validation and the Page objects are Django's.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

from . import memo

UNIQUE_LAST = {"pk", "-pk", "id", "-id"}


def _ordering(queryset):
    return queryset.query.order_by or queryset.model._meta.ordering


def _orders_totally(queryset):
    """True when the ordering ends with the primary key, so that reversing it is exact."""
    ordering = _ordering(queryset)
    return bool(ordering) and isinstance(ordering[-1], str) and ordering[-1] in UNIQUE_LAST


def _pageable(queryset):
    return (
        isinstance(queryset, QuerySet)
        and queryset._iterable_class is ModelIterable
        and not queryset.query.distinct
        and not queryset.query.combinator
        and not queryset.query.is_sliced
        and queryset.ordered
    )


class ArchivePaginator(Paginator):
    def __init__(self, object_list, per_page, *, count_key=None, unfiltered=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key
        self.unfiltered = unfiltered

    @cached_property
    def count(self):
        count = Paginator.count.func
        if self.count_key is None:
            return count(self)
        return memo.remember("list-count", lambda: count(self), *self.count_key)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom, top):
        """The list's items from index `bottom` up to `top`, in the list's order."""
        queryset = self.object_list
        if top <= bottom or not _pageable(queryset):
            return queryset[bottom:top]
        from_end = self.count - top
        if from_end < bottom and _orders_totally(queryset):
            keys = queryset.reverse().values("pk")[from_end : self.count - bottom]
        else:
            keys = queryset.values("pk")[bottom:top]
        rows = queryset if self.unfiltered is None else self.unfiltered
        return rows.filter(pk__in=keys).order_by(*_ordering(queryset))
