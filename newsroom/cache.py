"""The page cache: anonymous readers get rendered pages from the shared cache, never stale ones.

**What is cached.** GET and HEAD requests from readers without a session cookie (nor Django's
``messages`` cookie) whose answer is a 200 without cookies, without ``Cache-Control: private``,
``no-store`` or ``no-cache`` (the staff preview of a draft sends those) and varying on nothing
but the language: every public page, list, search, feed, calendar and sitemap. Redirects and
errors are not kept: a 404 is cheap to make, and keeping it would let anyone fill the cache with
made-up addresses. The admin, ``/accounts/``, ``/i18n/``, preview links and ``/healthz`` are never
looked up. A request carrying a session cookie is looked up only if its session holds no
signed-in user (the session is loaded for that, and only then); it never fills the cache, so
whatever a signed-in staff member sees stays theirs. Responses to staff carry
``Cache-Control: private, no-cache``.

**The key** is a SHA-256 of scheme, host, language, path and query string (parameters in key
order; repeated values keep theirs), so it has a fixed length whatever the query; a query string
longer than ``MAX_QUERY`` is not cached at all.

**Never stale.** A *generation* number lives in the shared cache (Redis in production, so every
app server reads the same one). Each entry records the generation it was rendered under and is
served only while that is still current. Saving or deleting anything a public page shows (see
``content_models()``), changing one of their many-to-many relations or tags, bumps the generation
at once and again when the transaction commits: the first bump covers readers in the same
transaction (tests), the second a reader on another server that rendered the old rows between
the first bump and the commit. The generation is read *before* a page is rendered, so a page
rendered during a change is stored under a generation that is already past. This is coarse (an
edit refreshes every page) but cannot miss a page. Writes that send no signals bump explicitly:
``generate_content``, ``make_renditions``; every ``migrate`` (a deploy) bumps too, so new
templates and static file names show at once. The admin's publish / unpublish / archive actions
move each item with ``save()`` (``workflow.move``), so they send signals.

**Time.** Some pages change with no save at all: a scheduled item appears at its publication
time, an item with an expiry time goes, and at local midnight events move from "upcoming" to
"past" and people's current positions turn over. An entry is kept ``NEWSROOM_PAGE_CACHE_TIMEOUT``
seconds at most, and never past the next such moment: the earliest future ``published_at`` /
``expires_at`` of published articles and events (two aggregate queries, remembered per
generation) or the next local midnight, whichever comes first. That moment is looked up before
rendering, so a render that straddles it is kept only until then.

**Conditional requests.** Every 200 answer to GET/HEAD gets an ``ETag`` (the body's MD5; for
staff and uncached pages too), cached pages also ``Last-Modified`` (when their render began) and
``Cache-Control: no-cache`` (a browser may keep the page but must ask again, with
``If-None-Match``), and ``If-None-Match`` / ``If-Modified-Since`` are answered with a bodiless
304 whether the page came from the cache or not. ``Last-Modified`` has one-second resolution: two
renders within one second carry the same date even if the content changed in between; the ETag,
which browsers send too and which then takes precedence, tells them apart.

**CSP nonces.** Detail pages put the request's CSP nonce in their JSON-LD block. A stored page
keeps a placeholder in its place, and every hit gets a fresh nonce in body and header, so no two
readers share one.

**No stampede.** On a miss one request per page and generation renders (a ``cache.add`` lock
that lapses after ``LOCK_TIMEOUT`` s); the others wait for its result, polling for at most
``WAIT`` s, then render themselves. Only an entry of the *current* generation whose plain TTL ran
out (no change and no scheduled moment since) is handed to them at once instead: its content is
still right.

**Cache down.** Any cache error is logged (one warning per ``RETRY_AFTER`` s) and the page is
rendered from the database; the cache is left alone for ``RETRY_AFTER`` s. A bump that failed is
made again before this process serves anything from the cache again.

``NEWSROOM_PAGE_CACHE=off`` turns lookups and storage off (the ETag and 304 stay);
``NEWSROOM_PAGE_CACHE_TIMEOUT`` sets the time-to-live in seconds.
"""

import datetime
import hashlib
import logging
import math
import re
import threading
import time
from operator import itemgetter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.csp import generate_nonce
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
PREFIX = "newsroom:page:"
GENERATION_KEY = f"{PREFIX}generation"
LOCK_TIMEOUT = 10  # seconds a render may hold its page's lock
WAIT = 2.0  # seconds a request waits for another one's render before rendering itself
POLL = 0.02
RETRY_AFTER = 5.0  # seconds the cache is left alone after an error
MAX_QUERY = 2048
NONCE_PLACEHOLDER = "\x00csp-nonce\x00"
SAFE_METHODS = ("GET", "HEAD")
COMMA = re.compile(r"\s*,\s*")
VOLATILE_HEADERS = {"etag", "content-length"}  # set anew on each hit


def _cache():
    return caches[CACHE_ALIAS]


# --- Health: a cache that fails is left alone for a while ----------------------------------------


_state = {"down_until": 0.0, "pending_bump": False}
_state_lock = threading.Lock()


def _failed(exc, doing):
    now = time.monotonic()
    with _state_lock:
        warn = now >= _state["down_until"]
        _state["down_until"] = now + RETRY_AFTER
    if warn:
        logger.warning(
            "Page cache unavailable while %s (%s: %s); pages come from the database for %.0f s.",
            doing,
            type(exc).__name__,
            exc,
            RETRY_AFTER,
        )


def _available():
    """False while the cache is resting after an error; first re-makes a bump that failed."""
    if time.monotonic() < _state["down_until"]:
        return False
    if _state["pending_bump"]:
        return bump()
    return True


def reset():
    """Forget past cache errors (tests; a change of the CACHES setting)."""
    with _state_lock:
        _state.update(down_until=0.0, pending_bump=False)


# --- The generation ------------------------------------------------------------------------------


def _new_generation():
    # Larger than any count reached before (one per change), so a generation lost with its key
    # (an eviction, a flushed Redis) is never taken up again with entries still stored under it.
    return time.time_ns()


def current_generation(cache=None):
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# Called after every bump in this process (newsroom/memo.py forgets the generation it read).
bump_listeners = []


def bump():
    """Make every cached page stale, on every app server. False if the cache could not be told."""
    for listener in bump_listeners:
        listener()
    if time.monotonic() < _state["down_until"]:
        _state["pending_bump"] = True
        return False
    try:
        cache = _cache()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet, or it was evicted: start one, then move past it
            cache.add(GENERATION_KEY, _new_generation(), timeout=None)
            cache.incr(GENERATION_KEY)
    except Exception as exc:  # noqa: BLE001 - any cache failure: remember to bump later
        _state["pending_bump"] = True
        _failed(exc, "invalidating pages")
        return False
    _state["pending_bump"] = False
    return True


def _bump_after_commit():
    bump()


def content_changed(sender=None, using=None, **kwargs):
    """Receiver: something the public pages show has changed (or is about to, on commit)."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed's pre_add / pre_remove / pre_clear
    bump()
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    if connection.in_atomic_block and not any(
        func is _bump_after_commit for _sids, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit, using=using or DEFAULT_DB_ALIAS, robust=True)


def content_models():
    """The models whose rows appear on public pages, and the tables of their many-to-many
    relations (a manager's add(), remove(), set() and clear() send m2m_changed, not post_save)."""
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
        Participant,
        Organisation,
        Tag,
        OrganisationAlias,
        ParticipantAlias,
        Position,
        EventParticipation,
        Authorship,
        TaggedArticle,
        TaggedEvent,
    )
    # m2m_changed comes from the through model: Django's own tables, taggit's TaggedArticle and
    # TaggedEvent, and Authorship / EventParticipation when a manager's add() or set() is used.
    throughs = {
        field.remote_field.through for model in models for field in model._meta.many_to_many
    }
    return models, throughs


def connect_signals():
    models, throughs = content_models()
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-del-{model}")
    for through in throughs:
        m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"page-cache-{through}")
    post_migrate.connect(_after_migrate, dispatch_uid="page-cache-migrate")
    setting_changed.connect(_setting_changed, dispatch_uid="page-cache-settings")


def _after_migrate(sender, **kwargs):
    if sender.name == "newsroom":
        bump()


def _setting_changed(setting, **kwargs):
    if setting == "CACHES":
        reset()


# --- Time: the next moment a page changes without a save -----------------------------------------


def scheduled_change(now):
    """The earliest future publication or expiry time of a published article or event."""
    from .models import Article, Event, Publishable

    moments = []
    for model in (Article, Event):
        found = model.objects.filter(status=Publishable.Status.PUBLISHED).aggregate(
            appears=Min("published_at", filter=Q(published_at__gt=now)),
            goes=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        moments += [moment for moment in found.values() if moment is not None]
    return min(moments, default=None)


def next_midnight(now):
    """Local midnight after `now`: "upcoming" events and current positions change then."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def changes_by_itself_at(generation, now, cache=None):
    """The timestamp until which pages rendered now under `generation` stay right."""
    cache = cache or _cache()
    key = f"{PREFIX}scheduled:{generation}"
    stored = cache.get(key)
    if stored is None or (stored and stored <= now.timestamp()):
        moment = scheduled_change(now)
        stored = moment.timestamp() if moment else 0  # 0: nothing scheduled
        cache.set(key, stored, timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    midnight = next_midnight(now).timestamp()
    return min(stored, midnight) if stored else midnight


# --- Requests and keys ---------------------------------------------------------------------------


def excluded_prefixes():
    """Paths never looked up: the admin, account pages, Django's i18n views, preview links and
    the load balancers' /healthz."""
    prefixes = {f"/{settings.ADMIN_URL}", "/accounts/", "/i18n/", "/healthz"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                sample = reverse("newsroom:article_preview", kwargs={"signed": "x"})
            except NoReverseMatch:
                continue
        prefixes.add(sample.removesuffix("x/"))
    return tuple(sorted(prefixes))


def is_anonymous(request):
    """A reader without a signed-in session. The session is loaded only if there is a cookie."""
    cookies = request.COOKIES
    if CookieStorage.cookie_name in cookies:  # messages waiting: this page is theirs
        return False
    if settings.SESSION_COOKIE_NAME not in cookies:
        return True
    return request.session.get(SESSION_KEY) is None


def page_key(request):
    """A fixed-length key for the page: scheme, host, language, path and (ordered) query."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(sorted(pairs, key=itemgetter(0)))
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    raw = "\n".join((request.scheme, request.get_host(), language, request.path, query))
    return PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _directives(response):
    return {
        token.split("=", 1)[0].strip().lower()
        for token in COMMA.split(response.get("Cache-Control", ""))
        if token.strip()
    }


def storable(response):
    """A public answer any anonymous reader may be given."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _directives(response) & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in COMMA.split(response.get("Vary", "")) if v.strip()}
    return vary <= {"accept-language"}


# --- Entries -------------------------------------------------------------------------------------


class Entry:
    """A stored page: its generation, how long it is right, and the response to replay."""

    __slots__ = ("generation", "fresh_until", "usable_until", "content", "headers", "nonce")

    def __init__(self, generation, fresh_until, usable_until, content, headers, nonce):
        self.generation = generation
        self.fresh_until = fresh_until  # the TTL, or a scheduled moment if sooner
        self.usable_until = usable_until  # the scheduled moment: right until then in its generation
        self.content = content
        self.headers = headers
        self.nonce = nonce

    @classmethod
    def unpack(cls, value):
        if not isinstance(value, tuple) or len(value) != len(cls.__slots__):
            return None
        return cls(*value)

    def pack(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def fresh(self, generation, now):
        return self.generation >= generation and now < self.fresh_until

    def usable(self, generation, now):
        return self.generation >= generation and now < self.usable_until

    def response(self):
        content, headers = self.content, self.headers
        if self.nonce:  # a fresh nonce for every reader
            nonce = generate_nonce()
            content = content.replace(NONCE_PLACEHOLDER.encode(), nonce.encode())
            headers = [(name, value.replace(NONCE_PLACEHOLDER, nonce)) for name, value in headers]
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(content))
        response.headers["X-Page-Cache"] = "hit"  # for operators and the benchmark
        return response


def _entry_from(request, response, generation, started, fresh_until, usable_until):
    """Stamp `response` for caching and make its entry (with the nonce taken out)."""
    patch_cache_control(response, no_cache=True)
    response.headers.setdefault("Last-Modified", http_date(int(started)))
    content = response.content
    headers = list(response.items())
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # generated, so used in the page or the header
        nonce = str(nonce)
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER.encode())
        headers = [(name, value.replace(nonce, NONCE_PLACEHOLDER)) for name, value in headers]
    etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response.headers["ETag"] = etag
    headers = [(name, value) for name, value in headers if name.lower() not in VOLATILE_HEADERS]
    headers.append(("ETag", etag))
    return Entry(generation, fresh_until, usable_until, content, headers, bool(nonce))


# --- The middleware ------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve anonymous readers from the page cache; ETag, Last-Modified and 304 for everyone.

    Sits right after the LocaleMiddleware (which sets the language the key needs): a hit skips
    CSRF, authentication, two-factor, messages and the rest, and touches no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = excluded_prefixes()

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.private_if_signed_in(request, self.get_response(request))
        if self.cacheable_request(request):
            response = self.from_cache(request)
        else:
            response = self.private_if_signed_in(request, self.get_response(request))
        return self.conditional(request, response)

    def cacheable_request(self, request):
        return (
            settings.NEWSROOM_PAGE_CACHE
            and not request.path_info.startswith(self.excluded)
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY
            and is_anonymous(request)
            and _available()
        )

    @staticmethod
    def private_if_signed_in(request, response):
        user = getattr(request, "user", None)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and user is not None
            and user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def conditional(request, response):
        if response.status_code != 200 or response.streaming:
            return response
        if "no-store" not in _directives(response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, no_cache=True)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )

    # --- hits and misses ---

    def from_cache(self, request):
        cache = _cache()
        now = timezone.now().timestamp()
        key = page_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = current_generation(cache)
            entry = Entry.unpack(found.get(key))
        except Exception as exc:  # noqa: BLE001 - the cache is down: render from the database
            _failed(exc, "reading a page")
            return self.get_response(request)
        if entry is not None and entry.fresh(generation, now):
            return entry.response()
        return self.rebuild(request, cache, key, generation, entry)

    def rebuild(self, request, cache, key, generation, entry):
        lock = f"{key}:lock:{generation}"
        try:
            mine = cache.add(lock, 1, timeout=LOCK_TIMEOUT)
        except Exception as exc:  # noqa: BLE001
            _failed(exc, "locking a page")
            return self.get_response(request)
        if not mine:
            if entry is not None and entry.usable(generation, timezone.now().timestamp()):
                return entry.response()  # only its TTL ran out: still right
            waited = self.wait_for(cache, key, lock, generation)
            if waited is not None:
                return waited.response()
        try:
            return self.render(request, cache, key, generation)
        finally:
            if mine:
                try:
                    cache.delete(lock)
                except Exception as exc:  # noqa: BLE001
                    _failed(exc, "unlocking a page")

    def wait_for(self, cache, key, lock, generation):
        """Another request renders the page: its entry, or None once it gave up or timed out."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            time.sleep(POLL)
            try:
                found = cache.get_many([key, lock])
            except Exception as exc:  # noqa: BLE001
                _failed(exc, "waiting for a page")
                return None
            entry = Entry.unpack(found.get(key))
            if entry is not None and entry.fresh(generation, timezone.now().timestamp()):
                return entry
            if lock not in found:  # finished without storing (an error, a 404 …)
                return None
        return None

    def render(self, request, cache, key, generation):
        started = timezone.now()
        try:
            changes_at = changes_by_itself_at(generation, started, cache)
        except (DatabaseError, InterfaceError):  # the database's, not the cache's
            raise
        except Exception as exc:  # noqa: BLE001
            _failed(exc, "reading the schedule")
            return self.get_response(request)
        response = self.get_response(request)
        # Only a reader without any session fills the cache; the view must not have started one.
        if (
            not storable(response)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or getattr(getattr(request, "session", None), "modified", False)
        ):
            return response
        start = started.timestamp()
        timeout = settings.NEWSROOM_PAGE_CACHE_TIMEOUT
        fresh_until = min(start + timeout, changes_at)
        usable_until = min(start + 2 * timeout, changes_at)
        entry = _entry_from(request, response, generation, start, fresh_until, usable_until)
        try:
            cache.set(key, entry.pack(), timeout=max(1, math.ceil(usable_until - start)))
        except Exception as exc:  # noqa: BLE001
            _failed(exc, "storing a page")
        return response
