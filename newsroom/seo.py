"""Meta descriptions, sharing tags (OpenGraph, Twitter) and schema.org JSON-LD for detail pages.

Everything is built here in Python; templates only print it (see templatetags/newsroom.py).
"""

import html
import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale

from . import images
from .context_processors import site_name
from .models import Article, Event, Organisation, Participant

DESCRIPTION_LENGTH = 160
SCHEMA = "https://schema.org"
ATTENDANCE_MODES = {
    Event.Format.IN_PERSON: f"{SCHEMA}/OfflineEventAttendanceMode",
    Event.Format.ONLINE: f"{SCHEMA}/OnlineEventAttendanceMode",
    Event.Format.HYBRID: f"{SCHEMA}/MixedEventAttendanceMode",
}
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def plain(text, length=DESCRIPTION_LENGTH):
    """Text without markup, on one line, cut at a word before `length` characters."""
    text = " ".join(html.unescape(strip_tags(text or "")).split())
    return Truncator(text).chars(length, truncate="…")


def description(obj):
    """The page's summary line: an article's lead, an event's summary, a bio, a description."""
    if isinstance(obj, Article):
        return plain(obj.lead or obj.body)
    if isinstance(obj, Event):
        return plain(obj.summary or obj.description)
    if isinstance(obj, Participant):
        return plain(obj.bio)
    if isinstance(obj, Organisation):
        return plain(obj.description)
    return ""


def _title(obj):
    if isinstance(obj, Participant):
        return obj.display_name
    if isinstance(obj, Organisation):
        return obj.name
    return obj.title


def _image(obj):
    if isinstance(obj, Article):
        return obj.hero_image
    if isinstance(obj, Participant):
        return obj.photo
    if isinstance(obj, Organisation):
        return obj.logo
    return None


def _absolute(request, url):
    return request.build_absolute_uri(url)


def shared_image(obj):
    """The rendition that stands for `obj`'s image on other sites (never the original upload)."""
    image = _image(obj)
    return images.share_image(image) if image else None


def image_url(request, obj):
    shared = shared_image(obj)
    return _absolute(request, shared.url) if shared else ""


def sharing_tags(request, obj):
    """(property-or-name, content) pairs of the OpenGraph and Twitter card tags of `obj`'s page."""
    if isinstance(obj, Article):
        og_type = "article"
    elif isinstance(obj, Participant):
        og_type = "profile"
    else:
        og_type = "website"
    title, text = _title(obj), description(obj)
    shared = shared_image(obj) if isinstance(obj, Article) else None
    image = _absolute(request, shared.url) if shared else ""
    tags = [
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", text),
        ("og:url", _absolute(request, obj.get_absolute_url())),
        ("og:site_name", site_name()),
        ("og:locale", to_locale(get_language() or settings.LANGUAGE_CODE)),
        *[
            ("og:locale:alternate", to_locale(code))
            for code in (obj.languages() if hasattr(obj, "languages") else [])
            if code != (get_language() or settings.LANGUAGE_CODE)
        ],
    ]
    if image:
        tags.append(("og:image", image))
        tags += [("og:image:width", str(shared.width)), ("og:image:height", str(shared.height))]
        if obj.hero_alt:
            tags.append(("og:image:alt", obj.hero_alt))
    if isinstance(obj, Article) and obj.published_at:
        tags.append(("article:published_time", obj.published_at.isoformat()))
    tags += [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", text),
    ]
    if image:
        tags.append(("twitter:image", image))
    return [(key, value) for key, value in tags if value]


# --- schema.org ------------------------------------------------------------------


def _organisation_ref(request, org):
    return {
        "@type": "Organization",
        "name": org.name,
        "url": _absolute(request, org.get_absolute_url()),
    }


def _publisher(request):
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": _absolute(request, reverse("newsroom:home")),
    }


def _authors(article):
    """The article's authors: as its page has them (`shown_authors`), else from the database."""
    shown = getattr(article, "shown_authors", None)
    if shown is not None:
        return shown
    return [a.participant for a in article.authorships.select_related("participant")]


def _article(request, article):
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "description": description(article),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": person.full_name,
                "url": _absolute(request, person.get_absolute_url()),
            }
            for person in _authors(article)
        ],
        "publisher": _publisher(request),
    }
    if image := image_url(request, article):
        data["image"] = [image]
    return data


def _event(request, event):
    url = _absolute(request, event.get_absolute_url())
    place = None
    if event.format != Event.Format.ONLINE:
        place = {"@type": "Place", "name": event.venue or event.city or event.title}
        address = {"@type": "PostalAddress"}
        if event.city:
            address["addressLocality"] = event.city
        if event.country:
            address["addressCountry"] = event.country.code
        if len(address) > 1:
            place["address"] = address
    virtual = {"@type": "VirtualLocation", "url": url}
    location = {
        Event.Format.IN_PERSON: place,
        Event.Format.ONLINE: virtual,
        Event.Format.HYBRID: [place, virtual],
    }[event.format]
    return {
        "@type": "Event",
        "name": event.title,
        "description": description(event),
        "url": url,
        "startDate": event.starts_on.isoformat(),
        "endDate": (event.ends_on or event.starts_on).isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.format],
        "location": location,
        "organizer": [_organisation_ref(request, org) for org in event.hosts.all()]
        or _publisher(request),
    }


def _person(request, person):
    position = person.current_position
    data = {
        "@type": "Person",
        "name": person.full_name,
        "alternateName": [alias.name for alias in person.aliases.all()],
        "url": _absolute(request, person.get_absolute_url()),
        "description": description(person),
    }
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if position:
        data["jobTitle"] = position.title
        if position.organisation:
            data["worksFor"] = _organisation_ref(request, position.organisation)
    data["image"] = image_url(request, person)
    return data


def _organisation(request, org):
    page = _absolute(request, org.get_absolute_url())
    names = [org.short_name] if org.short_name and org.short_name != org.name else []
    names += [alias.name for alias in org.aliases.all() if alias.name not in names]
    data = {
        "@type": "Organization",
        "name": org.name,
        "alternateName": names,
        "url": org.website or page,
        "mainEntityOfPage": page,
        "description": description(org),
    }
    if org.parent:
        data["parentOrganization"] = _organisation_ref(request, org.parent)
    data["logo"] = image_url(request, org)
    return data


BUILDERS = {
    Article: _article,
    Event: _event,
    Participant: _person,
    Organisation: _organisation,
}


def structured_data(request, obj):
    """The schema.org description of `obj` as a dict; empty values are left out."""
    data = BUILDERS[type(obj)](request, obj)
    return {"@context": SCHEMA, **{key: value for key, value in data.items() if value}}


def json_for_script(data):
    """JSON safe inside a <script> element: <, > and & escaped so no tag can close it."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
