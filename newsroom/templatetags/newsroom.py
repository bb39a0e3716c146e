from django import template
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..sanitize import sanitize_html

register = template.Library()

# Which header navigation entry a route belongs to.
NAV_SECTIONS = {
    "article_list": "news",
    "article_detail": "news",
    "event_list": "events",
    "event_detail": "events",
    "participant_list": "people",
    "participant_detail": "people",
    "organisation_list": "organisations",
    "organisation_detail": "organisations",
    "tag_list": "tags",
    "tag_detail": "tags",
}


@register.simple_tag
def date_range(start, end=None):
    """'19 October 2020', '14–15 September 2020', '30 September – 2 October 2020'."""
    if not end or end == start:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def excerpt(article, words=45):
    """The lead, or the opening words of the body when there is no lead."""
    text = article.lead or strip_tags(article.body)
    return Truncator(text).words(int(words), truncate="…")


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


@register.filter
def rich_text(html):
    """Editor HTML passed through the allow-list again at render time, so no |safe is needed."""
    return mark_safe(sanitize_html(html))
