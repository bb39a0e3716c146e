"""Plain helpers that build valid objects with unique slugs; keyword arguments override defaults."""

import datetime
import io
import itertools
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image

from newsroom.models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    Organisation,
    Participant,
    Position,
)

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_organisation(**overrides):
    n = _n()
    fields = {"name": f"Organisation {n}", "slug": f"organisation-{n}", "kind": "other"}
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def make_participant(**overrides):
    n = _n()
    fields = {"full_name": f"Person Number{n}", "slug": f"person-{n}", "honorific": "Mr."}
    fields.update(overrides)
    return Participant.objects.create(**fields)


def make_position(participant, **overrides):
    fields = {"title": "Analyst", "participant": participant}
    fields.update(overrides)
    return Position.objects.create(**fields)


def make_article(tags=(), authors=(), language="en", **overrides):
    """An article written in `language`: its title, slug, lead and body go to those columns."""
    n = _n()
    fields = {
        "title": f"Article number {n}",
        "slug": f"article-{n}",
        "lead": f"Lead paragraph of article {n}.",
        "body": f"<p>Body of article {n}.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(overrides)
    with translation.override(language):
        article = Article.objects.create(**fields)
    if tags:
        article.tags.add(*tags)
    for order, author in enumerate(authors):
        Authorship.objects.create(article=article, participant=author, sort_order=order)
    return article


def make_event(tags=(), language="en", **overrides):
    n = _n()
    fields = {
        "title": f"Event number {n}",
        "slug": f"event-{n}",
        "starts_on": timezone.localdate() - datetime.timedelta(days=10),
        "status": Event.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    }
    fields.update(overrides)
    with translation.override(language):
        event = Event.objects.create(**fields)
    if tags:
        event.tags.add(*tags)
    return event


def make_participation(event, participant, **overrides):
    fields = {"event": event, "participant": participant, "role": "speaker"}
    fields.update(overrides)
    return EventParticipation.objects.create(**fields)


def image_upload(name="photo.png", size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 40, 80)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@contextmanager
def kept_for_the_module(django_db_blocker, build):
    """What build() makes, for a module-scoped fixture: made once, inside a transaction that is
    rolled back after the module's last test (each test still runs in its own, nested)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        built = build()
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def formset_management(prefix, total=0, initial=0):
    """The management form of an admin inline (or changelist) formset called `prefix`."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_admin_data(article=None, **overrides):
    """What the admin's article form posts: `article`'s values or a new piece's, in English, with
    no authors; `overrides` by field name (a translated field goes to its English column:
    lead -> lead_en)."""
    data = {
        "title_en": article.title if article else "A new piece",
        "slug_en": article.slug if article else "a-new-piece",
        "section": "news",
        "lead_en": "Lead.",
        "body_en": "<p>Body.</p>",
        "tags": "",
        "status": article.status if article else "draft",
        "hero_alt_en": "",
        "hero_caption_en": "",
        **formset_management("authorships"),
    }
    translated = {"title", "slug", "lead", "body", "hero_alt", "hero_caption"}
    data.update({(f"{k}_en" if k in translated else k): v for k, v in overrides.items()})
    return data
