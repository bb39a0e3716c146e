import datetime
import itertools
import random
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from django.utils import timezone
from django.utils.html import escape

from newsroom import cache as page_cache
from newsroom import demo_content as content
from newsroom import images, involvement
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
    Tag,
    TaggedArticle,
    TaggedEvent,
)
from newsroom.sanitize import sanitize_html
from newsroom.text import ascii_slugify

from .load_demo import HERO_SIZE, draw_hero

# Generated rows carry these slug prefixes followed by a number, and nothing else does.
ARTICLE_PREFIX = "gen-article-"
EVENT_PREFIX = "gen-event-"
PERSON_PREFIX = "gen-person-"
ORGANISATION_PREFIX = "gen-organisation-"

MIN_ORGANISATIONS = 80
MIN_PEOPLE = 200
TAG_POOL_SIZE = 300

SECTION_WEIGHTS = {"news": 80, "analytics": 10, "press_release": 8, "statement": 2}
DRAFT_SHARE = 0.02
SCHEDULED_SHARE = 0.01
EVENT_LINK_SHARE = 0.30
AUTHORED_SHARE = 0.10
UPCOMING_EVENT_SHARE = 0.03
IMAGE_SHARE = 0.40
IMAGE_DIR = "articles/generated/"
IMAGE_WORDS = ["News", "Analytics", "Press release", "Statement", "Operations", "Training"]
ROLES = ["speaker", "presenter", "delegate", "delegate", "moderator", "participant", "observer"]

MONTHS = "January February March April May June July August September October November December"
MONTHS = MONTHS.split()


def capitalise(text):
    return text[:1].upper() + text[1:]


def org_in_text(org):
    """ "UNODC", "ROCB Europe", but "the Inter-regional Network", "the World Customs ..."."""
    if org.short_name and org.short_name.split()[0].isupper():
        return org.short_name
    return f"the {org.short_name or org.name}"


def day_in_text(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # English whatever the locale


def acronym(name):
    return "".join(word[0] for word in name.split() if word[0].isupper())


def feminine(family_name):
    """Slavic and Turkic family names take -a for women: Karimov -> Karimova; -zoda stays."""
    return family_name + (
        "а" if family_name[-1] in "вн" else "a" if family_name[-1] in "vn" else ""
    )


def weighted_sample(rng, population, cum_weights, k):
    """k distinct items, the popular ones more often (tags follow a long tail, as real ones do)."""
    k = min(k, len(population))
    picked = {}
    while len(picked) < k:
        picked.setdefault(rng.choices(population, cum_weights=cum_weights)[0])
    return list(picked)


def tag_names():
    """The pool: the demo's own tags first, then countries, then generated subject + aspect."""
    seed = [
        *content.TAG_POOL,
        *(
            name
            for group in (
                content.ARTICLES,
                content.EVENTS,
                content.UPCOMING_EVENTS,
                content.UNPUBLISHED_ARTICLES,
            )
            for data in group
            for name in data.get("tags", [])
        ),
        *(country for country, _code in content.COUNTRIES if not country.startswith("the ")),
    ]
    generated = [f"{s} {a}" for s in content.TAG_SUBJECTS for a in content.TAG_ASPECTS]
    random.Random("tag-pool").shuffle(generated)  # fixed order, so every seed shares the pool
    names = {}
    for name in itertools.chain(seed, generated):
        names.setdefault(name.casefold(), name)
    return list(names.values())[:TAG_POOL_SIZE]


@dataclass
class GeneratedEvent:
    obj: Event
    tags: list
    hosts: list
    organisations: list
    participations: list = field(default_factory=list)


@dataclass
class GeneratedArticle:
    obj: Article
    tags: list
    organisations: list
    participants: list
    events: list
    authors: list = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Generate a large synthetic data set for benchmarks, with bulk inserts: articles "
        "(gen-article-000001, ...) and events (gen-event-000001, ...) with tags, organisations, "
        "people, events, authors and participations. Counts are totals to reach: the command "
        "makes sure that N generated articles and M generated events exist, creating only the "
        "missing ones, numbered after the highest existing generated number; run again with "
        "the same counts, it creates nothing (to add N more, ask for the current number plus "
        f"N). With fewer than {MIN_PEOPLE} people or {MIN_ORGANISATIONS} organisations it first "
        "adds synthetic ones (gen-person-0001, gen-organisation-0001, with posts and other "
        f"names), and it keeps a pool of {TAG_POOL_SIZE} tags. The same --seed on the same "
        "database gives the same content (dates count from the day of the run). Generated "
        "rows, tags excepted, have slugs starting with 'gen-'. --images K adds illustrations."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Number of generated articles that should exist (default 0).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="M",
            help="Number of generated events that should exist (default 0). Made first, so that "
            "about 30%% of new articles report one of the events in the database.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2020,
            help="Random seed; the same seed on the same database gives the same items.",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=2000,
            metavar="B",
            help="Items per bulk insert and per transaction (default 2000).",
        )
        parser.add_argument(
            "--images",
            dest="image_count",
            type=int,
            default=0,
            metavar="K",
            help="Draw K placeholder illustrations (once: they stay in MEDIA_ROOT, with their "
            "renditions) and give about 40%% of the new articles one of them (default 0).",
        )

    def handle(self, *args, articles, events, seed, batch, image_count, **options):
        if articles < 0 or events < 0 or image_count < 0:
            raise CommandError("--articles, --events and --images take a number of 0 or more.")
        if not articles and not events:
            raise CommandError("Say how many: --articles N and/or --events M.")
        if batch < 1:
            raise CommandError("--batch takes a number of 1 or more.")
        self.seed, self.batch = seed, batch
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.html_cache = {}
        self.rows = 0
        self.started = time.perf_counter()

        new_events = self.missing(Event, EVENT_PREFIX, events)
        new_articles = self.missing(Article, ARTICLE_PREFIX, articles)
        if not new_events and not new_articles:
            self.stdout.write(
                f"Nothing to do: {events:,} generated events and {articles:,} generated "
                "articles already exist."
            )
            return
        with transaction.atomic():
            self.load_pools()
        self.image_pool = self.ensure_images(image_count) if new_articles else []
        self.generate("events", new_events, self.build_event, self.insert_events)
        self.event_pool = list(Event.objects.order_by("pk").values_list("pk", "starts_on"))
        self.generate("articles", new_articles, self.build_article, self.insert_articles)
        # Bulk inserts send no signals: the derived table and the page cache are told here.
        involvement.rebuild()
        page_cache.bump()

        elapsed = time.perf_counter() - self.started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(new_articles):,} articles and {len(new_events):,} events: "
                f"{self.rows:,} rows in {elapsed:.1f} s ({self.rows / elapsed:,.0f} rows/s, "
                f"{len(new_articles) / elapsed:,.0f} articles/s)."
            )
        )

    # --- Numbering ------------------------------------------------------------------------------

    @staticmethod
    def generated(model, prefix):
        """How many rows carry a generated slug (prefix + digits), and the highest number."""
        slugs = model._default_manager.filter(slug__startswith=prefix).values_list(
            "slug", flat=True
        )
        numbers = [
            int(number)
            for number in (slug.removeprefix(prefix) for slug in slugs.iterator(chunk_size=10_000))
            if number.isascii() and number.isdigit()
        ]
        return len(numbers), max(numbers, default=0)

    def missing(self, model, prefix, wanted):
        """The numbers still to create for `wanted` generated rows to exist."""
        count, last = self.generated(model, prefix)
        return list(range(last + 1, last + 1 + max(0, wanted - count)))

    # --- Pools of organisations, people and tags ------------------------------------------------

    def load_pools(self):
        self.organisations = self.ensure_organisations()
        self.people = self.ensure_people()
        self.tags = self.ensure_tags()
        rank_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.tags))]
        self.tag_weights = list(itertools.accumulate(rank_weights))
        self.org_words = {org.pk: org_in_text(org) for org in self.organisations}

    def insert(self, model, objects):
        created = model._default_manager.bulk_create(objects)
        self.rows += len(created)
        return created

    def ensure_organisations(self):
        existing = list(Organisation.objects.order_by("pk"))
        needed = MIN_ORGANISATIONS - len(existing)
        if needed <= 0:
            return existing
        _count, last = self.generated(Organisation, ORGANISATION_PREFIX)
        rng = random.Random(f"{self.seed}:organisations:{last}")
        taken = {org.name for org in existing}
        candidates = [
            (pattern, country)
            for pattern in content.ORGANISATION_PATTERNS
            for country in content.COUNTRIES
            if pattern[0].format(country=country[0]) not in taken
        ]
        rng.shuffle(candidates)
        kinds = dict(Organisation.Kind.choices)
        new, aliases = [], []
        for number, ((name, other, kind), (country, code)) in enumerate(
            candidates[:needed], start=last + 1
        ):
            org = Organisation(
                name=name.format(country=country),
                slug=f"{ORGANISATION_PREFIX}{number:04d}",
                kind=kind,
                country=code,
                description=f"{kinds[kind]} in {country}; generated for load tests.",
            )
            new.append(org)
            others = [other.format(country=country), acronym(org.name)]
            aliases.append((org, others[: rng.randint(1, 2)]))
        self.insert(Organisation, new)
        self.insert(
            OrganisationAlias,
            [
                OrganisationAlias(organisation=org, name=name)
                for org, names in aliases
                for name in names
            ],
        )
        self.stdout.write(f"  organisations: {len(new):,} added to {len(existing):,}")
        return existing + new

    def ensure_people(self):
        existing = list(Participant.objects.order_by("pk"))
        needed = MIN_PEOPLE - len(existing)
        if needed <= 0:
            return existing
        _count, last = self.generated(Participant, PERSON_PREFIX)
        rng = random.Random(f"{self.seed}:people:{last}")
        taken = {person.full_name for person in existing}
        names = []
        for given, family in itertools.product(content.GIVEN_NAMES, content.FAMILY_NAMES):
            (given_lat, given_cyr, sex), (family_lat, family_cyr) = given, family
            if sex == "f":
                family_lat, family_cyr = feminine(family_lat), feminine(family_cyr)
            if f"{given_lat} {family_lat}" not in taken:
                names.append((given_lat, given_cyr, sex, family_lat, family_cyr))
        rng.shuffle(names)
        people, aliases, positions = [], [], []
        for number, (given, given_cyr, sex, family, family_cyr) in enumerate(
            names[:needed], start=last + 1
        ):
            person = Participant(
                full_name=f"{given} {family}",
                honorific=rng.choice(content.HONORIFICS[sex]),
                slug=f"{PERSON_PREFIX}{number:04d}",
            )
            people.append(person)
            spellings = [
                f"{given[0]}.{family}",
                f"{given[0]}. {family}",
                f"{family} {given[0]}.",
                f"{given_cyr} {family_cyr}",
                f"{family_cyr} {given_cyr[0]}.",
            ]
            aliases += [(person, name) for name in rng.sample(spellings, rng.randint(1, 3))]
            started_on = self.past_day(rng, until=self.today - datetime.timedelta(days=30))
            positions.append(
                (
                    person,
                    rng.choice(content.JOB_TITLES),
                    rng.choice(self.organisations),
                    started_on,
                    None,
                )
            )
            if rng.random() < 0.4:  # an earlier post, for "position held on the day"
                positions.append(
                    (
                        person,
                        rng.choice(content.JOB_TITLES),
                        rng.choice(self.organisations),
                        started_on - datetime.timedelta(days=rng.randint(400, 2500)),
                        started_on - datetime.timedelta(days=1),
                    )
                )
        self.insert(Participant, people)
        self.insert(
            ParticipantAlias,
            [ParticipantAlias(participant=person, name=name) for person, name in aliases],
        )
        self.insert(
            Position,
            [
                Position(
                    participant=person,
                    title=title,
                    organisation=org,
                    started_on=started_on,
                    ended_on=ended_on,
                )
                for person, title, org, started_on, ended_on in positions
            ],
        )
        self.stdout.write(f"  people: {len(people):,} added to {len(existing):,}")
        return existing + people

    def ensure_tags(self):
        """The pool's tags, created where missing. bulk_create skips Tag.slugify(): slug here."""
        names = tag_names()
        existing = {tag.name.casefold(): tag for tag in Tag.objects.all()}
        slugs = {tag.slug for tag in existing.values()}
        new = []
        for name in names:
            if name.casefold() in existing:
                continue
            base = ascii_slugify(name, max_length=90) or "tag"
            slug, i = base, 1
            while slug in slugs:
                slug, i = f"{base}-{i}", i + 1
            slugs.add(slug)
            existing[name.casefold()] = tag = Tag(name=name, slug=slug)
            new.append(tag)
        self.insert(Tag, new)
        self.stdout.write(f"  tags: {len(new):,} added to a pool of {len(names):,}")
        return [existing[name.casefold()].pk for name in names]

    def ensure_images(self, count):
        """The pool's illustrations: (name, width, height, word), drawn and stored if missing.

        Articles share them, so that a million articles need no more than a few files."""
        pool = []
        made = 0
        for number in range(1, count + 1):
            name = f"{IMAGE_DIR}gen-image-{number:03d}.jpg"
            word = IMAGE_WORDS[(number - 1) % len(IMAGE_WORDS)]
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(draw_hero(word, name)))
            width, height = HERO_SIZE
            probe = Article(hero_image=name, hero_width=width, hero_height=height)
            made += images.ensure_renditions(probe)["hero_image"].created
            pool.append((name, width, height, word))
        if count:
            self.stdout.write(f"  images: a pool of {count:,} ({made:,} renditions made)")
        return pool

    def image_fields(self, number):
        """An illustration from the pool for about IMAGE_SHARE of the articles, else nothing."""
        rng = random.Random(f"{self.seed}:article-image:{number}")
        if not self.image_pool or rng.random() >= IMAGE_SHARE:
            return {}
        name, width, height, word = rng.choice(self.image_pool)
        return {
            "hero_image": name,
            "hero_width": width,
            "hero_height": height,
            "hero_alt": content.HERO_TEXTS["en"]["alt"].format(word=word),
            "hero_caption": content.HERO_TEXTS["en"]["caption"],
        }

    # --- Shared pieces ------------------------------------------------------------------------

    def past_day(self, rng, until=None):
        """A day from 2008 to yesterday (or `until`), so that its every hour has passed."""
        until = until or self.today - datetime.timedelta(days=1)
        return content.GENERATED_SINCE + datetime.timedelta(
            days=rng.randint(0, (until - content.GENERATED_SINCE).days)
        )

    def moment(self, rng, day):
        """A working-hours time on `day`, in CARICC's time zone."""
        at = datetime.time(rng.randint(8, 18), rng.randrange(0, 60, 5))
        return datetime.datetime.combine(day, at, tzinfo=self.tz)

    def html_text(self, text):
        """`text` as sanitize_html() writes it, so that bodies built from it are stable under it.

        Each distinct sentence goes through the sanitiser once; bodies are joins of these.
        """
        html = self.html_cache.get(text)
        if html is None:
            html = self.html_cache[text] = sanitize_html(escape(text))
        return html

    def body_html(self, rng, words, paragraphs):
        return "".join(
            "<p>"
            + " ".join(
                self.html_text(capitalise(sentence.format(**words)))
                for sentence in rng.sample(content.BODY_SENTENCES, rng.randint(2, 4))
            )
            + "</p>"
            for _ in range(paragraphs)
        )

    def words(self, rng, org, day):
        return {
            "topic": rng.choice(content.TOPICS),
            "org": self.org_words[org.pk],
            "date": day_in_text(day),
            "city": rng.choice(content.CITIES)[0],
        }

    def generate(self, label, numbers, build, insert):
        """Build and insert `numbers` in batches, one transaction per batch."""
        total = len(numbers)
        for start in range(0, total, self.batch):
            items = [build(number) for number in numbers[start : start + self.batch]]
            with transaction.atomic():
                insert(items)
            if settings.DEBUG:  # DEBUG keeps each query's SQL, and a bulk insert's is megabytes
                reset_queries()
            self.stdout.write(
                f"  {label}: {start + len(items):,}/{total:,}"
                f" ({time.perf_counter() - self.started:.1f} s)"
            )

    def link(self, through, items, attr, owner, target):
        """Rows of an M2M table (or taggit's) between each item's object and its `attr` pks."""
        self.insert(
            through,
            [
                through(**{f"{owner}_id": item.obj.pk, f"{target}_id": pk})
                for item in items
                for pk in getattr(item, attr)
            ],
        )

    # --- Events -----------------------------------------------------------------------------------

    def build_event(self, number):
        # One generator per item: event 7 is the same whatever the batch size or the count.
        rng = random.Random(f"{self.seed}:event:{number}")
        kind = rng.choice(list(content.EVENT_TITLES))
        org = rng.choice(self.organisations)
        if rng.random() < UPCOMING_EVENT_SHARE:
            starts_on = self.today + datetime.timedelta(days=rng.randint(1, 120))
            announced_on = self.today - datetime.timedelta(days=rng.randint(1, 20))
        else:
            starts_on = self.past_day(rng)
            announced_on = starts_on - datetime.timedelta(days=rng.randint(1, 30))
        words = self.words(rng, org, starts_on)
        event_format = rng.choice(["in_person", "online", "online", "hybrid"])
        city, country, venue = "", "", ""
        if kind == "visit":
            event_format, city, country, venue = "in_person", "Almaty", "KZ", "CARICC, Almaty"
        elif event_format != "online":
            city, country = rng.choice(content.CITIES)
        days = rng.choice([0, 0, 0, 1, 2, 4])
        is_draft = rng.random() < DRAFT_SHARE
        event = Event(
            title=capitalise(content.EVENT_TITLES[kind].format(**words))[:255],
            slug=f"{EVENT_PREFIX}{number:06d}",
            kind=kind,
            format=event_format,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days) if days else None,
            city=city,
            venue=venue,
            country=country,
            summary=capitalise(rng.choice(content.BODY_SENTENCES).format(**words)),
            description=self.body_html(rng, words, rng.randint(1, 3)),
            status=Event.Status.DRAFT if is_draft else Event.Status.PUBLISHED,
            published_at=None if is_draft else self.moment(rng, announced_on),
        )
        hosts = [org.pk]
        if rng.random() < 0.3:
            hosts.append(rng.choice(self.organisations).pk)
        others = [o.pk for o in rng.sample(self.organisations, rng.randint(1, 4))]
        item = GeneratedEvent(
            event,
            weighted_sample(rng, self.tags, self.tag_weights, rng.randint(1, 3)),
            list(dict.fromkeys(hosts)),
            [pk for pk in others if pk not in hosts],
        )
        for person in rng.sample(self.people, rng.randint(0, 5)):
            role = rng.choice(ROLES)
            presentation = ""
            if role in {"speaker", "presenter"} and rng.random() < 0.7:
                angle = rng.choice(content.PRESENTATION_ANGLES)
                presentation = capitalise(f"{words['topic']}: {angle}")
            item.participations.append((person.pk, "", role, None, presentation))
        if rng.random() < 0.3:
            country_name = rng.choice(content.COUNTRIES)[0]
            label = rng.choice(content.UNNAMED_PARTICIPANTS).format(country=country_name)
            role = rng.choice(["delegate", "observer", "participant"])
            item.participations.append((None, label, role, rng.choice(self.organisations).pk, ""))
        return item

    def insert_events(self, items):
        self.insert(Event, [item.obj for item in items])
        self.link(Event.hosts.through, items, "hosts", "event", "organisation")
        self.link(Event.organisations.through, items, "organisations", "event", "organisation")
        self.link(TaggedEvent, items, "tags", "content_object", "tag")
        self.insert(
            EventParticipation,
            [
                EventParticipation(
                    event_id=item.obj.pk,
                    participant_id=person,
                    label=label,
                    role=role,
                    organisation_id=org,
                    presentation_title=presentation,
                    sort_order=order,
                )
                for item in items
                for order, (person, label, role, org, presentation) in enumerate(
                    item.participations, start=1
                )
            ],
        )

    # --- Articles ---------------------------------------------------------------------------------

    def build_article(self, number):
        rng = random.Random(f"{self.seed}:article:{number}")
        section = rng.choices(list(SECTION_WEIGHTS), weights=list(SECTION_WEIGHTS.values()))[0]
        title, lead, _section = rng.choice(
            [t for t in content.ARTICLE_TEMPLATES if t[2] == section] or content.ARTICLE_TEMPLATES
        )
        events = []
        roll = rng.random()
        if roll < DRAFT_SHARE:
            status, day = Article.Status.DRAFT, self.today
        elif roll < DRAFT_SHARE + SCHEDULED_SHARE:
            status = Article.Status.PUBLISHED
            day = self.today + datetime.timedelta(days=rng.randint(1, 60))
        else:
            status, day = Article.Status.PUBLISHED, self.past_day(rng)
            if self.event_pool and rng.random() < EVENT_LINK_SHARE:
                # A report follows its event by a few days, or announces it if it is to come.
                event_pk, starts_on = rng.choice(self.event_pool)
                events.append(event_pk)
                day = starts_on + datetime.timedelta(days=rng.randint(0, 3))
                if day >= self.today:
                    day = min(
                        starts_on - datetime.timedelta(days=rng.randint(1, 30)),
                        self.today - datetime.timedelta(days=1),
                    )
        org = rng.choice(self.organisations)
        words = self.words(rng, org, day)
        article = Article(
            title=capitalise(title.format(**words))[:255],
            slug=f"{ARTICLE_PREFIX}{number:06d}",
            section=section,
            lead=lead.format(**words),
            body=self.body_html(rng, words, rng.randint(2, 5)),
            status=status,
            published_at=None if status == Article.Status.DRAFT else self.moment(rng, day),
            # Its own generator: adding images changes nothing else about an article.
            **self.image_fields(number),
        )
        organisations = rng.sample(self.organisations, rng.randint(0, 3))
        item = GeneratedArticle(
            article,
            weighted_sample(rng, self.tags, self.tag_weights, rng.randint(1, 4)),
            [o.pk for o in organisations],
            [p.pk for p in rng.sample(self.people, rng.randint(0, 3))],
            events,
        )
        if rng.random() < AUTHORED_SHARE:
            for person in rng.sample(self.people, rng.randint(1, 3)):
                byline = rng.choice(content.JOB_TITLES) if rng.random() < 0.3 else ""
                item.authors.append((person.pk, byline))
        return item

    def insert_articles(self, items):
        self.insert(Article, [item.obj for item in items])
        self.link(TaggedArticle, items, "tags", "content_object", "tag")
        through = Article.organisations.through
        self.link(through, items, "organisations", "article", "organisation")
        self.link(Article.participants.through, items, "participants", "article", "participant")
        self.link(Article.events.through, items, "events", "article", "event")
        self.insert(
            Authorship,
            [
                Authorship(
                    article_id=item.obj.pk, participant_id=person, byline=byline, sort_order=order
                )
                for item in items
                for order, (person, byline) in enumerate(item.authors, start=1)
            ],
        )
