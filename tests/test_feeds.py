import datetime
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom import sitemaps
from newsroom.feeds import ics_escape, ics_fold
from newsroom.models import Article, Tag

from .factories import make_article, make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOW = timezone.now()
DAY = datetime.timedelta(days=1)

NON_PUBLIC = {
    "draft": {"status": Article.Status.DRAFT},
    "review": {"status": Article.Status.REVIEW},
    "scheduled": {"published_at": NOW + 3 * DAY},
    "expired": {"published_at": NOW - 5 * DAY, "expires_at": NOW - DAY},
}


@pytest.fixture
def hidden_articles():
    return [make_article(title=f"Hidden {name}", **fields) for name, fields in NON_PUBLIC.items()]


def rss_items(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


# --- News feeds ------------------------------------------------------------------------------


def test_rss_feed_lists_public_articles_newest_first(client, hidden_articles):
    older = make_article(title="Older", published_at=NOW - 3 * DAY)
    newer = make_article(title="Newer", published_at=NOW - DAY)

    items = rss_items(client.get(reverse("newsroom:article_feed_rss")))

    assert [item.findtext("title") for item in items] == [newer.title, older.title]
    assert items[0].findtext("link").endswith(newer.get_absolute_url())
    assert items[0].findtext("description") == newer.lead
    assert items[0].findtext("pubDate")


def test_rss_item_has_authors_and_tag_categories(client):
    authors = [
        make_participant(full_name="Aigul Sadykova"),
        make_participant(full_name="Ivan Petrov"),
    ]
    make_article(tags=["Heroin", "Precursors"], authors=authors)

    (item,) = rss_items(client.get(reverse("newsroom:article_feed_rss")))

    creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert creator == "Aigul Sadykova, Ivan Petrov"
    assert sorted(c.text for c in item.findall("category")) == ["Heroin", "Precursors"]


def test_atom_feed_lists_public_articles_with_dates_and_authors(client, hidden_articles):
    author = make_participant(full_name="Aigul Sadykova")
    article = make_article(tags=["Heroin"], authors=[author])

    (entry,) = atom_entries(client.get(reverse("newsroom:article_feed_atom")))

    assert entry.findtext(f"{ATOM}title") == article.title
    assert entry.findtext(f"{ATOM}summary") == article.lead
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Aigul Sadykova"
    assert entry.find(f"{ATOM}category").get("term") == "Heroin"


def test_feed_holds_the_thirty_latest(client):
    for days in range(32):
        make_article(published_at=NOW - (days + 1) * DAY)

    items = rss_items(client.get(reverse("newsroom:article_feed_rss")))

    assert len(items) == 30


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_feed_lists_only_its_section(client, kind):
    make_article(title="A news item", section=Article.Section.NEWS)
    analysis = make_article(title="An analysis", section=Article.Section.ANALYTICS)
    make_article(title="Hidden analysis", section=Article.Section.ANALYTICS, status="draft")

    response = client.get(reverse(f"newsroom:section_feed_{kind}", args=["analytics"]))

    entries = rss_items(response) if kind == "rss" else atom_entries(response)
    tag = "title" if kind == "rss" else f"{ATOM}title"
    assert [e.findtext(tag) for e in entries] == [analysis.title]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_tag_feed_lists_only_public_articles_with_the_tag(client, kind):
    tagged = make_article(title="Tagged", tags=["Heroin"])
    make_article(title="Untagged")
    make_article(title="Tagged draft", tags=["Heroin"], status="draft")

    response = client.get(reverse(f"newsroom:tag_feed_{kind}", args=["heroin"]))

    entries = rss_items(response) if kind == "rss" else atom_entries(response)
    tag = "title" if kind == "rss" else f"{ATOM}title"
    assert [e.findtext(tag) for e in entries] == [tagged.title]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_404_for_unknown_section_and_tag(client, kind):
    assert client.get(f"/news/section/obituaries/feed/{kind}/").status_code == HTTPStatus.NOT_FOUND
    assert client.get(f"/tags/no-such-tag/feed/{kind}/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("fields", NON_PUBLIC.values(), ids=NON_PUBLIC.keys())
def test_tag_feed_404_when_only_non_public_items_carry_it(client, fields):
    make_article(tags=["Secret"], **fields)
    assert Tag.objects.filter(slug="secret").exists()

    assert client.get("/tags/secret/feed/rss/").status_code == HTTPStatus.NOT_FOUND


FEED_URLS = [
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/news/section/news/feed/rss/",
    "/tags/heroin/feed/atom/",
]


def test_feed_query_count_is_small_and_constant(client, django_assert_num_queries):
    def add_articles(count):
        for _ in range(count):
            make_article(tags=["Heroin", "Opium"], authors=[make_participant()])

    add_articles(2)
    counts = {}
    for url in FEED_URLS:
        with django_assert_num_queries(5, exact=False) as captured:
            client.get(url)
        counts[url] = len(captured)
    add_articles(10)
    for url, count in counts.items():
        with django_assert_num_queries(count):
            client.get(url)


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/events/", "/organisations/", "/people/", "/tags/"],
)
def test_every_page_links_the_news_feeds(client, url):
    html = client.get(url).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert f'href="{reverse("newsroom:article_feed_rss")}"' in html
    assert f'href="{reverse("newsroom:article_feed_atom")}"' in html


def test_tag_page_links_its_own_feeds(client):
    make_article(tags=["Heroin"])

    html = client.get("/tags/heroin/").content.decode()

    assert 'href="/tags/heroin/feed/rss/"' in html
    assert 'href="/tags/heroin/feed/atom/"' in html


def test_section_filtered_list_links_its_own_feeds(client):
    html = client.get("/news/", {"section": "analytics"}).content.decode()
    assert 'href="/news/section/analytics/feed/rss/"' in html
    assert 'href="/news/section/analytics/feed/atom/"' in html

    unfiltered = client.get("/news/").content.decode()
    assert "/news/section/" not in unfiltered


# --- iCalendar -------------------------------------------------------------------------------


def unfold(content):
    text = content.decode()
    assert "\n" not in text.replace("\r\n", "")  # CRLF endings only
    return text.replace("\r\n ", "").split("\r\n")


def properties(lines):
    """VEVENT properties as {name-with-params: value}, one dict per event."""
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _sep, value = line.partition(":")
            current[name] = value
    return events


def test_event_ics_describes_one_multi_day_event(client):
    event = make_event(
        title="Working group; precursors, Almaty",
        starts_on=datetime.date(2030, 3, 30),
        ends_on=datetime.date(2030, 4, 1),
        summary="Line one\nLine two with a back\\slash",
        venue="CARICC",
        city="Almaty",
        country="KZ",
    )

    response = client.get(reverse("newsroom:event_ics", args=[event.slug]))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.endswith(b"END:VCALENDAR\r\n")
    lines = unfold(response.content)
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "PRODID:-//CARICC//Newsroom//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    (vevent,) = properties(lines)
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert vevent["DTSTAMP"].endswith("Z") and len(vevent["DTSTAMP"]) == 16
    assert vevent["DTSTART;VALUE=DATE"] == "20300330"
    assert vevent["DTEND;VALUE=DATE"] == "20300402"  # exclusive: the day after the last
    assert vevent["SUMMARY"] == "Working group\\; precursors\\, Almaty"
    assert vevent["DESCRIPTION"] == "Line one\\nLine two with a back\\\\slash"
    assert vevent["LOCATION"] == "CARICC\\, Almaty\\, Kazakhstan"
    assert vevent["URL"] == f"http://testserver{event.get_absolute_url()}"


def test_one_day_event_ends_the_next_day(client):
    event = make_event(starts_on=datetime.date(2030, 12, 31))

    (vevent,) = properties(unfold(client.get(f"/events/{event.slug}.ics").content))

    assert vevent["DTSTART;VALUE=DATE"] == "20301231"
    assert vevent["DTEND;VALUE=DATE"] == "20310101"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters(client):
    title = "Совещание рабочей группы по прекурсорам — " * 4
    event = make_event(title=title)

    content = client.get(f"/events/{event.slug}.ics").content

    for raw in content.split(b"\r\n"):
        assert len(raw) <= 75
        raw.decode()  # each physical line is valid UTF-8 on its own
    (vevent,) = properties(unfold(content))
    assert vevent["SUMMARY"] == ics_escape(title)


def test_escape_and_fold_helpers():
    assert ics_escape("a\\b;c,d\r\ne\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    folded = ics_fold("X" * 200)
    assert [len(line) for line in folded.split("\r\n")] == [75, 75, 52]
    assert folded.replace("\r\n ", "") == "X" * 200


@pytest.mark.parametrize("fields", NON_PUBLIC.values(), ids=NON_PUBLIC.keys())
def test_non_public_event_ics_is_404(client, fields):
    event = make_event(**fields)

    assert client.get(f"/events/{event.slug}.ics").status_code == HTTPStatus.NOT_FOUND


def test_calendar_lists_upcoming_public_events_only(client, django_assert_max_num_queries):
    today = timezone.localdate()
    soon = make_event(title="Soon", starts_on=today + 3 * DAY)
    running = make_event(title="Running", starts_on=today - DAY, ends_on=today + DAY)
    make_event(title="Past", starts_on=today - 20 * DAY)
    for fields in NON_PUBLIC.values():
        make_event(title="Hidden", starts_on=today + 5 * DAY, **fields)

    # The first request also finds the earliest start of a running event (remembered afterwards:
    # EventQuerySet.upcoming()); the calendar itself is one query.
    client.get(reverse("newsroom:event_calendar"))
    with django_assert_max_num_queries(1):
        response = client.get(reverse("newsroom:event_calendar"))

    summaries = [e["SUMMARY"] for e in properties(unfold(response.content))]
    assert summaries == [running.title, soon.title]


def test_event_pages_link_to_calendar_files(client):
    event = make_event(starts_on=timezone.localdate() + DAY)

    detail = client.get(event.get_absolute_url()).content.decode()
    listing = client.get("/events/").content.decode()

    assert f'href="/events/{event.slug}.ics"' in detail
    assert 'href="/events/calendar.ics"' in detail
    assert 'href="/events/calendar.ics"' in listing


# --- Sitemap and robots.txt ------------------------------------------------------------------


def locs(response):
    root = ET.fromstring(response.content)
    return [el.findtext(f"{SITEMAP}loc") for el in root]


def test_sitemap_index_lists_each_section(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == HTTPStatus.OK
    sections = locs(response)
    for name in ["pages", "news", "events", "organisations", "people", "tags"]:
        for code in ["en", "ru"]:
            assert f"http://testserver/sitemap-{name}-{code}.xml" in sections


def test_sitemaps_hold_public_items_only_with_lastmod(client, hidden_articles):
    article = make_article(tags=["Heroin"])
    make_article(tags=["Secret"], status="draft")
    event = make_event()
    hidden_event = make_event(status="draft")
    organisation = make_organisation()
    person = make_participant()

    news = client.get("/sitemap-news-en.xml")
    root = ET.fromstring(news.content)
    (url,) = root.findall(f"{SITEMAP}url")
    assert url.findtext(f"{SITEMAP}loc") == f"http://testserver{article.get_absolute_url()}"
    assert url.findtext(f"{SITEMAP}lastmod") == article.updated_at.date().isoformat()
    for hidden in hidden_articles:
        assert hidden.slug not in news.content.decode()

    events = locs(client.get("/sitemap-events-en.xml"))
    assert events == [f"http://testserver{event.get_absolute_url()}"]
    assert hidden_event.slug not in "".join(events)
    assert locs(client.get("/sitemap-organisations-en.xml")) == [
        f"http://testserver{organisation.get_absolute_url()}"
    ]
    assert f"http://testserver{person.get_absolute_url()}" in locs(
        client.get("/sitemap-people-en.xml")
    )
    tags = ET.fromstring(client.get("/sitemap-tags-en.xml").content).findall(f"{SITEMAP}url")
    assert [t.findtext(f"{SITEMAP}loc") for t in tags] == ["http://testserver/tags/heroin/"]
    assert tags[0].findtext(f"{SITEMAP}lastmod")
    pages = locs(client.get("/sitemap-pages-en.xml"))
    assert "http://testserver/news/" in pages and "http://testserver/events/" in pages


def test_sitemap_query_counts_do_not_grow(client, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            make_article(tags=["Heroin"])
            make_event(tags=["Opium"])

    add(2)
    counts = {}
    for url in ["/sitemap.xml", "/sitemap-news-en.xml", "/sitemap-tags-en.xml"]:
        with django_assert_max_num_queries(30) as captured:
            client.get(url)
        counts[url] = len(captured)
    add(10)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            client.get(url)


def test_sitemap_sections_are_paged_by_a_fixed_size_listed_in_the_index(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = [make_article() for _ in range(5)]
    index = locs(client.get("/sitemap.xml"))
    section = "http://testserver/sitemap-news-en.xml"
    assert [loc for loc in index if loc.startswith(section)] == [
        section,
        f"{section}?p=2",
        f"{section}?p=3",
    ]
    pages = [locs(client.get("/sitemap-news-en.xml", {"p": page})) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sum(pages, []) == [f"http://testserver{a.get_absolute_url()}" for a in articles]
    assert client.get("/sitemap-news-en.xml", {"p": 4}).status_code == HTTPStatus.NOT_FOUND


def test_sitemap_addresses_fall_back_to_the_other_languages_slug(client):
    # Bulk-inserted rows may lack this language's slug: the page's address uses the model's
    # fallback, as get_absolute_url() does.
    article = make_article()
    Article.objects.filter(pk=article.pk).update(slug_ru="russkiy-adres", title_ru="Заголовок")
    Article.objects.filter(pk=article.pk).update(slug_en=None)
    article.refresh_from_db()
    assert locs(client.get("/sitemap-news-en.xml")) == [
        f"http://testserver{article.get_absolute_url()}"
    ]


def test_sitemap_pages_beyond_the_last_are_404(client):
    make_article()
    assert client.get("/sitemap-news-en.xml", {"p": 2}).status_code == HTTPStatus.NOT_FOUND
    assert client.get("/sitemap-nothing.xml").status_code == HTTPStatus.NOT_FOUND


def test_robots_txt(client, settings):
    response = client.get("/robots.txt")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert not any(settings.ADMIN_URL.strip("/") in line for line in lines), "never reveal it"
    assert "Disallow: /preview/" in lines
    assert "Disallow: /accounts/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
