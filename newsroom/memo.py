"""Figures over the whole archive, remembered until the content changes.

A few parts of the public pages add up every public item: how many news items a list holds (its
count and number of pages), the archive's years, the tags in use and the other choices of the
filter forms, the tag index's and the member states' counts, the sitemap's sections. Their cost
grows with the archive (tens of milliseconds each at 100,000 articles) while they change only
when the content does. `remember()` keeps each in the cache (Redis in production, shared by every
worker) under the current *content version*, the language and the local date:

- saving or deleting anything public pages show, or changing a relation or the tags, moves to a
  new version at once and again when the transaction commits (a reader who counted the old rows
  in between filed them under the version the commit leaves behind); writes that send no signals
  (bulk inserts) call `bump()`;
- what is public also changes by itself: an entry is kept only until the next scheduled
  publication or expiry of a published article or event, and the date in the key retires what
  depends on "today" (upcoming events) at midnight;
- NEWSROOM_MEMO_TIMEOUT bounds every entry's life. With the in-process cache (no REDIS_URL) a
  change is seen at once only by the process that made it: the others catch up within that time.

The rows of a page are never taken from here: lists, details and feeds read them from the database
on every request.
"""

import contextvars
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import languages

PREFIX = "newsroom:memo:"
VERSION_KEY = f"{PREFIX}version"
NO_HORIZON = 0.0  # nothing scheduled: entries live for the timeout

# The version read once per request (a request_started receiver forgets it), not once per figure.
_version = contextvars.ContextVar("newsroom_memo_version", default=None)


def _cache():
    return caches["default"]


def version():
    current = _version.get()
    if current is None:
        cache = _cache()
        current = cache.get(VERSION_KEY)
        if current is None:
            # Larger than any version reached before, should the key be evicted or flushed.
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            current = cache.get(VERSION_KEY)
        _version.set(current)
    return current


def bump():
    """A new content version: every remembered figure is computed again when next asked for."""
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet, or evicted
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        cache.incr(VERSION_KEY)
    _version.set(None)


def _forget_request_version(**kwargs):
    _version.set(None)


def _bump_on_commit():
    bump()


def content_changed(sender=None, using=None, **kwargs):
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed's pre_add, pre_remove, pre_clear
    bump()
    alias = using or DEFAULT_DB_ALIAS
    connection = transaction.get_connection(alias)
    if connection.in_atomic_block and not any(
        func is _bump_on_commit for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump_on_commit, using=alias, robust=True)


def connect_signals():
    from .models import (
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

    models = (
        Article,
        Event,
        Organisation,
        OrganisationAlias,
        Participant,
        ParticipantAlias,
        Position,
        Authorship,
        EventParticipation,
        Tag,
        TaggedArticle,
        TaggedEvent,
    )
    throughs = {
        field.remote_field.through for model in models for field in model._meta.many_to_many
    }
    for model in models:
        uid = f"newsroom-memo-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in throughs:
        uid = f"newsroom-memo-{through._meta.label}-m2m"
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=uid)
    request_started.connect(_forget_request_version, dispatch_uid="newsroom-memo-request")


# --- Time -----------------------------------------------------------------------------------------


def next_scheduled_change(now):
    """The earliest publication or expiry time after `now` of a published article or event.

    A query per model over the few rows concerned (indexes on status + published_at and on
    expires_at), once per content version.
    """
    from .models import Article, Event, Publishable

    moments = []
    for model in (Article, Event):
        found = (
            model.objects.filter(status=Publishable.Status.PUBLISHED)
            .filter(Q(published_at__gt=now) | Q(expires_at__gt=now))
            .aggregate(
                appears=Min("published_at", filter=Q(published_at__gt=now)),
                goes=Min("expires_at", filter=Q(expires_at__gt=now)),
            )
        )
        moments += [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)


def _horizon(current_version):
    """The timestamp until which figures of this version stay right (NO_HORIZON: no limit)."""
    cache = _cache()
    key = f"{PREFIX}horizon:{current_version}"
    horizon = cache.get(key)
    now = timezone.now()
    if horizon is None or (horizon != NO_HORIZON and horizon <= now.timestamp()):
        moment = next_scheduled_change(now)
        horizon = moment.timestamp() if moment else NO_HORIZON
        cache.set(key, horizon, timeout=settings.NEWSROOM_MEMO_TIMEOUT)
    return horizon


# --- Remembering ----------------------------------------------------------------------------------


def key(name, *parts):
    """The cache key of a figure: version, date, language, name and parts (hashed: any length)."""
    raw = "\x1f".join(
        str(part) for part in (version(), timezone.localdate(), languages.current(), name, *parts)
    )
    return PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def remember(name, compute, *parts):
    """compute(), or the value it gave under this content version, language and date."""
    cache = _cache()
    entry_key = key(name, *parts)
    entry = cache.get(entry_key)
    now = time.time()
    if entry is not None and now < entry[1]:
        return entry[0]
    horizon = _horizon(version())
    value = compute()
    timeout = settings.NEWSROOM_MEMO_TIMEOUT
    valid_until = now + timeout if horizon == NO_HORIZON else min(horizon, now + timeout)
    if valid_until > now:
        cache.set(entry_key, (value, valid_until), timeout=max(1, int(valid_until - now) + 1))
    return value
