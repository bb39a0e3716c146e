import datetime
from http import HTTPStatus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, Event, Organisation, Participant

from .factories import (
    formset_management,
    make_article,
    make_event,
    make_organisation,
    make_participant,
)

pytestmark = pytest.mark.django_db

MODELS = ["article", "event", "organisation", "participant"]
SEARCH_TERMS = {
    "article": "Inter-regional",
    "event": "Inter-regional",
    "organisation": "INCB",
    "participant": "Evdokimova",
}


@pytest.fixture
def objects():
    org = make_organisation(name="International Narcotics Control Board", short_name="INCB")
    person = make_participant(full_name="Tatiana Evdokimova")
    person.aliases.create(name="T. Evdokimova")
    return {
        "article": make_article(title="Inter-regional expert meeting"),
        "event": make_event(title="Inter-regional expert meeting"),
        "organisation": org,
        "participant": person,
    }


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_search_add_and_change_pages_load(staff_client, objects, model):
    changelist = reverse(f"admin:newsroom_{model}_changelist")
    assert staff_client.get(changelist).status_code == HTTPStatus.OK
    searched = staff_client.get(changelist, {"q": SEARCH_TERMS[model]})
    assert searched.status_code == HTTPStatus.OK
    assert searched.context["cl"].result_count == 1
    assert staff_client.get(reverse(f"admin:newsroom_{model}_add")).status_code == HTTPStatus.OK
    change = reverse(f"admin:newsroom_{model}_change", args=[objects[model].pk])
    response = staff_client.get(change)
    assert response.status_code == HTTPStatus.OK
    content_type = ContentType.objects.get_for_model(objects[model])
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, objects[model].pk])
    assert view_on_site in response.content.decode()
    assert staff_client.get(view_on_site)["Location"].endswith(objects[model].get_absolute_url())


def test_tag_admin_lists_and_edits_tags(staff_client):
    make_article(tags=["precursors"])
    response = staff_client.get(reverse("admin:newsroom_tag_changelist"), {"q": "precursors"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].result_count == 1
    tag = response.context["cl"].result_list[0]
    assert tag.article_total == 1
    change = reverse("admin:newsroom_tag_change", args=[tag.pk])
    assert staff_client.get(change).status_code == HTTPStatus.OK


def test_participant_is_found_in_the_admin_by_alias(staff_client, objects):
    response = staff_client.get(
        reverse("admin:newsroom_participant_changelist"), {"q": "T. Evdokimova"}
    )
    assert response.context["cl"].result_count == 1


def test_editor_writes_a_whole_article_with_authors_in_the_admin(staff_client):
    caricc = make_organisation(name="CARICC", short_name="CARICC")
    author = make_participant(full_name="Yury Chikalov")
    event = make_event(title="Webinar")
    data = {
        "title_en": "Countering organized drug crime during the COVID-19 pandemic",
        "slug_en": "tackling-organized-drug-crime",
        "section": "analytics",
        "lead_en": "The coronavirus pandemic is likely to have been the main factor.",
        "body_en": '<p>Closure of borders.</p><script>alert("x")</script><p onclick="x()">More</p>',
        "tags": "covid-19, analytics",
        "status": "published",
        "published_at_0": "2020-08-15",
        "published_at_1": "10:00:00",
        "hero_alt_en": "",
        "hero_caption_en": "",
        "organisations": [caricc.pk],
        "events": [event.pk],
        **formset_management("authorships", 1),
        **formset_management("legacy"),
        "authorships-0-participant": author.pk,
        "authorships-0-sort_order": "0",
    }
    response = staff_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors
    article = Article.objects.get(slug="tackling-organized-drug-crime")
    assert article.created_by == staff_client.user
    assert list(article.authors.all()) == [author]
    assert set(article.tags.names()) == {"covid-19", "analytics"}
    assert "<script" not in article.body and "onclick" not in article.body
    assert article.is_published
    assert list(article.events.all()) == [event]


def test_editor_records_an_event_with_participants_and_roles(staff_client):
    unodc = make_organisation(name="UNODC", short_name="UNODC")
    mittal = make_participant(full_name="Ashita Mittal")
    data = {
        "title_en": "Joint CARICC–UNODC webinars for competent authorities",
        "slug": "unodc-caricc-webinars",
        "kind": "webinar",
        "format": "online",
        "summary_en": "Two webinars.",
        "description_en": "<p>World Drug Report.</p>",
        "tags": "webinar",
        "starts_on": "2020-07-07",
        "ends_on": "2020-07-08",
        "city": "",
        "venue": "",
        "country": "",
        "hosts": [unodc.pk],
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        **formset_management("participations", 1),
        "participations-0-participant": mittal.pk,
        "participations-0-role": "speaker",
        "participations-0-organisation": unodc.pk,
        "participations-0-presentation_title": "Welcoming remarks",
        "participations-0-sort_order": "0",
    }
    response = staff_client.post(reverse("admin:newsroom_event_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors
    event = Event.objects.get(slug="unodc-caricc-webinars")
    participation = event.participations.get()
    assert (participation.participant, participation.role) == (mittal, "speaker")
    assert participation.presentation_title == "Welcoming remarks"
    assert not event.is_published


def test_admin_refuses_an_event_that_ends_before_it_starts(staff_client):
    data = {
        "title_en": "Backwards",
        "slug": "backwards",
        "kind": "meeting",
        "format": "online",
        "starts_on": "2020-07-08",
        "ends_on": "2020-07-07",
        "status": "draft",
        **formset_management("participations"),
    }
    response = staff_client.post(reverse("admin:newsroom_event_add"), data)
    assert response.status_code == HTTPStatus.OK
    assert "ends_on" in response.context["adminform"].form.errors
    assert not Event.objects.filter(slug="backwards").exists()


def test_editor_adds_a_person_with_aliases_and_positions(staff_client):
    caricc = make_organisation(name="CARICC", short_name="CARICC")
    data = {
        "full_name_en": "Rustam Miralizoda",
        "honorific_en": "Major-General",
        "slug": "rustam-miralizoda",
        "photo_alt": "",
        "bio_en": "",
        **formset_management("aliases", 2),
        "aliases-0-name": "R.Miralizoda",
        "aliases-1-name": "Miralizoda R.A.",
        **formset_management("positions", 1),
        "positions-0-title_en": "Director",
        "positions-0-organisation": caricc.pk,
        "positions-0-started_on": "2020-01-01",
        "positions-0-ended_on": "",
    }
    response = staff_client.post(reverse("admin:newsroom_participant_add"), data)
    assert response.status_code == HTTPStatus.FOUND
    person = Participant.objects.get(slug="rustam-miralizoda")
    assert set(person.aliases.values_list("name", flat=True)) == {"R.Miralizoda", "Miralizoda R.A."}
    assert person.current_position.title == "Director"


def test_editor_adds_an_organisation_under_a_parent(staff_client):
    unodc = make_organisation(name="UNODC", short_name="UNODC")
    data = {
        "name_en": "UNODC Regional Office for Central Asia",
        "short_name_en": "UNODC ROCA",
        "slug": "unodc-roca",
        "kind": "international",
        "country": "UZ",
        "parent": unodc.pk,
        "website": "",
        "description_en": "",
        **formset_management("aliases", 1),
        "aliases-0-name": "UNODC ROCA",
    }
    response = staff_client.post(reverse("admin:newsroom_organisation_add"), data)
    assert response.status_code == HTTPStatus.FOUND
    office = Organisation.objects.get(slug="unodc-roca")
    assert office.parent == unodc
    assert list(office.aliases.values_list("name", flat=True)) == ["UNODC ROCA"]


@pytest.mark.parametrize("model", ["article", "event"])
def test_publish_and_unpublish_actions(staff_client, model):
    factory = make_article if model == "article" else make_event
    draft = factory(status="draft", published_at=None)
    scheduled = factory(published_at=timezone.now() + datetime.timedelta(days=3))
    url = reverse(f"admin:newsroom_{model}_changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]})
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_published
    assert scheduled.is_scheduled, "publishing keeps a scheduled item's time"
    staff_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "unpublished" and not draft.is_published


@pytest.mark.parametrize("model", MODELS)
def test_autocomplete_endpoints_answer(staff_client, objects, model):
    source = {"article": ("article", "organisations"), "event": ("event", "hosts")}
    app_model, field = source.get(model, ("article", "participants"))
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom", "model_name": app_model, "field_name": field, "term": "In"},
    )
    assert response.status_code == HTTPStatus.OK


def test_anonymous_users_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:newsroom_article_changelist"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response["Location"]


def test_staff_without_permissions_cannot_change_articles(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="pw-intern-123", is_staff=True)
    client.force_login(user)
    article = make_article()
    assert (
        client.get(reverse("admin:newsroom_article_change", args=[article.pk])).status_code
        == HTTPStatus.FORBIDDEN
    )
    response = client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_admin_editor_scripts_are_allowed_by_the_content_security_policy(staff_client):
    response = staff_client.get(reverse("admin:newsroom_article_add"))
    policy = response["Content-Security-Policy"]
    content = response.content.decode()
    nonce = content.split('<script type="importmap" nonce="', 1)[1].split('"', 1)[0]
    assert f"'nonce-{nonce}'" in policy
    assert "django_prose_editor/editor.js" in content


@pytest.fixture
def mentioned_article():
    caricc = make_organisation(
        name="Central Asian Regional Information and Coordination Centre", short_name="CARICC"
    )
    incb = make_organisation(name="International Narcotics Control Board", short_name="INCB")
    director = make_participant(full_name="Rustam Miralizoda")
    director.aliases.create(name="R.Miralizoda")
    article = make_article(
        title="CARICC Director R.Miralizoda meets the INCB",
        lead="The meeting discussed precursor control.",
        body="<p>Major-General Rustam Miralizoda welcomed the International Narcotics "
        "Control Board.</p>",
    )
    article.organisations.add(caricc)
    return {"article": article, "caricc": caricc, "incb": incb, "director": director}


def _article_post(article, **extra):
    return {
        "title_en": article.title,
        "slug_en": article.slug,
        "section": article.section,
        "lead_en": article.lead,
        "body_en": article.body,
        "tags": "",
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        "hero_alt_en": "",
        "hero_caption_en": "",
        "organisations": [o.pk for o in article.organisations.all()],
        **formset_management("authorships"),
        **formset_management("legacy"),
        **extra,
    }


def test_change_form_suggests_unlinked_mentions(staff_client, mentioned_article):
    article = mentioned_article["article"]
    response = staff_client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    suggestions = response.context["mention_suggestions"]
    assert suggestions.participants == [mentioned_article["director"]]
    assert suggestions.organisations == [mentioned_article["incb"]]  # CARICC is linked already
    content = response.content.decode()
    assert "Mentioned in the text" in content
    assert 'name="_link_mentions"' in content


def test_plain_save_never_links_mentions_silently(staff_client, mentioned_article):
    article = mentioned_article["article"]
    data = _article_post(
        article,
        link_participant=[mentioned_article["director"].pk],
        link_organisation=[mentioned_article["incb"].pk],
    )
    response = staff_client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), data, follow=True
    )
    assert response.status_code == HTTPStatus.OK
    assert not article.participants.exists()
    assert list(article.organisations.all()) == [mentioned_article["caricc"]]
    assert any("not linked" in str(m) for m in response.context["messages"])


def test_one_click_links_the_ticked_mentions_only(staff_client, mentioned_article):
    article = mentioned_article["article"]
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    data = _article_post(
        article, _link_mentions="1", link_participant=[mentioned_article["director"].pk]
    )
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == url
    assert list(article.participants.all()) == [mentioned_article["director"]]
    assert mentioned_article["incb"] not in article.organisations.all()


# --- Rich text: the allow-list on save, and the stored HTML is what pages show ------------------

HOSTILE_RICH_TEXT = {
    "script": (
        '<p>Seized.</p><script>alert("x")</script><script src="https://evil.example/x.js">'
        "</script>",
        ["<script", "alert", "evil.example"],
    ),
    "event handlers": (
        '<p onclick="steal()">Seized.</p><a href="https://unodc.org/" onmouseover="steal()">'
        "UNODC</a><img src=x onerror=steal()><svg onload=steal()></svg>",
        ["onclick", "onmouseover", "onerror", "onload", "steal", "<img", "<svg"],
    ),
    "javascript links": (
        '<p><a href="javascript:steal()">a</a> <a href="JaVaScRiPt:steal()">b</a> '
        '<a href="&#106;avascript:steal()">c</a> <a href=" javascript:steal()">d</a> '
        '<a href="data:text/html,<script>steal()</script>">e</a> '
        '<a href="vbscript:steal()">f</a></p>',
        ["javascript", "data:", "vbscript", "steal", "&#106;"],
    ),
    "inline styles": (
        '<p style="background:url(javascript:steal())">Seized.</p>'
        "<style>body { display: none }</style>"
        '<h2 style="color:red">Agenda</h2>',
        ["style", "display: none", "color:red"],
    ),
    "frames and embeds": (
        '<p>Seized.</p><iframe src="https://evil.example/"></iframe>'
        '<object data="https://evil.example/x.swf"></object><embed src="x.swf">'
        '<form action="https://evil.example/"><input name="password"></form>'
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
        '<base href="https://evil.example/">',
        ["<iframe", "<object", "<embed", "<form", "<input", "<meta", "<base", "evil.example"],
    ),
}


@pytest.mark.parametrize("construct", HOSTILE_RICH_TEXT)
def test_rich_text_is_sanitised_on_save_in_the_admin_and_shown_as_stored(
    staff_client, client, construct
):
    from newsroom.sanitize import sanitize_html

    from .test_images import article_form

    body, forbidden = HOSTILE_RICH_TEXT[construct]
    data = article_form(body_en=body)
    response = staff_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors
    article = Article.objects.get()
    stored = article.body
    assert stored, "the harmless part is kept"
    for fragment in forbidden:
        assert fragment.lower() not in stored.lower(), fragment
    # Already clean, so the page shows exactly what is stored.
    assert sanitize_html(stored) == stored
    page = client.get(article.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    assert stored in page.text


def test_allowed_rich_text_survives_the_round_trip(staff_client, client):
    from .test_images import article_form

    body = (
        "<h2>Results</h2><p><strong>40 kg</strong> of <em>heroin</em>, see "
        '<a href="https://www.unodc.org/" rel="noopener noreferrer nofollow">UNODC</a>.</p>'
        "<ul><li>one</li></ul><blockquote><p>quoted</p></blockquote>"
        '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table>'
    )
    data = article_form(body_en=body)
    assert (
        staff_client.post(reverse("admin:newsroom_article_add"), data).status_code
        == HTTPStatus.FOUND
    )
    article = Article.objects.get()
    assert article.body == body
    assert body in client.get(article.get_absolute_url()).text
