"""SQL queries per public page: a small constant, whatever the page size and the archive size.

The figures are exact, so a change that adds a query is seen here first; the issue's ceiling for
lists and detail pages is 6. Each page is asked for once before counting: the archive-wide figures
(counts, filter choices, years) are then remembered (newsroom/memo.py), as on a running site.
"""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .factories import make_article, make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db

CEILING = 6


@pytest.fixture
def archive():
    caricc = make_organisation(name="CARICC", short_name="CARICC", slug="caricc", country="KZ")
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    event = make_event(title="Working group", slug="wg", tags=["precursors"], country="KZ")
    event.hosts.add(caricc)
    for n in range(45):
        article = make_article(
            title=f"News {n}", slug=f"news-{n}", tags=["precursors", f"topic-{n % 7}"]
        )
        article.organisations.add(caricc)
        article.participants.add(person)
        article.events.add(event)
    return {"caricc": caricc, "person": person, "event": event}


def count(client, url):
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", 5),
        ("/news/", 2),
        ("/news/?page=3", 2),
        ("/news/?tag=precursors", 3),
        ("/news/?tag=precursors&tag=topic-1", 3),
        ("/news/?tag=precursors&organisation=caricc&year={year}", 4),
        ("/news/news-7/", 6),
        ("/events/", 2),
        ("/events/wg/", 6),
        ("/tags/precursors/", 4),
    ],
)
def test_public_pages_take_a_fixed_number_of_queries(client, archive, url, expected):
    assert count(client, url.format(year=timezone.localdate().year)) == expected
    assert expected <= CEILING


def test_a_list_page_costs_the_same_with_20_cards_or_2(client, archive):
    full = count(client, "/news/")
    assert count(client, "/news/?page=3") == full  # 45 items: the third page holds 5


def test_cards_show_their_tags_by_name_without_a_query_per_card(client, archive):
    response = client.get("/news/")
    card = response.content.decode().split('class="card card--article', 2)[1]
    assert card.index(">precursors</a>") < card.index(">topic-")
    assert 'href="/tags/precursors/"' in card
