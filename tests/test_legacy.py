"""The old-site dump reader: lines, items, dates and event facts (no database)."""

import datetime
from pathlib import Path

import pytest

from newsroom.legacy import LegacyFormatError, event_facts, find_dates, parse_page

from .seed import SEED_PAGE, needs_seed

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "legacy"
d = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("On 19 October 2020, a staff member", d(2020, 10, 19), d(2020, 10, 19)),
        ("on September 14-15, 2020, a meeting", d(2020, 9, 14), d(2020, 9, 15)),
        ("On 7 and 8 July 2020, the Centre", d(2020, 7, 7), d(2020, 7, 8)),
        ("held on 10-11 September 2020.", d(2020, 9, 10), d(2020, 9, 11)),
        ("On July 10 and 11, 2020 in Dushanbe", d(2020, 7, 10), d(2020, 7, 11)),
        ("was held on September 30, 2020 within", d(2020, 9, 30), d(2020, 9, 30)),
        ("30 September – 2 October 2020", d(2020, 9, 30), d(2020, 10, 2)),
        ("September 30 – October 2, 2020", d(2020, 9, 30), d(2020, 10, 2)),
        ("19 октября 2020 года состоялось", d(2020, 10, 19), d(2020, 10, 19)),
        ("10–11 июля 2020 г. в Душанбе", d(2020, 7, 10), d(2020, 7, 11)),
        ("7 и 8 июля 2020 года", d(2020, 7, 7), d(2020, 7, 8)),
        ("On 19.10.2019 CARICC held", d(2019, 10, 19), d(2019, 10, 19)),
        ("on 2 Oct. 2020", d(2020, 10, 2), d(2020, 10, 2)),
    ],
)
def test_find_dates_reads_the_forms_the_old_site_used(text, start, end):
    [span] = find_dates(text)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 31 February 2020", []),  # no such day
        ("the 2020-2021 work plan", []),
        ("about 1 ton and 50 kg", []),
        ("between January and May this year", []),
        ("in 2018-2020", []),
        ("phone 12.34.5678", []),
        # Two dates, not one range: a range never spans more than a month.
        (
            "from 5 December 2020 to 5 March 2021",
            [(d(2020, 12, 5), d(2020, 12, 5)), (d(2021, 3, 5), d(2021, 3, 5))],
        ),
    ],
)
def test_find_dates_ignores_what_is_not_a_date(text, expected):
    assert [(span.start, span.end) for span in find_dates(text)] == expected


def test_find_dates_returns_every_date_in_order():
    text = "The network met on 10-11 September 2020; its memorandum was signed on May 22, 2019."
    assert [(s.start, s.end) for s in find_dates(text)] == [
        (d(2020, 9, 10), d(2020, 9, 11)),
        (d(2019, 5, 22), d(2019, 5, 22)),
    ]


def test_sample_page_items_titles_and_markers():
    page = parse_page((SAMPLES / "news-2019.txt").read_text())
    assert (page.heading, page.total) == ("Breaking news", 469)
    assert [item.title for item in page.items] == [
        "CARICC hosts regional expert meeting on synthetic drugs",
        "Webinar on container control held online",
        "CARICC Director visits Dushanbe",
        "Notes on cannabis seizures in the region",
        "Coordination meeting with national focal points",
        "Quarterly briefing on precursor seizures",
    ]
    first, webinar, visit, notes, coordination, briefing = page.items
    assert (
        first.old_url
        == "http://www.caricc.org/index.php/en/news/1203-caricc-hosts-regional-expert-meeting"
    )
    assert first.is_excerpt  # "Read more: …"
    assert webinar.old_id == "1188"
    assert webinar.is_excerpt  # "More..."
    assert not coordination.is_excerpt


def test_template_residue_and_markup_are_dropped():
    page = parse_page((SAMPLES / "news-2019.txt").read_text())
    first, webinar = page.items[:2]
    assert first.paragraphs[1] == (
        "Director Rustam Miralizoda opened the meeting and underlined the value of joint "
        "operations."
    )
    assert webinar.paragraphs == [
        "On November 12-13, 2019, UNODC and the World Customs Organization held a webinar "
        "for port control units.",
        "Participants discussed risk profiling of containers.",
    ]
    text = "\n".join(p for item in page.items for p in item.paragraphs)
    for residue in ("Hits", "Details", "Print", "Email", "alert", "<", "&nbsp;"):
        assert residue not in text


def test_closing_author_lines_become_authors_not_paragraphs():
    page = parse_page((SAMPLES / "news-2019.txt").read_text())
    notes = page.items[3]
    assert [(a.honorific, a.name, a.byline) for a in notes.authors] == [
        ("Mr.", "K. Testov", "Analyst of Information and Analytical Unit, CARICC"),
        ("Dr.", "Maria Example", "Senior Analyst of Information and Analytical Unit, CARICC"),
    ]
    assert notes.paragraphs[-1].startswith("Analysts expect")


def test_a_sentence_starting_with_an_honorific_stays_a_paragraph():
    text = (
        "News (2)\nWebinars held\nOn 7 July 2020 two webinars were held.\n"
        "Mr. Yury Chikalov, Acting Head of CARICC IAP, delivered a presentation on results of "
        "efforts of competent authorities of CARICC Member States in the 1st quarter of 2020.\n"
    )
    [item] = parse_page(text).items
    assert item.authors == []
    assert len(item.paragraphs) == 2


def test_russian_page():
    page = parse_page((SAMPLES / "news-ru.txt").read_text())
    assert (page.heading, page.total) == ("Новости", 120)
    assert [item.title for item in page.items] == [
        "Онлайн-совещание рабочей группы по прекурсорам",
        "Визит Директора КАРИЦ в Душанбе",
    ]
    assert page.items[0].is_excerpt


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty"),
        ("heading-only.txt", "no items"),
        ("no-heading.txt", "heading"),
        ("binary.txt", "binary"),
    ],
)
def test_malformed_pages_are_refused_with_a_reason(name, message):
    with pytest.raises(LegacyFormatError, match=message):
        parse_page((SAMPLES / name).read_text(errors="replace"))


@pytest.mark.parametrize(
    ("title", "opening", "kind", "fmt", "city", "country"),
    [
        (
            "Online meeting of Regional Working Group on Precursors",
            "On 19 October 2020 …",
            "working_group",
            "online",
            "",
            "",
        ),
        (
            "CARICC Director meets DEA",
            "…met … on 2 October 2020 in CARICC.",
            "meeting",
            "in_person",
            "Almaty",
            "KZ",
        ),
        (
            "UNODC and CARICC webinars",
            "On 7 and 8 July 2020 … two webinars",
            "webinar",
            "online",
            "",
            "",
        ),
        (
            "CARICC Director on working meetings in Dushanbe",
            "On July 10 and 11, 2020 in Dushanbe …",
            "meeting",
            "in_person",
            "Dushanbe",
            "TJ",
        ),
        (
            "Leadership meeting",
            "… met on September 24, 2020 in the format of videoconference.",
            "meeting",
            "online",
            "",
            "",
        ),
        (
            "Discussion of cooperation",
            "During his working visit to Tajikistan, the Director met …",
            "visit",
            "in_person",
            "",
            "TJ",
        ),
        (
            "Визит Директора КАРИЦ в Душанбе",
            "10–11 июля 2020 г. в Душанбе …",
            "visit",
            "in_person",
            "Dushanbe",
            "TJ",
        ),
        (
            "Онлайн-совещание рабочей группы",
            "19 октября 2020 года …",
            "working_group",
            "online",
            "",
            "",
        ),
    ],
)
def test_event_facts_from_title_and_first_paragraph(title, opening, kind, fmt, city, country):
    facts = event_facts(title, opening)
    assert (facts.kind, facts.format, facts.city, facts.country) == (kind, fmt, city, country)


def test_a_piece_that_reports_no_event_has_no_event_facts():
    assert (
        event_facts(
            "Tackling organized drug crime in the context of COVID-19 pandemic",
            "Coronavirus pandemic in 2020 is likely to be main factor affecting drug trafficking.",
        )
        is None
    )


@needs_seed
def test_the_real_seed_page_parses_into_its_twelve_items():
    page = parse_page(SEED_PAGE.read_text())
    assert (page.heading, page.total) == ("Breaking news", 469)
    assert len(page.items) == 12
    assert sum(len(item.paragraphs) for item in page.items) == 73
    analytic = [item for item in page.items if item.authors]
    assert len(analytic) == 1
    assert [a.name for a in analytic[0].authors] == ["B. Abdijaliev", "Y. Chikalov", "A. Tiurina"]
    assert analytic[0].is_excerpt
    for item in page.items:
        assert item.paragraphs, item.title
        assert not item.title.endswith(".")
