import datetime
import io
import random
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from newsroom import demo_content as content
from newsroom import images
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
        "draft and a scheduled article that must stay hidden from the public. Placeholder "
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
        with transaction.atomic():
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
            obj, state = model(**lookup, **values), "created"
        else:
            changed = [
                name for name, value in values.items() if not same(getattr(obj, name), value)
            ]
            if not changed:
                return obj, "unchanged"
            for name in changed:
                setattr(obj, name, values[name])
            state = "updated"
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
                "name": data["name"],
                "short_name": data.get("short_name", ""),
                "kind": data["kind"],
                "country": data.get("country", ""),
                "parent": parent,
                "website": data.get("website", ""),
                "description": data.get("description", ""),
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
            values = {"full_name": data["full_name"], "honorific": data.get("honorific", "")}
            person, state = self.upsert(Participant, {"slug": data["slug"]}, values)
            self.record(Participant._meta.verbose_name_plural, state)
            for name in data.get("aliases", []):
                self.upsert_simple(ParticipantAlias, {"participant": person, "name": name}, {})
            for title, org_slug, started_on, ended_on in data.get("positions", []):
                self.upsert_simple(
                    Position,
                    {
                        "participant": person,
                        "title": title,
                        "organisation": self.organisations[org_slug],
                    },
                    {"started_on": started_on, "ended_on": ended_on},
                )
            people[person.slug] = person
        return people

    def save_event(self, data, *, starts_on, ends_on, published_at, participations=()):
        values = {
            "title": data["title"],
            "kind": data["kind"],
            "format": data["format"],
            "starts_on": starts_on,
            "ends_on": ends_on if ends_on and ends_on != starts_on else None,
            "city": data.get("city", ""),
            "venue": data.get("venue", ""),
            "country": data.get("country", ""),
            "summary": data.get("summary", ""),
            "description": paragraphs_html(data.get("description", [])),
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

    def save_article(self, data, *, status, published_at, hero=False):
        values = {
            "title": data["title"],
            "section": data.get("section", Article.Section.NEWS),
            "lead": data["paragraphs"][0],
            # The lead is shown as the standfirst above the body, so the body starts after it.
            "body": paragraphs_html(data["paragraphs"][1:]),
            "status": status,
            "published_at": published_at,
        }
        if hero:
            values["hero_alt"] = (
                "Abstract illustration: rings and lines on a navy background "
                f"with the word “{Article.Section(values['section']).label}”."
            )
            values["hero_caption"] = "Illustration: CARICC"
        article, state = self.upsert(Article, {"slug": data["slug"]}, values)
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
