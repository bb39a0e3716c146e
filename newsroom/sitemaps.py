"""The sitemap index and its sections: everything public, nothing else (see `published()`).

A section per kind and language (sitemap-news-en.xml, sitemap-news-ru.xml): the addresses of each
language, and of articles and events only those written in it. Each section is a lazy queryset,
paged by the index at 50,000 addresses.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import translation

from . import languages
from .models import Article, Event, Organisation, Participant, Tag
from .places import member_states


class LanguageSitemap(Sitemap):
    """A section of the addresses in one language."""

    def __init__(self, language):
        self.language = language

    def location(self, item):
        with translation.override(self.language):
            return self.address(item)

    def address(self, item):
        return item.get_absolute_url()


class ModelSitemap(LanguageSitemap):
    """A sitemap of model instances, with `lastmod` from `date_field`.

    The index asks each section for its latest change: one aggregate query, instead of the
    default's walk over every item.
    """

    date_field = "updated_at"

    def queryset(self):
        raise NotImplementedError

    def items(self):
        # A stable order, so that the pages of a large section neither overlap nor skip.
        return self.queryset().order_by("pk")

    def lastmod(self, item):
        return getattr(item, self.date_field)

    def get_latest_lastmod(self):
        return self.queryset().aggregate(latest=Max(self.date_field))["latest"]


class ArticleSitemap(ModelSitemap):
    def queryset(self):
        return Article.objects.published().in_language(self.language)


class EventSitemap(ModelSitemap):
    def queryset(self):
        return Event.objects.published().in_language(self.language)


class OrganisationSitemap(ModelSitemap):
    def queryset(self):
        return Organisation.objects.all()


class ParticipantSitemap(ModelSitemap):
    def queryset(self):
        return Participant.objects.all()


class TagSitemap(LanguageSitemap):
    """Tags with a public article or event; lastmod is the latest change to one of those."""

    def queryset(self):
        articles = Article.objects.published().in_language(self.language).values("pk")
        events = Event.objects.published().in_language(self.language).values("pk")
        return Tag.objects.annotate(
            article_count=Count("articles", filter=Q(articles__in=articles), distinct=True),
            event_count=Count("events", filter=Q(events__in=events), distinct=True),
            article_updated_at=Max("articles__updated_at", filter=Q(articles__in=articles)),
            event_updated_at=Max("events__updated_at", filter=Q(events__in=events)),
        ).filter(Q(article_count__gt=0) | Q(event_count__gt=0))

    def items(self):
        return self.queryset().order_by("pk")

    def lastmod(self, item):
        return max(d for d in (item.article_updated_at, item.event_updated_at) if d is not None)

    def get_latest_lastmod(self):
        dates = [
            Article.objects.published()
            .in_language(self.language)
            .filter(tags__isnull=False)
            .aggregate(d=Max("updated_at")),
            Event.objects.published()
            .in_language(self.language)
            .filter(tags__isnull=False)
            .aggregate(d=Max("updated_at")),
        ]
        return max((row["d"] for row in dates if row["d"] is not None), default=None)


class CountrySitemap(LanguageSitemap):
    """The pages of CARICC's member states."""

    def items(self):
        return member_states()


class StaticSitemap(LanguageSitemap):
    """The public list pages."""

    def items(self):
        return [
            "newsroom:home",
            "newsroom:article_list",
            "newsroom:event_list",
            "newsroom:organisation_list",
            "newsroom:country_list",
            "newsroom:participant_list",
            "newsroom:tag_list",
        ]

    def address(self, item):
        return reverse(item)


SECTIONS = {
    "pages": StaticSitemap,
    "news": ArticleSitemap,
    "events": EventSitemap,
    "organisations": OrganisationSitemap,
    "countries": CountrySitemap,
    "people": ParticipantSitemap,
    "tags": TagSitemap,
}
SITEMAPS = {
    f"{name}-{code}": section(code)
    for name, section in SECTIONS.items()
    for code in languages.codes()
}
