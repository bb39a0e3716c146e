"""The news archive by year and month: the news list narrowed to one period, filters still apply."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .filters import EARLIEST_DAY, LATEST_DAY
from .models import Article
from .views import ArticleListView

# Years outside this range cannot hold news and would overflow the period arithmetic.
MIN_YEAR, MAX_YEAR = EARLIEST_DAY.year, LATEST_DAY.year


def _aware(year, month):
    return timezone.make_aware(datetime.datetime(year, month, 1))


class ArticleYearArchiveView(ArticleListView):
    """/news/<year>/: a year's public news, newest first, with its months and neighbours."""

    template_name = "newsroom/article_archive.html"

    def get(self, request, *args, **kwargs):
        self.year = kwargs["year"]
        self.month = kwargs.get("month")
        month_ok = self.month is None or 1 <= self.month <= 12
        if not MIN_YEAR <= self.year <= MAX_YEAR or not month_ok:
            raise Http404(_("No such period."))
        self.start, self.end = self.period()
        if not self.in_period(Article.objects.public()).exists():
            raise Http404(_("No news was published in this period."))
        return super().get(request, *args, **kwargs)

    def period(self):
        """[start, end) of the period as aware datetimes in the current time zone."""
        return _aware(self.year, 1), _aware(self.year + 1, 1)

    def in_period(self, queryset):
        return queryset.filter(published_at__gte=self.start, published_at__lt=self.end)

    def get_queryset(self):
        return self.in_period(super().get_queryset())

    def list_key(self):
        return (self.year, self.month)

    def neighbour(self, later):
        """The local publication time of the nearest public article after (or before) the period."""
        published = Article.objects.public()
        if later:
            published = published.filter(published_at__gte=self.end).order_by("published_at")
        else:
            published = published.filter(published_at__lt=self.start).order_by("-published_at")
        moment = published.values_list("published_at", flat=True).first()
        return timezone.localtime(moment) if moment else None

    def period_link(self, moment):
        return {"year": moment.year, "date": moment.date().replace(day=1)} if moment else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = (
            Article.objects.public()
            .filter(
                published_at__gte=_aware(self.year, 1), published_at__lt=_aware(self.year + 1, 1)
            )
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("month")
        )
        context.update(
            archive_year=self.year,
            archive_month=datetime.date(self.year, self.month, 1) if self.month else None,
            archive_months=[{"date": row["month"].date(), "count": row["count"]} for row in months],
            previous_period=self.period_link(self.neighbour(later=False)),
            next_period=self.period_link(self.neighbour(later=True)),
        )
        return context


class ArticleMonthArchiveView(ArticleYearArchiveView):
    """/news/<year>/<month>/: one month's public news."""

    def period(self):
        if self.month == 12:
            return _aware(self.year, 12), _aware(self.year + 1, 1)
        return _aware(self.year, self.month), _aware(self.year, self.month + 1)
