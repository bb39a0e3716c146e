"""One FilterSet per public list. Parameters are short and stable: they are part of shared links."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import MEMBER_STATES, Article, Event, Organisation, Participant, Tag
from .places import country_people
from .widgets import CheckboxSelectMultiple, Select

MAX_QUERY_LENGTH = 200
MAX_TAGS = 5


def _public_tags(model):
    def queryset(request):
        return (
            Tag.objects.filter(
                pk__in=model.objects.public().values("tags__id"),
            )
            .order_by("name")
            .distinct()
        )

    return queryset


def _country_choices():
    return list(countries)


def _years():
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year + 1, 2005, -1)]


class TagChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Several tags narrow the list; a cap keeps one request from joining without end."""

    def clean(self, value):
        if value and len(value) > MAX_TAGS:
            raise forms.ValidationError(
                _("Choose at most %(max)d tags.") % {"max": MAX_TAGS}, code="too_many_tags"
            )
        return super().clean(value)


class TagFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = TagChoiceField

    def __init__(self, model, **kwargs):
        super().__init__(
            label=_("Tags"),
            field_name="tags__slug",
            to_field_name="slug",
            queryset=_public_tags(model),
            conjoined=True,
            widget=CheckboxSelectMultiple,
            **kwargs,
        )


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class SearchFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words to look for")}),
    )
    search_fields: tuple[str, ...] = ()

    def filter_q(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:10]:
            word_condition = Q()
            for field in self.search_fields:
                word_condition |= Q(**{f"{field}__icontains": word})
            condition &= word_condition
        return queryset.filter(condition).distinct() if condition else queryset


class DateRangeMixin(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=_years,
        method="filter_year",
        empty_label=_("Any year"),
        widget=Select,
    )
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_field = ""

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": int(value)})

    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__lte": value})


class InvolvementFilterMixin(django_filters.FilterSet):
    """Organisation and person facets, shared by news and events (see the querysets)."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_organisation",
        empty_label=_("Any organisation"),
        widget=Select,
    )
    participant = django_filters.ModelChoiceFilter(
        label=_("Person"),
        queryset=Participant.objects.all(),
        to_field_name="slug",
        method="filter_participant",
        empty_label=_("Anyone"),
        widget=Select,
    )

    def filter_organisation(self, queryset, name, value):
        return queryset.involving_organisations(value.with_offices())

    def filter_participant(self, queryset, name, value):
        return queryset.involving_participant(value)


class ArticleFilter(SearchFilterMixin, InvolvementFilterMixin, DateRangeMixin):
    tag = TagFilter(Article)
    section = django_filters.ChoiceFilter(
        label=_("Section"),
        choices=Article.Section.choices,
        empty_label=_("All sections"),
        widget=Select,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=_country_choices,
        method="filter_country",
        empty_label=_("Any country"),
        widget=Select,
    )

    search_fields = ("title", "lead", "body")
    date_field = "published_at__date"

    class Meta:
        model = Article
        form = DateRangeForm
        fields = ["q", "tag", "section", "organisation", "participant", "country", "year"]

    def filter_country(self, queryset, name, value):
        return queryset.involving_country(value)


class EventFilter(SearchFilterMixin, InvolvementFilterMixin, DateRangeMixin):
    WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=WHEN_CHOICES,
        method="filter_when",
        empty_label=_("Upcoming and past"),
        widget=Select,
    )
    tag = TagFilter(Event)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds"), widget=Select
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Event.Format.choices, empty_label=_("Any format"), widget=Select
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=_country_choices,
        method="filter_country",
        empty_label=_("Any country"),
        widget=Select,
    )

    search_fields = ("title", "summary", "description", "city", "venue")
    date_field = "starts_on"

    class Meta:
        model = Event
        form = DateRangeForm
        fields = ["q", "when", "tag", "kind", "format", "organisation", "participant", "country"]

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == "upcoming" else queryset.past()

    def filter_country(self, queryset, name, value):
        return queryset.involving_country(value)


class OrganisationFilter(SearchFilterMixin):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
        widget=Select,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_country_choices, empty_label=_("Any country"), widget=Select
    )
    member = django_filters.BooleanFilter(
        label=_("CARICC member states only"),
        method="filter_member",
        widget=forms.CheckboxInput,
    )

    search_fields = ("name", "short_name", "description")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "member"]

    def filter_member(self, queryset, name, value):
        return queryset.filter(country__in=MEMBER_STATES) if value else queryset


class ParticipantFilter(SearchFilterMixin):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        method="filter_organisation",
        empty_label=_("Any organisation"),
        widget=Select,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=_country_choices,
        method="filter_country",
        empty_label=_("Any country"),
        widget=Select,
    )
    search_fields = ("full_name", "aliases__name", "positions__title")

    class Meta:
        model = Participant
        fields = ["q", "organisation", "country"]

    def filter_organisation(self, queryset, name, value):
        linked = Participant.objects.filter(
            Q(positions__organisation=value) | Q(positions__organisation__parent=value)
        ).values("pk")
        return queryset.filter(pk__in=linked)

    def filter_country(self, queryset, name, value):
        return queryset.filter(pk__in=country_people(value).values("pk"))
