"""Figures over the whole archive, remembered until the content changes.

A few parts of the public pages add up every public item: how many news items a list holds (its
count and number of pages), the archive's years, the tags in use and the other choices of the
filter forms, the tag index's and the member states' counts, the sitemap's sections. Their cost
grows with the archive (tens of milliseconds each at 100,000 articles) while they change only
when the content does. `remember()` keeps each in the cache (Redis in production, shared by every
worker) under the current *content version* — the page cache's generation (newsroom/cache.py),
moved by the same signals — the language and the local date:

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

from django.conf import settings
from django.core.signals import request_started
from django.db import DatabaseError, InterfaceError
from django.utils import timezone

from . import cache as page_cache
from . import languages

PREFIX = "newsroom:memo:"

# The generation read once per request (a request_started receiver forgets it), not per figure.
_version = contextvars.ContextVar("newsroom_memo_version", default=None)


def version():
    """The content generation of newsroom/cache.py: its signals move it on every change."""
    current = _version.get()
    if current is None:
        current = page_cache.current_generation()
        _version.set(current)
    return current


def bump():
    """A new content version: every remembered figure (and cached page) is computed again."""
    page_cache.bump()


def _forget_request_version(**kwargs):
    _version.set(None)


def connect_signals():
    """The content signals are newsroom/cache.py's. The generation is read afresh by each
    request and after each change this process makes."""
    request_started.connect(_forget_request_version, dispatch_uid="newsroom-memo-request")
    if _forget_request_version not in page_cache.bump_listeners:
        page_cache.bump_listeners.append(_forget_request_version)


# --- Remembering ----------------------------------------------------------------------------------


def key(name, *parts):
    """The cache key of a figure: version, date, language, name and parts (hashed: any length)."""
    raw = "\x1f".join(
        str(part) for part in (version(), timezone.localdate(), languages.current(), name, *parts)
    )
    return PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def remember(name, compute, *parts):
    """compute(), or the value it gave under this content version, language and date.

    A cache that fails (Redis down) costs the computation, never the page: as the page cache
    does, it is left alone for a while (newsroom/cache.py).
    """
    if not page_cache._available():
        return compute()
    cache = page_cache._cache()
    moment = timezone.now()  # the site's clock: the scheduled times are compared with it
    now = moment.timestamp()
    try:
        entry_key = key(name, *parts)
        entry = cache.get(entry_key)
        if entry is not None and now < entry[1]:
            return entry[0]
        # Until the next scheduled publication or expiry, or local midnight, whichever is first.
        horizon = page_cache.changes_by_itself_at(version(), moment)
    except (DatabaseError, InterfaceError):  # the database's, not the cache's
        raise
    except Exception as exc:  # noqa: BLE001 - any cache failure: compute without it
        page_cache._failed(exc, "reading a remembered figure")
        return compute()
    value = compute()
    valid_until = min(horizon, now + settings.NEWSROOM_MEMO_TIMEOUT)
    if valid_until > now:
        try:
            cache.set(entry_key, (value, valid_until), timeout=max(1, int(valid_until - now) + 1))
        except Exception as exc:  # noqa: BLE001
            page_cache._failed(exc, "remembering a figure")
    return value
