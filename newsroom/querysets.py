from django.db import models
from django.db.models import Q
from django.utils import timezone


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published status and a publication time already reached."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def drafts(self):
        return self.exclude(pk__in=self.published().values("pk"))


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("created_by").prefetch_related("tags")


class EventQuerySet(PublishableQuerySet):
    def _today(self):
        return timezone.localdate()

    def upcoming(self):
        """Events not yet over, soonest first (an event running today is still upcoming)."""
        today = self._today()
        return self.filter(
            Q(ends_on__gte=today) | Q(ends_on__isnull=True, starts_on__gte=today)
        ).order_by("starts_on", "title")

    def past(self):
        today = self._today()
        return self.filter(
            Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today)
        ).order_by("-starts_on", "title")
