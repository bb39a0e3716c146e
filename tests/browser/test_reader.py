"""A reader finds news by tag and organisation, reads it in Russian, and takes an event home."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from tests.factories import make_article, make_event, make_organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def newsroom(live_server):
    unodc = make_organisation(name="United Nations Office on Drugs and Crime", slug="unodc")
    osce = make_organisation(name="Organization for Security and Co-operation in Europe")
    event = make_event(
        title="Regional Working Group on Precursors",
        slug="regional-working-group-on-precursors",
        starts_on=timezone.localdate() + datetime.timedelta(days=20),
        city="Almaty",
        summary="The quarterly meeting of the Regional Working Group on Precursors.",
    )
    wanted = make_article(
        title="CARICC briefs the Working Group on precursor control",
        tags=["precursors", "cooperation"],
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    wanted.organisations.add(unodc)
    wanted.events.add(event)
    # Both are translated: the reader switches to Russian and stays on them.
    wanted.title_ru = "ЦАРИКЦ информирует Рабочую группу о контроле над прекурсорами"
    wanted.save()
    event.title_ru = "Региональная рабочая группа по прекурсорам"
    event.summary_ru = "Ежеквартальное заседание Региональной рабочей группы по прекурсорам."
    event.save()
    # The same tag without the organisation, and the organisation without the tag.
    make_article(title="Precursor seizures at the border", tags=["precursors"])
    make_article(title="UNODC training for analysts", tags=["training"]).organisations.add(unodc)
    make_article(title="OSCE visit to Almaty", tags=["cooperation"]).organisations.add(osce)
    return {"article": wanted, "event": event, "organisation": unodc}


def unfold(ics):
    """The lines of an iCalendar text, with folded continuation lines joined back."""
    return ics.replace("\r\n ", "").splitlines()


def test_reader_filters_reads_in_russian_searches_and_downloads_an_event(
    newsroom, page, screenshot
):
    article, event = newsroom["article"], newsroom["event"]

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    page.wait_for_url("**/news/")
    assert page.get_by_role("heading", level=1).inner_text() == "News"
    assert page.locator(".page-header__lead").inner_text() == "4 news items"

    # Filter with the keyboard: open the tags, tick one, pick the organisation, apply.
    filters = page.get_by_role("search", name="Filter news")
    filters.locator("summary", has_text="Tags").focus()
    page.keyboard.press("Enter")
    filters.get_by_role("checkbox", name="precursors").focus()
    page.keyboard.press("Space")
    filters.get_by_label("Organisation").select_option(label=newsroom["organisation"].name)
    filters.get_by_role("button", name="Apply filters").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/news/\?"))
    query = parse_qs(urlparse(page.url).query)
    assert query["tag"] == ["precursors"]
    assert query["organisation"] == ["unodc"]
    results = page.locator(".listing__results .card__title")
    assert results.all_inner_texts() == [article.title]
    chips = page.locator(".active-filters .chip")
    assert chips.count() == 2
    screenshot(page, "reader-filtered-news")

    results.get_by_role("link", name=article.title).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == article.title

    # The language switcher, without a mouse: choose Russian, then the button.
    page.locator("#language-select").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#language-select").input_value() == "ru"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == article.title_ru
    russian_path = urlparse(page.url).path
    assert russian_path == f"/ru/news/{article.slug_ru}/"
    screenshot(page, "reader-article-russian")

    page.locator("#site-search-q").fill("Precursors")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Precursors"))
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator("#events").get_by_role("link", name=event.title_ru).click()
    page.wait_for_url(re.compile(rf"/ru/events/{event.slug}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == event.title_ru
    screenshot(page, "reader-event-russian")

    with page.expect_download() as download_info:
        page.locator(f'a[href$="/{event.slug}.ics"]').click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    lines = unfold(download.path().read_bytes().decode("utf-8"))  # keep the CRLFs
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "BEGIN:VEVENT" in lines
    assert f"SUMMARY:{event.title_ru}" in lines  # downloaded from the Russian page
    assert lines[-1] == "END:VCALENDAR"
