"""Turning a parsed old-site page into newsroom content: articles, events, people and links."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape

from .legacy import (
    ROLE_RANK,
    LegacyItem,
    LegacyPage,
    event_facts,
    find_dates,
    infer_role,
    sentences,
)
from .mentions import MentionFinder
from .middleware import normalise_old_path
from .models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    LegacyRecord,
    Participant,
    ParticipantAlias,
)
from .querysets import set_related
from .sanitize import sanitize_html

# The old site gave dates only; an imported item is dated at noon, Almaty time.
PUBLICATION_TIME = datetime.time(12, 0)
HOSTED_BY = re.compile(r"\b(hosted|organi[sz]ed|convened)\s+by\b", re.I)
HOSTED = re.compile(r"\bhosted\b", re.I)


@dataclass
class ImportReport:
    read: int = 0
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (title, reason)
    dates_not_found: list = field(default_factory=list)
    dates_inferred: list = field(default_factory=list)  # (title, date)
    names_not_matched: set = field(default_factory=set)
    people_created: list = field(default_factory=list)
    events_created: list = field(default_factory=list)
    events_without_date: list = field(default_factory=list)
    formats_not_stated: list = field(default_factory=list)
    excerpts: list = field(default_factory=list)
    redirects: int = 0


def item_key(item: LegacyItem, day) -> str:
    """How an item is recognised again: its old id or address, else its title and date."""
    if item.old_id:
        return f"id:{item.old_id}"[:100]
    if item.old_url:
        return f"url:{normalise_old_path(item.old_url)}"[:100]
    title = re.sub(r"\W+", " ", item.title.casefold()).strip()
    digest = hashlib.sha1(f"{title}|{day or ''}".encode()).hexdigest()[:24]
    return f"fp:{digest}"


def _noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, PUBLICATION_TIME))


def _publication_days(page: LegacyPage, report: ImportReport):
    """The day each item speaks of: the first date it states, else its older neighbour's."""
    spans = [
        (
            find_dates(item.paragraphs[0] if item.paragraphs else "")
            or find_dates(item.text)
            or [None]
        )[0]
        for item in page.items
    ]
    days = []
    for index, (item, span) in enumerate(zip(page.items, spans, strict=True)):
        if span is not None:
            days.append(span.end)
            continue
        # The list runs newest first: an undated item came after the next dated one below it.
        older = next((s.end for s in spans[index + 1 :] if s is not None), None)
        newer = next((s.end for s in reversed(spans[:index]) if s is not None), None)
        inferred = older or newer
        report.dates_not_found.append(item.title)
        if inferred:
            report.dates_inferred.append((item.title, inferred))
        days.append(inferred)
    return spans, days


class LegacyImporter:
    def __init__(self, *, source="", section="news", publish=False, finder=None):
        self.source = source
        self.section = section
        self.publish = publish
        self.finder = finder or MentionFinder()
        self.now = timezone.now()
        self.report = ImportReport()

    def run(self, page: LegacyPage) -> ImportReport:
        spans, days = _publication_days(page, self.report)
        for item, span, day in zip(page.items, spans, days, strict=True):
            self.report.read += 1
            self.import_item(item, span, day)
        return self.report

    # --- one item ------------------------------------------------------------------------------

    def import_item(self, item: LegacyItem, span, day):
        report = self.report
        if not item.paragraphs:
            report.skipped.append((item.title, "no text under the title"))
            return
        key = item_key(item, span.start if span else None)
        record = LegacyRecord.objects.filter(key=key).select_related("article").first()
        # imported_at is the article's updated_at as the import left it: a later save is an edit.
        if record and record.article.updated_at != record.imported_at:
            report.skipped.append((item.title, "edited in the newsroom since it was imported"))
            return
        if item.is_excerpt:
            report.excerpts.append(item.title)

        mentions = self.finder.find(item.text)
        report.names_not_matched.update(self.finder.unmatched_names(item.text))
        authors = [(self.author(line), line.byline) for line in item.authors]
        author_ids = {person.pk for person, _byline in authors}

        article = record.article if record else Article()
        values = {
            "title": item.title[:255],
            "section": "analytics" if item.authors else self.section,
            "lead": item.paragraphs[0],
            "body": sanitize_html("".join(f"<p>{escape(p)}</p>" for p in item.paragraphs[1:])),
            "status": Article.Status.PUBLISHED if self.publish and day else Article.Status.DRAFT,
            "published_at": _noon(day) if day else None,
        }
        changed = [name for name, value in values.items() if getattr(article, name) != value]
        for name in changed:
            setattr(article, name, values[name])
        if changed or article.pk is None:
            article.save()

        event = self.event(item, span, article, mentions) if not item.authors else None
        relations = [
            set_related(article.organisations, mentions.organisations),
            set_related(
                article.participants, [p for p in mentions.participants if p.pk not in author_ids]
            ),
            set_related(article.events, [event] if event else []),
            self.sync_authors(article, authors),
        ]

        old_path = normalise_old_path(item.old_url) if item.old_url else ""
        if record is None:
            LegacyRecord.objects.create(
                article=article,
                key=key,
                old_url=item.old_url,
                old_path=old_path,
                source=self.source,
                imported_at=article.updated_at,
            )
            report.created.append(item.title)
        elif changed or any(relations):
            record.old_url, record.old_path = item.old_url, old_path
            record.source, record.imported_at = self.source, article.updated_at
            record.save()
            report.updated.append(item.title)
        else:
            report.unchanged.append(item.title)
        if old_path:
            report.redirects += 1

    def author(self, line) -> Participant:
        found = self.finder.find(f"{line.honorific} {line.name}").participants
        if len(found) == 1:
            return found[0]
        person = Participant.objects.filter(aliases__name=line.name).first()
        if person is None:
            full_name = re.sub(r"\.(?=\w)", ". ", line.name)
            person = Participant.objects.create(full_name=full_name, honorific=line.honorific)
            ParticipantAlias.objects.get_or_create(participant=person, name=line.name)
            self.report.people_created.append(full_name)
            self.report.names_not_matched.add(f"{line.honorific} {line.name}")
        return person

    def sync_authors(self, article, authors) -> bool:
        wanted = [(person.pk, byline) for person, byline in authors]
        current = list(article.authorships.values_list("participant_id", "byline"))
        if current == wanted:
            return False
        article.authorships.all().delete()
        Authorship.objects.bulk_create(
            Authorship(article=article, participant_id=pk, byline=byline[:250], sort_order=order)
            for order, (pk, byline) in enumerate(wanted)
        )
        return True

    def event(self, item: LegacyItem, span, article, mentions):
        facts = event_facts(item.title, item.paragraphs[0])
        if facts is None:
            return None
        if span is None:
            self.report.events_without_date.append(item.title)
            return None
        if not facts.format_stated:
            self.report.formats_not_stated.append(item.title)
        event = article.events.first() if article.pk else None
        created = event is None
        event = event or Event()
        event.title = item.title[:255]
        event.kind, event.format = facts.kind, facts.format
        event.starts_on = span.start
        event.ends_on = span.end if span.is_range else None
        event.city, event.country, event.venue = facts.city, facts.country, facts.venue
        event.summary = item.paragraphs[0]
        event.status, event.published_at = article.status, article.published_at
        event.save()
        if created:
            self.report.events_created.append(item.title)

        hosts = self.hosts(item, mentions)
        set_related(event.hosts, hosts)
        set_related(event.organisations, [o for o in mentions.organisations if o not in hosts])
        self.sync_participations(event, item, mentions)
        return event

    def hosts(self, item, mentions):
        """Organisations a sentence says hosted, organised or convened the event."""
        hosts = []
        offset = 0
        text = item.text
        for sentence in sentences([item.title, *item.paragraphs]):
            start = text.find(sentence, offset)
            offset = max(offset, start)
            by = HOSTED_BY.search(sentence)
            plain = HOSTED.search(sentence)
            for match in mentions.matches:
                if not hasattr(match.obj, "short_name") or not (
                    start <= match.start < start + len(sentence)
                ):
                    continue
                position = match.start - start
                if (by and position > by.end()) or (plain and not by and position < plain.start()):
                    if match.obj not in hosts:
                        hosts.append(match.obj)
        return hosts

    def sync_participations(self, event, item, mentions):
        roles = {}
        for sentence in sentences(item.paragraphs):
            people = self.finder.find(sentence).participants
            if not people:
                continue
            role, presentation = infer_role(sentence)
            for person in people:
                best = roles.get(person.pk)
                if best is None or ROLE_RANK[role] > ROLE_RANK[best[0]]:
                    roles[person.pk] = (role, presentation)
        wanted = [
            (person, *roles.get(person.pk, ("participant", ""))) for person in mentions.participants
        ]
        current = {
            (p.participant_id, p.role, p.presentation_title)
            for p in event.participations.filter(participant__isnull=False)
        }
        if current == {(person.pk, role, title) for person, role, title in wanted}:
            return
        event.participations.filter(participant__isnull=False).delete()
        EventParticipation.objects.bulk_create(
            EventParticipation(
                event=event,
                participant=person,
                role=role,
                presentation_title=title[:300],
                sort_order=order,
            )
            for order, (person, role, title) in enumerate(wanted)
        )
