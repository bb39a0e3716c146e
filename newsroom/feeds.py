"""News feeds (RSS 2.0 and Atom) and iCalendar files of events, all built from `published()`."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Article, Authorship, Event, Tag
from .views import guarded, public_articles

FEED_SIZE = 30


# --- News feeds ------------------------------------------------------------------------------


class ArticleFeed(Feed):
    """The latest public news; subclasses narrow it to a section or a tag."""

    feed_type = Rss201rev2Feed

    @method_decorator(require_safe)  # read only: a POST is a 405, like on every public page
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def title(self, obj):
        return _("%(site)s news") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj):
        return reverse("newsroom:article_list")

    def description(self, obj):
        return _("The latest news, press releases, statements and analytics of %(site)s.") % {
            "site": settings.NEWSROOM_SITE_NAME
        }

    def filter_articles(self, articles, obj):
        return articles

    def items(self, obj):
        articles = public_articles().prefetch_related(
            Prefetch("authorships", queryset=Authorship.objects.select_related("participant"))
        )
        return self.filter_articles(articles, obj)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(a.participant.full_name for a in item.authorships.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class SectionArticleFeed(ArticleFeed):
    def get_object(self, request, section):
        if section not in Article.Section.values:
            raise Http404(_("No such section."))
        return Article.Section(section)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.label}"

    def link(self, obj):
        return f"{reverse('newsroom:article_list')}?section={obj.value}"

    def description(self, obj):
        return _("The latest items of the section “%(section)s”.") % {"section": obj.label}

    def filter_articles(self, articles, obj):
        return articles.filter(section=obj.value)


class AtomSectionArticleFeed(SectionArticleFeed):
    feed_type = Atom1Feed
    subtitle = SectionArticleFeed.description


class TagArticleFeed(ArticleFeed):
    def get_object(self, request, slug):
        # Public exactly when the tag page is: some public article or event carries the tag.
        tag = get_object_or_404(Tag, slug=slug)
        if not (
            Article.objects.public().filter(tags=tag).exists()
            or Event.objects.public().filter(tags=tag).exists()
        ):
            raise Http404(_("No such tag."))
        return tag

    def title(self, obj):
        return _("%(site)s news tagged “%(tag)s”") % {
            "site": settings.NEWSROOM_SITE_NAME,
            "tag": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("The latest news about %(tag)s.") % {"tag": obj.name}

    def filter_articles(self, articles, obj):
        return articles.filter(tags=obj)


class AtomTagArticleFeed(TagArticleFeed):
    feed_type = Atom1Feed
    subtitle = TagArticleFeed.description


# --- iCalendar (RFC 5545) --------------------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
MAX_LINE_OCTETS = 75


def ics_escape(value):
    """Escape a TEXT value: backslash first, then ; and , and every kind of line break."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def ics_fold(line):
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    chunks, current, size = [], "", 0
    limit = MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            chunks.append(current)
            # A continuation line starts with a space, which counts towards its 75 octets.
            current, size, limit = " ", 1, MAX_LINE_OCTETS
        current += char
        size += octets
    chunks.append(current)
    return "\r\n".join(chunks)


def ics_date(day):
    return day.strftime("%Y%m%d")


def ics_datetime(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, request, stamp):
    host = request.get_host().split(":")[0]
    place = [event.venue, event.city, event.country.name if event.country else ""]
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{ics_datetime(stamp)}",
        f"DTSTART;VALUE=DATE:{ics_date(event.starts_on)}",
        # DTEND of an all-day event is exclusive: the day after the last one.
        f"DTEND;VALUE=DATE:{ics_date(event.last_day + datetime.timedelta(days=1))}",
        f"SUMMARY:{ics_escape(event.title)}",
    ]
    if event.summary:
        lines.append(f"DESCRIPTION:{ics_escape(event.summary)}")
    if any(place):
        lines.append(f"LOCATION:{ics_escape(', '.join(part for part in place if part))}")
    lines += [
        f"URL:{request.build_absolute_uri(event.get_absolute_url())}",
        f"LAST-MODIFIED:{ics_datetime(event.updated_at)}",
        "END:VEVENT",
    ]
    return lines


def calendar_response(events, request, name, filename=None):
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:-//{settings.NEWSROOM_SITE_NAME}//Newsroom//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
    ]
    for event in events:
        lines += event_lines(event, request, stamp)
    lines.append("END:VCALENDAR")
    body = "".join(f"{ics_fold(line)}\r\n" for line in lines)
    response = HttpResponse(body.encode(), content_type=ICS_CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(guarded(Event.objects.public()), slug=slug)
    return calendar_response([event], request, event.title, filename=f"{event.slug}.ics")


@require_safe
def calendar_ics(request):
    events = guarded(Event.objects.public().upcoming())
    name = _("%(site)s events") % {"site": settings.NEWSROOM_SITE_NAME}
    return calendar_response(events, request, name)
