"""Access control, tried: every admin address against every kind of account, every unpublished
item against every public surface, and the forged requests of a low-privilege author.

The rows are built once for the module (`world`) inside a transaction rolled back at its end; each
test runs in its own savepoint, so what a test changes is gone before the next one.
"""

import datetime
import re
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom import cache as page_cache
from newsroom import preview, revisions, roles
from newsroom.models import (
    Article,
    AuditEvent,
    Authorship,
    Event,
    LegacyRecord,
    Tag,
)
from newsroom.roles import ADMINISTRATOR, AUTHOR, EDITOR

from .factories import (
    article_admin_data,
    formset_management,
    kept_for_the_module,
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
DAY = datetime.timedelta(days=1)

ANONYMOUS, NO_ROLE, DEACTIVATED = "anonymous", "staff without a role", "deactivated"
ACCOUNTS = [ANONYMOUS, NO_ROLE, AUTHOR, EDITOR, ADMINISTRATOR, DEACTIVATED]

# The states in which an article or event is not public, as the publication fields make them.
HIDDEN_STATES = {
    "draft": lambda at: {"status": "draft", "published_at": at},
    "review": lambda at: {"status": "review", "published_at": at},
    "scheduled": lambda at: {"status": "published", "published_at": timezone.now() + 30 * DAY},
    "unpublished": lambda at: {"status": "unpublished", "published_at": at},
    "archived": lambda at: {"status": "archived", "published_at": at},
    "expired": lambda at: {
        "status": "published",
        "published_at": at,
        "expires_at": timezone.now() - datetime.timedelta(hours=1),
    },
}
KINDS = ["article", "event"]
# A word only the hidden items contain: it must never reach a public page.
SECRET = "Zanzibarite"
COLLEAGUE_SECRET = "Quokkagram"


# --- The world, once per module ----------------------------------------------------------------


def _account(username, role=None, **extra):
    user = User.objects.create_user(username, f"{username}@example.org", "pw-access-12345", **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def _revision_id(obj):
    record = obj.history.order_by("-history_date", "-history_id").first()
    if record is None:
        record = revisions.record_revision(obj, history_type="+")
    return record.history_id


def build_world():
    # What `make run` and the production stack do after migrating (the migration that makes the
    # roles runs before django-otp's tables exist, so it cannot grant their permissions).
    roles.sync_roles()
    now = timezone.now()
    w = {"now": now}
    w["users"] = {
        NO_ROLE: _account("norole", is_staff=True),
        AUTHOR: _account("author", AUTHOR, is_staff=True),
        EDITOR: _account("editor", EDITOR, is_staff=True),
        ADMINISTRATOR: _account("administrator", ADMINISTRATOR, is_staff=True),
        DEACTIVATED: _account("gone", EDITOR, is_staff=True, is_active=False),
    }
    w["colleague"] = _account("colleague", AUTHOR, is_staff=True)
    editor = w["users"][EDITOR]

    # What the public may see: the controls every surface must still show.
    shared = Tag.objects.create(name="Precursors", slug="precursors")
    secret_tag = Tag.objects.create(name="Hidden only", slug="hidden-only")
    org = make_organisation(name="Shared Agency", slug="shared-agency", country="KZ", kind="other")
    remote = make_organisation(
        name="Remote Ministry", slug="remote-ministry", country="TM", kind="government"
    )
    person = make_participant(full_name="Aida Sharedperson", slug="aida-sharedperson")
    control_at = now - 2 * DAY
    w["control_at"] = control_at
    article = make_article(
        title="Public precursor seizure",
        slug="public-precursor-seizure",
        published_at=control_at,
        tags=[shared],
        authors=[person],
        created_by=editor,
    )
    article.organisations.add(org)
    past_event = make_event(
        title="Public precursor workshop",
        slug="public-precursor-workshop",
        starts_on=timezone.localdate() - 5 * DAY,
        country="KZ",
        tags=[shared],
    )
    upcoming_event = make_event(
        title="Public precursor conference",
        slug="public-precursor-conference",
        starts_on=timezone.localdate() + 5 * DAY,
        country="KZ",
        tags=[shared],
    )
    for event in (past_event, upcoming_event):
        event.organisations.add(org)
        make_participation(event, person)
    article.events.add(past_event)
    w.update(article=article, event=past_event, upcoming=upcoming_event)
    w.update(tag=shared, secret_tag=secret_tag, org=org, remote=remote, person=person)

    # What the public must never see: each kind in each hidden state, tied to everything public.
    w["hidden"] = {}
    for state, fields in HIDDEN_STATES.items():
        hidden_article = make_article(
            title=f"{SECRET} precursor {state} article",
            slug=f"hidden-article-{state}",
            lead=f"{SECRET} lead.",
            tags=[shared, secret_tag],
            authors=[person],
            created_by=editor,
            **fields(control_at - datetime.timedelta(minutes=5)),
        )
        hidden_article.organisations.add(org, remote)
        hidden_article.events.add(past_event)
        starts_on = timezone.localdate() + (7 if state in ("draft", "scheduled") else -7) * DAY
        hidden_event = make_event(
            title=f"{SECRET} precursor {state} event",
            slug=f"hidden-event-{state}",
            starts_on=starts_on,
            country="TM",
            tags=[shared, secret_tag],
            **fields(control_at - datetime.timedelta(minutes=5)),
        )
        hidden_event.organisations.add(org, remote)
        hidden_event.hosts.add(remote)
        make_participation(hidden_event, person)
        article.events.add(hidden_event)
        w["hidden"][("article", state)] = hidden_article
        w["hidden"][("event", state)] = hidden_event
    # A year in which nothing is public: no archive year, no previous/next link may point at it.
    lonely = datetime.datetime(2011, 5, 10, 12, tzinfo=datetime.UTC)
    for state in ("draft", "unpublished", "archived"):
        w["hidden"][("old article", state)] = make_article(
            title=f"{SECRET} old {state} article",
            slug=f"hidden-old-article-{state}",
            tags=[shared],
            created_by=editor,
            **HIDDEN_STATES[state](lonely),
        )

    # A colleague's unpublished pieces: what the Author must not reach in the admin.
    w["colleague_draft"] = make_article(
        title=f"{COLLEAGUE_SECRET} colleague draft",
        slug="colleague-draft",
        status="draft",
        published_at=None,
        created_by=w["colleague"],
        tags=[shared],
    )
    w["colleague_review"] = make_article(
        title=f"{COLLEAGUE_SECRET} colleague review",
        slug="colleague-review",
        status="review",
        published_at=None,
        created_by=w["colleague"],
    )
    w["own_draft"] = make_article(
        title="The authors own draft",
        slug="own-draft",
        status="draft",
        published_at=None,
        created_by=w["users"][AUTHOR],
    )
    w["draft_event"] = w["hidden"][("event", "draft")]

    # One object of every model the admin manages, for its object addresses.
    w["legacy"] = LegacyRecord.objects.create(
        article=article, key="old-1", old_url="https://old.example.org/1", imported_at=now
    )
    w["audit"] = AuditEvent.objects.create(action=AuditEvent.Action.PUBLISH, actor_name="editor")
    target = _account("target", AUTHOR, is_staff=True)
    w["target"] = target
    w["totp"] = TOTPDevice.objects.create(user=target, name="phone", confirmed=True)
    w["static"] = StaticDevice.objects.create(user=target, name="codes", confirmed=True)
    attempt = {"user_agent": "x", "ip_address": "10.0.0.1", "username": "x", "path_info": "/"}
    w["attempt"] = AccessAttempt.objects.create(
        **attempt, get_data="", post_data="", http_accept="", failures_since_start=1
    )
    w["accesslog"] = AccessLog.objects.create(**attempt, http_accept="")
    w["failurelog"] = AccessFailureLog.objects.create(**attempt, http_accept="", locked_out=False)
    w["link"] = preview.create_link(article, editor, DAY)
    w["colleague_link"] = preview.create_link(w["colleague_draft"], editor, DAY)
    w["objects"] = {
        Article: article,
        Event: past_event,
        type(org): org,
        type(person): person,
        Tag: shared,
        LegacyRecord: w["legacy"],
        User: target,
        Group: Group.objects.get(name=AUTHOR),
        AuditEvent: w["audit"],
        AccessAttempt: w["attempt"],
        AccessLog: w["accesslog"],
        AccessFailureLog: w["failurelog"],
        TOTPDevice: w["totp"],
        StaticDevice: w["static"],
    }
    w["revision_ids"] = {
        model: _revision_id(obj)
        for model, obj in w["objects"].items()
        if revisions.has_history(model)
    }
    w["colleague_revision"] = _revision_id(w["colleague_draft"])
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker, build_world) as built:
        yield built


def client_for(world, account):
    client = Client()
    if account != ANONYMOUS:
        user = world["users"][account]
        client.force_login(user)
        client.user = user
    return client


@pytest.fixture
def as_author(world):
    return client_for(world, AUTHOR)


@pytest.fixture
def as_editor(world):
    return client_for(world, EDITOR)


def body(response):
    return b"".join(response).decode() if response.streaming else response.content.decode()


# --- 1. Every admin address x every kind of account ---------------------------------------------

A, E, D = AUTHOR, EDITOR, ADMINISTRATOR
ALL = {A, E, D}
# The policy, model by model: which roles may view (list, open, history), add and delete. Change
# pages open read-only for those who may only view. roles.py grants it; this table checks it.
MODEL_POLICY = {
    #                            view        add        delete
    "newsroom.article": (ALL, ALL, {E, D}),
    "newsroom.event": (ALL, {E, D}, {E, D}),
    "newsroom.organisation": (ALL, {E, D}, {E, D}),
    "newsroom.participant": (ALL, {E, D}, {E, D}),
    "newsroom.tag": (ALL, ALL, {E, D}),
    "newsroom.legacyrecord": ({E, D}, set(), set()),  # made by import_legacy only
    "newsroom.auditevent": ({D}, set(), set()),  # the audit trail is read-only
    "auth.user": ({D}, {D}, set()),  # accounts are deactivated, never deleted
    "auth.group": ({D}, set(), set()),  # the roles are kept by sync_roles
    "axes.accessattempt": ({D}, set(), {D}),  # unlocking is deleting the attempt
    "axes.accesslog": ({D}, set(), set()),
    "axes.accessfailurelog": (set(), set(), set()),
    "otp_totp.totpdevice": ({D}, set(), {D}),  # resetting a colleague's second factor
    "otp_static.staticdevice": ({D}, set(), {D}),
}
# Apps whose index page a role reaches (it may view something in them); others are a 404.
APP_POLICY = {
    "newsroom": ALL,
    "auth": {D},
    "axes": {D},
    "otp_totp": {D},
    "otp_static": {D},
}
OK, FORBIDDEN, NOT_FOUND = HTTPStatus.OK, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND
FOUND, NOT_ALLOWED = HTTPStatus.FOUND, HTTPStatus.METHOD_NOT_ALLOWED
TO_LOGIN, TO_INDEX, TO_TWO_FACTOR = "login", "index", "two-factor"


def _may(role, roles_allowed):
    return OK if role in roles_allowed else FORBIDDEN


def admin_addresses(world):
    """{url name: (address, {role: expected answer to a GET by a signed-in member})} for every
    named address of the admin site, its model admins and the newsroom's pages under its prefix."""
    table = {}
    site_rows = {
        "index": (reverse("admin:index"), dict.fromkeys(ALL, OK)),
        # Signed in already: the sign-in page sends them on to the index.
        "login": (reverse("admin:login"), dict.fromkeys(ALL, TO_INDEX)),
        "logout": (reverse("admin:logout"), dict.fromkeys(ALL, NOT_ALLOWED)),  # a POST only
        "password_change": (reverse("admin:password_change"), dict.fromkeys(ALL, OK)),
        "password_change_done": (reverse("admin:password_change_done"), dict.fromkeys(ALL, OK)),
        "jsi18n": (reverse("admin:jsi18n"), dict.fromkeys(ALL, OK)),
        # Without a source field it is refused; with one, see the tests further down.
        "autocomplete": (reverse("admin:autocomplete"), dict.fromkeys(ALL, FORBIDDEN)),
        # A published article's public page: only for those who may view articles.
        "view_on_site": (
            reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Article).pk, world["article"].pk],
            ),
            dict.fromkeys(ALL, FOUND),
        ),
        "translations_report": (reverse("translations_report"), dict.fromkeys(ALL, OK)),
        "security:two_factor": (reverse("security:two_factor"), dict.fromkeys(ALL, OK)),
        # How long the member's own session has left (the admin's session warning).
        "security:session_status": (reverse("security:session_status"), dict.fromkeys(ALL, OK)),
        # Recovery codes need a session verified with the second factor first.
        "security:recovery_codes": (
            reverse("security:recovery_codes"),
            dict.fromkeys(ALL, TO_TWO_FACTOR),
        ),
    }
    table.update(site_rows)
    for app_label, allowed in APP_POLICY.items():
        table[f"app_list:{app_label}"] = (
            reverse("admin:app_list", kwargs={"app_label": app_label}),
            {role: OK if role in allowed else NOT_FOUND for role in ALL},
        )
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        view, add, delete = MODEL_POLICY[opts.label_lower]
        obj = world["objects"][model]
        prefix = f"{opts.app_label}_{opts.model_name}"
        history_id = world["revision_ids"].get(model)
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or pattern.name is None:
                continue  # the catch-all redirect to the change page
            kind = pattern.name.removeprefix(f"{prefix}_")
            args = {
                "changelist": [],
                "add": [],
                "change": [obj.pk],
                "delete": [obj.pk],
                "history": [obj.pk],
                "revision": [obj.pk, history_id],
                "simple_history": [obj.pk, history_id],
                "preview_links": [obj.pk],
                "preview_link_revoke": [obj.pk, world["link"].pk],
                "password_change": [obj.pk],
                "config": [obj.pk],
                "qrcode": [obj.pk],
            }[kind]
            expected = {
                "changelist": {r: _may(r, view) for r in ALL},
                "add": {r: _may(r, add) for r in ALL},
                "change": {r: _may(r, view) for r in ALL},
                "delete": {r: _may(r, delete) for r in ALL},
                "history": {r: _may(r, view) for r in ALL},
                "revision": {r: _may(r, view) for r in ALL},
                "simple_history": {r: _may(r, view) for r in ALL},
                "preview_links": {r: _may(r, view) for r in ALL},
                # A POST only, whoever asks (who may revoke: tests/test_preview.py).
                "preview_link_revoke": dict.fromkeys(ALL, NOT_ALLOWED),
                "password_change": {r: _may(r, {D}) for r in ALL},
                # The authenticator's secret is never shown, not even to an Administrator.
                "config": dict.fromkeys(ALL, FORBIDDEN),
                "qrcode": dict.fromkeys(ALL, FORBIDDEN),
            }[kind]
            table[pattern.name] = (reverse(f"admin:{pattern.name}", args=args), expected)
    return table


def outcome(response):
    """What a GET came to: a status, or where a redirect goes (login, index, two-factor)."""
    if response.status_code != HTTPStatus.FOUND:
        return response.status_code
    location = urlsplit(response["Location"]).path
    if location == reverse("admin:login"):
        return TO_LOGIN
    if location == reverse("admin:index"):
        return TO_INDEX
    if location == reverse("security:two_factor"):
        return TO_TWO_FACTOR
    return FOUND


def test_every_admin_address_has_a_policy(world):
    names = {
        pattern.name
        for pattern in admin.site.get_urls()
        if isinstance(pattern, URLPattern) and pattern.name
    }
    for model_admin in admin.site._registry.values():
        names |= {p.name for p in model_admin.get_urls() if isinstance(p, URLPattern) and p.name}
    table = admin_addresses(world)
    assert set(MODEL_POLICY) == {m._meta.label_lower for m in admin.site._registry}
    assert names - {"app_list"} <= set(table)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_admin_address_matrix(world, account):
    client = client_for(world, account)
    wrong = []
    for name, (address, by_role) in admin_addresses(world).items():
        if account in (ANONYMOUS, DEACTIVATED):
            # Nobody signed in: everything asks for the sign-in first (which itself opens).
            expected = OK if name == "login" else TO_LOGIN
            if name == "logout":
                expected = TO_INDEX  # django's admin: nothing to sign out of
        elif account == NO_ROLE:
            # Staff without a role: the index (saying there is nothing for them), their own
            # password and second factor; no model page and no app page.
            expected = {
                "index": OK,
                "login": TO_INDEX,
                "logout": NOT_ALLOWED,
                "password_change": OK,
                "password_change_done": OK,
                "jsi18n": OK,
                "autocomplete": FORBIDDEN,
                "view_on_site": NOT_FOUND,
                "translations_report": OK,
                "security:two_factor": OK,
                "security:session_status": OK,
                "security:recovery_codes": TO_TWO_FACTOR,
            }.get(name, NOT_FOUND if name.startswith("app_list:") else FORBIDDEN)
            if name.endswith("_preview_link_revoke"):
                expected = NOT_ALLOWED
            if name.endswith(("_config", "_qrcode")):
                expected = FORBIDDEN
        else:
            expected = by_role[account]
        got = outcome(client.get(address))
        if got != expected:
            wrong.append(f"{name} {address}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_no_admin_address_escapes_the_second_factor(world, settings):
    """With two-factor required, an Editor who has not confirmed a device reaches no admin page
    but the two-factor page itself (and signing in and out)."""
    settings.REQUIRE_2FA = True
    client = client_for(world, EDITOR)
    exempt = {"security:two_factor", "login", "logout"}
    wrong = []
    for name, (address, _expected) in admin_addresses(world).items():
        if name in exempt:
            continue
        got = outcome(client.get(address))
        if got != TO_TWO_FACTOR:
            wrong.append(f"{name} {address}: {got}")
    assert not wrong, "\n".join(wrong)


def test_unknown_admin_addresses_ask_anonymous_visitors_to_sign_in(world):
    response = Client().get("/admin/newsroom/nothing-here/")
    assert outcome(response) == TO_LOGIN


# --- 2. Unpublished items never reach the public --------------------------------------------------

NONCE = re.compile(r'(nonce|csrfmiddlewaretoken|value)="[^"]*"')
STAMP = re.compile(r"^DTSTAMP:.*$", re.MULTILINE)


def normalised(text):
    return STAMP.sub("DTSTAMP:", NONCE.sub(r'\1=""', text))


def _ym(world):
    return world["control_at"].year, world["control_at"].month


# {surface: world -> (address, text a public control shows there, or None)}
PUBLIC_SURFACES = {
    "home": lambda w: ("/", w["article"].title),
    "home (ru)": lambda w: ("/ru/", None),
    "news list": lambda w: ("/news/", w["article"].title),
    "news list by tag": lambda w: ("/news/?tag=precursors", w["article"].title),
    "news list by organisation": lambda w: (
        f"/news/?organisation={w['org'].slug}",
        w["article"].title,
    ),
    "news list, searched": lambda w: (f"/news/?q={SECRET}", None),
    "news list (ru)": lambda w: ("/ru/news/", None),
    "archive year": lambda w: ("/news/{}/".format(*_ym(w)), w["article"].title),
    "archive month": lambda w: ("/news/{}/{}/".format(*_ym(w)), w["article"].title),
    "archive of a hidden-only year": lambda w: ("/news/2011/", None),
    "archive of a scheduled-only year": lambda w: (f"/news/{_ym(w)[0] + 1}/", None),
    "rss": lambda w: ("/news/feed/rss/", w["article"].title),
    "atom": lambda w: ("/news/feed/atom/", w["article"].title),
    "section rss": lambda w: ("/news/section/news/feed/rss/", w["article"].title),
    "section atom": lambda w: ("/news/section/news/feed/atom/", w["article"].title),
    "tag list": lambda w: ("/tags/", "Precursors"),
    "tag page": lambda w: ("/tags/precursors/", w["article"].title),
    "tag rss": lambda w: ("/tags/precursors/feed/rss/", w["article"].title),
    "tag atom": lambda w: ("/tags/precursors/feed/atom/", w["article"].title),
    "tag of hidden items only": lambda w: ("/tags/hidden-only/", None),
    "feed of that tag": lambda w: ("/tags/hidden-only/feed/rss/", None),
    "article page (related, OpenGraph, JSON-LD)": lambda w: (
        w["article"].get_absolute_url(),
        w["article"].title,
    ),
    "event list": lambda w: ("/events/", w["upcoming"].title),
    "past events": lambda w: ("/events/?when=past", w["event"].title),
    "events, searched": lambda w: (f"/events/?q={SECRET}", None),
    "event page (related articles)": lambda w: (
        w["event"].get_absolute_url(),
        w["article"].title,
    ),
    "calendar": lambda w: ("/events/calendar.ics", w["upcoming"].title),
    "event .ics": lambda w: (f"/events/{w['event'].slug}.ics", w["event"].title),
    "organisation list": lambda w: ("/organisations/", w["org"].name),
    "organisation page": lambda w: (w["org"].get_absolute_url(), w["article"].title),
    "organisation timeline": lambda w: (f"{w['org'].get_absolute_url()}timeline/", None),
    "organisation of hidden items only": lambda w: (w["remote"].get_absolute_url(), None),
    "country list": lambda w: ("/countries/", "Turkmenistan"),
    "country of hidden events": lambda w: ("/countries/turkmenistan/", w["remote"].name),
    "country of public events": lambda w: ("/countries/kazakhstan/", w["event"].title),
    "people": lambda w: ("/people/", w["person"].full_name),
    "person page": lambda w: (w["person"].get_absolute_url(), w["article"].title),
    "search": lambda w: (f"/search/?q={SECRET}", None),
    "search with public results": lambda w: ("/search/?q=precursor", w["article"].title),
    "sitemap index": lambda w: ("/sitemap.xml", None),
}


def sitemap_sections():
    from newsroom.sitemaps import SITEMAPS

    return [f"/sitemap-{name}.xml" for name in SITEMAPS]


def _hidden_items(world):
    return [*world["hidden"].values(), world["colleague_draft"], world["colleague_review"]]


def _secrets_in(text, world):
    """The hidden items named in `text`, by title or address (a search page repeats the word
    searched for, so the word alone says nothing)."""
    found = []
    for item in _hidden_items(world):
        if item.title in text or f"/{item.slug}/" in text or f"/{item.slug}." in text:
            found.append(item.slug)
    return found


def _public_pages(client, address):
    response = client.get(address)
    return response.status_code, normalised(body(response))


@pytest.mark.parametrize("surface", [*PUBLIC_SURFACES, *sitemap_sections()])
def test_unpublished_items_change_nothing_the_public_sees(world, surface):
    """Each public surface answers exactly as it would if the unpublished items did not exist
    (lists, counts, tags, feeds, calendars, archives and their previous/next links, related
    items, structured data), and names none of them."""
    if surface in PUBLIC_SURFACES:
        address, control = PUBLIC_SURFACES[surface](world)
    else:
        address, control = surface, None
    client = Client()
    status, text = _public_pages(client, address)
    leaks = _secrets_in(text, world)
    assert not leaks, (address, leaks)
    if control is not None:
        assert status == HTTPStatus.OK
        assert control in text
    hidden = _hidden_items(world)
    Article.objects.filter(pk__in=[i.pk for i in hidden if isinstance(i, Article)]).delete()
    Event.objects.filter(pk__in=[i.pk for i in hidden if isinstance(i, Event)]).delete()
    cache.clear()
    page_cache.reset()
    again_status, again = _public_pages(client, address)
    assert again_status == status
    assert again.splitlines() == text.splitlines()


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("kind", KINDS)
def test_an_unpublished_item_is_not_found_by_the_public_or_by_staff_who_may_not_publish(
    world, kind, state
):
    item = world["hidden"][(kind, state)]
    address = item.get_absolute_url()  # before a request to /ru/ makes Russian current
    addresses = [address, f"/ru{address}"]
    if kind == "event":
        addresses.append(f"/events/{item.slug}.ics")
    for account in (ANONYMOUS, NO_ROLE, AUTHOR, DEACTIVATED):
        client = client_for(world, account)
        for tried in addresses:
            assert client.get(tried).status_code == HTTPStatus.NOT_FOUND, (account, tried)
    # Those who may publish it see it, marked as a preview and kept out of caches and indexes.
    page = client_for(world, EDITOR).get(address)
    assert page.status_code == HTTPStatus.OK
    assert "noindex" in page["X-Robots-Tag"]
    assert "no-store" in page["Cache-Control"]


def test_an_author_sees_their_own_draft_on_the_site_but_not_a_colleagues(world, as_author):
    assert as_author.get(world["own_draft"].get_absolute_url()).status_code == HTTPStatus.OK
    for draft in (world["colleague_draft"], world["colleague_review"]):
        assert as_author.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_colleagues_preview_link_still_opens_for_whoever_holds_it(world, as_author):
    """The signed link is the credential, whoever is signed in; forged and expired links are
    tried in tests/test_preview.py."""
    address = preview.preview_url(world["colleague_link"])
    for client in (Client(), as_author):
        response = client.get(address)
        assert response.status_code == HTTPStatus.OK
        assert COLLEAGUE_SECRET in body(response)
    signature = address.rstrip("/").rsplit(":", 1)[-1]
    forged = address.replace(signature, "forged")
    assert Client().get(forged).status_code == HTTPStatus.NOT_FOUND


# --- 3. A colleague's drafts, from an Author's account -------------------------------------------


def admin_url(obj, kind="change", *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{kind}", args=[obj.pk, *args])


def changelist(model=Article):
    return reverse(f"admin:newsroom_{model._meta.model_name}_changelist")


@pytest.mark.parametrize(
    "query",
    [{}, {"q": COLLEAGUE_SECRET}, {"status__exact": "draft"}, {"queue": "mine"}, {"all": ""}],
    ids=["all", "search", "drafts", "mine", "all-param"],
)
def test_the_author_changelist_shows_own_and_public_articles_only(
    world, as_author, as_editor, query
):
    page = body(as_author.get(changelist(), query))
    assert world["colleague_draft"].title not in page
    assert world["colleague_review"].title not in page
    if not query or "status__exact" in query or "queue" in query:
        assert world["own_draft"].title in page
    # Those who may publish see every draft: the test can tell.
    if "q" in query:
        assert world["colleague_draft"].title in body(as_editor.get(changelist(), query))


@pytest.mark.parametrize(
    "kind",
    ["change", "history", "revision", "compare", "restore", "delete", "preview_links", "site"],
)
@pytest.mark.parametrize("draft", ["colleague_draft", "colleague_review"])
def test_an_author_cannot_open_a_colleagues_draft_in_the_admin(world, as_author, kind, draft):
    article = world[draft]
    revision = world["colleague_revision"] if draft == "colleague_draft" else None
    revision = revision or _revision_id(article)
    address = {
        "change": admin_url(article),
        "history": admin_url(article, "history"),
        "revision": admin_url(article, "revision", revision),
        "compare": admin_url(article, "revision", revision) + "?against=current",
        "restore": admin_url(article, "simple_history", revision),
        "delete": admin_url(article, "delete"),
        "preview_links": admin_url(article, "preview_links"),
        "site": reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Article).pk, article.pk],
        ),
    }[kind]
    response = as_author.get(address, follow=True)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)
    assert response.redirect_chain in ([], [(reverse("admin:index"), HTTPStatus.FOUND)])
    text = body(response)
    assert COLLEAGUE_SECRET not in text
    assert article.slug not in text
    # The same address shows the draft to an Editor: the test can tell.
    editor_page = client_for(world, EDITOR).get(address)
    assert editor_page.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)


def test_the_history_of_a_deleted_colleagues_draft_stays_closed(world, as_author, as_editor):
    article = world["colleague_draft"]
    history = admin_url(article, "history")
    revision = admin_url(article, "revision", world["colleague_revision"])
    Article.objects.filter(pk=article.pk).delete()
    assert as_editor.get(history).status_code == HTTPStatus.OK
    for address in (history, revision):
        response = as_author.get(address)
        assert response.status_code == HTTPStatus.FORBIDDEN, address
        assert COLLEAGUE_SECRET not in body(response)


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom", "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response.status_code, (response.json() if response.status_code == 200 else None)


# Django's autocomplete answers for any relation to a model with a searchable admin, whether or not
# a form offers it (the source model need not even be registered): every one of them is tried.
AUTOCOMPLETE_SOURCES = [
    ("article", "events", Event),
    ("eventparticipation", "event", Event),
    ("taggedevent", "content_object", Event),
    ("legacyrecord", "article", Article),
    ("previewlink", "article", Article),
    ("authorship", "article", Article),
    ("taggedarticle", "content_object", Article),
]


@pytest.mark.parametrize(
    "model_name, field_name, target",
    AUTOCOMPLETE_SOURCES,
    ids=[f"{m}.{f}" for m, f, _t in AUTOCOMPLETE_SOURCES],
)
def test_autocomplete_gives_an_author_only_public_and_own_items(
    world, as_author, as_editor, model_name, field_name, target
):
    hidden = [i for i in _hidden_items(world) if isinstance(i, target)]
    public = world["article"] if target is Article else world["event"]
    status, data = autocomplete(as_author, model_name, field_name, "precursor")
    assert status == HTTPStatus.OK
    ids = {row["id"] for row in data["results"]}
    assert str(public.pk) in ids
    assert not ids & {str(item.pk) for item in hidden}
    for word in (SECRET, COLLEAGUE_SECRET):
        _status, data = autocomplete(as_author, model_name, field_name, word)
        assert data["results"] == []
    # An editor finds the unpublished ones: the test can tell.
    _status, data = autocomplete(as_editor, model_name, field_name, SECRET)
    assert data["results"]


def test_the_translations_report_shows_an_author_no_colleagues_draft(world, as_author, as_editor):
    stale = {"original_language": "en", "en_changed_at": timezone.now()}
    stale["ru_changed_at"] = stale["en_changed_at"] - DAY
    Article.objects.filter(pk=world["colleague_draft"].pk).update(**stale)
    address = reverse("translations_report")
    assert COLLEAGUE_SECRET in body(as_editor.get(address))
    assert COLLEAGUE_SECRET not in body(as_author.get(address))


# --- 4. Forged requests from an Author's account -------------------------------------------------


LATER = {"published_at_0": "2030-01-01", "published_at_1": "10:00:00"}
EARLIER = {"published_at_0": "2020-01-01", "published_at_1": "10:00:00"}


def _state(article):
    article.refresh_from_db()
    return article.status, article.published_at, article.title_en


@pytest.mark.parametrize(
    "target, extra",
    [
        ("own_draft", {"status": "published"}),
        ("own_draft", {"status": "published", **EARLIER}),
        ("own_draft", {"status": "draft", **EARLIER}),
        ("own_draft", {"status": "published", "_saveasnew": "1"}),
        ("colleague_draft", {"status": "published"}),
        ("colleague_draft", {"status": "draft", "title_en": "Taken over"}),
        ("colleague_draft", {"status": "published", "_saveasnew": "1", "slug_en": "copy"}),
        ("article", {"status": "unpublished"}),
        ("article", {"status": "published", "title_en": "Defaced"}),
    ],
    ids=[
        "own-publish",
        "own-publish-backdated",
        "own-backdate",
        "own-save-as-new-published",
        "colleague-publish",
        "colleague-edit",
        "colleague-save-as-new-published",
        "published-takedown",
        "published-edit",
    ],
)
def test_forged_change_form_posts_publish_nothing(world, as_author, target, extra):
    article = world[target]
    before = _state(article)
    count = Article.objects.published().count()
    as_author.post(admin_url(article), article_admin_data(article, **extra))
    assert _state(article) == before
    assert Article.objects.published().count() == count
    assert not Article.objects.filter(status="published", created_by=as_author.user).exists()


def test_forged_add_form_posts_publish_nothing(as_author):
    for extra in ({"status": "published"}, {"status": "draft", **LATER}, {"status": "archived"}):
        as_author.post(reverse("admin:newsroom_article_add"), article_admin_data(**extra))
        created = Article.objects.filter(slug_en="a-new-piece").first()
        assert created is None or (created.status == "draft" and created.published_at is None)
        Article.objects.filter(slug_en="a-new-piece").delete()
    # The same form with the status an author may give is accepted: the test can tell.
    response = as_author.post(reverse("admin:newsroom_article_add"), article_admin_data())
    assert response.status_code == HTTPStatus.FOUND
    assert Article.objects.get(slug_en="a-new-piece").status == "draft"


@pytest.mark.parametrize("client_role, publishes", [(AUTHOR, False), (EDITOR, True)])
def test_forged_list_editable_posts_change_nothing(world, client_role, publishes):
    """The list has no editable columns: a forged changelist form is ignored, for everyone."""
    client = client_for(world, client_role)
    targets = [world["own_draft"], world["colleague_draft"]]
    data = {"_save": "Save", **formset_management("form", len(targets), len(targets))}
    for i, article in enumerate(targets):
        data |= {f"form-{i}-id": article.pk, f"form-{i}-status": "published", **{
            f"form-{i}-{k}": v for k, v in LATER.items()}}  # fmt: skip
    before = [_state(a) for a in targets]
    client.post(changelist(), data)
    assert [_state(a) for a in targets] == before


BULK_ACTIONS = {
    # action: (the status it gives, the target an Editor's forged request does move)
    "publish": ("published", "colleague review"),
    "unpublish": ("unpublished", "public"),
    "archive": ("archived", "public"),
    "submit_for_review": ("review", "colleague"),
    "return_to_draft": ("draft", "colleague review"),
    "delete_selected": (None, "colleague"),
}


@pytest.mark.parametrize("action", BULK_ACTIONS)
@pytest.mark.parametrize("client_role", [AUTHOR, EDITOR])
def test_forged_bulk_actions(world, client_role, action):
    """An Author's forged actions move nothing but their own draft into review, whatever ids
    they name; an Editor's go through (the control)."""
    client = client_for(world, client_role)
    status, editor_moves = BULK_ACTIONS[action]
    targets = {
        "own": world["own_draft"],
        "colleague": world["colleague_draft"],
        "colleague review": world["colleague_review"],
        "public": world["article"],
    }
    if action == "delete_selected":
        # The public one has an old-site record, which no role may delete: Django would then
        # refuse the whole deletion, and the control would prove nothing.
        del targets["public"]
    before = {name: _state(a) for name, a in targets.items()}
    data = {"action": action, "_selected_action": [a.pk for a in targets.values()], "index": "0"}
    if action == "delete_selected":
        data["post"] = "yes"
    client.post(changelist(), data)
    for name, article in targets.items():
        if client_role == AUTHOR:
            if action == "submit_for_review" and name == "own":
                assert _state(article)[0] == "review"
            else:
                assert _state(article) == before[name], name
        elif name == editor_moves:
            if status is None:
                assert not Article.objects.filter(pk=article.pk).exists()
            else:
                assert _state(article)[0] == status


@pytest.mark.parametrize("action", ["publish", "unpublish", "archive", "delete_selected"])
def test_an_author_cannot_move_events_by_a_forged_action(world, as_author, action):
    event = world["draft_event"]
    public = world["event"]
    data = {
        "action": action,
        "_selected_action": [event.pk, public.pk],
        "index": "0",
        "post": "yes",
    }
    as_author.post(changelist(Event), data)
    event.refresh_from_db()
    public.refresh_from_db()
    assert (event.status, public.status) == ("draft", "published")


def test_forged_inline_rows_touch_no_colleagues_article(world, as_author):
    person = world["person"]
    colleague = world["colleague_draft"]
    inline = {
        **formset_management("authorships", 1),
        "authorships-0-participant": person.pk,
        "authorships-0-byline": "Forged",
        "authorships-0-sort_order": "0",
    }
    # Straight to the colleague's article: refused.
    response = as_author.post(admin_url(colleague), article_admin_data(colleague, **inline))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    # Through the author's own draft, naming the colleague's article as the row's parent.
    own = world["own_draft"]
    as_author.post(
        admin_url(own),
        article_admin_data(own, **inline, **{"authorships-0-article": colleague.pk}),
    )
    assert not Authorship.objects.filter(article=colleague).exists()
    # With an inline row, the status still cannot move to published.
    as_author.post(admin_url(own), article_admin_data(own, **inline, status="published"))
    assert _state(own)[0] == "draft"


def test_forged_event_inline_and_form_posts_are_refused(world, as_author):
    event = world["draft_event"]
    data = {
        "title_en": "Taken over",
        "slug": event.slug,
        "kind": event.kind,
        "format": event.format,
        "starts_on": "2030-01-01",
        "status": "published",
        **formset_management("participations", 1),
        "participations-0-participant": world["person"].pk,
        "participations-0-role": "speaker",
    }
    participations = event.participations.count()
    title = event.title_en
    response = as_author.post(admin_url(event), data)
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    event.refresh_from_db()
    assert (event.status, event.title_en) == ("draft", title)
    assert event.participations.count() == participations


def test_restoring_a_revision_of_a_colleagues_draft_is_refused(world, as_author):
    article = world["colleague_draft"]
    address = admin_url(article, "simple_history", world["colleague_revision"])
    response = as_author.post(
        address, article_admin_data(article, status="published", _save="Restore")
    )
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND)
    assert _state(article)[0] == "draft"
