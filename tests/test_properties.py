"""Property-based tests: whatever query string a reader sends to a list, filter or search page,
the answer is a page (200), a redirect (301/302), a refusal (400) or "not found" (404).

Hypothesis writes the query strings: each list's own parameter names and names of its own, with
values that are valid choices, arbitrary Unicode (NUL and other control characters included),
numbers far outside any database integer, dates, and overlong text, repeated at will.
"""

import datetime
from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsroom.filters import ArticleFilter, EventFilter, OrganisationFilter, ParticipantFilter

from .factories import make_article, make_event, make_organisation, make_participant, make_position

pytestmark = pytest.mark.django_db

ANSWERS = {
    HTTPStatus.OK,
    HTTPStatus.MOVED_PERMANENTLY,
    HTTPStatus.FOUND,
    HTTPStatus.BAD_REQUEST,
    HTTPStatus.NOT_FOUND,
}

# Values the filters accept, so that the examples also reach past form validation.
VALID = [
    "heroin",
    "precursors",
    "caricc",
    "rustam-miralizoda",
    "KZ",
    "news",
    "analytics",
    "2024",
    "upcoming",
    "past",
    "meeting",
    "international",
    "online",
    "on",
    "true",
    "1",
    "2",
    "2024-03-01",
    "2024-03-31",
]

PAGES = {
    "news": ("newsroom:article_list", {}, ArticleFilter.base_filters),
    "events": ("newsroom:event_list", {}, EventFilter.base_filters),
    "people": ("newsroom:participant_list", {}, ParticipantFilter.base_filters),
    "organisations": ("newsroom:organisation_list", {}, OrganisationFilter.base_filters),
    "tag": ("newsroom:tag_detail", {"slug": "heroin"}, ArticleFilter.base_filters),
    "search": ("newsroom:search", {}, ["q"]),
}

values = st.one_of(
    st.sampled_from(VALID),
    st.text(max_size=30),  # any Unicode but surrogates: NUL, controls, emoji, Cyrillic
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(datetime.date.isoformat),
    st.text(alphabet="abc \x00<>\"'%", min_size=190, max_size=400),  # past MAX_QUERY_LENGTH
)


def query_strings(known):
    names = st.one_of(
        st.sampled_from([*known, "page", "date_from", "date_to"]), st.text(min_size=1, max_size=8)
    )
    return st.lists(st.tuples(names, values), max_size=6).map(urlencode)


@pytest.fixture
def content():
    organisation = make_organisation(name="CARICC", slug="caricc", country="KZ")
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    make_position(person, title="Director", organisation=organisation)
    published_at = timezone.make_aware(datetime.datetime(2024, 3, 15, 10))
    for _ in range(3):
        article = make_article(tags=["heroin", "precursors"], published_at=published_at)
        article.organisations.add(organisation)
        article.participants.add(person)
    event = make_event(tags=["heroin"], starts_on=datetime.date(2024, 3, 20), country="KZ")
    event.hosts.add(organisation)


@pytest.mark.parametrize("page", sorted(PAGES))
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_query_string_gets_a_page_a_redirect_a_400_or_a_404(content, page, data):
    name, kwargs, known = PAGES[page]
    url = reverse(name, kwargs=kwargs)
    query = data.draw(query_strings(list(known)), label="query")
    response = Client(raise_request_exception=False).get(f"{url}?{query}")
    event(f"status {response.status_code}")  # pytest --hypothesis-show-statistics
    assert response.status_code in ANSWERS
