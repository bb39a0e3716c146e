import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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


@pytest.fixture
def world():
    """A small newsroom: one public article and event, plus a draft and a scheduled article."""
    caricc = make_organisation(name="CARICC", short_name="CARICC", slug="caricc", country="KZ")
    director = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    make_position(director, title="Director", organisation=caricc)
    event = make_event(
        title="Working group on precursors", slug="wg-precursors", tags=["precursors"]
    )
    event.hosts.add(caricc)
    make_participation(event, director, role="chair")
    public = make_article(title="Public precursor news", slug="public-news", tags=["precursors"])
    public.organisations.add(caricc)
    public.participants.add(director)
    public.events.add(event)
    draft = make_article(
        title="Secret draft news", slug="draft-news", status="draft", tags=["precursors", "drafty"]
    )
    draft.organisations.add(caricc)
    draft.participants.add(director)
    scheduled = make_article(
        title="Scheduled news",
        slug="scheduled-news",
        published_at=timezone.now() + DAY,
        tags=["later"],
    )
    scheduled.organisations.add(caricc)
    draft_event = make_event(
        title="Hidden draft event", slug="draft-event", status="draft", tags=["drafty"]
    )
    draft_event.hosts.add(caricc)
    return {
        "caricc": caricc,
        "director": director,
        "event": event,
        "public": public,
        "draft": draft,
        "scheduled": scheduled,
        "draft_event": draft_event,
    }


PUBLIC_PAGES = [
    "/",
    "/news/",
    "/news/public-news/",
    "/events/",
    "/events/wg-precursors/",
    "/organisations/",
    "/organisations/caricc/",
    "/people/",
    "/people/rustam-miralizoda/",
    "/tags/",
    "/tags/precursors/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_renders(client, world, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert b"<main" in response.content
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_leaks_drafts_or_scheduled_items(client, world, url):
    content = client.get(url).content.decode()
    assert "Secret draft news" not in content
    assert "Scheduled news" not in content
    assert "Hidden draft event" not in content
    assert "/news/draft-news/" not in content
    assert "drafty" not in content


@pytest.mark.parametrize(
    "url",
    [
        "/news/draft-news/",
        "/news/scheduled-news/",
        "/events/draft-event/",
        "/tags/drafty/",
        "/tags/later/",
    ],
)
def test_drafts_and_scheduled_items_are_not_found_by_the_public(client, world, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "url",
    [
        "/news/no-such-news/",
        "/events/nope/",
        "/organisations/nope/",
        "/people/nope/",
        "/tags/nope/",
        "/nowhere/",
    ],
)
def test_unknown_slugs_are_404(client, world, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"<main" in response.content


def test_news_list_counts_only_public_articles(client, world):
    make_article(title="Second public", tags=["cooperation"])
    response = client.get("/news/")
    assert response.context["total"] == 2
    assert "(2)" in response.content.decode()


def test_scheduled_article_appears_when_its_time_comes(client, world, monkeypatch):
    assert client.get("/news/scheduled-news/").status_code == HTTPStatus.NOT_FOUND
    later = timezone.now() + 2 * DAY
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get("/news/scheduled-news/").status_code == HTTPStatus.OK
    assert "Scheduled news" in client.get("/news/").content.decode()


def test_staff_see_a_marked_preview_of_a_draft_that_is_not_cached(staff_client, world):
    response = staff_client.get("/news/draft-news/")
    assert response.status_code == HTTPStatus.OK
    assert response.context["is_preview"] is True
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert "Secret draft news" in response.content.decode()


def test_staff_preview_does_not_put_drafts_in_lists(staff_client, world):
    assert "Secret draft news" not in staff_client.get("/news/").content.decode()


def test_published_detail_is_not_marked_as_preview(staff_client, world):
    response = staff_client.get("/news/public-news/")
    assert response.context["is_preview"] is False
    assert "X-Robots-Tag" not in response


def test_article_detail_links_its_tags_people_organisations_and_event(client, world):
    content = client.get("/news/public-news/").content.decode()
    assert 'href="/tags/precursors/"' in content
    assert 'href="/people/rustam-miralizoda/"' in content
    assert 'href="/organisations/caricc/"' in content
    assert 'href="/events/wg-precursors/"' in content


def test_article_detail_shows_authors_with_the_position_held_on_its_date(client, world):
    author = make_participant(full_name="Alevtina Tiurina", slug="alevtina-tiurina")
    caricc = world["caricc"]
    make_position(
        author,
        title="Analyst",
        organisation=caricc,
        started_on=datetime.date(2015, 1, 1),
        ended_on=datetime.date(2019, 12, 31),
    )
    make_position(
        author, title="Senior Analyst", organisation=caricc, started_on=datetime.date(2020, 1, 1)
    )
    old = make_article(
        title="Old analysis",
        section="analytics",
        published_at=timezone.make_aware(datetime.datetime(2018, 5, 1, 10, 0)),
        authors=[author],
    )
    new = make_article(title="New analysis", section="analytics", authors=[author])
    old_page = client.get(old.get_absolute_url())
    assert [(p.full_name, pos.title) for p, pos in old_page.context["authors"]] == [
        ("Alevtina Tiurina", "Analyst")
    ]
    new_page = client.get(new.get_absolute_url())
    assert [pos.title for _p, pos in new_page.context["authors"]] == ["Senior Analyst"]
    assert "Senior Analyst" in new_page.content.decode()


def test_event_detail_lists_participants_with_roles_and_hides_draft_articles(client, world):
    world["draft"].events.add(world["event"])
    response = client.get("/events/wg-precursors/")
    content = response.content.decode()
    assert "Rustam Miralizoda" in content
    assert "Chair" in content
    assert "Public precursor news" in content
    assert "Secret draft news" not in content


def test_event_list_shows_upcoming_events_above_past_ones(client, world):
    soon = make_event(title="Upcoming council", starts_on=timezone.localdate() + 5 * DAY)
    response = client.get("/events/")
    assert response.context["upcoming"] == [soon]
    assert world["event"] in response.context["page_obj"].object_list
    assert soon not in response.context["page_obj"].object_list
    past_only = client.get("/events/", {"when": "past"})
    assert soon not in past_only.context["page_obj"].object_list
    upcoming_only = client.get("/events/", {"when": "upcoming"})
    assert list(upcoming_only.context["page_obj"].object_list) == [soon]


def test_organisation_page_lists_its_and_its_offices_public_news_and_events(client, world):
    office = make_organisation(
        name="CARICC liaison office", slug="caricc-office", parent=world["caricc"]
    )
    office_news = make_article(title="Office news")
    office_news.organisations.add(office)
    response = client.get("/organisations/caricc/")
    assert set(response.context["articles"]) == {world["public"], office_news}
    assert response.context["article_count"] == 2
    assert list(response.context["events"]) == [world["event"]]
    assert "Rustam Miralizoda" in response.content.decode()


def test_person_page_shows_timeline_and_public_activity_only(client, world):
    response = client.get("/people/rustam-miralizoda/")
    assert list(response.context["mentioned"]) == [world["public"]]
    assert [p.event for p in response.context["participations"]] == [world["event"]]
    assert "Director" in response.content.decode()


def test_tag_list_counts_public_items_only(client, world):
    response = client.get("/tags/")
    tags = {tag.slug: tag for tag in response.context["tags"]}
    assert set(tags) == {"precursors"}
    assert tags["precursors"].article_count == 1
    assert tags["precursors"].event_count == 1


def test_tag_page_shows_tagged_public_articles_and_events(client, world):
    other = make_article(title="Untagged news")
    response = client.get("/tags/precursors/")
    assert list(response.context["page_obj"].object_list) == [world["public"]]
    assert other not in response.context["page_obj"].object_list
    assert response.context["tag_events"] == [world["event"]]


def test_home_shows_latest_public_news_and_events(client, world):
    soon = make_event(title="Upcoming council", starts_on=timezone.localdate() + 5 * DAY)
    response = client.get("/")
    content = response.content.decode()
    assert "Public precursor news" in content
    assert "Upcoming council" in content
    assert soon in list(response.context["upcoming_events"])


def test_list_pages_answer_invalid_page_numbers_with_400(client, world):
    for url in ["/news/", "/events/", "/organisations/", "/people/", "/tags/precursors/"]:
        for page in ["999", "abc", "-1", "0"]:
            response = client.get(url, {"page": page})
            assert response.status_code == HTTPStatus.BAD_REQUEST, (url, page)
            assert b"<main" in response.content


def test_pagination_keeps_the_filters(client, world):
    for n in range(25):
        make_article(title=f"Precursor report {n}", tags=["precursors"])
    response = client.get("/news/", {"tag": "precursors"})
    assert response.context["total"] == 26
    content = response.content.decode()
    assert "tag=precursors" in content and "page=2" in content
    page_two = client.get("/news/", {"tag": "precursors", "page": 2})
    assert page_two.status_code == HTTPStatus.OK
    assert len(page_two.context["page_obj"].object_list) == 6


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def _populate(n, caricc, person):
    for i in range(n):
        article = make_article(title=f"Bulk news {i}", tags=[f"tag-{i}", "bulk"], authors=[person])
        article.organisations.add(caricc)
        article.participants.add(person)
        event = make_event(title=f"Bulk event {i}", tags=[f"tag-{i}"])
        event.hosts.add(caricc)
        make_participation(event, person, role="speaker")
        article.events.add(event)
        extra = make_participant(full_name=f"Bulk person {i}")
        make_position(extra, title="Officer", organisation=caricc)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/news/",
        "/news/?tag=bulk",
        "/events/",
        "/organisations/",
        "/people/",
        "/tags/",
        "/tags/bulk/",
        "/organisations/caricc/",
        "/people/rustam-miralizoda/",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_items(client, world, url):
    _populate(2, world["caricc"], world["director"])
    few = _queries(client, url)
    _populate(10, world["caricc"], world["director"])
    many = _queries(client, url)
    assert many == few, f"{url}: {few} queries with few items, {many} with more"


def test_detail_pages_query_count_does_not_grow_with_relations(client, world):
    article, event = world["public"], world["event"]
    for i in range(8):
        person = make_participant(full_name=f"Delegate {i}")
        make_position(person, title="Delegate", organisation=world["caricc"])
        make_participation(event, person, role="delegate")
        article.participants.add(person)
    few_article = _queries(client, article.get_absolute_url())
    few_event = _queries(client, event.get_absolute_url())
    for i in range(8, 20):
        person = make_participant(full_name=f"Delegate {i}")
        make_position(person, title="Delegate", organisation=world["caricc"])
        make_participation(event, person, role="delegate")
        article.participants.add(person)
        article.tags.add(f"extra-{i}")
    assert _queries(client, article.get_absolute_url()) == few_article
    assert _queries(client, event.get_absolute_url()) == few_event


def test_public_pages_send_a_strict_content_security_policy(client, world):
    response = client.get("/news/public-news/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_cyrillic_tag_has_a_working_page(client, world):
    world["public"].tags.add("прекурсоры")
    response = client.get("/tags/prekursory/")
    assert response.status_code == HTTPStatus.OK
    assert "прекурсоры" in response.content.decode()


def test_unnamed_participants_are_shown_with_their_organisation(client, world):
    make_participation(
        world["event"],
        None,
        label="CARICC staff member",
        organisation=world["caricc"],
        role="presenter",
        presentation_title="Information on precursors",
    )
    content = client.get("/events/wg-precursors/").content.decode()
    assert "CARICC staff member" in content
    assert "Information on precursors" in content


def test_an_author_byline_overrides_the_stored_position(client, world):
    article = make_article(title="Analysis", authors=[world["director"]])
    article.authorships.update(byline="Acting Advisor, CARICC")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Acting Advisor, CARICC" in content
