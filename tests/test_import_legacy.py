import datetime
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsroom.models import Article, Event, LegacyRecord, Participant

from .factories import make_organisation, make_participant
from .seed import SEED_PAGE, needs_seed

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "legacy" / "news-2019.txt"


def run(*args):
    out = StringIO()
    call_command("import_legacy", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue():
    caricc = make_organisation(
        name="Central Asian Regional Information and Coordination Centre",
        short_name="CARICC",
        slug="caricc",
    )
    unodc = make_organisation(
        name="United Nations Office on Drugs and Crime", short_name="UNODC", slug="unodc"
    )
    wco = make_organisation(name="World Customs Organization", short_name="WCO", slug="wco")
    director = make_participant(
        full_name="Rustam Miralizoda", slug="rustam-miralizoda", honorific="Major-General"
    )
    director.aliases.create(name="R.Miralizoda")
    mittal = make_participant(full_name="Ashita Mittal", slug="ashita-mittal", honorific="Ms.")
    riaz = make_participant(full_name="Naweed Riaz", slug="naweed-riaz")
    return {
        "caricc": caricc,
        "unodc": unodc,
        "wco": wco,
        "director": director,
        "mittal": mittal,
        "riaz": riaz,
    }


def article(title_start):
    return Article.objects.get(title__startswith=title_start)


def test_import_creates_draft_articles_with_dates_events_and_links(catalogue):
    output = run(SAMPLE)
    assert Article.objects.count() == 6
    assert not Article.objects.published().exists(), "imported items are drafts"
    meeting = article("CARICC hosts regional expert meeting")
    assert timezone.localtime(meeting.published_at) == timezone.make_aware(
        datetime.datetime(2019, 12, 4, 12, 0)
    )
    assert meeting.lead.startswith("On 3 and 4 December 2019")
    assert "<p>Director Rustam Miralizoda opened the meeting" in meeting.body
    assert set(meeting.organisations.all()) >= {catalogue["caricc"], catalogue["unodc"]}
    assert set(meeting.participants.all()) == {
        catalogue["director"],
        catalogue["mittal"],
        catalogue["riaz"],
    }
    [event] = meeting.events.all()
    assert (event.kind, event.format, event.city, event.country.code) == (
        "meeting",
        "in_person",
        "Almaty",
        "KZ",
    )
    assert (event.starts_on, event.ends_on) == (
        datetime.date(2019, 12, 3),
        datetime.date(2019, 12, 4),
    )
    assert list(event.hosts.all()) == [catalogue["caricc"]]
    roles = {p.participant.slug: (p.role, p.presentation_title) for p in event.participations.all()}
    assert roles["ashita-mittal"] == (
        "presenter",
        "Synthetic drug markets in Central Asia: a regional overview",
    )
    assert roles["naweed-riaz"] == ("moderator", "")
    assert roles["rustam-miralizoda"] == ("speaker", "")
    assert "items read        6" in output
    assert "created           6" in output


def test_import_reads_formats_places_and_ranges(catalogue):
    run(SAMPLE)
    webinar = article("Webinar on container control").events.get()
    assert (webinar.kind, webinar.format) == ("webinar", "online")
    assert (webinar.starts_on, webinar.ends_on) == (
        datetime.date(2019, 11, 12),
        datetime.date(2019, 11, 13),
    )
    visit = article("CARICC Director visits Dushanbe").events.get()
    assert (visit.kind, visit.city, visit.country.code) == ("visit", "Dushanbe", "TJ")
    assert (visit.starts_on, visit.ends_on) == (
        datetime.date(2019, 10, 30),
        datetime.date(2019, 11, 2),
    )
    briefing = article("Quarterly briefing").events.get()
    assert (briefing.format, briefing.starts_on) == ("online", datetime.date(2019, 10, 19))


def test_analytic_piece_gets_its_authors_and_section(catalogue):
    output = run(SAMPLE)
    notes = article("Notes on cannabis seizures")
    assert notes.section == "analytics"
    assert not notes.events.exists()
    assert [(a.participant.full_name, a.byline) for a in notes.authorships.all()] == [
        ("K. Testov", "Analyst of Information and Analytical Unit, CARICC"),
        ("Maria Example", "Senior Analyst of Information and Analytical Unit, CARICC"),
    ]
    assert "Mr. K. Testov" in output  # reported under "names not matched"
    assert Participant.objects.get(full_name="K. Testov").honorific == "Mr."


def test_undated_items_are_dated_from_their_older_neighbour_and_reported(catalogue):
    output = run(SAMPLE)
    coordination = article("Coordination meeting")
    assert timezone.localdate(coordination.published_at) == datetime.date(2019, 10, 19)
    assert not coordination.events.exists()
    assert "dates not found   2" in output
    assert "Notes on cannabis seizures in the region: dated 19 October 2019" in output
    assert "no event for “Coordination meeting with national focal points”" in output
    assert "Coordination meeting with national focal points: dated 19 October 2019" in output


def test_imported_text_is_cleaned(catalogue):
    run(SAMPLE)
    body = article("Webinar on container control").body
    assert "script" not in body and "alert" not in body
    assert body == "<p>Participants discussed risk profiling of containers.</p>"


def test_running_the_same_import_again_creates_nothing(catalogue):
    run(SAMPLE)
    counts = (Article.objects.count(), Event.objects.count(), Participant.objects.count())
    output = run(SAMPLE)
    assert (Article.objects.count(), Event.objects.count(), Participant.objects.count()) == counts
    assert "created           0" in output
    assert "unchanged         6" in output


def test_an_article_edited_since_its_import_is_left_alone(catalogue):
    run(SAMPLE)
    edited = article("CARICC Director visits Dushanbe")
    edited.lead = "An editor rewrote this lead."
    edited.save()
    output = run(SAMPLE)
    edited.refresh_from_db()
    assert edited.lead == "An editor rewrote this lead."
    assert "CARICC Director visits Dushanbe: edited in the newsroom since it was imported" in output


def test_dry_run_reports_and_writes_nothing(catalogue):
    output = run(SAMPLE, "--dry-run")
    assert "Dry run" in output
    assert "created           6" in output
    assert not Article.objects.exists()
    assert not LegacyRecord.objects.exists()


def test_published_import_redirects_old_addresses(client, catalogue):
    run(SAMPLE, "--publish")
    meeting = article("CARICC hosts regional expert meeting")
    assert meeting.is_published
    response = client.get("/index.php/en/news/1203-caricc-hosts-regional-expert-meeting")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == meeting.get_absolute_url()
    assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_old_address_of_a_draft_stays_not_found(client, catalogue):
    run(SAMPLE)
    response = client.get("/index.php/en/news/1203-caricc-hosts-regional-expert-meeting")
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty"),
        ("heading-only.txt", "no items"),
        ("no-heading.txt", "heading"),
        ("binary.txt", "binary"),
    ],
)
def test_malformed_files_are_refused_and_change_nothing(catalogue, name, message):
    before = Participant.objects.count()
    with pytest.raises(CommandError, match=message):
        run(HERE / "legacy" / name)
    assert not Article.objects.exists()
    assert Participant.objects.count() == before


def test_a_missing_or_non_utf8_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nope.txt")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Новости\n".encode("cp1251"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(latin)


def test_russian_page_imports(catalogue):
    catalogue["director"].aliases.create(name="Мирализода Р.А.")
    run(HERE / "legacy" / "news-ru.txt")
    visit = article("Визит Директора КАРИЦ")
    [event] = visit.events.all()
    assert (event.city, event.starts_on, event.ends_on) == (
        "Dushanbe",
        datetime.date(2020, 7, 10),
        datetime.date(2020, 7, 11),
    )
    assert catalogue["director"] in visit.participants.all()
    assert visit.slug.isascii()


@needs_seed
def test_the_real_seed_page_imports_with_its_people_and_events():
    call_command("load_demo", stdout=StringIO())  # the catalogue of people and organisations
    before = set(Article.objects.values_list("pk", flat=True))
    output = run(SEED_PAGE, "--publish")
    imported = Article.objects.exclude(pk__in=before)
    assert imported.count() == 12
    assert "items read        12" in output
    director = Participant.objects.get(slug="rustam-miralizoda")
    linked = imported.filter(participants=director)
    assert linked.count() >= 7
    analytic = imported.get(section="analytics")
    assert analytic.authorships.count() == 3
    events = Event.objects.filter(articles__in=imported)
    assert events.count() == 10
    assert events.filter(format="online").count() == 6
    dushanbe = imported.get(title="CARICC Director on working meetings in Dushanbe").events.get()
    assert (dushanbe.city, dushanbe.starts_on) == ("Dushanbe", datetime.date(2020, 7, 10))
    again = run(SEED_PAGE, "--publish")
    assert "created           0" in again
    assert Article.objects.exclude(pk__in=before).count() == 12


def test_admin_shows_where_an_imported_article_came_from(staff_client, catalogue):
    run(SAMPLE)
    imported = article("CARICC hosts regional expert meeting")
    page = staff_client.get(f"/admin/newsroom/article/{imported.pk}/change/").content.decode()
    assert "Imported from the old site" in page
    assert "1203-caricc-hosts-regional-expert-meeting" in page
    own = Article.objects.create(title="Written in the newsroom")
    page = staff_client.get(f"/admin/newsroom/article/{own.pk}/change/").content.decode()
    assert "Imported from the old site" not in page
