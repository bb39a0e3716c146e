"""CARICC's member states and organisations' timelines: what the country and timeline pages gather.

A member state's page gathers the state's own bodies (OrganisationQuerySet.national) and what
involves them. An organisation's timeline merges its events and news into one dated list, paged
in the database so that a page costs the same few queries however long the timeline is.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Q, Value
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils.translation import gettext as _
from django_countries.fields import Country

from . import memo
from .addresses import address
from .models import (
    MEMBER_STATES,
    Article,
    Event,
    EventParticipation,
    Organisation,
    Participant,
    Position,
)

# Stable address parts, not derived from the (translated) country names.
MEMBER_STATE_SLUGS = {
    "AZ": "azerbaijan",
    "KZ": "kazakhstan",
    "KG": "kyrgyzstan",
    "RU": "russia",
    "TJ": "tajikistan",
    "TM": "turkmenistan",
    "UZ": "uzbekistan",
}


@dataclass(frozen=True)
class MemberState:
    code: str

    def __str__(self):
        return str(self.name)

    def get_absolute_url(self):
        return address("newsroom:country_detail", self.slug)

    @property
    def slug(self):
        return MEMBER_STATE_SLUGS[self.code]

    @property
    def country(self):
        return Country(self.code)

    @property
    def name(self):
        """The country's name in the current language (django-countries translates it)."""
        return self.country.name


def member_states():
    """The member states in CARICC's own order (MEMBER_STATES)."""
    return [MemberState(code) for code in MEMBER_STATES]


def member_state(slug):
    """The member state with this address part; 404 for any other."""
    for code, state_slug in MEMBER_STATE_SLUGS.items():
        if state_slug == slug:
            return MemberState(code)
    raise Http404(_("CARICC has no member state at this address."))


def member_state_of(country):
    """The member state of a CountryField value, or None for other and empty countries."""
    code = getattr(country, "code", country)
    return MemberState(code) if code in MEMBER_STATES else None


def country_people(country):
    """People who hold or held a post at the state's own bodies, or represented one at an event."""
    organisations = Organisation.objects.national(country)
    represented = EventParticipation.objects.filter(
        organisation__in=organisations, event__in=Event.objects.public()
    )
    posts = Position.objects.filter(organisation__in=organisations)
    return Participant.objects.filter(
        Q(pk__in=posts.values("participant")) | Q(pk__in=represented.values("participant"))
    )


def member_state_counts():
    """{code: {"organisations": n, "news": n, "events": n}} for every member state: 3 queries
    over the archive, remembered until the content changes (newsroom/memo.py)."""
    return memo.remember("member-state-counts", _member_state_counts)


def _member_state_counts():
    organisations = dict(
        Organisation.objects.filter(country__in=MEMBER_STATES)
        .order_by()  # no ordering column in the GROUP BY
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )

    def involving(model):
        # One aggregate per model: each state's count is a filtered COUNT over the public items.
        return model.objects.public().aggregate(
            **{
                code: Count("pk", filter=model.objects.country_condition(code))
                for code in MEMBER_STATES
            }
        )

    news, events = involving(Article), involving(Event)
    return {
        code: {
            "organisations": organisations.get(code, 0),
            "news": news[code],
            "events": events[code],
        }
        for code in MEMBER_STATES
    }


def group_by_parent(organisations):
    """[(organisation, [its offices in the list])] for the organisations whose parent is not listed.

    An office whose parent is elsewhere (another country, an international body) stands alone.
    """
    listed = {org.pk for org in organisations}
    offices = {}
    for org in organisations:
        if org.parent_id in listed:
            offices.setdefault(org.parent_id, []).append(org)
    return [(org, offices.get(org.pk, [])) for org in organisations if org.parent_id not in listed]


# --- Organisation timeline ----------------------------------------------------------------------

EVENT, ARTICLE = "event", "article"


def timeline_keys(organisations):
    """Public events and news involving `organisations`, newest first: (day, entry type, pk) rows.

    One UNION query: slice it for a page, count it for the paginator. Events are dated by their
    first day, news by the local day of publication; on one day the news (usually the report)
    comes before the event.
    """
    events = (
        Event.objects.public()
        .involving_organisations(organisations)
        .annotate(day=F("starts_on"), entry_type=Value(EVENT, output_field=CharField()))
        .values_list("day", "entry_type", "pk")
        .order_by()
    )
    articles = (
        Article.objects.public()
        .involving_organisations(organisations)
        .annotate(
            day=TruncDate("published_at"), entry_type=Value(ARTICLE, output_field=CharField())
        )
        .values_list("day", "entry_type", "pk")
        .order_by()
    )
    return events.union(articles, all=True).order_by("-day", "entry_type", "-pk")


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    kind: str
    item: Event | Article

    @property
    def is_event(self):
        return self.kind == EVENT


def timeline_entries(keys, events, articles):
    """The rows of a page as TimelineEntry objects, the items looked up in `events`/`articles`."""
    found = {EVENT: events, ARTICLE: articles}
    return [
        TimelineEntry(day, kind, found[kind][pk])
        for day, kind, pk in keys
        if pk in found[kind]  # unpublished between the two queries
    ]


def by_year_and_month(entries):
    """[(year, [(first day of month, [entries])])], keeping the entries' order."""
    return [
        (
            year,
            [
                (month, list(month_entries))
                for month, month_entries in itertools.groupby(
                    year_entries, key=lambda entry: entry.day.replace(day=1)
                )
            ],
        )
        for year, year_entries in itertools.groupby(entries, key=lambda entry: entry.day.year)
    ]
