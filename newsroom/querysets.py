from django.apps import apps
from django.db import models
from django.db.models import F, Q
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


class PositionQuerySet(models.QuerySet):
    def held_on(self, day):
        """Positions held on `day` (a date or an expression), the one position_on() picks first."""
        return self.filter(
            Q(started_on__isnull=True) | Q(started_on__lte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        ).order_by(F("started_on").desc(nulls_last=True), "-pk")


def _national_organisations(model, country):
    # Through the relation: this module is imported by models.py, not the other way round.
    return model._meta.get_field("organisations").related_model.objects.national(country)


def published_condition(now=None):
    """Q: published, its publication time reached, not yet expired (see `published()`)."""
    now = now or timezone.now()
    return Q(status="published", published_at__lte=now) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


class PublishableQuerySet(models.QuerySet):
    """Articles and events: what is public, and their tags for lists."""

    _with_tags = False

    def with_tags(self):
        """Each fetched item's tags (`item.tags.all()`, by name) from one lean query of
        (item, tag) rows, in place of taggit's prefetch, which builds a queryset, a join and
        model instances through the tagging table (most of a list's database time)."""
        clone = self._chain()
        clone._with_tags = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._with_tags = self._with_tags
        return clone

    def _fetch_all(self):
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and self._with_tags and self._iterable_class is models.query.ModelIterable:
            attach_tags(self._result_cache)

    def published(self):
        """What the public may see: published, its publication time reached, not yet expired."""
        return self.filter(published_condition())

    def in_language(self, code=None):
        """Items written in `code` (the active language by default): their title is filled in.

        Written `title_en > ''` (neither NULL nor empty): the condition of the partial indexes
        that public lists read (migration 0009).
        """
        column = languages.localized(self.model.presence_field, code or languages.current())
        return self.filter(**{f"{column}__gt": ""})

    def public(self, code=None):
        """What the public sees in language `code` (the active one by default): published and
        written in it."""
        return self.published().in_language(code)

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def awaiting_review(self):
        return self.filter(status="review")

    def drafts(self):
        return self.exclude(pk__in=self.published().values("pk"))


def _links(model, relation):
    """The rows of `model`'s many-to-many `relation` (its through table)."""
    return model._meta.get_field(relation).remote_field.through.objects


def _any_of(*subqueries):
    """Q: the primary key is in any of `subqueries`, each a separate IN (SELECT …) on a link
    table: the database reads each once, instead of joining every relation to every row."""
    condition = Q()
    for subquery in subqueries:
        condition |= Q(pk__in=subquery)
    return condition


def _event_model(model):
    return model._meta.get_field("events").related_model


class ArticleQuerySet(PublishableQuerySet):
    def _reporting(self, events):
        """Article ids of the reports of `events` (a queryset of event ids).

        Callers pass public events only: a link to an unpublished event must not make a public
        article show up on an organisation's, a person's or a country's page (or in its counts).
        """
        return _links(self.model, "events").filter(event__in=events).values("article")

    def involving_organisations(self, organisations):
        """Articles naming any of `organisations`, directly or through the public events they
        report (hosted or attended by one of them)."""
        return self.filter(self._involving(organisations))

    def _involving(self, organisations):
        """Q: involving_organisations(), read from the derived table (newsroom/involvement.py)
        that holds both kinds of link, with the events' publication windows.

        Two IN (SELECT …), one per kind, as `_any_of` writes them: PostgreSQL reads each from
        the table's index alone and hashes it once per query, then checks each article in the
        list's order against the hashes before its tags; one IN would be joined per article.
        """
        from .involvement import direct, through_public_events

        rows = apps.get_model("newsroom", "OrganisationInvolvement")._default_manager.filter(
            organisation__in=organisations
        )
        return _any_of(
            rows.filter(direct()).values("article"),
            rows.filter(through_public_events()).values("article"),
        )

    def involving_participant(self, participant):
        """Articles a person wrote, is named in, or took part in an event of."""
        events = (
            _event_model(self.model)
            .objects.published()
            .filter(participations__participant=participant)
        )
        wrote = _links(self.model, "authors").filter(participant=participant)
        named = _links(self.model, "participants").filter(participant=participant)
        return self.filter(
            _any_of(
                wrote.values("article"),
                named.values("article"),
                self._reporting(events.values("pk")),
            )
        )

    def involving_country(self, country):
        """Articles naming the state's own bodies (directly or via events) or events held there."""
        return self.filter(self.country_condition(country))

    def country_condition(self, country):
        """involving_country() as a condition, for filtered counts."""
        organisations = _national_organisations(self.model, country)
        held_there = _event_model(self.model).objects.published().filter(country=country)
        return self._involving(organisations) | Q(pk__in=self._reporting(held_there.values("pk")))


class EventQuerySet(PublishableQuerySet):
    def involving_organisations(self, organisations):
        """Events hosted by, attended by, or with a representative of any of `organisations`."""
        return self.filter(self.organisations_condition(organisations))

    def organisations_condition(self, organisations):
        """involving_organisations() as a condition."""
        hosted = _links(self.model, "hosts").filter(organisation__in=organisations)
        attended = _links(self.model, "organisations").filter(organisation__in=organisations)
        represented = self.model.participations.rel.related_model.objects.filter(
            organisation__in=organisations
        )
        return _any_of(*(links.values("event") for links in (hosted, attended, represented)))

    def involving_participant(self, participant):
        participations = self.model.participations.rel.related_model.objects
        return self.filter(pk__in=participations.filter(participant=participant).values("event"))

    def involving_country(self, country):
        """Events held in the state, or with its own bodies among the hosts or participants."""
        return self.filter(self.country_condition(country))

    def country_condition(self, country):
        """involving_country() as a condition, for filtered counts."""
        organisations = _national_organisations(self.model, country)
        return Q(country=country) | self.organisations_condition(organisations)

    def _today(self):
        return timezone.localdate()

    def upcoming(self):
        """Events not yet over, soonest first (an event running today is still upcoming).

        An event never ends before it starts (a constraint), so "not over" is "starts today or
        later, or ends today or later". Asked for the first few in order of start, PostgreSQL
        would walk the start index through every past event to find them (it takes the matches
        for spread evenly over the years); the earliest start of an event still running, a
        bound no upcoming event starts before, makes that walk begin where they do.
        """
        today = self._today()
        return (
            self.filter(starts_on__gte=self._running_since(today))
            .filter(Q(starts_on__gte=today) | Q(ends_on__gte=today))
            .order_by("starts_on", "title")
        )

    def _running_since(self, today):
        """The start of the earliest event that began before `today` and is not over (any
        status: a bound, not a list), else today. Remembered per content version and date."""
        from . import memo  # memo -> cache -> models -> this module

        model = self.model

        def earliest():
            running = model._base_manager.filter(starts_on__lt=today, ends_on__gte=today)
            return min(running.values_list("starts_on", flat=True), default=today)

        return memo.remember("events-running-since", earliest, model._meta.label, today)

    def past(self):
        """Events that are over, the latest first: the rest of upcoming()."""
        today = self._today()
        return self.filter(
            Q(starts_on__lt=today) & (Q(ends_on__isnull=True) | Q(ends_on__lt=today))
        ).order_by("-starts_on", "title")


def attach_tags(items):
    """Fill `item.tags.all()` for `items` (articles or events, of one model) with one query."""
    if not items:
        return
    model = type(items[0])
    field = model._meta.get_field("tags")
    through, tag_model = field.through, field.remote_field.model
    db = items[0]._state.db
    rows = (
        through.objects.using(db)
        .filter(content_object_id__in=[item.pk for item in items])
        .order_by("tag__name", "tag_id")
        .values_list("content_object_id", "tag_id", "tag__name", "tag__slug")
    )
    tags = {}
    made = {}
    for item_id, tag_id, name, slug in rows:
        tag = made.get(tag_id)
        if tag is None:
            tag = made[tag_id] = tag_model(id=tag_id, name=name, slug=slug)
            tag._state.adding = False
            tag._state.db = db
        tags.setdefault(item_id, []).append(tag)
    cache_name = field.name
    for item in items:
        found = tag_model.objects.using(db).all()
        found._result_cache = tags.get(item.pk, [])
        found._prefetch_done = True
        if not hasattr(item, "_prefetched_objects_cache"):
            item._prefetched_objects_cache = {}
        item._prefetched_objects_cache[cache_name] = found
