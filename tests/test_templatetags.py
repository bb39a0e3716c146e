"""The list pages' template filters and tags against the Django ones they stand in for."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom.models import Article, Event
from newsroom.templatetags.newsroom import (
    QUICK_DATE_FORMATS,
    archive_years,
    date_range,
    display,
    picture,
    quick_date,
)

from .factories import image_upload, make_article

LANGUAGES = ["en", "ru"]
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
UTC = datetime.UTC


def days_of_every_month():
    for month in range(1, 13):
        yield datetime.date(2025, month, 1)
        yield datetime.date(2025, month, 28)
    yield datetime.date(2024, 2, 29)
    yield datetime.date(987, 7, 4)  # a year of three digits: "Y" pads it


def moments():
    """Aware datetimes, among them some on either side of midnight in Almaty and in UTC."""
    for day in days_of_every_month():
        for hour, minute in [(0, 0), (12, 30), (23, 59)]:
            yield datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ALMATY)
            yield datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=UTC)
    yield datetime.datetime(2025, 12, 31, 18, 59, 59, 123456, tzinfo=UTC)  # 23:59 in Almaty
    yield datetime.datetime(2025, 12, 31, 19, 0, tzinfo=UTC)  # new year's day in Almaty


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", list(QUICK_DATE_FORMATS))
def test_quick_date_formats_a_date_as_the_date_filter_does(language, fmt):
    with translation.override(language):
        for day in days_of_every_month():
            assert quick_date(day, fmt) == date_filter(day, fmt), (day, fmt)


def test_quick_date_gives_russian_months_in_the_genitive():
    with translation.override("ru"):
        assert quick_date(datetime.date(2025, 10, 19), "j E Y") == "19 октября 2025"
        assert quick_date(datetime.date(2025, 5, 1), "M") == "Май"
    with translation.override("en"):
        assert quick_date(datetime.date(2025, 10, 19), "j E Y") == "19 October 2025"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("time_zone", ["Asia/Almaty", "UTC", "America/New_York"])
def test_quick_date_shows_a_moment_in_the_current_time_zone_as_the_date_filter_does(
    language, time_zone
):
    # Both filters are given the datetime in the current time zone by the template engine.
    template = Template(
        "{% load newsroom %}"
        + "".join(
            f"{{{{ value|quick_date:'{fmt}' }}}}|{{{{ value|date:'{fmt}' }}}}\n"
            for fmt in QUICK_DATE_FORMATS
        )
    )
    with translation.override(language), timezone.override(time_zone):
        for moment in moments():
            for line in template.render(Context({"value": moment})).splitlines():
                quick, django = line.split("|")
                assert quick == django, (moment, line)


def test_quick_date_near_midnight_gives_the_local_day():
    template = Template(
        "{% load newsroom %}{{ value|quick_date:'j E Y' }} {{ value|quick_date:'c' }}"
    )
    late = datetime.datetime(2025, 12, 31, 19, 30, tzinfo=UTC)
    with timezone.override("Asia/Almaty"):
        assert template.render(Context({"value": late})) == (
            "1 January 2026 2026-01-01T00:30:00+05:00"
        )
    with timezone.override("UTC"):
        assert template.render(Context({"value": late})) == (
            "31 December 2025 2025-12-31T19:30:00+00:00"
        )


@pytest.mark.parametrize("value", [None, "", "not a date", 42])
def test_quick_date_leaves_what_is_not_a_date_to_the_date_filter(value):
    for fmt in QUICK_DATE_FORMATS:
        assert quick_date(value, fmt) == date_filter(value, fmt)


def test_quick_date_leaves_other_formats_to_the_date_filter():
    moment = datetime.datetime(2025, 3, 9, 8, 5, tzinfo=ALMATY)
    for fmt in ["DATE_FORMAT", "F Y", "j F Y, H:i", "N j, Y"]:
        assert quick_date(moment, fmt) == date_filter(moment, fmt)


def django_date_range(start, end=None):
    """date_range as it was written with Django's date_format."""
    if not end or end == start:
        return date_format(start, "j E Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j E')} – {date_format(end, 'j E Y')}"
    return f"{date_format(start, 'j E Y')} – {date_format(end, 'j E Y')}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_range_reads_as_with_django_date_format(language):
    days = list(days_of_every_month())
    with translation.override(language):
        for start in days:
            for end in [None, start, *days]:
                if end is None or end >= start:
                    assert date_range(start, end) == django_date_range(start, end)


@pytest.mark.parametrize("language", LANGUAGES)
def test_display_gives_the_label_get_field_display_gives(language):
    with translation.override(language):
        for section in [*Article.Section.values, "unknown"]:
            article = Article(section=section)
            assert display(article, "section") == article.get_section_display()
        for kind in Event.Kind.values:
            for event_format in Event.Format.values:
                event = Event(kind=kind, format=event_format)
                assert display(event, "kind") == event.get_kind_display()
                assert display(event, "format") == event.get_format_display()


# --- The article card -------------------------------------------------------------------------


def card_of(page, article):
    """The <article> card of `article` in a page's HTML, parsed for comparison."""
    start = page.index(f'<a class="card__link" href="{article.get_absolute_url()}"')
    start = page.rindex("<article ", 0, start)
    return parse_html(page[start : page.index("</article>", start) + len("</article>")])


def expected_card(article, *, heading, meta, excerpt, tags=(), image="", modifier=""):
    """The card's markup as newsroom/includes/article_card.html first wrote it."""
    url, title = article.get_absolute_url(), escape(article.title)
    classes = "card card--article" + (f" card--{modifier}" if modifier else "")
    media = ""
    if image:
        classes += " card--with-image"
        media = f'<a class="card__media" href="{url}" tabindex="-1" aria-hidden="true">{image}</a>'
    tag_list = ""
    if tags:
        tag_list = f'<ul class="tags" aria-label="{_("Tags")}">' + "".join(
            f'<li class="tags__item"><a class="tags__link" href="{tag.get_absolute_url()}">'
            f"{escape(tag.name)}</a></li>"
            for tag in tags
        )
        tag_list += "</ul>"
    return parse_html(
        f'<article class="{classes}">{media}<div class="card__body">'
        f'<p class="card__meta">{meta}</p>'
        f'<h{heading} class="card__title"><a class="card__link" href="{url}">{title}</a>'
        f"</h{heading}>"
        + (f'<p class="card__excerpt">{escape(excerpt)}</p>' if excerpt else "")
        + f'<div class="card__footer">{tag_list}<a class="card__more" href="{url}">'
        f'{_("More...")}<span class="visually-hidden"> {title}</span></a></div></div></article>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "prefix", "date", "label"),
    [("en", "", "19 October 2025", "Analytics"), ("ru", "/ru", "19 октября 2025", "Аналитика")],
)
def test_article_cards_of_the_news_list_tag_page_and_home_page(
    client, language, prefix, date, label
):
    # What the cards show, and their markup, as the card template first wrote them: the date in
    # Almaty, the section, the excerpt, the tags, the picture and the heading level.
    texts = {
        "title": "Seizure & arrest <at> the border",
        "lead": "",
        "body": "<p>Officers <b>seized</b> 120 kg of heroin near the border.</p>",
    }
    older = make_article(
        title="Another piece",
        title_ru="Другая статья",
        slug_ru="drugaya-statya",
        lead="A short lead.",
        lead_ru="Короткое вступление.",
        published_at=datetime.datetime(2025, 10, 1, 6, tzinfo=UTC),
        tags=["heroin"],
    )
    article = make_article(
        **texts,
        **{f"{name}_ru": value for name, value in texts.items()},
        slug_ru="zaderzhanie",
        section=Article.Section.ANALYTICS,
        published_at=datetime.datetime(2025, 10, 18, 19, 30, tzinfo=UTC),  # 19 October, Almaty
        tags=["heroin", "Border control"],
        hero_image=image_upload("hero.jpg", size=(900, 600), fmt="JPEG"),
        hero_alt="Packages on a table",
    )
    excerpt = "Officers seized 120 kg of heroin near the border."
    with translation.override(language):
        tags = sorted(article.tags.all(), key=lambda tag: tag.name)
        meta = (
            f'<time datetime="2025-10-19T00:30:00+05:00">{date}</time>'
            f'<span class="card__section card__section--analytics">{label}</span>'
        )
        older_meta = (
            f'<time datetime="2025-10-01T11:00:00+05:00">{date.replace("19", "1", 1)}</time>'
            f'<span class="card__section card__section--news">{_("News")}</span>'
        )
        lead = picture(
            article.hero_image,
            "Packages on a table",
            sizes="(min-width: 60rem) 48rem, 100vw",
            loading="eager",
            **{"class": "card__image"},
        )
        card = picture(
            article.hero_image,
            "Packages on a table",
            sizes="(min-width: 40rem) 13rem, 100vw",
            **{"class": "card__image"},
        )

        for path in ["/news/", "/tags/heroin/"]:
            page = client.get(prefix + path).content.decode()
            assert card_of(page, article) == expected_card(
                article, heading=2, meta=meta, excerpt=excerpt, tags=tags, image=card
            )
            assert card_of(page, older) == expected_card(
                older, heading=2, meta=older_meta, excerpt=older.lead, tags=older.tags.all()
            )

        home = client.get(prefix + "/").content.decode()
        assert card_of(home, article) == expected_card(
            article, heading=3, meta=meta, excerpt=excerpt, tags=tags, image=lead, modifier="lead"
        )
        assert card_of(home, older) == expected_card(
            older, heading=3, meta=older_meta, excerpt=older.lead, tags=older.tags.all()
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_archive_years_give_the_addresses_reverse_gives(language):
    for year in [2009, 2020, 2025]:
        make_article(
            title_ru=f"Статья {year}",
            slug_ru=f"statya-{year}",
            published_at=datetime.datetime(year, 6, 1, tzinfo=UTC),
        )
    with translation.override(language):
        rows = archive_years()
        assert [row["year"] for row in rows] == [2025, 2020, 2009]
        for row in rows:
            assert row["url"] == reverse("newsroom:article_archive_year", args=[row["year"]])
