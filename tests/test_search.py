"""Site search: /search/?q= on SQLite, with the full-text parts checked on PostgreSQL."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.models import Article, Organisation, OrganisationAlias, ParticipantAlias
from newsroom.search import MAX_QUERY_LENGTH, Query, clean_query, marked, simple_snippet

from .factories import make_article, make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db

URL = reverse("newsroom:search")
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="full-text search runs on PostgreSQL"
)


def search(client, q, **params):
    return client.get(URL, {"q": q, **params})


def found(response, obj):
    return obj.get_absolute_url() in response.text


# --- Query helpers ------------------------------------------------------------------


def test_clean_query_drops_control_characters_and_collapses_space():
    assert clean_query(" heroin\x00  seizure\t\n") == "heroin seizure"


def test_query_keeps_words_with_letters_and_transliterates():
    query = Query("«Мирализода» && !!! R.A.")
    assert query.words == ["Мирализода", "R.A."]
    assert query.ascii_words == ["Miralizoda", "R.A."]
    assert not Query("&|!:*() 😀")


def test_marked_escapes_everything_but_the_marks():
    assert marked("a <b>\ue000hit\ue001 &amp;") == "a &lt;b&gt;<mark>hit</mark> &amp;"
    assert marked("\ue001stray\ue000open") == "stray<mark>open</mark>"


def test_simple_snippet_marks_the_first_match_in_context():
    text = " ".join(f"w{i}" for i in range(40)) + " heroin <script>"
    snippet = simple_snippet(text, ["heroin"])
    assert "<mark>heroin</mark>" in snippet
    assert "&lt;script&gt;" in snippet
    assert snippet.startswith("… ")


# --- Finding news ------------------------------------------------------------------


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", "Heroin seizure in Dushanbe"),
        ("lead", "Officers seized heroin near Dushanbe."),
        ("body", "<p>A heroin shipment was stopped in <strong>Dushanbe</strong>.</p>"),
    ],
)
def test_finds_articles_by_words_in_title_lead_or_body(client, field, value):
    article = make_article(**{field: value})
    other = make_article(title="Precursor control seminar")
    response = search(client, "heroin Dushanbe")
    assert response.status_code == HTTPStatus.OK
    assert found(response, article)
    assert not found(response, other)


def test_every_word_must_match(client):
    article = make_article(title="Heroin seizure")
    assert not found(search(client, "heroin cocaine"), article)


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},  # scheduled
        {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},  # expired
        {"status": Article.Status.UNPUBLISHED},
    ],
)
def test_unpublished_articles_and_events_are_never_found(client, overrides):
    article = make_article(title="Secret heroin operation", **overrides)
    event = make_event(title="Secret heroin meeting", **overrides)
    response = search(client, "secret")
    assert not found(response, article)
    assert not found(response, event)
    assert response.context["article_count"] == 0
    assert response.context["event_count"] == 0


def test_finds_events_by_summary_and_description(client):
    by_summary = make_event(summary="Joint precursor operation in Tashkent")
    by_description = make_event(description="<p>Precursor experts met in Tashkent.</p>")
    response = search(client, "precursor Tashkent")
    assert found(response, by_summary)
    assert found(response, by_description)
    assert response.context["event_count"] == 2


# --- People and organisations ---------------------------------------------------------


@pytest.fixture
def miralizoda():
    person = make_participant(full_name="Rustam Miralizoda")
    ParticipantAlias.objects.create(participant=person, name="Miralizoda R.A.")
    ParticipantAlias.objects.create(participant=person, name="Мирализода Р.А.")
    return person


@pytest.mark.parametrize("q", ["Miralizoda", "Мирализода", "R.A. Miralizoda", "miralizoda r.a."])
def test_finds_people_by_name_or_alias_in_either_script(client, miralizoda, q):
    make_participant(full_name="Someone Else")
    response = search(client, q)
    assert response.context["person_count"] == 1
    assert found(response, miralizoda)


def test_latin_query_finds_a_person_known_only_in_cyrillic(client):
    person = make_participant(full_name="Рустам Мирализода")
    ParticipantAlias.objects.create(participant=person, name="Мирализода Р.А.")
    response = search(client, "Miralizoda")
    assert found(response, person)


@pytest.mark.parametrize("q", ["UNODC", "unodc", "Drugs and Crime", "УНП ООН"])
def test_finds_organisations_by_acronym_name_or_alias(client, q):
    unodc = make_organisation(name="United Nations Office on Drugs and Crime", short_name="UNODC")
    OrganisationAlias.objects.create(organisation=unodc, name="УНП ООН")
    make_organisation(name="World Customs Organization", short_name="WCO")
    response = search(client, q)
    assert response.context["organisation_count"] == 1
    assert found(response, unodc)


def test_a_name_with_accents_and_null_columns_does_not_break_search(client):
    # Inserted in bulk (generate_content does), the other languages' columns are NULL, not "".
    [turkiye] = Organisation.objects.bulk_create(
        [Organisation(name="Drug Control Service of Türkiye", slug="dcs-tr", kind="other")]
    )
    response = search(client, "Turkiye")
    assert response.status_code == HTTPStatus.OK
    assert found(response, turkiye)


def test_names_missing_in_one_language_do_not_break_the_search(client):
    # Rows written by bulk inserts (generate_content) leave the other language's columns NULL.
    wco = make_organisation(name="World Customs Organization", short_name="WCO")
    Organisation.objects.filter(pk=wco.pk).update(
        name_ru="Всемирная таможенная организация", short_name_ru=None
    )
    response = search(client, "Vsemirnaya")
    assert response.status_code == HTTPStatus.OK
    assert found(response, wco)


# --- Stemming (PostgreSQL) ----------------------------------------------------------------


@postgres_only
def test_russian_stemming_finds_other_forms(client):
    article = make_article(language="ru", title="Встречи директора", lead="", body="")
    response = client.get("/ru/search/", {"q": "встреча"})
    with translation.override("ru"):
        assert found(response, article)
    assert "<mark>Встречи</mark>" in response.text or "<mark>" not in response.text


@postgres_only
def test_english_stemming_finds_other_forms(client):
    article = make_article(title="Annual meeting", lead="The meeting of heads of agencies.")
    response = search(client, "meetings")
    assert found(response, article)
    assert "<mark>meeting</mark>" in response.text


@postgres_only
def test_title_matches_rank_above_body_matches(client):
    in_body = make_article(title="Annual report", body="<p>Cannabis figures.</p>", lead="Figures.")
    in_title = make_article(
        title="Cannabis eradication",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    response = search(client, "cannabis")
    assert response.context["articles"] == [in_title, in_body]


@postgres_only
def test_search_document_is_indexed_and_used():
    from newsroom.search import Document, search_query

    make_article(title="Heroin")
    queryset = Article.objects.alias(search=Document(Article)).filter(search=search_query("heroin"))
    assert queryset.count() == 1
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_search_idx" in plan


# --- Snippets -------------------------------------------------------------------------------


def test_snippets_highlight_and_escape(client):
    make_article(
        title="Trafficking report",
        lead="Analysts found heroin.",
        body="<p>The page showed &lt;script&gt;alert(1)&lt;/script&gt; next to heroin.</p>",
    )
    response = search(client, "heroin")
    text = response.text
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<mark>heroin</mark>" in text


def test_markup_typed_into_a_lead_is_never_rendered(client):
    make_article(lead='Heroin <script>alert("x")</script> <b>bold</b>')
    text = search(client, "heroin").text
    assert '<script>alert("x")' not in text
    assert "<b>bold</b>" not in text


def test_titles_in_results_are_escaped(client):
    make_article(title="Heroin <img src=x onerror=alert(1)>")
    response = search(client, "heroin")
    assert "<img src=x" not in response.text
    assert "&lt;img src=x" in response.text


# --- Odd, empty and long queries ------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        '"heroin',
        "heroin & | ! : * ( )",
        "&|!:*()",
        "'; DROP TABLE newsroom_article; --",
        "heroin\x00seizure",
        "\x00",
        "!!!",
        "😀 heroin 🚀",
        "-heroin",
        "heroin OR or \"\" ''",
        "%_\\",
        "a" * MAX_QUERY_LENGTH,
        "<script>alert(1)</script>",
        "the",
    ],
)
def test_odd_queries_never_fail(client, q):
    make_article(title="Heroin seizure")
    response = search(client, q)
    assert response.status_code == HTTPStatus.OK
    assert "<script>alert(1)</script>" not in response.text


def test_nul_byte_in_the_address_is_handled(client):
    response = client.get(URL + "?q=heroin%00seizure")
    assert response.status_code == HTTPStatus.OK


def test_empty_query_shows_just_the_form(client):
    make_article(title="Heroin seizure")
    for response in (client.get(URL), search(client, ""), search(client, "   ")):
        assert response.status_code == HTTPStatus.OK
        assert 'id="search-q"' in response.text
        assert "articles" not in response.context
        assert "Search news, events, people and organisations" in response.text


def test_punctuation_only_asks_for_words(client):
    response = search(client, "?!.,")
    assert response.status_code == HTTPStatus.OK
    assert "Type a word or a name" in response.text


def test_too_long_query_is_a_400_with_a_message(client):
    response = search(client, "a" * (MAX_QUERY_LENGTH + 1))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "too long" in response.text
    assert 'id="search-q"' in response.text


def test_bad_page_is_a_400(client):
    make_article(title="Heroin seizure")
    assert search(client, "heroin", page="99").status_code == HTTPStatus.BAD_REQUEST
    assert search(client, "heroin", page="x").status_code == HTTPStatus.BAD_REQUEST


# --- Pagination, limits, query count -----------------------------------------------------------


def test_news_pagination_keeps_the_query(client):
    for _ in range(25):
        make_article(title="Heroin seizure")
    response = search(client, "heroin")
    assert response.context["article_count"] == 25
    assert len(response.context["articles"]) == 20
    assert "?q=heroin&amp;page=2" in response.text
    second = search(client, "heroin", page=2)
    assert len(second.context["articles"]) == 5
    assert 'value="heroin"' in second.text


def test_other_sections_are_capped_with_a_link_to_the_full_list(client):
    for n in range(12):
        make_participant(full_name=f"Ivan Petrov{n}")
    response = search(client, "Ivan")
    assert response.context["person_count"] == 12
    assert len(response.context["people"]) == 10
    assert reverse("newsroom:participant_list") + "?q=Ivan" in response.text


def _fill(n):
    for i in range(n):
        make_article(title=f"Heroin case {i}", tags=["heroin"])
        make_event(title=f"Heroin meeting {i}")
        person = make_participant(full_name=f"Heroin Expert{i}")
        ParticipantAlias.objects.create(participant=person, name=f"Эксперт{i}")
        org = make_organisation(name=f"Heroin Unit {i}")
        OrganisationAlias.objects.create(organisation=org, name=f"Отдел{i}")


def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    _fill(2)
    with django_assert_max_num_queries(15) as few:
        search(client, "heroin")
    _fill(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = search(client, "heroin")
    assert response.context["article_count"] == 8


def test_header_has_a_search_box_on_every_page(client):
    response = client.get(reverse("newsroom:home"))
    assert f'action="{URL}"' in response.text
    assert 'for="site-search-q"' in response.text
    assert 'name="q"' in response.text


def test_a_search_ranks_the_newest_matches_and_says_when_there_are_more(client, monkeypatch):
    from newsroom import search

    monkeypatch.setattr(search, "RANKED", 3)
    # Words, not digits: the factories' other texts carry running numbers that a digit matches.
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    for n, word in enumerate(words):
        make_article(
            title=f"Heroin seizure {word}",
            published_at=timezone.now() - datetime.timedelta(days=n),
        )
    response = client.get("/search/", {"q": "heroin"})
    assert response.status_code == HTTPStatus.OK
    shown = [article.title for article in response.context["articles"]]
    assert "Heroin seizure echo" not in shown and "Heroin seizure alpha" in shown
    content = response.content.decode()
    assert "(3+)" in content
    assert "More than 3 news items match" in content

    response = client.get("/search/", {"q": "heroin seizure bravo"})
    assert "More than" not in response.content.decode()
