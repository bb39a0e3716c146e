"""The news archive by year and month, canonical links, sharing tags and schema.org JSON-LD."""

import datetime
import json
import re
from http import HTTPStatus

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from newsroom import images
from newsroom.models import Article, Event, ParticipantAlias
from tests.factories import (
    image_upload,
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_position,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def at(year, month, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def year_url(year):
    return reverse("newsroom:article_archive_year", args=[year])


def month_url(year, month):
    return reverse("newsroom:article_archive_month", args=[year, month])


def json_ld(response):
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def news_2020():
    """Published news of 2019 and 2020, plus a draft and a scheduled item dated in 2020."""
    articles = {
        "march": make_article(title="March news", published_at=at(2020, 3)),
        "october_1": make_article(title="October one", published_at=at(2020, 10, 1)),
        "october_2": make_article(title="October two", published_at=at(2020, 10, 20)),
        "older": make_article(title="Older news", published_at=at(2019, 6)),
    }
    make_article(title="Draft of 2020", status=Article.Status.DRAFT, published_at=at(2020, 10))
    make_article(title="Hidden future", published_at=timezone.now() + datetime.timedelta(days=3))
    return articles


# --- Archive ---------------------------------------------------------------------


def test_archive_urls_resolve_before_the_article_slug():
    assert resolve("/news/2020/").url_name == "article_archive_year"
    assert resolve("/news/2020/10/").url_name == "article_archive_month"
    assert resolve("/news/a-2020-report/").url_name == "article_detail"
    assert year_url(2020) == "/news/2020/"
    assert month_url(2020, 10) == "/news/2020/10/"


def test_year_archive_lists_the_years_public_news_newest_first(client, news_2020):
    response = client.get(year_url(2020))
    assert response.status_code == HTTPStatus.OK
    titles = [a.title for a in response.context["object_list"]]
    assert titles == ["October two", "October one", "March news"]
    assert "News of 2020 (3)" in response.content.decode()


def test_year_archive_links_its_months_with_counts(client, news_2020):
    response = client.get(year_url(2020))
    months = [(m["date"].month, m["count"]) for m in response.context["archive_months"]]
    assert months == [(3, 1), (10, 2)]
    content = response.content.decode()
    assert f'href="{month_url(2020, 10)}"' in content
    assert f'href="{month_url(2020, 3)}"' in content


def test_year_archive_links_the_neighbouring_years(client, news_2020):
    response = client.get(year_url(2020))
    assert response.context["previous_period"]["year"] == 2019
    assert response.context["next_period"] is None  # the scheduled item does not count
    assert f'href="{year_url(2019)}"' in response.content.decode()


def test_month_archive_lists_the_months_public_news(client, news_2020):
    response = client.get(month_url(2020, 10))
    assert response.status_code == HTTPStatus.OK
    assert [a.title for a in response.context["object_list"]] == ["October two", "October one"]
    content = response.content.decode()
    assert "News of October 2020 (2)" in content
    assert "Draft of 2020" not in content
    assert f'href="{month_url(2020, 3)}"' in content  # previous month with news
    assert response.context["previous_period"]["date"] == datetime.date(2020, 3, 1)


def test_archive_combines_with_the_news_filters(client, news_2020):
    response = client.get(year_url(2020), {"q": "October"})
    assert response.status_code == HTTPStatus.OK
    assert {a.title for a in response.context["object_list"]} == {"October one", "October two"}


@pytest.mark.parametrize(
    "url",
    [
        "/news/2018/",  # no news that year
        "/news/2020/1/",  # no news that month
        "/news/2020/13/",  # no such month
        "/news/2020/0/",
        "/news/0/",
        "/news/99999/",
    ],
)
def test_archive_answers_empty_or_impossible_periods_with_404(client, news_2020, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=400)},
    ],
    ids=["draft", "review", "scheduled"],
)
def test_archive_never_shows_unpublished_news(client, overrides):
    article = make_article(title="Not public", **overrides)
    when = article.published_at or timezone.now()
    when = timezone.localtime(when)
    assert client.get(year_url(when.year)).status_code == HTTPStatus.NOT_FOUND
    assert client.get(month_url(when.year, when.month)).status_code == HTTPStatus.NOT_FOUND


def test_archive_paginates_like_the_news_list(client):
    for day in range(1, 23):
        make_article(published_at=at(2021, 5, day))
    first = client.get(month_url(2021, 5))
    assert len(first.context["object_list"]) == 20
    assert "News of May 2021 (22)" in first.content.decode()
    second = client.get(month_url(2021, 5), {"page": 2})
    assert len(second.context["object_list"]) == 2
    assert client.get(month_url(2021, 5), {"page": 9}).status_code == HTTPStatus.BAD_REQUEST


def test_news_list_links_the_years_with_public_news(client, news_2020):
    content = client.get(reverse("newsroom:article_list")).content.decode()
    assert f'href="{year_url(2020)}"' in content
    assert f'href="{year_url(2019)}"' in content
    assert 'href="/news/2018/"' not in content


def test_archive_years_nav_takes_one_query_then_none_until_the_news_change(
    news_2020, django_assert_num_queries
):
    from newsroom.templatetags.newsroom import archive_years

    # The years, and (once per content version) when the next scheduled item appears.
    with django_assert_num_queries(3):
        years = archive_years()
    assert [(row["year"], row["count"]) for row in years] == [(2020, 3), (2019, 1)]
    with django_assert_num_queries(0):
        assert archive_years() == years
    make_article(title="News of 2018", published_at=at(2018, 5))
    assert [row["year"] for row in archive_years()] == [2020, 2019, 2018]


# --- Canonical links -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/news/", "/events/", "/people/", "/organisations/"])
def test_list_pages_have_a_canonical_link_without_query(client, path):
    content = client.get(path, {"q": "x"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in content


def test_detail_pages_have_a_canonical_link(client):
    for obj in (make_article(), make_event(), make_participant(), make_organisation()):
        url = obj.get_absolute_url()
        content = client.get(url, {"utm_source": "x"}).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in content


# --- Sharing tags ------------------------------------------------------------------


def test_article_without_image_has_summary_card(client):
    article = make_article(title="Seizure", lead="A large seizure of heroin. " * 20)
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:title" content="Seizure">' in content
    assert f'<meta property="og:url" content="http://testserver{article.get_absolute_url()}">' in (
        content
    )
    assert '<meta property="og:site_name" content="CARICC">' in content
    assert '<meta property="og:locale"' in content
    assert '<meta name="twitter:card" content="summary">' in content
    assert "og:image" not in content
    description = re.search(r'<meta name="description" content="([^"]*)"', content).group(1)
    assert description.startswith("A large seizure of heroin.")
    assert len(description) <= 160


def test_article_with_image_has_large_card_and_absolute_jpeg_rendition(client):
    article = make_article(
        hero_image=image_upload("hero.png", size=(1600, 900)), hero_alt="Seized packages"
    )
    content = client.get(article.get_absolute_url()).content.decode()
    shared = images.share_image(article.hero_image)
    assert (shared.width, shared.height) == (1200, 675)
    assert shared.url.endswith(".jpg")
    image = f"http://testserver{shared.url}"
    assert f'<meta property="og:image" content="{image}">' in content
    assert '<meta property="og:image:width" content="1200">' in content
    assert '<meta property="og:image:height" content="675">' in content
    assert f'<meta name="twitter:image" content="{image}">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    assert article.hero_image.url not in content


def test_person_page_is_an_og_profile(client):
    person = make_participant(bio="Head of analytics.")
    content = client.get(person.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="profile">' in content
    assert '<meta property="og:description" content="Head of analytics.">' in content


# --- JSON-LD -----------------------------------------------------------------------


def test_article_json_ld_is_a_news_article(client):
    author = make_participant(full_name="Aziz Karimov")
    article = make_article(
        title="Joint operation", authors=[author], hero_image=image_upload(), hero_alt="Alt"
    )
    response = client.get(article.get_absolute_url())
    data = json_ld(response)
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Joint operation"
    assert datetime.datetime.fromisoformat(data["datePublished"]) == article.published_at
    assert "dateModified" in data
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Aziz Karimov",
            "url": f"http://testserver/people/{author.slug}/",
        }
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "CARICC"
    assert data["image"] == [f"http://testserver{images.share_image(article.hero_image).url}"]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}


def test_json_ld_block_carries_the_csp_nonce(client):
    response = client.get(make_article().get_absolute_url())
    tag = re.search(r'<script type="application/ld\+json"[^>]*>', response.content.decode())
    nonce = re.search(r'nonce="([^"]+)"', tag.group(0)).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("fmt", "mode", "location_types"),
    [
        (Event.Format.IN_PERSON, "Offline", "Place"),
        (Event.Format.ONLINE, "Online", "VirtualLocation"),
        (Event.Format.HYBRID, "Mixed", ["Place", "VirtualLocation"]),
    ],
)
def test_event_json_ld(client, fmt, mode, location_types):
    host = make_organisation(name="CARICC Secretariat")
    event = make_event(
        title="Working group",
        format=fmt,
        city="Almaty",
        country="KZ",
        venue="Rixos",
        starts_on=datetime.date(2020, 9, 14),
        ends_on=datetime.date(2020, 9, 15),
    )
    event.hosts.add(host)
    data = json_ld(client.get(event.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["name"] == "Working group"
    assert data["startDate"] == "2020-09-14"
    assert data["endDate"] == "2020-09-15"
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    location = data["location"]
    if isinstance(location, list):
        assert [item["@type"] for item in location] == location_types
    else:
        assert location["@type"] == location_types
    if fmt == Event.Format.IN_PERSON:
        assert location["name"] == "Rixos"
        assert location["address"]["addressLocality"] == "Almaty"
        assert location["address"]["addressCountry"] == "KZ"
    assert data["organizer"][0]["name"] == "CARICC Secretariat"


def test_person_json_ld(client):
    org = make_organisation(name="Drug Control Agency")
    person = make_participant(full_name="Rustam Miralizoda")
    make_position(person, title="Director", organisation=org)
    ParticipantAlias.objects.create(participant=person, name="Rustam Mirali")
    data = json_ld(client.get(person.get_absolute_url()))
    assert data["@type"] == "Person"
    assert data["name"] == "Rustam Miralizoda"
    assert data["alternateName"] == ["Rustam Mirali"]
    assert data["jobTitle"] == "Director"
    assert data["worksFor"]["@type"] == "Organization"
    assert data["worksFor"]["name"] == "Drug Control Agency"


def test_organisation_json_ld(client):
    parent = make_organisation(name="United Nations Office on Drugs and Crime")
    org = make_organisation(
        name="Regional Office", short_name="ROCA", website="https://example.org/", parent=parent
    )
    data = json_ld(client.get(org.get_absolute_url()))
    assert data["@type"] == "Organization"
    assert data["name"] == "Regional Office"
    assert data["alternateName"] == ["ROCA"]
    assert data["url"] == "https://example.org/"
    assert data["parentOrganization"]["name"] == "United Nations Office on Drugs and Crime"


def test_json_ld_escapes_a_script_breaking_title(client):
    title = "</script><script>alert(1)</script> & more"
    article = make_article(title=title)
    content = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S)
    assert "<" not in block.group(1)
    assert "\\u003C/script\\u003E" in block.group(1)
    assert "<script>alert(1)" not in content
    assert json.loads(block.group(1))["headline"] == title


def test_draft_preview_has_no_sharing_tags_or_json_ld(staff_client):
    article = make_article(status=Article.Status.DRAFT)
    content = staff_client.get(article.get_absolute_url()).content.decode()
    assert "og:title" not in content
    assert "application/ld+json" not in content
