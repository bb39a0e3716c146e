"""One FilterSet per public list. Parameters are short and stable: they are part of shared links."""

import datetime
import functools

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import DateTimeField, Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import memo
from .models import MEMBER_STATES, Article, Event, Organisation, Participant, Tag
from .places import country_people
from .widgets import CheckboxSelectMultiple, PlainChoices, Select

MAX_QUERY_LENGTH = 200
MAX_TAGS = 5
# The tag checkboxes offer the tags most used in the list (the tag index has them all): a few
# hundred checkboxes help no reader and weigh on every page of the list.
TAGS_OFFERED = 30
# The dates a list can be narrowed to. Beyond them a day has no next day (9999-12-31) or its
# local midnight no UTC time (0001-01-01 in Almaty): an error of the form, not of the database.
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(9998, 12, 31)


def _public_tags(model):
    """Tags carried by a public item of `model`: one EXISTS probe per tag, which stops at the
    first public item, instead of reading every tagging of the archive."""

    def queryset(request):
        through = model.tags.through
        public = model.objects.public().filter(pk=OuterRef("content_object"))
        carried = through.objects.filter(tag=OuterRef("pk")).filter(Exists(public))
        return Tag.objects.filter(Exists(carried)).order_by("name")

    return queryset


@functools.lru_cache(maxsize=8)
def _countries_in(language):
    return PlainChoices(list(countries))


def _country_choices():
    """Country names sorted in the reader's language: worked out once per language."""
    return _countries_in(translation.get_language())


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
            help_text=_("The tags used most; every tag is in the tag index."),
            **kwargs,
        )

    def filter(self, qs, value):
        """Items carrying every tag in `value`: an EXISTS per tag, no join to make distinct.

        The database can then walk the list in its order and stop once a page is full, instead
        of collecting, de-duplicating and sorting every tagged item.
        """
        through = qs.model.tags.through
        for tag in value or ():
            qs = qs.filter(Exists(through.objects.filter(content_object=OuterRef("pk"), tag=tag)))
        return qs


def date_filter(label, method):
    return django_filters.DateFilter(
        label=label,
        method=method,
        validators=[MinValueValidator(EARLIEST_DAY), MaxValueValidator(LATEST_DAY)],
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DAY.isoformat(), "max": LATEST_DAY.isoformat()}
        ),
    )


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class NewsroomFilterSet(django_filters.FilterSet):
    """What every public list's filters share: choices from the memo, and a signature."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # The options of the people, organisations and tags lists, as (value, label) strings,
            # change only with the content: no query and no model instances per request. What a
            # reader chose is still checked against the field's queryset.
            for name, field in form.fields.items():
                if isinstance(field, TagChoiceField):
                    model = self._meta.model
                    popular = memo.remember(
                        "filter-tag-choices",
                        functools.partial(_popular_tags, model),
                        model.__name__,
                    )
                    field.widget.choices = TagChoices(popular, form, name)
                elif isinstance(field, forms.ModelChoiceField):
                    field.widget.choices = memo.remember(
                        "filter-choices",
                        functools.partial(_plain_choices, field),
                        type(self).__name__,
                        name,
                    )
        return self._form

    def signature(self):
        """The filters in force, as a stable tuple: what the list's count is remembered by."""
        if not self.is_bound:
            return ()
        if not self.is_valid():
            return None
        return tuple(
            (name, _plain(value))
            for name, value in sorted(self.form.cleaned_data.items())
            if value not in (None, "", False) and not (_is_collection(value) and not value)
        )


def _plain_choices(field):
    choices = PlainChoices([(str(value), str(label)) for value, label in field.choices])
    choices.escaped()  # kept with the choices in the memo
    return choices


def _popular_tags(model):
    """(slug, name) of the TAGS_OFFERED tags that most public items of `model` carry."""
    from .views import tag_usage  # views import this module

    count = "article_count" if model is Article else "event_count"
    used = [tag for tag in tag_usage() if getattr(tag, count)]
    used.sort(key=lambda tag: (-getattr(tag, count), tag.name))
    return [(tag.slug, tag.name) for tag in used[:TAGS_OFFERED]]


class TagChoices(PlainChoices):
    """The most used tags and those the reader chose, by name: built when the form is rendered,
    after it has checked the choice (a chosen tag is then a Tag, with its name)."""

    def __init__(self, popular, form, name):
        super().__init__(popular)
        self.form, self.name = form, name

    def _all(self):
        pairs = dict(self.pairs)
        cleaned = getattr(self.form, "cleaned_data", None) or {}
        for tag in cleaned.get(self.name) or ():
            pairs.setdefault(tag.slug, tag.name)
        return sorted(pairs.items(), key=lambda pair: (pair[1].casefold(), pair[0]))

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())


def _is_collection(value):
    return isinstance(value, (list, tuple, set, QuerySet))


def _plain(value):
    if _is_collection(value):
        return tuple(sorted(_plain(item) for item in value))
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class SearchFilterMixin(NewsroomFilterSet):
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
        if not condition:
            return queryset
        # Only a field across a relation can match one row twice.
        spans = any("__" in field for field in self.search_fields)
        return queryset.filter(condition).distinct() if spans else queryset.filter(condition)


class DateRangeMixin(NewsroomFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=_years,
        method="filter_year",
        empty_label=_("Any year"),
        widget=Select,
    )
    date_from = date_filter(_("From"), "filter_from")
    date_to = date_filter(_("To"), "filter_to")
    date_field = ""

    def filter_year(self, queryset, name, value):
        year = int(value)
        return self.filter_from(
            self.filter_to(queryset, name, datetime.date(year, 12, 31)),
            name,
            datetime.date(year, 1, 1),
        )

    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": self.bound(value)})

    def filter_to(self, queryset, name, value):
        if self.is_moment:  # up to the end of that day: before the next day begins
            return queryset.filter(**{f"{self.date_field}__lt": self.bound(value, next_day=True)})
        return queryset.filter(**{f"{self.date_field}__lte": value})

    @property
    def is_moment(self):
        return isinstance(self.queryset.model._meta.get_field(self.date_field), DateTimeField)

    def bound(self, day, next_day=False):
        """`day` for a date field; for a date-time field, the local midnight that starts it (or
        the next day): a range the column's index can serve, unlike the date of every row."""
        if not self.is_moment:
            return day
        if next_day:
            day += datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class InvolvementFilterMixin(NewsroomFilterSet):
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
    date_field = "published_at"

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
