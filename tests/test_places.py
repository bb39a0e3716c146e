"""Member-state pages (/countries/) and organisation timelines (/organisations/<slug>/timeline/)."""

import datetime
import re
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from newsroom import places
from newsroom.models import MEMBER_STATES

from .factories import (
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
    make_position,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# (status, publication offset in days, expiry offset in days or None, public?)
VISIBILITY = [
    pytest.param("published", -1, None, True, id="published"),
    pytest.param("published", 2, None, False, id="scheduled"),
    pytest.param("published", -5, -1, False, id="expired"),
    pytest.param("draft", -1, None, False, id="draft"),
    pytest.param("review", -1, None, False, id="review"),
    pytest.param("unpublished", -1, None, False, id="unpublished"),
    pytest.param("archived", -1, None, False, id="archived"),
]


def visibility(status, offset, expires):
    now = timezone.now()
    return {
        "status": status,
        "published_at": now + offset * DAY,
        "expires_at": now + expires * DAY if expires is not None else None,
    }


def at(year, month, day, hour=12, minute=0):
    """A moment in the site's time zone (Almaty)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def country_url(slug="kazakhstan"):
    return reverse("newsroom:country_detail", kwargs={"slug": slug})


def timeline_url(organisation):
    return reverse("newsroom:organisation_timeline", kwargs={"slug": organisation.slug})


def titles(entries):
    return [entry.item.title for entry in entries]


@pytest.fixture
def kazakhstan():
    """Kazakhstan's ministry with a committee, CARICC (based in Almaty) and what involves them."""
    mvd = make_organisation(
        name="Ministry of Internal Affairs of Kazakhstan",
        short_name="MVD",
        slug="mvd-kz",
        country="KZ",
        kind="ministry",
    )
    committee = make_organisation(
        name="Committee on Drug Control",
        slug="kz-drug-committee",
        country="KZ",
        kind="national_authority",
        parent=mvd,
    )
    caricc = make_organisation(
        name="CARICC", short_name="CARICC", slug="caricc", country="KZ", kind="regional_centre"
    )
    dea = make_organisation(name="DEA", slug="dea", country="US", kind="national_authority")

    minister = make_participant(full_name="Yerlan Turgumbayev", slug="yerlan-turgumbayev")
    make_position(minister, title="Minister", organisation=mvd)
    delegate = make_participant(full_name="Aigul Delegate", slug="aigul-delegate")
    director = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    make_position(director, title="Director", organisation=caricc)

    visit = make_event(
        title="Minister visits CARICC", country="KZ", starts_on=datetime.date(2020, 9, 19)
    )
    visit.hosts.add(caricc)
    abroad = make_event(
        title="Vienna meeting with Kazakhstan", country="AT", starts_on=datetime.date(2020, 3, 2)
    )
    abroad.organisations.add(committee)
    make_participation(abroad, delegate, role="delegate", organisation=committee)
    soon = make_event(
        title="Coming working group",
        starts_on=timezone.localdate() + 10 * DAY,
        country="",
    )
    soon.organisations.add(mvd)
    elsewhere = make_event(title="DEA meeting in Almaty office", country="US")
    elsewhere.hosts.add(dea, caricc)

    news = make_article(
        title="Minister of Internal Affairs at CARICC", published_at=at(2020, 9, 19)
    )
    news.organisations.add(mvd)
    report = make_article(title="Report from Vienna", published_at=at(2020, 3, 3))
    report.events.add(abroad)
    caricc_only = make_article(title="CARICC analytical review", published_at=at(2020, 8, 15))
    caricc_only.organisations.add(caricc)
    return {
        "mvd": mvd,
        "committee": committee,
        "caricc": caricc,
        "dea": dea,
        "minister": minister,
        "delegate": delegate,
        "director": director,
        "visit": visit,
        "abroad": abroad,
        "soon": soon,
        "news": news,
        "report": report,
        "caricc_only": caricc_only,
    }


# --- Member states ---------------------------------------------------------------------------


def test_every_member_state_has_a_stable_slug_and_a_page(client):
    assert set(places.MEMBER_STATE_SLUGS) == set(MEMBER_STATES)
    for state in places.member_states():
        response = client.get(state.get_absolute_url())
        assert response.status_code == HTTPStatus.OK, state.slug
        assert response.context["state"] == state
    assert country_url("kazakhstan") == "/countries/kazakhstan/"


@pytest.mark.parametrize("slug", ["germany", "united-states", "KZ", "kz", "nowhere", "russia-1"])
def test_a_country_that_is_not_a_member_state_is_not_found(client, slug):
    assert client.get(f"/countries/{slug}/").status_code == HTTPStatus.NOT_FOUND


def test_country_names_come_from_django_countries_and_translate():
    kazakhstan = places.member_state("kazakhstan")
    assert str(kazakhstan) == "Kazakhstan"
    with translation.override("ru"):
        assert str(kazakhstan) == "Казахстан"


def test_country_index_lists_the_seven_states_with_public_counts(client, kazakhstan):
    make_article(title="Hidden draft", status="draft").organisations.add(kazakhstan["mvd"])
    make_event(title="Hidden event", status="draft", country="KZ")

    response = client.get(reverse("newsroom:country_list"))

    assert response.status_code == HTTPStatus.OK
    states = response.context["states"]
    assert [state.code for state, _counts in states] == list(MEMBER_STATES)
    counts = dict((state.code, counts) for state, counts in states)
    # CARICC and the committee count as organisations in Kazakhstan; CARICC's own news does not.
    assert counts["KZ"] == {"organisations": 3, "news": 2, "events": 3}
    assert counts["UZ"] == {"organisations": 0, "news": 0, "events": 0}
    content = response.content.decode()
    for state, _counts in states:
        assert f'href="{state.get_absolute_url()}"' in content
    assert "3 organisations" in content


def test_country_page_gathers_organisations_news_events_and_people(client, kazakhstan):
    response = client.get(country_url())

    assert response.status_code == HTTPStatus.OK
    context = response.context
    assert context["national_organisations"] == [(kazakhstan["mvd"], [kazakhstan["committee"]])]
    assert context["based_organisations"] == [kazakhstan["caricc"]]
    assert context["organisation_count"] == 3
    assert list(context["articles"]) == [kazakhstan["news"], kazakhstan["report"]]
    assert list(context["upcoming_events"]) == [kazakhstan["soon"]]
    assert list(context["past_events"]) == [kazakhstan["visit"], kazakhstan["abroad"]]
    assert context["event_count"] == 3
    assert list(context["people"]) == [kazakhstan["delegate"], kazakhstan["minister"]]

    content = response.content.decode()
    for text in [
        "Kazakhstan",
        "Ministry of Internal Affairs of Kazakhstan",
        "Committee on Drug Control",
        "Minister of Internal Affairs at CARICC",
        "Vienna meeting with Kazakhstan",
        "Coming working group",
        "Yerlan Turgumbayev",
        "Aigul Delegate",
    ]:
        assert text in content, text
    # CARICC is based in Almaty, but its own news and staff are not Kazakhstan's.
    assert "CARICC analytical review" not in content
    assert "Rustam Miralizoda" not in content
    assert "DEA meeting in Almaty office" not in content


def test_country_page_links_to_the_filtered_lists_with_the_same_items(client, kazakhstan):
    content = client.get(country_url()).content.decode()
    for url in ["/organisations/?country=KZ", "/news/?country=KZ", "/events/?country=KZ"]:
        assert f'href="{url}"' in content
    assert 'href="/events/?country=KZ&amp;when=upcoming"' in content
    assert 'href="/people/?country=KZ"' in content

    def listed(url, params):
        response = client.get(url, params)
        assert response.status_code == HTTPStatus.OK
        return {str(item) for item in response.context["page_obj"].object_list}

    assert listed("/news/", {"country": "KZ"}) == {
        "Minister of Internal Affairs at CARICC",
        "Report from Vienna",
    }
    page = client.get("/events/", {"country": "KZ"}).context
    past = {event.title for event in page["page_obj"].object_list}
    assert past | {event.title for event in page["upcoming"]} == {
        "Minister visits CARICC",
        "Vienna meeting with Kazakhstan",
        "Coming working group",
    }
    assert listed("/people/", {"country": "KZ"}) == {"Yerlan Turgumbayev", "Aigul Delegate"}
    assert listed("/organisations/", {"country": "KZ"}) == {
        "Ministry of Internal Affairs of Kazakhstan (MVD)",
        "Committee on Drug Control",
        "CARICC",
    }


@pytest.mark.parametrize("value", ["XX", "kazakhstan", "K"])
def test_a_bad_country_in_the_people_list_is_a_400_with_the_error_shown(client, value):
    response = client.get("/people/", {"country": value})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.context["filter"].errors["country"]


@pytest.mark.parametrize(("status", "offset", "expires", "public"), VISIBILITY)
def test_country_pages_show_and_count_public_items_only(
    client, kazakhstan, status, offset, expires, public
):
    article = make_article(title="Matrix news", **visibility(status, offset, expires))
    article.organisations.add(kazakhstan["committee"])
    event = make_event(title="Matrix event", country="KZ", **visibility(status, offset, expires))
    person = make_participant(full_name="Matrix Delegate")
    make_participation(event, person, organisation=kazakhstan["mvd"])

    page = client.get(country_url())
    content = page.content.decode()
    assert ("Matrix news" in content) is public
    assert ("Matrix event" in content) is public
    assert ("Matrix Delegate" in content) is public
    assert page.context["article_count"] == 2 + public
    assert page.context["event_count"] == 3 + public

    (counts,) = [c for s, c in client.get("/countries/").context["states"] if s.code == "KZ"]
    assert counts["news"] == 2 + public
    assert counts["events"] == 3 + public


@pytest.mark.parametrize("n", [2, 20])
def test_country_pages_take_the_same_queries_however_many_items(
    client, kazakhstan, django_assert_num_queries, n
):
    mvd = kazakhstan["mvd"]
    for i in range(n):
        make_organisation(name=f"Office {i}", country="KZ", kind="other", parent=mvd)
        article = make_article(title=f"Bulk news {i}", tags=[f"tag-{i}"])
        article.organisations.add(mvd)
        event = make_event(title=f"Bulk event {i}", country="KZ", tags=[f"tag-{i}"])
        person = make_participant(full_name=f"Bulk person {i}")
        make_position(person, title="Officer", organisation=mvd)
        make_position(person, title="Adviser", organisation=kazakhstan["dea"])
        make_participation(event, person, organisation=mvd)

    # The first visits count over the archive (newsroom/memo.py): organisations, news and events
    # per state, and once when the next scheduled item appears (2); then the state's people, and
    # the earliest start of an event still running (EventQuerySet.upcoming()).
    with django_assert_num_queries(5):
        assert client.get("/countries/").status_code == HTTPStatus.OK
    with django_assert_num_queries(8):
        assert client.get(country_url()).status_code == HTTPStatus.OK
    # Later ones read the counts from the memo. Country page: organisations, news, upcoming and
    # past events, people and their positions.
    with django_assert_num_queries(0):
        assert client.get("/countries/").status_code == HTTPStatus.OK
    with django_assert_num_queries(6):
        assert client.get(country_url()).status_code == HTTPStatus.OK


def test_country_page_has_canonical_url_and_meta_description(client, kazakhstan):
    content = client.get(country_url() + "?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/countries/kazakhstan/">' in content
    (description,) = re.findall(r'<meta name="description" content="([^"]*)">', content)
    assert description.startswith("Kazakhstan, a CARICC member state")
    index = client.get("/countries/").content.decode()
    assert '<link rel="canonical" href="http://testserver/countries/">' in index


def test_navigation_and_organisation_pages_link_to_country_pages(client, kazakhstan):
    mvd = client.get(kazakhstan["mvd"].get_absolute_url()).content.decode()
    assert 'href="/countries/"' in mvd  # site navigation
    assert 'href="/countries/kazakhstan/"' in mvd
    assert f'href="{timeline_url(kazakhstan["mvd"])}"' in mvd
    dea = client.get(kazakhstan["dea"].get_absolute_url()).content.decode()
    assert "/countries/united-states/" not in dea and "United States" in dea


def test_sitemap_lists_the_country_pages(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert "http://testserver/sitemap-countries-en.xml" in [
        el.findtext(f"{SITEMAP}loc") for el in index
    ]

    countries = ET.fromstring(client.get("/sitemap-countries-en.xml").content)
    locs = [url.findtext(f"{SITEMAP}loc") for url in countries.findall(f"{SITEMAP}url")]
    assert locs == [
        f"http://testserver{state.get_absolute_url()}" for state in places.member_states()
    ]
    pages = client.get("/sitemap-pages-en.xml").content.decode()
    assert "http://testserver/countries/" in pages


# --- Organisation timeline -------------------------------------------------------------------


@pytest.fixture
def timeline():
    """An organisation with an office, news and events over two years."""
    org = make_organisation(name="Drug Control Agency", short_name="DCA", slug="dca", country="TJ")
    office = make_organisation(name="DCA Khujand office", slug="dca-khujand", parent=org)
    other = make_organisation(name="Unrelated body", slug="unrelated")

    def event(title, starts_on, host=org, **fields):
        item = make_event(title=title, starts_on=starts_on, **fields)
        item.hosts.add(host)
        return item

    def article(title, published_at, organisation=org, **fields):
        item = make_article(title=title, published_at=published_at, **fields)
        item.organisations.add(organisation)
        return item

    event("Spring operation", datetime.date(2019, 4, 10), ends_on=datetime.date(2019, 4, 20))
    article("Operation results", at(2019, 4, 22))
    event("Office training", datetime.date(2020, 2, 3), host=office)
    article("Visit to Dushanbe reported", at(2020, 7, 11, 18))
    event("Visit to Dushanbe", datetime.date(2020, 7, 11))
    # 00:30 on 1 January in Almaty is still 31 December in UTC: the local day decides.
    article("New Year statement", at(2020, 1, 1, 0, 30))
    article("Unrelated news", at(2020, 5, 5), organisation=other)
    event("Unrelated event", datetime.date(2020, 5, 5), host=other)
    return {"org": org, "office": office, "other": other}


def test_timeline_merges_events_and_news_newest_first_by_year_and_month(client, timeline):
    response = client.get(timeline_url(timeline["org"]))

    assert response.status_code == HTTPStatus.OK
    assert titles(response.context["entries"]) == [
        "Visit to Dushanbe reported",
        "Visit to Dushanbe",
        "Office training",
        "New Year statement",
        "Operation results",
        "Spring operation",
    ]
    years = response.context["years"]
    assert [year for year, _months in years] == [2020, 2019]
    assert [(month, titles(entries)) for month, entries in years[0][1]] == [
        (datetime.date(2020, 7, 1), ["Visit to Dushanbe reported", "Visit to Dushanbe"]),
        (datetime.date(2020, 2, 1), ["Office training"]),
        (datetime.date(2020, 1, 1), ["New Year statement"]),
    ]
    assert [month for month, _entries in years[1][1]] == [datetime.date(2019, 4, 1)]
    assert response.context["total"] == 6

    content = response.content.decode()
    assert content.index(">2020</h2>") < content.index(">2019</h2>")
    assert content.index("Visit to Dushanbe reported") < content.index("Operation results")
    assert "10–20 April 2019" in content
    assert "Unrelated" not in content


def test_timeline_includes_the_offices_and_says_so(client, timeline):
    content = client.get(timeline_url(timeline["org"])).content.decode()
    assert "Office training" in content
    assert "Those of its offices and units are included" in content
    assert f'href="{timeline["office"].get_absolute_url()}"' in content
    # The office's own timeline holds only the office's items.
    office = client.get(timeline_url(timeline["office"]))
    assert titles(office.context["entries"]) == ["Office training"]
    assert "Those of its offices and units are included" not in office.content.decode()


def test_timeline_has_canonical_url_meta_description_and_links(client, timeline):
    content = client.get(timeline_url(timeline["org"]), {"page": 1}).content.decode()
    assert '<link rel="canonical" href="http://testserver/organisations/dca/timeline/">' in content
    (description,) = re.findall(r'<meta name="description" content="([^"]*)">', content)
    assert "Drug Control Agency" in description
    assert 'href="/organisations/dca/"' in content
    assert 'href="/countries/tajikistan/"' in content


@pytest.mark.parametrize(("status", "offset", "expires", "public"), VISIBILITY)
def test_timeline_shows_public_items_only(client, timeline, status, offset, expires, public):
    org = timeline["org"]
    make_article(title="Matrix news", **visibility(status, offset, expires)).organisations.add(org)
    make_event(title="Matrix event", **visibility(status, offset, expires)).hosts.add(org)

    response = client.get(timeline_url(org))

    shown = titles(response.context["entries"])
    assert ("Matrix news" in shown) is public
    assert ("Matrix event" in shown) is public
    assert response.context["total"] == 6 + 2 * public
    content = response.content.decode()
    assert ("Matrix news" in content) is public
    assert ("Matrix event" in content) is public


def test_timeline_is_paginated_by_thirty(client, timeline):
    org = timeline["org"]
    for i in range(25):
        make_article(title=f"Bulk news {i}", published_at=at(2018, 1, 1 + i)).organisations.add(org)

    first = client.get(timeline_url(org))
    second = client.get(timeline_url(org), {"page": 2})

    assert len(first.context["entries"]) == 30
    assert titles(second.context["entries"]) == ["Bulk news 0"]
    assert first.context["total"] == second.context["total"] == 31
    assert "page=2" in first.content.decode()
    assert second.context["years"][0][0] == 2018


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "9999999999999"])
def test_timeline_answers_a_bad_page_like_the_other_lists(client, timeline, page):
    response = client.get(timeline_url(timeline["org"]), {"page": page})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert b"<main" in response.content


def test_timeline_of_an_unknown_organisation_is_not_found(client):
    assert client.get("/organisations/nobody/timeline/").status_code == HTTPStatus.NOT_FOUND


def test_an_empty_timeline_says_so(client):
    org = make_organisation(name="Quiet body")
    response = client.get(timeline_url(org))
    assert response.status_code == HTTPStatus.OK
    assert "No published events or news involve this organisation yet." in response.text


@pytest.mark.parametrize("n", [2, 20])
def test_timeline_takes_the_same_queries_however_many_items(
    client, timeline, django_assert_num_queries, n
):
    org = timeline["org"]
    for i in range(n):
        make_article(title=f"Bulk news {i}", tags=[f"tag-{i}"]).organisations.add(org)
        event = make_event(title=f"Bulk event {i}", tags=[f"tag-{i}"])
        event.hosts.add(timeline["office"])
        make_participation(event, make_participant(), organisation=org)

    # Organisation, its offices, the count, the page's rows, its events, its news.
    with django_assert_num_queries(6):
        assert client.get(timeline_url(org)).status_code == HTTPStatus.OK
