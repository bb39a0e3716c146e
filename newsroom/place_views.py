"""The member states' pages and the organisations' timelines (what they gather: places.py)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from . import memo, places
from .models import Article, Event, Organisation
from .querysets import OrganisationQuerySet
from .views import FilteredListView, guarded, positions_prefetch

# How much of each section a country page shows; "all …" links lead to the filtered lists.
COUNTRY_ORGANISATIONS = 60
COUNTRY_NEWS = 8
COUNTRY_UPCOMING = 4
COUNTRY_PAST = 6
COUNTRY_PEOPLE = 24
TIMELINE_PAGE_SIZE = 30


class CountryListView(TemplateView):
    template_name = "newsroom/country_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = places.member_state_counts()
        context["states"] = [(state, counts[state.code]) for state in places.member_states()]
        return context


class CountryDetailView(TemplateView):
    template_name = "newsroom/country_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = places.member_state(kwargs["slug"])
        code = state.code
        counts = places.member_state_counts()[code]

        organisations = guarded(
            Organisation.objects.filter(country=code).select_related("parent").order_by("name")
        )
        shown = list(organisations[:COUNTRY_ORGANISATIONS])
        based_only = OrganisationQuerySet.BASED_ONLY_KINDS
        articles = guarded(Article.objects.public().involving_country(code))
        events = guarded(Event.objects.public().involving_country(code))
        people = guarded(
            places.country_people(code)
            .prefetch_related(positions_prefetch())
            .order_by("full_name", "pk")
        )
        context.update(
            state=state,
            organisation_count=(
                len(shown) if len(shown) < COUNTRY_ORGANISATIONS else organisations.count()
            ),
            national_organisations=places.group_by_parent(
                [org for org in shown if org.kind not in based_only]
            ),
            based_organisations=[org for org in shown if org.kind in based_only],
            # Counts over the whole archive: remembered until the content changes.
            article_count=counts["news"],
            articles=articles[:COUNTRY_NEWS],
            event_count=counts["events"],
            upcoming_events=events.upcoming()[:COUNTRY_UPCOMING],
            past_events=events.past()[:COUNTRY_PAST],
            person_count=memo.remember("country-people", people.count, code),
            people=people[:COUNTRY_PEOPLE],
        )
        return context


class OrganisationTimelineView(ListView):
    """An organisation's public events and news, with its offices', newest first, year by year."""

    template_name = "newsroom/organisation_timeline.html"
    paginate_by = TIMELINE_PAGE_SIZE
    context_object_name = "timeline_rows"
    # A bad page number gets the same 400 page as the filtered lists.
    paginate_queryset = FilteredListView.paginate_queryset

    def get(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(
            guarded(
                Organisation.objects.select_related("parent").prefetch_related(
                    Prefetch("children", queryset=Organisation.objects.order_by("name"))
                )
            ),
            slug=kwargs["slug"],
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return places.timeline_keys(self.organisation.with_offices())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["timeline_rows"])
        event_ids = [pk for _day, kind, pk in rows if kind == places.EVENT]
        article_ids = [pk for _day, kind, pk in rows if kind == places.ARTICLE]
        entries = places.timeline_entries(
            rows,
            guarded(Event.objects.public()).in_bulk(event_ids),
            guarded(Article.objects.public()).in_bulk(article_ids),
        )
        context.update(
            organisation=self.organisation,
            state=places.member_state_of(self.organisation.country),
            entries=entries,
            years=places.by_year_and_month(entries),
            total=context["paginator"].count,
        )
        return context
