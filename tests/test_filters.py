import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from .factories import (
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return sorted(item.title for item in response.context["page_obj"].object_list)


@pytest.fixture
def news():
    unodc = make_organisation(name="UNODC", short_name="UNODC", slug="unodc", kind="international")
    roca = make_organisation(
        name="UNODC Regional Office for Central Asia", slug="unodc-roca", parent=unodc, country="UZ"
    )
    mvd = make_organisation(
        name="Ministry of Internal Affairs", slug="mvd-kz", country="KZ", kind="ministry"
    )
    riaz = make_participant(full_name="Naweed Riaz", slug="naweed-riaz")
    webinar = make_event(
        title="UNODC webinar",
        slug="unodc-webinar",
        country="KZ",
        starts_on=datetime.date(2020, 7, 7),
    )
    make_participation(webinar, riaz, role="speaker")
    a = make_article(
        title="Precursors and COVID",
        tags=["precursors", "covid-19"],
        published_at=timezone.make_aware(datetime.datetime(2020, 10, 19, 10)),
    )
    a.organisations.add(roca)
    b = make_article(
        title="Precursors only",
        tags=["precursors"],
        section="analytics",
        published_at=timezone.make_aware(datetime.datetime(2019, 3, 1, 10)),
    )
    b.organisations.add(mvd)
    c = make_article(
        title="Webinar report",
        tags=["webinar"],
        published_at=timezone.make_aware(datetime.datetime(2020, 7, 9, 10)),
    )
    c.events.add(webinar)
    make_article(title="Hidden precursor draft", status="draft", tags=["precursors"])
    return {"unodc": unodc, "roca": roca, "mvd": mvd, "riaz": riaz}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Precursors and COVID", "Precursors only", "Webinar report"]),
        ({"tag": "precursors"}, ["Precursors and COVID", "Precursors only"]),
        ({"tag": ["precursors", "covid-19"]}, ["Precursors and COVID"]),
        ({"section": "analytics"}, ["Precursors only"]),
        ({"organisation": "unodc"}, ["Precursors and COVID"]),
        ({"organisation": "mvd-kz"}, ["Precursors only"]),
        ({"participant": "naweed-riaz"}, ["Webinar report"]),
        ({"country": "KZ"}, ["Precursors only", "Webinar report"]),
        ({"country": "UZ"}, ["Precursors and COVID"]),
        ({"year": "2020"}, ["Precursors and COVID", "Webinar report"]),
        ({"date_from": "2020-07-01", "date_to": "2020-07-31"}, ["Webinar report"]),
        ({"q": "webinar"}, ["Webinar report"]),
        ({"q": "precursors covid"}, ["Precursors and COVID"]),
        ({"tag": "precursors", "year": "2019"}, ["Precursors only"]),
        ({"q": ""}, ["Precursors and COVID", "Precursors only", "Webinar report"]),
    ],
)
def test_news_filters_select_the_right_public_articles(client, news, params, expected):
    response = client.get("/news/", params)
    assert response.status_code == HTTPStatus.OK
    assert titles(response) == expected
    assert response.context["total"] == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1066"},
        {"section": "gossip"},
        {"tag": "no-such-tag"},
        {"organisation": "nobody"},
        {"participant": "nobody"},
        {"country": "XX"},
        {"date_from": "2020-13-45"},
        {"date_from": "2020-08-01", "date_to": "2020-07-01"},
        {"q": "x" * 500},
    ],
)
def test_invalid_news_filters_give_400_with_the_error_on_the_page(client, news, params):
    response = client.get("/news/", params)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.context["filter"].errors
    assert list(response.context["page_obj"].object_list) == []
    assert 'class="errorlist' in response.content.decode()


def test_a_tag_used_only_by_drafts_is_not_a_valid_filter(client, news):
    make_article(title="Draft", status="draft", tags=["secret-op"])
    assert client.get("/news/", {"tag": "secret-op"}).status_code == HTTPStatus.BAD_REQUEST


def test_active_filters_are_listed_with_links_that_remove_them(client, news):
    response = client.get("/news/", {"tag": ["precursors", "covid-19"], "section": "news"})
    chips = {
        (str(c["label"]), str(c["value"])): c["querystring"]
        for c in response.context["active_filters"]
    }
    assert chips[("Tags", "precursors")] == "tag=covid-19&section=news"
    assert chips[("Tags", "covid-19")] == "tag=precursors&section=news"
    assert chips[("Section", "News")] == "tag=precursors&tag=covid-19"
    content = response.content.decode()
    assert "?tag=covid-19&amp;section=news" in content


def test_event_filters(client, news):
    make_event(
        title="Online future",
        format="online",
        kind="webinar",
        starts_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    make_event(
        title="Visit in Dushanbe", kind="visit", country="TJ", starts_on=datetime.date(2020, 7, 10)
    )
    assert titles(client.get("/events/", {"kind": "visit"})) == ["Visit in Dushanbe"]
    assert titles(client.get("/events/", {"country": "TJ"})) == ["Visit in Dushanbe"]
    assert titles(client.get("/events/", {"when": "upcoming", "format": "online"})) == [
        "Online future"
    ]
    assert titles(client.get("/events/", {"participant": "naweed-riaz"})) == ["UNODC webinar"]
    assert titles(client.get("/events/", {"year": "2020"})) == [
        "UNODC webinar",
        "Visit in Dushanbe",
    ]
    assert (
        client.get("/events/", {"format": "carrier-pigeon"}).status_code == HTTPStatus.BAD_REQUEST
    )


def test_organisation_filters(client, news):
    def names(params):
        return sorted(
            o.name for o in client.get("/organisations/", params).context["page_obj"].object_list
        )

    assert names({"kind": "ministry"}) == ["Ministry of Internal Affairs"]
    assert names({"member": "on"}) == [
        "Ministry of Internal Affairs",
        "UNODC Regional Office for Central Asia",
    ]
    assert names({"country": "UZ"}) == ["UNODC Regional Office for Central Asia"]
    assert names({"q": "regional office"}) == ["UNODC Regional Office for Central Asia"]
    assert client.get("/organisations/", {"kind": "club"}).status_code == HTTPStatus.BAD_REQUEST


def test_people_are_found_under_their_aliases(client, news):
    news["riaz"].aliases.create(name="N. Riaz")
    make_participant(full_name="Yury Chikalov")
    response = client.get("/people/", {"q": "N. Riaz"})
    assert [p.full_name for p in response.context["page_obj"].object_list] == ["Naweed Riaz"]


def test_more_than_five_tags_is_refused_with_a_message(client, news):
    for name in ["a1", "a2", "a3", "a4", "a5", "a6"]:
        make_article(title=f"Tagged {name}", tags=[name])
    tags = ["a1", "a2", "a3", "a4", "a5", "a6"]
    response = client.get("/news/", {"tag": tags})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "at most 5 tags" in response.content.decode()
    assert client.get("/news/", {"tag": tags[:5]}).status_code == HTTPStatus.OK


def _offered_tags(response):
    return [value for value, _label in response.context["filter"].form.fields["tag"].widget.choices]


def test_the_tag_filter_offers_the_most_used_tags_and_those_chosen(client, monkeypatch):
    from newsroom import filters

    monkeypatch.setattr(filters, "TAGS_OFFERED", 3)
    for n in range(5):
        # tag-0 is on 1 article, tag-1 on 2, ...: the two least used are left out.
        for copy in range(n + 1):
            make_article(title=f"Tagged {n}-{copy}", tags=[f"tag-{n}"])
    make_article(title="Hidden", status="draft", tags=["tag-0", "tag-1"])
    response = client.get("/news/")
    assert _offered_tags(response) == ["tag-2", "tag-3", "tag-4"]
    content = response.content.decode()
    assert 'value="tag-0"' not in content
    assert 'href="/tags/"' in content  # every tag is a link away

    # A tag outside the offer that a reader chose (from a tag page, a shared link) is shown, ticked.
    response = client.get("/news/", {"tag": "tag-0"})
    assert response.status_code == HTTPStatus.OK
    assert _offered_tags(response) == ["tag-0", "tag-2", "tag-3", "tag-4"]
    assert 'value="tag-0" id="id_tag_0" checked>' in response.content.decode()


def test_a_tag_only_on_drafts_is_never_offered(client):
    make_article(title="Public", tags=["open"])
    make_article(title="Draft", status="draft", tags=["secret-op"])
    assert _offered_tags(client.get("/news/")) == ["open"]
