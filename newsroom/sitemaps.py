"""The sitemap index and its sections: everything public, nothing else (see `published()`).

A section per kind and language (sitemap-news-en.xml, sitemap-news-ru.xml): the addresses of each
language, and of articles and events only those written in it. A section's page holds at most
PAGE_SIZE addresses, so that a page costs the same with 1,000 articles or 100,000 (the protocol
allows 50,000; the index lists every page). Pages read (slug, lastmod) pairs, not model
instances, and write each address from the route's pattern; counts and latest changes, which the
index needs for every section, are remembered until the content changes (newsroom/memo.py).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, SlugField
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from modeltranslation.utils import resolution_order

from . import languages, memo
from .models import Article, Event, Organisation, Participant
from .pagination import ArchivePaginator
from .places import member_states

PAGE_SIZE = 1000
SLUG = "slug-placeholder"


def route(name, code):
    """A function giving the address of route `name` in language `code` for a slug: reversed
    once, then filled in (reversing each of a thousand addresses took most of a page's time)."""
    with translation.override(code):
        pattern = reverse(name, kwargs={"slug": SLUG})
    start, end = pattern.split(SLUG)
    return lambda slug: f"{start}{slug}{end}"


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
    """A section of model instances as (slug, lastmod) pairs, in a stable order (by primary key),
    so that the pages of a large section neither overlap nor skip."""

    limit = PAGE_SIZE
    route_name = ""
    date_field = "updated_at"

    def queryset(self):
        raise NotImplementedError

    def slug(self):
        return "slug"

    def items(self):
        return self.queryset().order_by("pk").values_list(self.slug(), self.date_field)

    @property
    def paginator(self):
        key = (type(self).__name__, self.language)
        return ArchivePaginator(self.items(), self.limit, count_key=key)

    def location(self, item):
        if not hasattr(self, "_route"):
            self._route = route(self.route_name, self.language)
        return self._route(item[0])

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        def latest():
            return self.queryset().aggregate(latest=Max(self.date_field))["latest"]

        return memo.remember("sitemap-lastmod", latest, type(self).__name__, self.language)


class ArticleSitemap(ModelSitemap):
    route_name = "newsroom:article_detail"

    def queryset(self):
        return Article.objects.public(self.language)

    def slug(self):
        # The address the article has in this language: its slug there, else (as the model's
        # field does) the next language's.
        order = resolution_order(self.language)
        columns = (languages.localized("slug", code) for code in order)
        return Coalesce(*columns, output_field=SlugField())


class EventSitemap(ModelSitemap):
    route_name = "newsroom:event_detail"

    def queryset(self):
        return Event.objects.public(self.language)


class OrganisationSitemap(ModelSitemap):
    route_name = "newsroom:organisation_detail"

    def queryset(self):
        return Organisation.objects.all()


class ParticipantSitemap(ModelSitemap):
    route_name = "newsroom:participant_detail"

    def queryset(self):
        return Participant.objects.all()


class TagSitemap(LanguageSitemap):
    """Tags with a public article or event; lastmod is the latest change to one of those."""

    def items(self):
        from .views import tag_usage

        return sorted(tag_usage(self.language), key=lambda tag: tag.pk)

    def location(self, item):
        if not hasattr(self, "_route"):
            self._route = route("newsroom:tag_detail", self.language)
        return self._route(item.slug)

    def lastmod(self, item):
        return max(d for d in (item.article_updated_at, item.event_updated_at) if d is not None)

    def get_latest_lastmod(self):
        return max((self.lastmod(tag) for tag in self.items()), default=None)


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
