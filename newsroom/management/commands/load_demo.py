import datetime
import io
import random
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from newsroom import demo_content as content
from newsroom import images
from newsroom.languages import Translated, codes, in_every_language, localized, translated_fields
from newsroom.models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Position,
)
from newsroom.querysets import set_related
from newsroom.sanitize import sanitize_html
from newsroom.text import ascii_slugify

# CARICC's texts give dates only; they are shown as published at 10:00 in Almaty.
ALMATY = ZoneInfo("Asia/Almaty")
PUBLISH_TIME = datetime.time(10, 0)

NAVY = (11, 31, 58)
HERO_SIZE = (1200, 675)
LOGO_SIZE = 400
LOGO_COLOURS = [(11, 31, 58), (0, 94, 145), (0, 112, 84), (122, 32, 52), (74, 60, 130)]


def at_ten(day):
    return datetime.datetime.combine(day, PUBLISH_TIME, tzinfo=ALMATY)


def paragraphs_html(paragraphs):
    # Sanitised as the models' save() will, so that a re-run compares like with like.
    return sanitize_html("".join(f"<p>{escape(p)}</p>" for p in paragraphs))


def version(data, code):
    """An entry's texts in one language: English at the top level, the others under their code."""
    return data if code == settings.LANGUAGE_CODE else data.get(code, {})


def per_language(data, texts):
    """The values of every language's columns: `texts(version, code)` gives one language's
    {field: value}, e.g. {"title": ...} -> {"title_en": ..., "title_ru": ...}."""
    return {
        localized(name, code): value
        for code in codes()
        for name, value in texts(version(data, code), code).items()
    }


def slug_from(title):
    """The title transliterated ("Встреча в Алматы" -> "vstrecha-v-almaty"); if longer than a
    slug may be, cut after a whole word that is not a short preposition ("na", "ob", "v")."""
    limit = Article._meta.get_field("slug").max_length
    slug = ascii_slugify(title, max_length=len(title) * 4)
    if len(slug) > limit:
        words = slug[: limit + 1].split("-")[:-1]
        while len(words) > 1 and len(words[-1]) <= 2:
            words.pop()
        slug = "-".join(words)
    return slug


def same(current, wanted):
    current = getattr(current, "code", current)  # django-countries' Country
    return current == wanted


def font(size):
    try:
        return ImageFont.load_default(size=size)
    except (AttributeError, OSError, TypeError):  # Pillow without FreeType: small bitmap font
        return ImageFont.load_default()


def draw_hero(word, seed):
    """A navy 16:9 placeholder: concentric rings, a few diagonals, the section word."""
    rng = random.Random(seed)
    width, height = HERO_SIZE
    image = Image.new("RGB", HERO_SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    cx, cy = rng.randint(700, 1050), rng.randint(150, 520)
    for radius in range(60, 900, rng.choice([45, 55, 70])):
        box = (cx - radius, cy - radius, cx + radius, cy + radius)
        draw.ellipse(box, outline=(30, 62, 104), width=3)
    for _ in range(rng.randint(3, 6)):
        x = rng.randint(-200, width)
        draw.line((x, height, x + 380, 0), fill=(46, 92, 142), width=2)
    draw.rectangle((80, 468, 200, 476), fill=(232, 178, 60))
    draw.text((80, 84), "CARICC", font=font(34), fill=(190, 205, 225))
    draw.text((80, 490), word.upper(), font=font(110), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def draw_logo(text, colour):
    """A square placeholder logo: the short name, white on a plain colour."""
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, LOGO_SIZE - 17, LOGO_SIZE - 17), outline=(255, 255, 255), width=6)
    size = 150
    while size > 20:
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font(size))
        if right - left <= LOGO_SIZE - 90:
            break
        size -= 10
    draw.text(
        (LOGO_SIZE / 2, LOGO_SIZE / 2), text, font=font(size), fill=(255, 255, 255), anchor="mm"
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Fill the database with CARICC demo content: organisations, people with their posts "
        "and other spellings of their names, the twelve news items of autumn 2020 from the "
        "old site, retold in our own words, with the events they report, a few upcoming events "
        "dated from today, and a "
        "draft and a scheduled article that must stay hidden from the public. The texts come in "
        "English and Russian (Russian slugs transliterated from the Russian titles); one news item "
        "is English only, and one extra item Russian only. Placeholder "
        "images are drawn, not downloaded. Safe to run again: everything is matched by slug "
        "(or natural key), so a second run creates nothing. --articles N and --events M then "
        "run generate_content, which makes sure N synthetic articles and M synthetic events "
        "exist (gen-article-000001, gen-event-000001, ...) for volume testing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Then make sure N synthetic articles exist (generate_content; default 0).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="M",
            help="Then make sure M synthetic events exist (generate_content; default 0).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2020,
            help="Random seed for the synthetic items; the same seed gives the same items.",
        )

    def handle(self, *args, articles, events, seed, **options):
        if articles < 0 or events < 0:
            raise CommandError("--articles and --events take a number of 0 or more.")
        self.counts = defaultdict(Counter)
        self.today = timezone.localdate()
        # Every language's column is named explicitly below; the default language is active for
        # the rest (labels, the word drawn on the illustrations, the report).
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            self.organisations = self.load_organisations()
            self.people = self.load_people()
            self.events = {}
            self.load_events()
            self.load_articles()
            self.load_upcoming_events()
            self.load_unpublished_articles()
            self.report()
        if articles or events:
            call_command(
                "generate_content",
                articles=articles,
                events=events,
                seed=seed,
                stdout=self.stdout,
                stderr=self.stderr,
            )

    # --- Bookkeeping -------------------------------------------------------------------------

    def record(self, label, state):
        self.counts[label][state] += 1

    def upsert(self, model, lookup, values):
        """Create, or save only what differs. Returns the object and created|updated|unchanged."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj, state = model(**{**values, **lookup}), "created"
        else:
            changed = [
                name for name, value in values.items() if not same(getattr(obj, name), value)
            ]
            if not changed:
                return obj, "unchanged"
            for name in changed:
                setattr(obj, name, values[name])
            state = "updated"
            texts = in_every_language(*translated_fields(model))
            if isinstance(obj, Translated) and any(name in texts for name in changed):
                # The demo's languages are written together: stamp them all as changed now,
                # so that none looks older than the other (the translations report).
                for code in codes():
                    setattr(obj, f"{code}_changed_at", None)
        obj.full_clean()
        obj.save()
        return obj, state

    def upsert_simple(self, model, lookup, values):
        obj, state = self.upsert(model, lookup, values)
        self.record(model._meta.verbose_name_plural, state)
        return obj

    @staticmethod
    def sync_tags(obj, names):
        wanted = {name.lower() for name in names}
        if wanted == {name.lower() for name in obj.tags.names()}:
            return False
        obj.tags.set(sorted(wanted))
        return True

    def finish(self, obj, state, *m2m_changes):
        if state == "unchanged" and any(m2m_changes):
            state = "updated"
        self.record(obj._meta.verbose_name_plural, state)

    def ensure_image(self, obj, field_name, filename, draw, *draw_args):
        """Draw and attach an image unless the object already has its file.

        Saving makes its renditions; a file from an older run gets those it lacks."""
        field = getattr(obj, field_name)
        if field and field.storage.exists(field.name):
            images.ensure_renditions(obj, fields=[field_name])
            self.record("images", "unchanged")
            return
        field.save(filename, ContentFile(draw(*draw_args)), save=False)
        obj.full_clean()
        obj.save()
        self.record("images", "created")

    def orgs(self, slugs):
        return [self.organisations[slug] for slug in slugs]

    # --- Loaders -------------------------------------------------------------------------------

    def load_organisations(self):
        organisations = {}
        for index, data in enumerate(content.ORGANISATIONS):
            parent = organisations[data["parent"]] if data.get("parent") else None
            values = {
                **per_language(
                    data,
                    lambda texts, code: {
                        "name": texts.get("name", ""),
                        "short_name": texts.get("short_name", ""),
                        "description": texts.get("description", ""),
                    },
                ),
                "kind": data["kind"],
                "country": data.get("country", ""),
                "parent": parent,
                "website": data.get("website", ""),
            }
            org, state = self.upsert(Organisation, {"slug": data["slug"]}, values)
            self.record(Organisation._meta.verbose_name_plural, state)
            for name in data.get("aliases", []):
                self.upsert_simple(OrganisationAlias, {"organisation": org, "name": name}, {})
            if data.get("logo"):
                colour = LOGO_COLOURS[index % len(LOGO_COLOURS)]
                text = org.short_name or org.name
                self.ensure_image(org, "logo", f"{org.slug}.png", draw_logo, text, colour)
            organisations[org.slug] = org
        return organisations

    def load_people(self):
        people = {}
        for data in content.PEOPLE:
            values = per_language(
                data,
                lambda texts, code: {
                    "full_name": texts.get("full_name", ""),
                    "honorific": texts.get("honorific", ""),
                    "bio": texts.get("bio", ""),
                },
            )
            person, state = self.upsert(Participant, {"slug": data["slug"]}, values)
            self.record(Participant._meta.verbose_name_plural, state)
            for name in data.get("aliases", []):
                self.upsert_simple(ParticipantAlias, {"participant": person, "name": name}, {})
            default = settings.LANGUAGE_CODE
            for title, org_slug, started_on, ended_on in data.get("positions", []):
                # Other languages' titles: {English title: translation} under the language.
                translations = {
                    localized("title", code): version(data, code)
                    .get("positions", {})
                    .get(title, "")
                    for code in codes()
                    if code != default
                }
                self.upsert_simple(
                    Position,
                    {
                        "participant": person,
                        localized("title", default): title,
                        "organisation": self.organisations[org_slug],
                    },
                    {**translations, "started_on": started_on, "ended_on": ended_on},
                )
            people[person.slug] = person
        return people

    def save_event(self, data, *, starts_on, ends_on, published_at, participations=()):
        values = {
            **per_language(
                data,
                lambda texts, code: {
                    "title": texts.get("title", ""),
                    "summary": texts.get("summary", ""),
                    "description": paragraphs_html(texts.get("description", [])),
                },
            ),
            "kind": data["kind"],
            "format": data["format"],
            "starts_on": starts_on,
            "ends_on": ends_on if ends_on and ends_on != starts_on else None,
            "city": data.get("city", ""),
            "venue": data.get("venue", ""),
            "country": data.get("country", ""),
            "status": Event.Status.PUBLISHED,
            "published_at": published_at,
        }
        event, state = self.upsert(Event, {"slug": data["slug"]}, values)
        changes = [
            set_related(event.hosts, self.orgs(data.get("hosts", []))),
            set_related(event.organisations, self.orgs(data.get("organisations", []))),
            self.sync_tags(event, data.get("tags", [])),
        ]
        for order, entry in enumerate(participations, start=1):
            if isinstance(entry, dict):  # nobody named: who, for which organisation
                lookup = {
                    "event": event,
                    "participant": None,
                    "label": entry["label"],
                    "role": entry["role"],
                }
                values = {"organisation": self.organisations[entry["organisation"]]}
                presentation = entry.get("presentation", "")
            else:
                person_slug, role, presentation = entry
                lookup = {"event": event, "participant": self.people[person_slug], "role": role}
                values = {}
            self.upsert_simple(
                EventParticipation,
                lookup,
                {**values, "presentation_title": presentation, "sort_order": order},
            )
        self.finish(event, state, *changes)
        self.events[event.slug] = event
        return event

    def load_events(self):
        # An event becomes public with the first article that reports it.
        first_report = {}
        for article in content.ARTICLES:
            for slug in article["events"]:
                day = article["published_on"]
                first_report[slug] = min(first_report.get(slug, day), day)
        for data in content.EVENTS:
            self.save_event(
                data,
                starts_on=data["starts_on"],
                ends_on=data.get("ends_on"),
                published_at=at_ten(first_report[data["slug"]]),
                participations=data["participations"],
            )

    @staticmethod
    def article_texts(texts, code, *, section, hero):
        """One language's title, slug, lead, body and image texts; empty if not written in it."""
        title = texts.get("title", "")
        paragraphs = texts.get("paragraphs", [])
        values = {
            "title": title,
            # Explicit where given (English), else from the title: the same title, the same slug.
            "slug": texts.get("slug") or slug_from(title) or None,
            "lead": paragraphs[0] if paragraphs else "",
            # The lead is shown as the standfirst above the body, so the body starts after it.
            "body": paragraphs_html(paragraphs[1:]),
        }
        if hero:
            # The illustration shows the section's name in the default language (draw_hero).
            words = {"word": str(Article.Section(section).label)}
            with translation.override(code):
                words["label"] = str(Article.Section(section).label)
            hero_texts = content.HERO_TEXTS[code] if title else {"alt": "", "caption": ""}
            values["hero_alt"] = hero_texts["alt"].format(**words)
            values["hero_caption"] = hero_texts["caption"]
        return values

    def save_article(self, data, *, status, published_at, hero=False):
        section = data.get("section", Article.Section.NEWS)
        values = {
            **per_language(
                data,
                lambda texts, code: self.article_texts(texts, code, section=section, hero=hero),
            ),
            "section": section,
            "status": status,
            "published_at": published_at,
        }
        # Found by its slug in the first language it is written in (English, if it has it).
        lookup = next(
            {column: values[column]}
            for column in (localized("slug", code) for code in codes())
            if values[column]
        )
        article, state = self.upsert(Article, lookup, values)
        changes = [
            set_related(article.organisations, self.orgs(data.get("organisations", []))),
            set_related(
                article.participants, [self.people[s] for s in data.get("participants", [])]
            ),
            set_related(article.events, [self.events[s] for s in data.get("events", [])]),
            self.sync_tags(article, data.get("tags", [])),
        ]
        for order, (person_slug, byline) in enumerate(data.get("authors", []), start=1):
            self.upsert_simple(
                Authorship,
                {"article": article, "participant": self.people[person_slug]},
                {"byline": byline, "sort_order": order},
            )
        if hero:
            self.ensure_image(
                article,
                "hero_image",
                f"{article.slug[:60]}.jpg",  # the dated path must fit the 100-character column
                draw_hero,
                str(article.get_section_display()),
                article.slug,
            )
        self.finish(article, state, *changes)
        return article

    def load_articles(self):
        for data in content.ARTICLES:
            self.save_article(
                data,
                status=Article.Status.PUBLISHED,
                published_at=at_ten(data["published_on"]),
                hero=data.get("hero", False),
            )

    def load_upcoming_events(self):
        for data in content.UPCOMING_EVENTS:
            starts_on = self.today + datetime.timedelta(days=data["starts_in"])
            self.save_event(
                data,
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=data["days"] - 1),
                # Announced a week ago, so that it is public whatever the time of day.
                published_at=at_ten(self.today - datetime.timedelta(days=7)),
            )

    def load_unpublished_articles(self):
        for data in content.UNPUBLISHED_ARTICLES:
            days = data["publish_in"]
            self.save_article(
                data,
                status=data["status"],
                published_at=None
                if days is None
                else at_ten(self.today + datetime.timedelta(days)),
            )

    # --- Report ----------------------------------------------------------------------------------

    def report(self):
        total = sum(c["created"] for c in self.counts.values())
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {total} new rows or images."))
        for label, counter in self.counts.items():
            self.stdout.write(
                self.style.SUCCESS(
                    f"  {str(label):<16} {counter['created']:>5} created"
                    f" {counter['updated']:>5} updated {counter['unchanged']:>5} unchanged"
                )
            )
