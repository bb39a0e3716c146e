"""The demo in Russian: `load_demo` fills the Russian columns, and /ru/ shows them."""

import copy
import re
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from newsroom import demo_content as content
from newsroom.models import Article, Event, Organisation, Participant, Position

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = [data for data in content.ARTICLES if "ru" not in data]
RUSSIAN_ONLY = [data for data in content.ARTICLES if "title" not in data]
BILINGUAL = [data for data in content.ARTICLES if "ru" in data and "title" in data]


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def report(output):
    """{label: (created, updated, unchanged)} from the command's report."""
    return {
        label.strip(): tuple(int(n) for n in numbers)
        for label, *numbers in re.findall(
            r"^\s+(.+?)\s+(\d+) created\s+(\d+) updated\s+(\d+) unchanged$", output, re.M
        )
    }


@pytest.fixture
def demo():
    load_demo()


def test_the_data_has_a_russian_version_of_everything_but_one_article():
    assert len(ENGLISH_ONLY) == 1 and len(RUSSIAN_ONLY) == 1
    assert len(BILINGUAL) == 11
    for data in [*content.ORGANISATIONS]:
        assert data["ru"]["name"] and data["ru"]["description"], data["slug"]
        assert bool(data.get("short_name")) == bool(data["ru"].get("short_name")), data["slug"]
    for data in content.PEOPLE:
        assert data["ru"]["full_name"] and data["ru"]["honorific"], data["slug"]
        assert {title for title, *_rest in data["positions"]} == set(data["ru"]["positions"])
    for data in [*content.EVENTS, *content.UPCOMING_EVENTS]:
        ru = data["ru"]
        assert ru["title"] and ru["summary"], data["slug"]
        assert len(ru.get("description", [])) == len(data.get("description", [])), data["slug"]
    for data in BILINGUAL:
        assert len(data["ru"]["paragraphs"]) == len(data["paragraphs"]), data["slug"]


def test_russian_news_lists_the_russian_articles_and_not_the_english_only_one(client, demo):
    page = client.get("/ru/news/").text

    for data in [*BILINGUAL, *RUSSIAN_ONLY]:
        assert escape(data["ru"]["title"]) in page
    assert escape(ENGLISH_ONLY[0]["title"]) not in page


def test_english_news_does_not_list_the_russian_only_article(client, demo):
    page = client.get("/news/").text

    assert escape(RUSSIAN_ONLY[0]["ru"]["title"]) not in page
    for data in [*BILINGUAL, *ENGLISH_ONLY]:
        assert escape(data["title"]) in page


def test_a_russian_article_page_speaks_russian(client, demo):
    data = BILINGUAL[0]
    article = Article.objects.get(slug_en=data["slug"])
    assert (
        article.slug_ru == "tsarikts-proinformiroval-regionalnuyu-rabochuyu-gruppu-po-prekursoram"
    )

    response = client.get(f"/ru/news/{article.slug_ru}/")

    assert response.status_code == HTTPStatus.OK
    assert escape(data["ru"]["title"]) in response.text
    assert escape(data["ru"]["paragraphs"][1]) in response.text
    assert "Иллюстрация: ЦАРИКЦ" in response.text
    assert escape(data["title"]) not in response.text


def test_the_russian_only_article_lives_at_its_russian_address_only(client, demo):
    data = RUSSIAN_ONLY[0]
    article = Article.objects.get(slug_ru=data["ru"]["slug"])
    assert (article.title_en, article.slug_en, article.original_language) == ("", None, "ru")

    response = client.get(f"/ru/news/{data['ru']['slug']}/")

    assert response.status_code == HTTPStatus.OK
    assert escape(data["ru"]["title"]) in response.text
    assert client.get(f"/news/{data['ru']['slug']}/").status_code == HTTPStatus.NOT_FOUND


def test_the_english_only_article_is_missing_in_russian(client, demo):
    slug = ENGLISH_ONLY[0]["slug"]
    assert client.get(f"/news/{slug}/").status_code == HTTPStatus.OK
    assert client.get(f"/ru/news/{slug}/").status_code == HTTPStatus.NOT_FOUND


def test_russian_events_list_the_events_under_their_russian_titles(client, demo):
    page = client.get("/ru/events/").text

    for data in [*content.EVENTS, *content.UPCOMING_EVENTS]:
        assert escape(data["ru"]["title"]) in page, data["slug"]
        assert escape(data["title"]) not in page
    event = Event.objects.get(
        slug="working-group-of-experts-on-caricc-regulatory-framework-2020-09"
    )
    detail = client.get(f"/ru/events/{event.slug}/").text
    assert "модератором выступил представитель ЦАРИКЦ" in detail


def test_an_organisation_page_in_russian_shows_its_russian_name(client, demo):
    response = client.get("/ru/organisations/caricc/")

    assert response.status_code == HTTPStatus.OK
    assert "Центральноазиатский региональный информационный координационный центр" in (
        response.text
    )
    assert "ЦАРИКЦ" in response.text
    english = client.get("/organisations/caricc/").text
    assert "Central Asian Regional Information and Coordination Centre" in english
    assert "Центральноазиатский" not in english


def test_a_person_page_in_russian_shows_the_russian_name_rank_and_post(client, demo):
    page = client.get("/ru/people/rustam-miralizoda/").text

    assert "Рустам Мирализода" in page and "генерал-майор" in page
    assert "Директор" in page


def test_people_and_positions_carry_both_languages(demo):
    person = Participant.objects.get(slug="yerlan-turgumbayev")
    assert (person.full_name_en, person.full_name_ru) == ("Yerlan Turgumbayev", "Ерлан Тургумбаев")
    assert (person.honorific_en, person.honorific_ru) == ("Lieutenant-General", "генерал-лейтенант")
    position = Position.objects.get(participant=person)
    assert (position.title_en, position.title_ru) == (
        "Minister of Internal Affairs",
        "Министр внутренних дел",
    )
    assert not Position.objects.filter(title_ru="").exists()
    with translation.override("ru"):
        assert Organisation.objects.get(slug="unodc").display_name == "УНП ООН"


def test_a_second_run_changes_nothing(demo):
    counts = report(load_demo())

    assert counts, "the report lists what it did"
    for label, (created, updated, _unchanged) in counts.items():
        assert (created, updated) == (0, 0), label


def test_no_demo_translation_is_out_of_date(demo):
    items = [
        *Article.objects.all(),
        *Event.objects.all(),
        *Organisation.objects.all(),
        *Participant.objects.all(),
    ]
    for item in items:
        assert item.stale_translations() == [], item
        if item.languages() == ["en", "ru"]:
            assert item.en_changed_at == item.ru_changed_at, item
    assert {a.original_language for a in Article.objects.all()} == {"en", "ru"}


def test_a_changed_russian_text_is_an_update_that_stays_current(demo, monkeypatch):
    articles = copy.deepcopy(content.ARTICLES)
    data = next(a for a in articles if a["slug"] == BILINGUAL[1]["slug"])
    data["ru"]["title"] = "Руководящие комитеты пограничного компонента провели онлайн-заседание"
    monkeypatch.setattr(content, "ARTICLES", articles)

    counts = report(load_demo())

    assert counts["articles"][:2] == (0, 1)
    article = Article.objects.get(slug_en=data["slug"])
    assert article.title_ru == data["ru"]["title"]
    assert (
        article.slug_ru
        == "rukovodyashchie-komitety-pogranichnogo-komponenta-proveli-onlayn-zasedanie"
    )
    assert article.stale_translations() == []
    assert article.en_changed_at == article.ru_changed_at
    assert report(load_demo())["articles"][:2] == (0, 0)
