"""Revisions in the admin (history, readable differences, restore) and edit conflicts.

Everything goes through HTTP: forms are read from the pages the way a browser submits them.
"""

import datetime
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, AuditEvent, Event, Organisation, Participant

from .factories import make_article, make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db


# --- Reading forms as a browser does -------------------------------------------------------------


class _FormReader(HTMLParser):
    """The successful controls of the form with id `form_id`: {name: [values]}."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.select = None
        self.option = None
        self.textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.option = attrs.get("value")
            if self.option is not None:
                self._add(self.select, self.option)
                self.option = None
            else:
                self.option = ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self._add(*self.textarea)
            self.textarea = None
        elif tag == "option" and self.option is not None:
            self._add(self.select, self.option.strip())
            self.option = None
        elif tag == "select":
            self.select = None


def form_data(response, form_id):
    assert response.status_code == HTTPStatus.OK, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form #{form_id} on the page"
    return reader.data


def change_url(obj):
    return reverse(f"admin:newsroom_{obj._meta.model_name}_change", args=[obj.pk])


def history_url(obj):
    return reverse(f"admin:newsroom_{obj._meta.model_name}_history", args=[obj.pk])


def revision_url(obj, history_id):
    return reverse(f"admin:newsroom_{obj._meta.model_name}_revision", args=[obj.pk, history_id])


def restore_url(obj, history_id):
    return reverse(
        f"admin:newsroom_{obj._meta.model_name}_simple_history", args=[obj.pk, history_id]
    )


def open_form(client, obj):
    """The change form of `obj` as `client` loaded it."""
    return form_data(client.get(change_url(obj)), f"{obj._meta.model_name}_form")


def save(client, obj, data, **changes):
    data = {
        **data,
        # A translated field is changed in its English column (title -> title_en).
        **{
            (name if name in data else f"{name}_en"): value if isinstance(value, list) else [value]
            for name, value in changes.items()
        },
    }
    data["_save"] = ["Save"]
    return client.post(change_url(obj), data)


def editor(django_user_model, username, **extra):
    user = django_user_model.objects.create_superuser(
        username, f"{username}@example.org", "pw-editor-123", **extra
    )
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def latest_revision(obj):
    return obj.history.order_by("-history_id").first()


def organisation_ids(record):
    return sorted(record.organisations.values_list("organisation_id", flat=True))


# --- Revisions on save -------------------------------------------------------------------------


def test_an_admin_save_keeps_one_revision_with_the_user_and_the_relations(staff_client):
    article = make_article(title="Border seizure")
    org = make_organisation(name="UNODC")
    before = article.history.count()
    data = open_form(staff_client, article)

    response = save(
        staff_client, article, data, title="Border seizure in Osh", organisations=[org.pk]
    )

    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    assert article.history.count() == before + 1  # not one more per many-to-many change
    record = latest_revision(article)
    assert record.history_type == "~"
    assert record.history_user == staff_client.user
    assert record.title == "Border seizure in Osh"
    assert organisation_ids(record) == [org.pk]


def test_adding_in_the_admin_keeps_the_first_revision(staff_client):
    org = make_organisation()
    data = form_data(staff_client.get(reverse("admin:newsroom_event_add")), "event_form")
    data.update(
        title_en=["Working group on precursors"],
        slug=["working-group-precursors"],
        starts_on=["2026-03-02"],
        organisations=[str(org.pk)],
        _save=["Save"],
    )
    data.pop("published_at_0", None), data.pop("published_at_1", None)

    response = staff_client.post(reverse("admin:newsroom_event_add"), data)

    assert response.status_code == HTTPStatus.FOUND, response.context["errors"]
    event = Event.objects.get(slug="working-group-precursors")
    assert [(r.history_type, r.history_user) for r in event.history.all()] == [
        ("+", staff_client.user)
    ]
    assert organisation_ids(event.history.get()) == [org.pk]


@pytest.mark.parametrize("model", ["organisation", "participant"])
def test_organisations_and_people_keep_revisions_too(staff_client, model):
    obj = make_organisation(name="Customs") if model == "organisation" else make_participant()
    data = open_form(staff_client, obj)
    field = "description" if model == "organisation" else "bio"

    assert save(staff_client, obj, data, **{field: "Now with a text."}).status_code == 302

    record = latest_revision(obj)
    assert record.history_user == staff_client.user
    assert getattr(record, field) == "Now with a text."


# --- History page and differences --------------------------------------------------------------


def test_history_lists_revisions_with_who_and_what_changed(staff_client, django_user_model):
    article = make_article(title="Old title", lead="Old lead.")
    rustam = editor(django_user_model, "rustam", first_name="Rustam", last_name="Miralizoda")
    save(rustam, article, open_form(rustam, article), title="New title")
    save(staff_client, article, open_form(staff_client, article), lead="New lead.")

    response = staff_client.get(history_url(article))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    rows = page.split("<tbody>")[1].split("</tr>")
    assert "editor" in rows[0] and "Lead" in rows[0] and "Title" not in rows[0]
    assert "Rustam Miralizoda" in rows[1] and "Title" in rows[1] and "Lead" not in rows[1]
    assert "first revision" in rows[2]
    for record in article.history.all():
        assert revision_url(article, record.history_id) in page
    oldest = article.history.order_by("history_id").first()
    assert restore_url(article, oldest.history_id) in page
    assert f"{revision_url(article, oldest.history_id)}?against=current" in page


def test_the_difference_marks_words_and_escapes_markup(staff_client):
    article = make_article(
        lead="Police seized two tonnes of heroin.",
        body="<p>First paragraph.</p>"
        "<p>Quoted: &lt;script&gt;alert(1)&lt;/script&gt; stays text.</p>",
    )
    data = open_form(staff_client, article)
    body = "<p>First paragraph.</p><p>Quoted: &lt;script&gt;alert(2)&lt;/script&gt; stays text.</p>"
    save(
        staff_client,
        article,
        data,
        lead="Police seized three kilograms of heroin. <script>alert('lead')</script>",
        body=body,
    )
    record = latest_revision(article)

    response = staff_client.get(revision_url(article, record.history_id))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "<del>two tonnes</del><ins>three kilograms</ins>" in page
    assert "<ins> &lt;script&gt;alert(&#x27;lead&#x27;)&lt;/script&gt;</ins>" in page
    assert "&lt;script&gt;alert(<del>1</del><ins>2</ins>)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "Quoted:" in page and "<p>Quoted" not in page  # compared as text, not rendered


def test_compare_with_current_and_the_first_revision(staff_client):
    article = make_article(title="First title")
    first = latest_revision(article)
    save(staff_client, article, open_form(staff_client, article), title="Second title")

    compared = staff_client.get(revision_url(article, first.history_id), {"against": "current"})
    created = staff_client.get(revision_url(article, first.history_id))

    assert compared.status_code == created.status_code == HTTPStatus.OK
    assert "<del>First</del><ins>Second</ins> title" in compared.content.decode()
    assert "The first revision" in created.content.decode()


def test_only_formatting_changes_show_the_escaped_markup(staff_client):
    article = make_article(body="<p>Seized at the border.</p>")
    save(
        staff_client,
        article,
        open_form(staff_client, article),
        body="<p>Seized at the <strong>border</strong>.</p>",
    )

    page = staff_client.get(
        revision_url(article, latest_revision(article).history_id)
    ).content.decode()

    assert "only the formatting" in page
    assert "<ins>&lt;strong&gt;</ins>" in page


def test_the_history_page_does_not_query_per_revision(staff_client, django_assert_max_num_queries):
    orgs = [make_organisation() for _ in range(3)]
    people = [make_participant() for _ in range(2)]
    few, many = make_article(), make_article()
    for article, count in ((few, 3), (many, 30)):
        for n in range(count - 1):  # one revision each, with its relations
            article.skip_history_when_saving = True
            article.organisations.set(orgs[: n % 4])
            article.participants.set(people[: n % 3])
            del article.skip_history_when_saving
            article.title = f"Title {n}"
            article.save()
    assert many.history.count() == 30

    with django_assert_max_num_queries(15) as few_queries:
        assert staff_client.get(history_url(few)).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(15) as many_queries:
        response = staff_client.get(history_url(many))
    assert response.status_code == HTTPStatus.OK
    assert len(many_queries.captured_queries) == len(few_queries.captured_queries)
    page = response.content.decode()
    assert page.count("Organisations") >= 10 and page.count("People mentioned") >= 10


# --- Restore -------------------------------------------------------------------------------------


def test_restore_brings_back_fields_and_relations_as_a_new_revision(staff_client):
    old_org, new_org = make_organisation(name="Old partner"), make_organisation(name="New partner")
    article = make_article(title="Old title", body="<p>Old body.</p>")
    article.organisations.add(old_org)
    old = latest_revision(article)
    save(
        staff_client,
        article,
        open_form(staff_client, article),
        title="New title",
        body="<p>New body.</p>",
        organisations=[new_org.pk],
    )
    assert Article.objects.get().title == "New title"
    count = article.history.count()

    page = staff_client.get(restore_url(article, old.history_id))
    data = form_data(page, "article_form")

    assert data["title_en"] == ["Old title"]
    assert data["organisations"] == [str(old_org.pk)]  # from the revision, not the current ones
    assert "<del>New</del><ins>Old</ins> title" in page.content.decode()
    response = staff_client.post(restore_url(article, old.history_id), {**data, "_save": "Restore"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert (article.title, article.body) == ("Old title", "<p>Old body.</p>")
    assert list(article.organisations.all()) == [old_org]
    assert article.history.count() == count + 1
    record = latest_revision(article)
    assert record.history_user == staff_client.user
    assert f"#{old.history_id}" in record.history_change_reason
    assert organisation_ids(record) == [old_org.pk]
    event = AuditEvent.objects.get(action=AuditEvent.Action.RESTORE)
    assert event.actor == staff_client.user
    assert event.target_id == str(article.pk)
    assert event.detail["revision"] == old.history_id


def test_restore_brings_back_content_not_publication(staff_client):
    article = make_article(title="Draft title", status=Article.Status.DRAFT, published_at=None)
    draft = latest_revision(article)
    save(staff_client, article, open_form(staff_client, article), title="Published title")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    article.refresh_from_db()
    article.save()  # a revision of the published article

    page = staff_client.get(restore_url(article, draft.history_id))
    data = form_data(page, "article_form")
    assert data["status"] == [Article.Status.PUBLISHED]
    assert "Publication is not restored" in page.content.decode()
    response = staff_client.post(restore_url(article, draft.history_id), {**data, "_save": "R"})

    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert (article.title, article.status) == ("Draft title", Article.Status.PUBLISHED)
    assert article.published_at is not None


def test_restore_brings_back_an_events_hosts(staff_client):
    host, other = make_organisation(name="CARICC"), make_organisation(name="UNODC")
    event = make_event(title="Meeting")
    event.hosts.add(host)
    old = latest_revision(event)
    save(staff_client, event, open_form(staff_client, event), title="Renamed", hosts=[other.pk])

    data = form_data(staff_client.get(restore_url(event, old.history_id)), "event_form")
    response = staff_client.post(restore_url(event, old.history_id), {**data, "_save": "Restore"})

    assert response.status_code == HTTPStatus.FOUND
    event.refresh_from_db()
    assert event.title == "Meeting"
    assert list(event.hosts.all()) == [host]


def test_a_deleted_article_can_be_brought_back(staff_client):
    org = make_organisation()
    article = make_article(title="Deleted by mistake")
    article.organisations.add(org)
    old, pk = latest_revision(article), article.pk
    article.delete()
    article.pk = pk  # for the URLs

    history = staff_client.get(history_url(article))
    page = staff_client.get(restore_url(article, old.history_id))
    assert history.status_code == page.status_code == HTTPStatus.OK
    assert "has been deleted" in page.content.decode()
    data = form_data(page, "article_form")
    response = staff_client.post(restore_url(article, old.history_id), {**data, "_save": "Restore"})

    assert response.status_code == HTTPStatus.FOUND
    restored = Article.objects.get(pk=pk)
    assert restored.title == "Deleted by mistake"
    assert (restored.status, restored.published_at) == (Article.Status.DRAFT, None)
    assert list(restored.organisations.all()) == [org]


def test_restore_needs_the_change_permission(django_user_model):
    article = make_article(title="Old title")
    old = latest_revision(article)
    article.title = "New title"
    article.save()
    reader = django_user_model.objects.create_user(
        "reader", password="pw-reader-123", is_staff=True
    )
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(reader)

    assert client.get(history_url(article)).status_code == HTTPStatus.OK
    page = client.get(restore_url(article, old.history_id))
    assert page.status_code == HTTPStatus.OK
    assert "Restore this revision" not in page.content.decode()
    data = form_data(page, "article_form")
    response = client.post(restore_url(article, old.history_id), {**data, "_save": "Restore"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.get().title == "New title"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.RESTORE).exists()


def test_restore_permission_goes_by_the_current_object_not_the_revision(staff_client, monkeypatch):
    # As with the workflow: an author may change a draft, not a published article. An old draft
    # revision of a now published article must not let them restore it.
    article = make_article(title="Draft", status=Article.Status.DRAFT, published_at=None)
    draft = latest_revision(article)
    article.title, article.status = "Published", Article.Status.PUBLISHED
    article.save()
    model_admin = admin.site._registry[Article]
    monkeypatch.setattr(
        model_admin,
        "has_change_permission",
        lambda request, obj=None: obj is None or obj.status != Article.Status.PUBLISHED,
    )

    page = staff_client.get(restore_url(article, draft.history_id))
    assert "Restore this revision" not in page.content.decode()
    response = staff_client.post(restore_url(article, draft.history_id), {"title_en": "Draft"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.get().title == "Published"


def test_restore_is_a_csrf_protected_post(django_user_model):
    article = make_article(title="Old title")
    old = latest_revision(article)
    article.title = "New title"
    article.save()
    user = django_user_model.objects.create_superuser("csrf", "csrf@example.org", "pw-12345678")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    data = form_data(client.get(restore_url(article, old.history_id)), "article_form")
    without_token = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}

    refused = client.post(restore_url(article, old.history_id), without_token)
    assert refused.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.get().title == "New title"
    accepted = client.post(restore_url(article, old.history_id), data)
    assert accepted.status_code == HTTPStatus.FOUND
    assert Article.objects.get().title == "Old title"


# --- Edit conflicts ------------------------------------------------------------------------------


@pytest.fixture
def rustam(django_user_model):
    return editor(django_user_model, "rustam", first_name="Rustam")


@pytest.fixture
def aigul(django_user_model):
    return editor(django_user_model, "aigul", first_name="Aigul")


def test_the_second_of_two_editors_gets_a_conflict_and_nothing_is_saved(rustam, aigul):
    article = make_article(title="Old title", lead="Old lead.")
    rustams_form, aiguls_form = open_form(rustam, article), open_form(aigul, article)
    assert save(rustam, article, rustams_form, title="Rustam's title").status_code == 302
    revisions = article.history.count()

    response = save(aigul, article, aiguls_form, lead="Aigul's <b>lead</b>.")

    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    page = response.content.decode()
    today = timezone.localtime(latest_revision(article).history_date).strftime("%H:%M")
    assert f"Rustam saved this article at {today} while you were editing." in page
    assert "Your changes are not saved." in page
    assert '<a href="">reload the article</a>' in page
    table = page.split('class="revision-conflict"')[1].split("</table>")[0]
    assert "Title" in table and "changed by Rustam" in table
    assert "Lead" in table and "<del>Old </del><ins>Aigul&#x27;s &lt;b&gt;</ins>lead" in table
    assert "<b>" not in table
    article.refresh_from_db()
    assert (article.title, article.lead) == ("Rustam's title", "Old lead.")
    assert article.history.count() == revisions

    # Having seen the differences, saving again is a deliberate choice, and works.
    again = form_data(response, "article_form")
    assert save(aigul, article, again).status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.lead == "Aigul's <b>lead</b>."


@pytest.mark.parametrize(
    ("factory", "field", "value"),
    [
        (make_event, "summary", "Changed summary."),
        (make_organisation, "description", "Changed description."),
        (make_participant, "bio", "Changed biography."),
    ],
)
def test_conflicts_are_caught_for_events_organisations_and_people(
    rustam, aigul, factory, field, value
):
    obj = factory()
    rustams_form, aiguls_form = open_form(rustam, obj), open_form(aigul, obj)
    assert save(rustam, obj, rustams_form, **{field: value}).status_code == HTTPStatus.FOUND

    response = save(aigul, obj, aiguls_form, **{field: "Aigul's text."})

    assert response.status_code == HTTPStatus.OK
    assert "Rustam saved this" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == value


def test_without_a_save_in_between_the_editor_saves_normally(rustam, aigul):
    article = make_article(title="Old title")
    assert save(aigul, article, open_form(aigul, article), title="First").status_code == 302
    assert save(aigul, article, open_form(aigul, article), title="Second").status_code == 302
    assert save(rustam, article, open_form(rustam, article), title="Third").status_code == 302
    assert Article.objects.get().title == "Third"


def test_a_relation_changed_elsewhere_is_a_conflict(aigul):
    # Only history records the change: updated_at stays as it was.
    article = make_article()
    form = open_form(aigul, article)
    updated_at = Article.objects.get().updated_at
    article.organisations.add(make_organisation())
    assert Article.objects.get().updated_at == updated_at

    response = save(aigul, article, form, title="Aigul's title")

    assert response.status_code == HTTPStatus.OK
    assert "Someone saved this article" in response.content.decode()
    assert "Organisations" in response.content.decode()


def test_a_save_that_keeps_no_revision_is_a_conflict_too(aigul):
    # A bulk update (the unpublish action) moves updated_at and writes no revision.
    article = make_article()
    form = open_form(aigul, article)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.DRAFT, updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )

    response = save(aigul, article, form, title="Aigul's title")

    assert response.status_code == HTTPStatus.OK
    assert "Your changes are not saved." in response.content.decode()
    assert Article.objects.get().status == Article.Status.DRAFT


def test_restoring_over_a_newer_save_is_a_conflict(staff_client, rustam):
    article = make_article(title="Old title")
    old = latest_revision(article)
    article.title = "Newer title"
    article.save()
    data = form_data(staff_client.get(restore_url(article, old.history_id)), "article_form")
    save(rustam, article, open_form(rustam, article), title="Rustam's title")

    response = staff_client.post(restore_url(article, old.history_id), {**data, "_save": "Restore"})

    assert response.status_code == HTTPStatus.OK
    assert "Rustam saved this article" in response.content.decode()
    assert Article.objects.get().title == "Rustam's title"


@pytest.mark.parametrize("model", ["article", "event", "organisation", "participant"])
def test_read_only_staff_see_history_and_change_pages_without_the_version(django_user_model, model):
    obj = {
        "article": make_article,
        "event": make_event,
        "organisation": make_organisation,
        "participant": make_participant,
    }[model]()
    old = latest_revision(obj)
    reader = django_user_model.objects.create_user(
        "reader", password="pw-reader-123", is_staff=True
    )
    reader.user_permissions.add(Permission.objects.get(codename=f"view_{model}"))
    client = Client()
    client.force_login(reader)

    for url in (
        change_url(obj),
        history_url(obj),
        revision_url(obj, old.history_id),
        restore_url(obj, old.history_id),
    ):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert "revision_token" not in response.content.decode()


def test_every_admin_form_carries_the_version(staff_client):
    for obj in (make_article(), make_event(), make_organisation(), make_participant()):
        assert open_form(staff_client, obj)["revision_token"][0]
    assert Organisation.history.exists() and Participant.history.exists()
