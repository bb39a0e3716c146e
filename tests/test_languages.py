"""English and Russian: addresses, what each language lists, translations, the admin, the report."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.models import Article, Organisation
from tests.factories import make_article, make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db


def bilingual_article(**overrides):
    """An article written in English and translated into Russian."""
    article = make_article(title="Meeting in Almaty", slug="meeting-in-almaty", **overrides)
    article.title_ru = "Встреча в Алматы"
    article.lead_ru = "Руководители ведомств встретились в ЦАРИКЦ."
    article.save()
    return article


def ru_url(obj):
    with translation.override("ru"):
        return obj.get_absolute_url()


def hreflangs(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text)
    )


# --- Addresses and the interface --------------------------------------------------------------


def test_russian_pages_live_under_ru_and_speak_russian(client):
    response = client.get("/ru/")

    assert response.status_code == HTTPStatus.OK
    assert '<html lang="ru">' in response.text
    assert response["Content-Language"] == "ru"
    assert "Новости" in response.text and "Мероприятия" in response.text


def test_english_pages_stay_at_the_root(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")

    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"
    assert client.get("/en/").status_code == HTTPStatus.NOT_FOUND


def test_reversed_addresses_carry_the_language_prefix():
    with translation.override("ru"):
        assert reverse("newsroom:article_list") == "/ru/news/"
    assert reverse("newsroom:article_list") == "/news/"


def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(client):
    article = bilingual_article()

    response = client.get(
        reverse("newsroom:switch_language"), {"language": "ru", "next": article.get_absolute_url()}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/ru/news/meeting-in-almaty/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    # The English address under /ru/ leads on to the Russian one.
    response = client.get(response["Location"])
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/ru/news/vstrecha-v-almaty/"
    assert "Встреча в Алматы" in client.get(response["Location"]).text


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({"language": "ru", "next": "https://evil.example/news/"}, "/ru/"),
        ({"language": "ru", "next": "//evil.example/"}, "/ru/"),
        ({"language": "ru"}, "/ru/"),
        ({"language": "en", "next": "/ru/news/?tag=heroin"}, "/news/?tag=heroin"),
        ({"language": "xx", "next": "/news/"}, "/news/"),
    ],
)
def test_the_switcher_stays_on_this_site_and_in_a_known_language(client, query, location):
    response = client.get(reverse("newsroom:switch_language"), query)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == location
    if query["language"] == "xx":
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switcher_is_a_labelled_form_that_works_without_script(client):
    page = client.get("/news/").text
    form = page.split('class="language-switcher"')[1].split("</form>")[0]
    assert 'action="/language/"' in page and 'method="get"' in form.split(">")[0]
    assert "csrfmiddlewaretoken" not in page  # nothing per reader: the page can be cached
    assert '<label class="language-switcher__label" for="language-select">' in form
    assert 'type="submit"' in form
    assert 'lang="ru"' in form and "Русский" in form


# --- Each language lists what is written in it -------------------------------------------------


def test_lists_feeds_and_sitemaps_hold_what_is_written_in_their_language(client):
    english = make_article(title="Only in English", tags=["heroin"])
    russian = make_article(language="ru", title="Только по-русски", tags=["heroin"])
    both = bilingual_article(tags=["heroin"])

    english_news = client.get("/news/").text
    russian_news = client.get("/ru/news/").text
    assert "Only in English" in english_news and "Meeting in Almaty" in english_news
    assert "Только по-русски" not in english_news
    assert "Только по-русски" in russian_news and "Встреча в Алматы" in russian_news
    assert "Only in English" not in russian_news

    assert client.get("/tags/heroin/").context["total"] == 2
    assert client.get("/ru/tags/heroin/").context["total"] == 2
    assert "Только по-русски" in client.get("/ru/news/feed/rss/").text
    assert "Только по-русски" not in client.get("/news/feed/rss/").text

    english_map = client.get("/sitemap-news-en.xml").text
    russian_map = client.get("/sitemap-news-ru.xml").text
    assert english.get_absolute_url() in english_map and russian.slug_ru not in english_map
    assert f"http://testserver{ru_url(russian)}" in russian_map
    assert f"http://testserver{ru_url(both)}" in russian_map
    assert english.slug_en not in russian_map


def test_events_are_listed_in_the_languages_they_are_written_in(client):
    make_event(title="Webinar on precursors")
    make_event(language="ru", title="Вебинар по прекурсорам")

    assert "Вебинар по прекурсорам" not in client.get("/events/").text
    russian = client.get("/ru/events/").text
    assert "Вебинар по прекурсорам" in russian and "Webinar on precursors" not in russian


def test_an_item_missing_in_the_language_is_a_404_that_links_to_its_languages(client):
    article = make_article(title="Only in English", slug="only-in-english")
    assert article.get_absolute_url() == "/news/only-in-english/"

    response = client.get("/ru/news/only-in-english/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert 'href="/news/only-in-english/"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_drafts_stay_hidden_in_russian_too(client):
    make_article(language="ru", title="Черновик", slug="chernovik", status="draft")
    make_article(
        language="ru",
        title="Будущее",
        slug="budushchee",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )

    assert client.get("/ru/news/chernovik/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/ru/news/budushchee/").status_code == HTTPStatus.NOT_FOUND
    page = client.get("/ru/news/").text
    assert "Черновик" not in page and "Будущее" not in page


def test_hreflang_alternates_name_the_languages_a_page_exists_in(client):
    both = bilingual_article()
    english = make_article(title="Only in English")

    links = hreflangs(client.get(both.get_absolute_url()))
    assert links == {
        "en": "http://testserver/news/meeting-in-almaty/",
        "ru": "http://testserver/ru/news/vstrecha-v-almaty/",
        "x-default": "http://testserver/news/meeting-in-almaty/",
    }
    assert set(hreflangs(client.get(english.get_absolute_url()))) == {"en", "x-default"}
    assert hreflangs(client.get("/ru/events/")) == {
        "en": "http://testserver/events/",
        "ru": "http://testserver/ru/events/",
        "x-default": "http://testserver/events/",
    }


def test_people_and_organisations_are_shared_with_a_fallback_name(client):
    unodc = make_organisation(name="United Nations Office on Drugs and Crime", slug="unodc")
    caricc = make_organisation(name="CARICC", slug="caricc")
    caricc.name_ru = "ЦАРИКЦ"
    caricc.save()
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    person.full_name_ru = "Рустам Мирализода"
    person.save()

    assert "United Nations Office on Drugs and Crime" in client.get("/ru/organisations/unodc/").text
    assert "ЦАРИКЦ" in client.get("/ru/organisations/caricc/").text
    assert "Рустам Мирализода" in client.get("/ru/people/rustam-miralizoda/").text
    assert "Rustam Miralizoda" in client.get("/people/rustam-miralizoda/").text
    assert unodc.get_absolute_url() == "/organisations/unodc/"


def test_a_person_is_found_under_a_name_in_either_language_from_either_side(client):
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    person.full_name_ru = "Рустам Мирализода"
    person.save()

    for path, query in [("/search/", "Мирализода"), ("/ru/search/", "Miralizoda")]:
        response = client.get(path, {"q": query})
        assert response.context["people"] == [person], (path, query)


# --- Numbers, plurals and dates per language ---------------------------------------------------


@pytest.mark.parametrize(
    ("count", "english", "russian"),
    [
        (1, "1 news item", "1 новость"),
        (2, "2 news items", "2 новости"),
        (5, "5 news items", "5 новостей"),
        (21, "21 news items", "21 новость"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(client, count, english, russian):
    for n in range(count):
        make_article(title=f"Item {n}", tags=["opium"])
        Article.objects.filter(title_en=f"Item {n}").update(title_ru=f"Материал {n}")

    assert english in client.get("/tags/opium/").text
    assert russian in client.get("/ru/tags/opium/").text
    assert russian in client.get("/ru/news/").text


def test_large_counts_are_grouped_the_way_each_language_groups_digits(client):
    published = timezone.now() - datetime.timedelta(days=1)
    Article.objects.bulk_create(
        Article(
            title_en=f"Item {n}",
            slug_en=f"item-{n}",
            title_ru=f"Материал {n}",
            slug_ru=f"material-{n}",
            lead_en="",
            lead_ru="",
            status="published",
            published_at=published,
        )
        for n in range(1001)
    )

    assert "1,001 news items" in client.get("/news/").text
    assert "1\xa0001 новость" in client.get("/ru/news/").text


def test_dates_are_written_the_way_each_language_writes_them(client):
    published = timezone.make_aware(datetime.datetime(2020, 10, 19, 11, 0))
    article = bilingual_article(published_at=published)

    assert "19 October 2020" in client.get(article.get_absolute_url()).text
    assert "19 октября 2020" in client.get(ru_url(article)).text


# --- Editors: both languages side by side ----------------------------------------------------


def test_the_admin_form_puts_each_language_side_by_side(staff_client):
    page = staff_client.get(reverse("admin:newsroom_article_add")).text

    rows = re.findall(r'<div class="form-row([^"]*)"', page)
    assert any("field-title_en" in row and "field-title_ru" in row for row in rows)
    assert any("field-body_en" in row and "field-body_ru" in row for row in rows)
    assert 'name="original_language"' in page


def test_an_editor_may_write_an_article_in_russian_only(staff_client):
    response = staff_client.post(
        reverse("admin:newsroom_article_add"),
        {
            "title_ru": "Встреча в Алматы",
            "lead_ru": "Лид.",
            "body_ru": "<p>Текст.</p>",
            "section": "news",
            "tags": "",
            "status": "published",
            "published_at_0": "2020-10-19",
            "published_at_1": "10:00:00",
            "authorships-TOTAL_FORMS": "0",
            "authorships-INITIAL_FORMS": "0",
            "authorships-MIN_NUM_FORMS": "0",
            "authorships-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == HTTPStatus.FOUND, response.context["errors"]
    article = Article.objects.get()
    assert article.languages() == ["ru"]
    assert article.original_language == "ru"
    assert article.slug_ru == "vstrecha-v-almaty"
    assert article.slug_en is None
    assert staff_client.get("/ru/news/vstrecha-v-almaty/").status_code == HTTPStatus.OK


def test_an_article_needs_a_title_in_at_least_one_language(staff_client):
    response = staff_client.post(
        reverse("admin:newsroom_article_add"),
        {"section": "news", "tags": "", "status": "draft", "authorships-TOTAL_FORMS": "0",
         "authorships-INITIAL_FORMS": "0"},
    )  # fmt: skip

    assert response.status_code == HTTPStatus.OK
    assert "Fill in the title in at least one language." in response.text
    assert not Article.objects.exists()


def test_slugs_are_unique_across_the_languages():
    first = make_article(title="Vstrecha", slug="vstrecha")
    second = make_article(language="ru", title="Встреча", slug="")

    assert second.slug_ru == "vstrecha-2"
    assert first.slug_en == "vstrecha"


def test_the_admin_speaks_the_staff_members_language(staff_client):
    response = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru")

    assert response["Content-Language"] == "ru"
    assert "Переводы" in response.text  # the translations report link


def test_a_revision_keeps_both_languages(staff_client):
    article = bilingual_article()

    from tests.test_revisions import open_form, save

    data = open_form(staff_client, article)
    assert save(staff_client, article, data, title_ru="Совещание в Алматы").status_code == 302

    record = article.history.latest("history_date")
    assert (record.title_en, record.title_ru) == ("Meeting in Almaty", "Совещание в Алматы")
    changes = staff_client.get(reverse("admin:newsroom_article_history", args=[article.pk])).text
    assert "Title [ru]" in changes


# --- The translations report -------------------------------------------------------------------


def test_a_translation_older_than_its_original_is_reported_until_updated(staff_client):
    article = bilingual_article()
    make_article(title="Never translated")
    assert article.stale_translations() == []

    article.lead_en = "The heads of agencies met at CARICC, and agreed a plan."
    article.save()
    article.refresh_from_db()
    assert article.stale_translations() == ["ru"]

    report = staff_client.get(reverse("translations_report"))
    assert report.status_code == HTTPStatus.OK
    row = report.text.split('<th scope="row">Articles</th>')[1].split("</tr>")[0]
    assert re.findall(r">(\d+)<", row) == ["0", "1", "1"]  # no English, no Russian, out of date
    changelist = reverse("admin:newsroom_article_changelist")
    stale = staff_client.get(changelist, {"translation": "stale"})
    assert list(stale.context["cl"].result_list) == [article]
    missing = staff_client.get(changelist, {"translation": "missing-ru"})
    assert [a.title_en for a in missing.context["cl"].result_list] == ["Never translated"]

    article.lead_ru = "Руководители ведомств встретились в ЦАРИКЦ и согласовали план."
    article.save()
    article.refresh_from_db()
    assert article.stale_translations() == []


def test_the_report_is_for_staff_only(client):
    response = client.get(reverse("translations_report"))
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]


def test_organisations_missing_a_language_are_listed(staff_client):
    make_organisation(name="World Customs Organization")
    response = staff_client.get(
        reverse("admin:newsroom_organisation_changelist"), {"translation": "missing-ru"}
    )
    assert [str(o) for o in response.context["cl"].result_list] == [str(Organisation.objects.get())]
