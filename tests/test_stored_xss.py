"""Stored XSS, tried: every model's names and titles are script payloads, and every public and admin
page that shows them must show them as text.

The rows are built once for the module (`world`) inside a transaction rolled back at its end.
"""

import datetime
import json
import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from newsroom import audit, preview
from newsroom.models import (
    Article,
    AuditEvent,
    Event,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Tag,
)

from .factories import (
    kept_for_the_module,
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
    make_position,
)
from .test_revisions import form_data

pytestmark = pytest.mark.django_db

User = get_user_model()

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
SVG = '"><svg onload=alert(1)>'
PAYLOADS = (IMG, SCRIPT, SVG)
# All three in one value (76 characters): each context (text, attribute, JSON, XML) meets each.
PAYLOAD = IMG + SCRIPT + SVG
# How the first reads when escaped for HTML or XML: the object is on the page, as text.
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def unescaped(text):
    """The payloads that appear as markup in `text`."""
    return [payload for payload in PAYLOADS if payload in text]


# --- The world, once per module ----------------------------------------------------------------


def build_world():
    w = {}
    chief = User.objects.create_superuser(
        "chief", "chief@example.org", "pw-chief-12345", first_name=PAYLOAD, last_name=IMG
    )
    w["chief"] = chief
    tag = Tag.objects.create(name=PAYLOAD, slug="payload-tag")
    org = make_organisation(
        name=PAYLOAD,
        short_name=IMG,
        description=PAYLOAD,
        slug="payload-organisation",
        country="KZ",
        kind="government",
    )
    OrganisationAlias.objects.create(organisation=org, name=PAYLOAD)
    person = make_participant(
        full_name=PAYLOAD,
        honorific=SVG,
        family_name=SCRIPT,
        bio=PAYLOAD,
        slug="payload-person",
    )
    ParticipantAlias.objects.create(participant=person, name=PAYLOAD)
    make_position(person, title=PAYLOAD, organisation=org)
    event = make_event(
        title=PAYLOAD,
        slug="payload-event",
        summary=PAYLOAD,
        description=f"<p>{PAYLOAD}</p>",
        city=PAYLOAD,
        venue=PAYLOAD,
        country="KZ",
        starts_on=timezone.localdate() + datetime.timedelta(days=3),
        tags=[tag],
    )
    event.hosts.add(org)
    event.organisations.add(org)
    make_participation(event, person, label=PAYLOAD, presentation_title=PAYLOAD, organisation=org)
    article = make_article(
        title=PAYLOAD,
        slug="payload-article",
        lead=PAYLOAD,
        body=f"<p>{PAYLOAD}</p>",
        tags=[tag],
        created_by=chief,
    )
    article.authorships.create(participant=person, byline=PAYLOAD, sort_order=0)
    article.organisations.add(org)
    article.participants.add(person)
    article.events.add(event)
    # A neighbour under the same tag: the related-items block shows the payload too.
    neighbour = make_article(title=f"{PAYLOAD} 2", slug="payload-neighbour", tags=[tag])
    # Stale in Russian: the translations report lists it by name.
    Article.objects.filter(pk=article.pk).update(
        original_language="en",
        en_changed_at=timezone.now(),
        ru_changed_at=timezone.now() - datetime.timedelta(days=1),
    )
    for obj in (article, event, org, person, tag):
        LogEntry.objects.log_actions(chief.pk, [obj], ADDITION, change_message=PAYLOAD)
        LogEntry.objects.log_actions(chief.pk, [obj], CHANGE)
    audit.record(AuditEvent.Action.PUBLISH, actor=chief, target=article, note=PAYLOAD)
    w["link"] = preview.create_link(article, chief, datetime.timedelta(days=1))
    w.update(article=article, neighbour=neighbour, event=event, org=org, person=person, tag=tag)
    w["revision"] = article.history.order_by("-history_id").first().history_id
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def chief(world):
    client = Client()
    client.force_login(world["chief"])
    return client


def body(response):
    return b"".join(response).decode() if response.streaming else response.content.decode()


# --- Public pages ------------------------------------------------------------------------------

PUBLIC_PAGES = {
    "home": lambda w: "/",
    "news list": lambda w: "/news/",
    "news by tag": lambda w: f"/news/?tag={w['tag'].slug}",
    "news by organisation": lambda w: f"/news/?organisation={w['org'].slug}",
    "article": lambda w: w["article"].get_absolute_url(),
    "preview": lambda w: preview.preview_url(w["link"]),
    "archive": lambda w: f"/news/{timezone.localdate().year}/",
    "tag list": lambda w: "/tags/",
    "tag page": lambda w: w["tag"].get_absolute_url(),
    "events": lambda w: "/events/",
    "event": lambda w: w["event"].get_absolute_url(),
    "organisations": lambda w: "/organisations/",
    "organisation": lambda w: w["org"].get_absolute_url(),
    "organisation timeline": lambda w: f"{w['org'].get_absolute_url()}timeline/",
    "country": lambda w: "/countries/kazakhstan/",
    "people": lambda w: "/people/",
    "person": lambda w: w["person"].get_absolute_url(),
    "search": lambda w: "/search/?q=alert",
    "rss": lambda w: "/news/feed/rss/",
    "atom": lambda w: "/news/feed/atom/",
    "tag rss": lambda w: f"/tags/{w['tag'].slug}/feed/rss/",
    "tag atom": lambda w: f"/tags/{w['tag'].slug}/feed/atom/",
}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_show_stored_payloads_as_text(world, page):
    response = Client().get(PUBLIC_PAGES[page](world))
    assert response.status_code == HTTPStatus.OK
    text = body(response)
    assert not unescaped(text)
    assert ESCAPED in text  # the object is shown, escaped


@pytest.mark.parametrize("address", ["/events/calendar.ics", "/events/payload-event.ics"])
def test_calendars_are_served_as_calendars(world, address):
    """iCalendar is plain text by its type (and never sniffed as HTML); its values are as stored."""
    response = Client().get(address)
    assert response["Content-Type"].startswith("text/calendar")
    assert response["X-Content-Type-Options"] == "nosniff"


class _HeadReader(HTMLParser):
    """The page's <meta> properties and the text of its JSON-LD scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.json_ld = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data


def _strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


@pytest.mark.parametrize("obj", ["article", "event", "org", "person"])
def test_open_graph_and_json_ld_carry_the_payload_as_data(world, obj):
    """The sharing tags hold the title as an attribute value, whole; the structured data is JSON
    that no `</script>` in a title can close early."""
    text = body(Client().get(world[obj].get_absolute_url()))
    head = _HeadReader()
    head.feed(text)
    assert PAYLOAD in head.meta.get("og:title", "")
    assert head.json_ld, "no structured data on the page"
    for block in head.json_ld:
        assert "</" not in block and "<" not in block
        data = json.loads(block)
        assert any(PAYLOAD in value for value in _strings(data))


# --- Admin pages -------------------------------------------------------------------------------


def admin_url(obj, kind="change", *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{kind}", args=[obj.pk, *args])


def changelist(model, **query):
    opts = model._meta
    address = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


ADMIN_PAGES = {
    "index (recent actions)": lambda w: reverse("admin:index"),
    "app index": lambda w: reverse("admin:app_list", kwargs={"app_label": "newsroom"}),
    "translations report": lambda w: reverse("translations_report"),
    "audit trail": lambda w: changelist(AuditEvent),
    "accounts": lambda w: changelist(User),
    "account": lambda w: admin_url(w["chief"]),
    "account history": lambda w: admin_url(w["chief"], "history"),
    "preview links": lambda w: admin_url(w["article"], "preview_links"),
    "revision": lambda w: admin_url(w["article"], "revision", w["revision"]),
    "compare with current": lambda w: (
        admin_url(w["article"], "revision", w["revision"]) + "?against=current"
    ),
    "restore form": lambda w: admin_url(w["article"], "simple_history", w["revision"]),
    "queue filter": lambda w: changelist(Article, queue="scheduled", q="alert"),
}
for _name, _model in [
    ("article", Article),
    ("event", Event),
    ("org", Organisation),
    ("person", Participant),
    ("tag", Tag),
]:
    ADMIN_PAGES[f"{_name} list"] = lambda w, m=_model: changelist(m)
    ADMIN_PAGES[f"{_name} search"] = lambda w, m=_model: changelist(m, q="alert")
    ADMIN_PAGES[f"{_name} change form"] = lambda w, n=_name: admin_url(w[n])
    ADMIN_PAGES[f"{_name} history"] = lambda w, n=_name: admin_url(w[n], "history")
    ADMIN_PAGES[f"{_name} delete confirmation"] = lambda w, n=_name: admin_url(w[n], "delete")


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_pages_show_stored_payloads_as_text(world, chief, page):
    response = chief.get(ADMIN_PAGES[page](world))
    assert response.status_code == HTTPStatus.OK
    text = body(response)
    assert not unescaped(text)
    assert ESCAPED in text


def test_the_history_names_the_editor_as_text(world, chief):
    """A save through the admin writes a revision by the signed-in user, whose name is a payload:
    the history, the revision and the restore form name them, escaped."""
    article = world["article"]
    data = form_data(chief.get(admin_url(article)), "article_form")
    saved = chief.post(admin_url(article), {**data, "lead_en": "Changed.", "_save": "Save"})
    assert saved.status_code == HTTPStatus.FOUND
    revision = article.history.order_by("-history_id").first()
    assert revision.history_user == world["chief"]
    name = escape(world["chief"].get_full_name())
    for address in (
        admin_url(article, "history"),
        admin_url(article, "revision", revision.history_id),
        admin_url(article, "simple_history", revision.history_id),
    ):
        text = body(chief.get(address))
        assert not unescaped(text)
        assert name in text, address


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_messages_after_adding_changing_and_deleting_show_the_payload_as_text(world, chief):
    # Add: a tag named with a payload.
    added = chief.post(
        reverse("admin:newsroom_tag_add"),
        {"name": f"{PAYLOAD} new", "slug": "payload-new", "_save": "Save"},
        follow=True,
    )
    # Change: the article, saved as its form stands.
    article = world["article"]
    data = form_data(chief.get(admin_url(article)), "article_form")
    changed = chief.post(admin_url(article), {**data, "_save": "Save"}, follow=True)
    # Delete: an article, confirmed.
    deleted = chief.post(admin_url(world["neighbour"], "delete"), {"post": "yes"}, follow=True)
    for response in (added, changed, deleted):
        assert response.status_code == HTTPStatus.OK
        assert any("alert(1)" in message for message in _messages(response)), (
            response.redirect_chain,
            _messages(response),
        )
        text = body(response)
        assert not unescaped(text)
        assert ESCAPED in text
    assert not Article.objects.filter(pk=world["neighbour"].pk).exists()


def test_a_refused_deletion_lists_what_protects_the_object_as_text(world, chief):
    """The organisation is held by the people and events that name it: the page says so."""
    response = chief.post(admin_url(world["org"], "delete"), {"post": "yes"})
    assert Organisation.objects.filter(pk=world["org"].pk).exists()
    text = body(response)
    assert not unescaped(text)
    assert ESCAPED in text


def test_messages_of_bulk_actions_and_restores_show_the_payload_as_text(world, chief):
    article = world["article"]
    moved = chief.post(
        changelist(Article),
        {"action": "unpublish", "_selected_action": [article.pk], "index": "0"},
        follow=True,
    )
    restore = admin_url(article, "simple_history", world["revision"])
    data = form_data(chief.get(restore), "article_form")
    restored = chief.post(restore, {**data, "_save": "Restore"}, follow=True)
    confirm = chief.post(
        changelist(Article),
        {"action": "delete_selected", "_selected_action": [article.pk], "index": "0"},
    )
    assert Article.objects.filter(pk=article.pk).exists()  # only asked, not confirmed
    for response in (moved, restored, confirm):
        assert response.status_code == HTTPStatus.OK
        text = body(response)
        assert not unescaped(text)
        assert ESCAPED in text


@pytest.mark.parametrize(
    "model_name, field_name",
    [
        ("article", "events"),
        ("article", "organisations"),
        ("article", "participants"),
        ("authorship", "article"),
        ("event", "hosts"),
        ("taggedarticle", "tag"),
    ],
)
def test_autocomplete_answers_json_that_no_browser_takes_for_html(
    world, chief, model_name, field_name
):
    response = chief.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    texts = [row["text"] for row in response.json()["results"]]
    assert any(PAYLOAD in text for text in texts)


def test_the_admin_widgets_show_linked_payloads_as_text(world, chief):
    """The autocomplete widgets render the linked objects' names as <option> text."""
    text = body(chief.get(admin_url(world["article"])))
    options = re.findall(r"<option[^>]*selected[^>]*>(.*?)</option>", text, re.DOTALL)
    assert options
    assert all(not unescaped(option) for option in options)
    assert any(ESCAPED in option for option in options)
