import datetime

from django import template
from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.template.defaultfilters import date as date_filter
from django.urls import reverse, translate_url
from django.utils.dates import MONTHS_3, MONTHS_ALT
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import images, languages, memo, seo
from ..models import Article
from ..sanitize import sanitize_html

register = template.Library()

# Which header navigation entry a route belongs to.
NAV_SECTIONS = {
    "article_list": "news",
    "article_archive_year": "news",
    "article_archive_month": "news",
    "article_detail": "news",
    "event_list": "events",
    "event_detail": "events",
    "participant_list": "people",
    "participant_detail": "people",
    "organisation_list": "organisations",
    "organisation_detail": "organisations",
    "organisation_timeline": "organisations",
    "country_list": "countries",
    "country_detail": "countries",
    "tag_list": "tags",
    "tag_detail": "tags",
}


# --- Dates ---------------------------------------------------------------------------------
# Lists print a few dates per card. Django's `date` filter reads the format through the localised
# formats and parses it with a generic formatter on every call (50-80 µs); `quick_date` gives the
# same text for the formats the lists use, and hands any other format to `date`.
QUICK_DATE_FORMATS = {
    "c": lambda value: value.isoformat(),  # ISO 8601, for <time datetime>
    "Y-m-d": lambda value: f"{value.year:04d}-{value.month:02d}-{value.day:02d}",
    "j": lambda value: str(value.day),
    "M": lambda value: MONTHS_3[value.month].title(),  # 'Jan', 'Янв'
    "Y": lambda value: f"{value.year:04d}",
    # "E" is the month as it stands after a day number: in Russian the genitive ("19 октября").
    "j E": lambda value: f"{value.day} {MONTHS_ALT[value.month]}",
    "j E Y": lambda value: f"{value.day} {MONTHS_ALT[value.month]} {value.year:04d}",
}


@register.filter(expects_localtime=True)
def quick_date(value, arg):
    """value|date:arg, without the generic formatter for the formats in QUICK_DATE_FORMATS.

    Like `date`, it is given an aware datetime in the current time zone (expects_localtime).
    """
    quick = QUICK_DATE_FORMATS.get(arg)
    if quick is not None and isinstance(value, datetime.date):
        return quick(value)
    return date_filter(value, arg)


@register.simple_tag
def date_range(start, end=None):
    """'19 October 2020', '14–15 September 2020', '30 September – 2 October 2020'.

    "E" is the month as it stands after a day number: in Russian the genitive ("19 октября").
    """
    day, day_month, full = (QUICK_DATE_FORMATS[key] for key in ("j", "j E", "j E Y"))
    if not end or end == start:
        return full(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{day(start)}–{full(end)}"
    if start.year == end.year:
        return f"{day_month(start)} – {full(end)}"
    return f"{full(start)} – {full(end)}"


@register.filter
def excerpt(article, words=45):
    """The lead, or the opening words of the body when there is no lead."""
    text = article.lead or strip_tags(article.body)
    return Truncator(text).words(int(words), truncate="…")


# The choices of each field shown through `display`, as a dict.
_choice_labels = {}


@register.filter
def display(obj, field_name):
    """obj.get_<field_name>_display(): the label of the field's value, or the value itself.

    Django's method turns the field's choices into a dict on every call (~30 µs); lists call it
    once or twice per card, so the dict is kept per field here. The labels stay lazy: each call
    gives them in the active language.
    """
    field = obj._meta.get_field(field_name)
    labels = _choice_labels.get(field)
    if labels is None:
        labels = _choice_labels[field] = dict(make_hashable(field.flatchoices))
    value = getattr(obj, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


@register.filter
def nav_section(resolver_match):
    """The header section of the current page ('news', 'events', ...), or '' outside them."""
    if resolver_match is None:
        return ""
    return NAV_SECTIONS.get(resolver_match.url_name, "")


@register.filter
def initials(name):
    """'Rustam Miralizoda' -> 'RM'; the stand-in for a person without a photo."""
    letters = [word[0] for word in str(name).replace(".", " ").split() if word[:1].isalpha()]
    if not letters:
        return "?"
    return (letters[0] + letters[-1] if len(letters) > 1 else letters[0]).upper()


@register.simple_tag
def picture(image, alt, kind=None, sizes="100vw", loading="lazy", **attrs):
    """An image field's file as <picture>: WebP renditions, then JPEG (or PNG) ones in the <img>.

    `alt` is required (pass "" only for a decorative image); `kind` defaults to the field's;
    `sizes` says how wide the image is shown. Other keywords become attributes of the <img>
    (class, fetchpriority). Prints nothing for an image without renditions; never links the
    original upload. No file is opened: see newsroom/images.py.
    """
    found = images.picture(image, kind)
    if found is None:
        return ""
    largest = found.largest
    extra = format_html_join(
        "", ' {}="{}"', sorted((name, value) for name, value in attrs.items() if value)
    )
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}"'
        ' decoding="async"{}></picture>',
        _srcset(found.webp),
        sizes,
        largest.url,
        _srcset(found.fallback),
        sizes,
        largest.width,
        largest.height,
        alt,
        loading,
        extra,
    )


def _srcset(candidates):
    return ", ".join(f"{candidate.url} {candidate.width}w" for candidate in candidates)


@register.filter
def rich_text(html):
    """Editor HTML passed through the allow-list again at render time, so no |safe is needed."""
    return mark_safe(sanitize_html(html))


# --- Archive, canonical URL, sharing tags and structured data ----------------------


def _archive_years():
    return list(
        Article.objects.public()
        .annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )


# A year that reverse() puts in the archive's address, to be replaced by the others.
STAND_IN_YEAR = 1000


@register.simple_tag
def archive_years():
    """[{"year": 2020, "count": 12, "url": "/news/2020/"}, ...], newest first: the years with
    public news, and their archives' addresses.

    One query over every public article, remembered until the content changes (newsroom/memo.py).
    The addresses take one reverse() (25-35 µs each), the other years put in its year's place.
    """
    rows = memo.remember("archive-years", _archive_years)
    path = reverse("newsroom:article_archive_year", args=[STAND_IN_YEAR])
    if path.count(str(STAND_IN_YEAR)) != 1:
        return [
            {**row, "url": reverse("newsroom:article_archive_year", args=[row["year"]])}
            for row in rows
        ]
    before, after = path.split(str(STAND_IN_YEAR))
    return [{**row, "url": f"{before}{row['year']:d}{after}"} for row in rows]


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """<link rel="alternate" hreflang> for each language the page exists in, and x-default.

    A detail page passes its `alternates` ({code: address}); other pages exist in every language
    at the same address with the language's prefix.
    """
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return ""
    versions = context.get("alternates")
    if versions is None:
        versions = {code: translate_url(request.path, code) for code in languages.codes()}
    links = [(code, request.build_absolute_uri(url)) for code, url in versions.items()]
    default = versions.get(settings.LANGUAGE_CODE)
    if default:
        links.append(("x-default", request.build_absolute_uri(default)))
    return format_html_join(
        "\n", '<link rel="alternate" hreflang="{}" href="{}">', ((c, u) for c, u in links)
    )


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's absolute URL without its query string ('' outside a request)."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request else ""


@register.filter
def meta_description(obj):
    """A detail page's meta description: its lead, summary, bio or description, ~160 characters."""
    return seo.description(obj)


@register.simple_tag(takes_context=True)
def sharing_meta(context, obj):
    """The OpenGraph and Twitter card <meta> tags of a detail page."""
    return format_html_join(
        "\n",
        '<meta {}="{}" content="{}">',
        (
            ("name" if key.startswith("twitter:") else "property", key, value)
            for key, value in seo.sharing_tags(context["request"], obj)
        ),
    )


@register.simple_tag(takes_context=True)
def json_ld(context, obj):
    """The schema.org JSON-LD of `obj` in a <script> data block, escaped like |json_script.

    The block is not executed, but it carries the CSP nonce all the same.
    """
    data = seo.json_for_script(seo.structured_data(context["request"], obj))
    nonce = context.get("csp_nonce")  # a lazy value: falsy until read, so test for None
    if nonce is not None:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(data)
        )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))
