from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import languages


def set_related(manager, objects) -> bool:
    """Set a many-to-many relation to `objects` unless it holds them already; True if it changed."""
    if {obj.pk for obj in objects} == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(objects)
    return True


class OrganisationQuerySet(models.QuerySet):
    # International bodies and regional centres give the country they are based in (CARICC in
    # Kazakhstan, UNODC's regional office in Uzbekistan) but do not speak for it.
    BASED_ONLY_KINDS = ("international", "regional_centre")

    def national(self, country):
        """The state's own bodies: organisations of `country`, less those only based there."""
        return self.filter(country=country).exclude(kind__in=self.BASED_ONLY_KINDS)


def _national_organisations(model, country):
    # Through the relation: this module is imported by models.py, not the other way round.
    return model._meta.get_field("organisations").related_model.objects.national(country)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, its publication time reached, not yet expired."""
        now = timezone.now()
        return self.filter(status="published", published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def in_language(self, code=None):
        """Items written in `code` (the active language by default): their title is filled in."""
        column = languages.localized(self.model.presence_field, code or languages.current())
        return self.filter(~Q(**{column: ""}), **{f"{column}__isnull": False})

    def public(self):
        """What the public sees in the active language: published and written in it."""
        return self.published().in_language()

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def awaiting_review(self):
        return self.filter(status="review")

    def drafts(self):
        return self.exclude(pk__in=self.published().values("pk"))


class ArticleQuerySet(PublishableQuerySet):
    def involving_organisations(self, organisations):
        """Articles naming any of `organisations`, directly or through the events they report."""
        linked = self.model.objects.filter(
            Q(organisations__in=organisations)
            | Q(events__hosts__in=organisations)
            | Q(events__organisations__in=organisations)
        )
        return self.filter(pk__in=linked.values("pk"))

    def involving_participant(self, participant):
        """Articles a person wrote, is named in, or took part in an event of."""
        linked = self.model.objects.filter(
            Q(authors=participant)
            | Q(participants=participant)
            | Q(events__participants=participant)
        )
        return self.filter(pk__in=linked.values("pk"))

    def involving_country(self, country):
        """Articles naming the state's own bodies (directly or via events) or events held there."""
        organisations = _national_organisations(self.model, country)
        linked = self.model.objects.filter(
            Q(organisations__in=organisations)
            | Q(events__hosts__in=organisations)
            | Q(events__organisations__in=organisations)
            | Q(events__country=country)
        )
        return self.filter(pk__in=linked.values("pk"))


class EventQuerySet(PublishableQuerySet):
    def involving_organisations(self, organisations):
        """Events hosted by, attended by, or with a representative of any of `organisations`."""
        linked = self.model.objects.filter(
            Q(hosts__in=organisations)
            | Q(organisations__in=organisations)
            | Q(participations__organisation__in=organisations)
        )
        return self.filter(pk__in=linked.values("pk"))

    def involving_participant(self, participant):
        return self.filter(pk__in=self.model.objects.filter(participants=participant).values("pk"))

    def involving_country(self, country):
        """Events held in the state, or with its own bodies among the hosts or participants."""
        organisations = _national_organisations(self.model, country)
        involved = self.model.objects.involving_organisations(organisations).values("pk")
        return self.filter(Q(country=country) | Q(pk__in=involved))

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
