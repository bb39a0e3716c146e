import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, TooManyFieldsSent
from django.core.paginator import InvalidPage
from django.db import models
from django.db.models import CharField, Count, Exists, F, Max, OuterRef, Prefetch, Q, Value
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from . import languages, memo, workflow
from .addresses import address
from .filters import ArticleFilter, EventFilter, OrganisationFilter, ParticipantFilter
from .models import (
    Article,
    Event,
    EventParticipation,
    Organisation,
    Participant,
    Position,
    Tag,
    TaggedArticle,
    TaggedEvent,
)
from .pagination import ArchivePaginator

DETAIL_LIST_SIZE = 10
FETCH_MODES = {"peers": models.FETCH_PEERS, "raise": models.FETCH_RAISE}


def guarded(queryset):
    """Public querysets: a lazy load batches across the page's objects (in tests: fails loudly).

    select_related / prefetch_related remain the plan; this is the net under it.
    """
    return queryset.fetch_mode(FETCH_MODES[settings.NEWSROOM_FETCH_MODE])


def positions_prefetch(prefix=""):
    """Prefetch a person's positions with their organisations, for position_on() without N+1."""
    return Prefetch(f"{prefix}positions", queryset=Position.objects.select_related("organisation"))


def public_articles():
    """Public news with their tags, for cards (which list them)."""
    return guarded(Article.objects.public().with_tags())


def article_links():
    """Public news for lists of links, which show no tags: no query to fetch them."""
    return guarded(Article.objects.public())


def public_events():
    """Public events: no list of events shows their tags."""
    return guarded(Event.objects.public())


# --- Error pages -----------------------------------------------------------------


def bad_request(request, exception=None):
    message = str(exception) if isinstance(exception, BadRequest) and str(exception) else ""
    try:
        query = request.GET
    except TooManyFieldsSent:  # the very reason for this answer: the page's links go without it
        query = QueryDict()
    return render(request, "400.html", {"message": message, "query": query}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@require_safe
def switch_language(request):
    """The header's language switcher: /language/?language=ru&next=/news/… leads to that page in
    that language, and remembers the choice in the language cookie (the admin speaks it).

    A GET form, unlike Django's set_language, so public pages carry no CSRF token and can be
    cached (newsroom/cache.py). The choice only sets a preference, nothing a forged link could
    abuse; an unknown language or a `next` off this site leads home or back unchanged.
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    code = request.GET.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    # translate_url() finds the page in the active language: take the one of its address.
    path = urlsplit(next_url).path
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        response = HttpResponseRedirect(translate_url(next_url, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# --- Shared mixins ---------------------------------------------------------------------


class PreviewMixin:
    """Published items for everyone; drafts and scheduled items only for staff who may edit them.

    A staff preview is marked on the page and kept out of caches and search engines.
    """

    def get_queryset(self):
        return guarded(self.visible(super().get_queryset()))

    def visible(self, queryset):
        """What this request may see: for staff, what the admin shows them (drafts to those who
        may publish, their own pieces to authors: workflow.visible_to), else the public."""
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            return workflow.visible_to(user, queryset)
        return queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            response["Cache-Control"] = "private, no-cache, no-store, max-age=0"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class LanguageVersionMixin:
    """A detail page in the reader's language, found by its address in either language.

    An article's address in the other language leads (301) to this language's address; an item
    not written in the reader's language answers 404 with links to the languages it has. The page
    lists its language versions for the hreflang alternates and the language switcher.
    """

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        if "slug" in languages.translated_fields(self.model):
            match = Q()
            for code in languages.codes():
                match |= Q(**{languages.localized("slug", code): slug})
            queryset = queryset.filter(match)
        else:
            queryset = queryset.filter(slug=slug)
        obj = queryset.first()
        if obj is None:
            raise Http404(_("No such page."))
        return obj

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        versions = language_versions(self.object)
        if languages.current() not in versions:
            return render(
                request,
                "newsroom/not_in_language.html",
                {"object": self.object, "versions": versions},
                status=404,
            )
        address = versions[languages.current()]
        if "slug" in self.kwargs and request.path != address:  # not on a preview link
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)
        context = self.get_context_data(object=self.object, alternates=versions)
        return self.render_to_response(context)


def language_versions(obj):
    """{language code: the object's address in that language} for the languages it exists in."""
    versions = {}
    for code in obj.languages():
        with translation.override(code):
            versions[code] = obj.get_absolute_url()
    return versions


class FilteredListView(FilterView):
    """A django-filter list that answers bad filters and page numbers with a 400 page, not a 500."""

    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.object_list = self.filterset.queryset.none()
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
            context["filter_invalid"] = True
            return self.render_to_response(context, status=400)
        self.object_list = self.filterset.qs
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return ArchivePaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=self.count_key(),
            unfiltered=self.get_queryset(),
            **kwargs,
        )

    def count_key(self):
        """What the list's count is remembered by: the list and the filters in force (None for
        filters that are not valid, whose empty list is not counted)."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or (filterset.is_bound and not filterset.is_valid()):
            return None
        return (type(self).__name__, *self.list_key(), filterset.signature())

    def list_key(self):
        """What else than the filters narrows the list (a tag, a period)."""
        return ()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get(self.page_kwarg) or 1
        try:
            number = paginator.validate_number(raw)
            page = paginator.page(number)
        except InvalidPage as exc:
            raise BadRequest(
                _("There is no page “%(page)s”: this list has %(count)s page(s).")
                % {"page": str(raw)[:20], "count": paginator.num_pages}
            ) from exc
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active_filters"] = active_filters(self.filterset)
        context["total"] = context["paginator"].count if context.get("paginator") else 0
        return context


def _display_value(field, raw, cleaned):
    if hasattr(field, "queryset"):
        objects = cleaned if hasattr(cleaned, "__iter__") else [cleaned]
        key = field.to_field_name or "pk"
        return next((obj for obj in objects if str(getattr(obj, key)) == raw), raw)
    if isinstance(field, forms.BooleanField):
        return _("yes")
    if hasattr(field, "choices"):
        return {str(key): label for key, label in field.choices}.get(raw, raw)
    return raw


def active_filters(filterset):
    """The filters in force, each with its label, shown value and the query string without it."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    data = filterset.data
    chips = []
    for name, field in filterset.form.fields.items():
        cleaned = filterset.form.cleaned_data.get(name)
        raw_values = [value for value in data.getlist(name) if value]
        if cleaned in (None, "", False) or not raw_values:
            continue
        for raw in raw_values:
            remaining = data.copy()
            remaining.pop("page", None)
            remaining.setlist(name, [value for value in raw_values if value != raw])
            chips.append(
                {
                    "label": field.label,
                    "value": _display_value(field, raw, cleaned),
                    "querystring": remaining.urlencode(),
                }
            )
    return chips


# --- Pages ---------------------------------------------------------------------------------


class HomeView(TemplateView):
    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(public_articles()[:7])
        context["lead_article"] = articles[0] if articles else None
        context["latest_articles"] = articles[1:]
        context["upcoming_events"] = public_events().upcoming()[:4]
        context["recent_events"] = public_events().past()[:4]
        context["analytics"] = article_links().filter(section=Article.Section.ANALYTICS)[:3]
        return context


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return public_articles()


def people_of(article, day):
    """The article's authors (in their order, with their bylines) and the people it mentions (by
    name), each with the position held on `day`, in one query: [(participant, is_author)]."""
    held = Position.held_by(OuterRef("pk"), day)
    authors = (
        Participant.objects.filter(authorships__article=article)
        .order_by()
        .annotate(
            mentioned=Value(0),
            author_rank=F("authorships__sort_order"),
            authorship=F("authorships__pk"),
            byline=F("authorships__byline"),
            held=held,
        )
    )
    mentioned = (
        Participant.objects.filter(mentioned_in=article)
        .order_by()
        .annotate(
            mentioned=Value(1),
            author_rank=Value(0),
            authorship=Value(0),
            byline=Value("", output_field=CharField()),
            held=held,
        )
    )
    name = languages.localized("full_name", languages.current())
    people = authors.union(mentioned, all=True).order_by(
        "mentioned", "author_rank", "authorship", name
    )
    return [(person, not person.mentioned) for person in guarded(people)]


class ArticleDetailView(LanguageVersionMixin, PreviewMixin, DetailView):
    model = Article
    template_name = "newsroom/article_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_tags()
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
                Prefetch("events", queryset=Event.objects.public(), to_attr="public_events"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        people = people_of(article, article.dated_on)
        # An author's line: the byline printed with the piece, else the post held on its date.
        context["authors"] = [
            (person, person.byline or Position.held_from(person.held) or "")
            for person, is_author in people
            if is_author
        ]
        author_ids = {person.pk for person, _line in context["authors"]}
        context["people"] = [
            (person, Position.held_from(person.held))
            for person, is_author in people
            if not is_author and person.pk not in author_ids
        ]
        # For the page's structured data (seo.py), which would otherwise ask for them again.
        article.shown_authors = [person for person, _line in context["authors"]]
        tagged = TaggedArticle.objects.filter(content_object=article).values("tag")
        sharing = TaggedArticle.objects.filter(tag__in=tagged).values("content_object")
        related = article_links().exclude(pk=article.pk).filter(pk__in=sharing)
        context["related_articles"] = related[:3] if article.tags.all() else []
        return context


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "newsroom/event_list.html"

    def get_queryset(self):
        return public_events()

    def _when(self):
        return self.filterset.form.cleaned_data.get("when") if self.filterset.is_valid() else None

    def paginate_queryset(self, queryset, page_size):
        # Without an explicit "when", upcoming events lead, above the paged archive of past ones.
        return super().paginate_queryset(queryset if self._when() else queryset.past(), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_page = context["page_obj"].number == 1
        show_upcoming = not self._when() and first_page
        context["upcoming"] = list(self.object_list.upcoming()) if show_upcoming else []
        return context


class EventDetailView(LanguageVersionMixin, PreviewMixin, DetailView):
    model = Event
    template_name = "newsroom/event_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "tags",
                "hosts",
                "organisations",
                Prefetch("articles", queryset=Article.objects.public(), to_attr="public_articles"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        # Each participant with the post held when the event began, in the same query.
        participations = guarded(
            event.participations.select_related("participant", "organisation").annotate(
                held=Position.held_by(OuterRef("participant"), event.starts_on)
            )
        )
        context["participations"] = [(p, Position.held_from(p.held)) for p in participations]
        return context


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    template_name = "newsroom/organisation_list.html"
    paginate_by = 50

    def get_queryset(self):
        return guarded(Organisation.objects.select_related("parent"))


class OrganisationDetailView(DetailView):
    model = Organisation
    template_name = "newsroom/organisation_detail.html"

    def get_queryset(self):
        return guarded(
            Organisation.objects.select_related("parent").prefetch_related(
                Prefetch("children", queryset=Organisation.objects.order_by("name"))
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        articles = article_links().involving_organisations(org.with_offices())
        events = public_events().involving_organisations(org.with_offices())
        # Counts over the whole archive: remembered until the content changes.
        context["article_count"] = memo.remember("organisation-news", articles.count, org.pk)
        context["articles"] = articles[:DETAIL_LIST_SIZE]
        context["event_count"] = memo.remember("organisation-events", events.count, org.pk)
        context["events"] = events.order_by("-starts_on")[:DETAIL_LIST_SIZE]
        context["positions"] = (
            Position.objects.filter(organisation=org)
            .select_related("participant")
            .order_by("ended_on", "participant__full_name")
        )
        return context


class ParticipantListView(FilteredListView):
    filterset_class = ParticipantFilter
    template_name = "newsroom/participant_list.html"
    paginate_by = 50

    def get_queryset(self):
        return guarded(Participant.objects.prefetch_related(positions_prefetch()))


class ParticipantDetailView(DetailView):
    model = Participant
    template_name = "newsroom/participant_detail.html"

    def get_queryset(self):
        return guarded(Participant.objects.prefetch_related(positions_prefetch(), "aliases"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        context["authored"] = article_links().filter(authorships__participant=person)[
            :DETAIL_LIST_SIZE
        ]
        context["mentioned"] = (
            article_links()
            .involving_participant(person)
            .exclude(authorships__participant=person)[:DETAIL_LIST_SIZE]
        )
        context["participations"] = (
            EventParticipation.objects.filter(participant=person, event__in=Event.objects.public())
            .select_related("event", "organisation")
            .order_by("-event__starts_on")
        )
        return context


@dataclass(frozen=True)
class TagUse:
    """A tag in use: how many public news items and events carry it, and their latest change."""

    pk: int
    name: str
    slug: str
    article_count: int
    event_count: int
    article_updated_at: datetime.datetime | None
    event_updated_at: datetime.datetime | None

    def get_absolute_url(self):
        return address("newsroom:tag_detail", self.slug)


def _tag_usage(code):
    def per_tag(model, tagged):
        return {
            row["tag"]: row
            for row in tagged.objects.filter(content_object__in=model.objects.public(code))
            .order_by()
            .values("tag")
            .annotate(count=Count("pk"), updated_at=Max("content_object__updated_at"))
        }

    articles, events = per_tag(Article, TaggedArticle), per_tag(Event, TaggedEvent)
    used = Tag.objects.filter(pk__in=articles.keys() | events.keys()).order_by("name")
    empty = {"count": 0, "updated_at": None}
    return [
        TagUse(
            pk=pk,
            name=name,
            slug=slug,
            article_count=articles.get(pk, empty)["count"],
            event_count=events.get(pk, empty)["count"],
            article_updated_at=articles.get(pk, empty)["updated_at"],
            event_updated_at=events.get(pk, empty)["updated_at"],
        )
        for pk, name, slug in used.values_list("pk", "name", "slug")
    ]


def tag_usage(code=None):
    """The tags that public news or events in language `code` carry, by name, each with how many
    of each carry it and when the latest of them changed: two grouped queries over the taggings,
    remembered until the content changes (newsroom/memo.py)."""
    code = code or languages.current()
    return memo.remember("tag-usage", lambda: _tag_usage(code), code)


class TagListView(TemplateView):
    template_name = "newsroom/tag_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tags"] = tag_usage()
        return context


class TagDetailView(ArticleListView):
    template_name = "newsroom/tag_detail.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.tag = Tag.objects.get(slug=kwargs["slug"])
        except Tag.DoesNotExist as exc:
            raise Http404(_("No such tag.")) from exc
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        tagged = TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag=self.tag)
        return super().get_queryset().filter(Exists(tagged))

    def list_key(self):
        return (self.tag.pk,)

    def get(self, request, *args, **kwargs):
        self.tag_events = list(public_events().filter(tags=self.tag).order_by("-starts_on")[:6])
        if not self.tag_events and not self.get_queryset().exists():
            raise Http404(_("No such tag."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        context["tag_events"] = self.tag_events
        return context
