from django import template
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()


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
