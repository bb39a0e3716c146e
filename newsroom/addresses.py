"""The addresses of pages by slug, without walking the URL resolver for each link.

A list page links every card, tag and person it shows: over a hundred `reverse()` calls, each
matching the route's pattern anew (about 25 µs apiece). `address()` asks `reverse()` once per
route, language, URL configuration and script prefix, with a stand-in slug, and then only puts
each slug in its place: the same string `reverse()` gives (tests/test_addresses.py compares them).
A slug that the route's `<slug:…>` converter would not take still goes through `reverse()`, which
refuses it as it always has.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

STAND_IN = "slug-stand-in-7f3a"
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# What reverse() leaves unquoted in a path (django.urls.resolvers: RFC 3986 sub-delims, / ~ : @).
SAFE = "!$&'()*+,;=/~:@"

_patterns = {}


def address(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a route with one `<slug:slug>` argument."""
    slug = str(slug)
    if not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    key = (
        name,
        translation.get_language(),
        get_urlconf(),
        settings.ROOT_URLCONF,
        get_script_prefix(),
    )
    parts = _patterns.get(key)
    if parts is None:
        path = reverse(name, kwargs={"slug": STAND_IN})
        if path.count(STAND_IN) != 1:
            return reverse(name, kwargs={"slug": slug})
        parts = _patterns[key] = tuple(path.split(STAND_IN))
    return parts[0] + quote(slug, safe=SAFE) + parts[1]


def _forget(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _patterns.clear()


setting_changed.connect(_forget, dispatch_uid="newsroom-addresses")
