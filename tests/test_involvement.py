"""The organisations each article involves: the derived table (newsroom/involvement.py) always
gives what the links say, whichever side of a relation changes and however time passes."""

import datetime
import random
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from newsroom import involvement
from newsroom.models import Article, Event, Organisation, OrganisationInvolvement

from .factories import make_article, make_event, make_organisation
from .test_archive import involvement_rows

pytestmark = pytest.mark.django_db


def is_public(event, now):
    return (
        event.status == Event.Status.PUBLISHED
        and event.published_at is not None
        and event.published_at <= now
        and (event.expires_at is None or event.expires_at > now)
    )


def expected(organisations, now=None):
    """The definition, read from the links themselves: articles naming one of `organisations`
    or reporting a public event they host or attend."""
    now = now or timezone.now()
    wanted = {o.pk for o in organisations}
    found = set()
    for article in Article.objects.prefetch_related(
        "organisations", "events__hosts", "events__organisations"
    ):
        if wanted & {o.pk for o in article.organisations.all()}:
            found.add(article.pk)
        for event in article.events.all():
            involved = {o.pk for o in event.hosts.all()} | {o.pk for o in event.organisations.all()}
            if is_public(event, now) and wanted & involved:
                found.add(article.pk)
    return found


def found(organisations):
    return set(Article.objects.involving_organisations(organisations).values_list("pk", flat=True))


def assert_consistent(organisations):
    for organisation in organisations:
        assert found([organisation]) == expected([organisation]), organisation
    assert found(organisations) == expected(organisations)


@pytest.fixture
def world():
    organisations = [make_organisation() for _ in range(5)]
    events = [make_event() for _ in range(4)]
    articles = [make_article() for _ in range(6)]
    return organisations, events, articles


def test_direct_links_and_event_links_count_from_either_side(world):
    (unodc, caricc, wco, *_), (meeting, webinar, *_), (report, note, *_) = world

    report.organisations.add(unodc)  # forward
    caricc.articles.add(note)  # reverse
    meeting.hosts.add(wco)  # forward, then the article reports it
    report.events.add(meeting)
    webinar.articles.add(note)  # reverse
    caricc.attended_events.add(webinar)  # reverse

    assert found([unodc]) == {report.pk}
    assert found([caricc]) == {note.pk}
    assert found([wco]) == {report.pk}
    assert_consistent(world[0])

    wco.hosted_events.clear()  # reverse clear: the event's articles lose it
    caricc.articles.clear()
    webinar.articles.clear()
    assert found([wco]) == set() and found([caricc]) == set()
    assert_consistent(world[0])


def test_unpublished_scheduled_and_expired_events_do_not_count(world):
    (unodc, *_), (meeting, *_), (report, *_) = world
    meeting.hosts.add(unodc)
    report.events.add(meeting)
    assert found([unodc]) == {report.pk}

    meeting.status = Event.Status.DRAFT
    meeting.save()
    assert found([unodc]) == set()

    now = timezone.now()
    meeting.status = Event.Status.PUBLISHED
    meeting.published_at = now + datetime.timedelta(hours=1)  # scheduled
    meeting.save()
    assert found([unodc]) == set()
    later = now + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert found([unodc]) == {report.pk}  # its time came: no save needed

    meeting.published_at = now - datetime.timedelta(days=1)
    meeting.expires_at = now + datetime.timedelta(hours=1)
    meeting.save()
    assert found([unodc]) == {report.pk}
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert found([unodc]) == set()  # expired


def test_deleting_an_event_or_an_organisation_removes_what_it_brought(world):
    (unodc, caricc, *_), (meeting, *_), (report, note, *_) = world
    meeting.organisations.add(unodc)
    report.events.add(meeting)
    note.organisations.add(caricc)

    meeting.delete()
    assert found([unodc]) == set()
    caricc.delete()
    assert not OrganisationInvolvement.objects.exists()


def test_offices_count_for_their_parent_organisation(world):
    (unodc, office, *_), (meeting, *_), (report, *_) = world
    office.parent = unodc
    office.save()
    meeting.hosts.add(office)
    report.events.add(meeting)

    assert found(unodc.with_offices()) == {report.pk}


def test_random_changes_from_every_side_keep_the_table_true(world):
    organisations, events, articles = world
    rng = random.Random(6)
    now = timezone.now()
    article_relations = ("organisations", "events")
    event_relations = ("hosts", "organisations")

    def some(items):
        return rng.sample(items, rng.randint(0, 3))

    for _ in range(80):
        kind = rng.randrange(7)
        article, event, organisation = (
            rng.choice(articles),
            rng.choice(events),
            rng.choice(organisations),
        )
        if kind == 0:
            relation = rng.choice(article_relations)
            targets = organisations if relation == "organisations" else events
            getattr(article, relation).set(some(targets))
        elif kind == 1:
            getattr(event, rng.choice(event_relations)).set(some(organisations))
        elif kind == 2:
            rng.choice([organisation.articles, event.articles]).set(some(articles))
        elif kind == 3:
            rng.choice([organisation.hosted_events, organisation.attended_events]).set(some(events))
        elif kind == 4:
            manager = rng.choice(
                [article.organisations, article.events, event.hosts, organisation.articles]
            )
            manager.clear()
        elif kind == 5:
            event.status = rng.choice([Event.Status.PUBLISHED, Event.Status.DRAFT])
            event.published_at = now + datetime.timedelta(hours=rng.choice([-5, -1, 1]))
            event.expires_at = rng.choice(
                [None, now + datetime.timedelta(hours=rng.choice([-1, 3]))]
            )
            event.save()
        else:
            relation = rng.choice(["organisations", "events"])
            targets = organisations if relation == "organisations" else events
            getattr(article, relation).add(rng.choice(targets))
            getattr(article, relation).remove(rng.choice(targets))
        assert_consistent(organisations)


def test_the_organisation_filter_and_page_read_the_table(client, world):
    (unodc, *_), (meeting, *_), (report, note, *_) = world
    meeting.hosts.add(unodc)
    note.events.add(meeting)
    report.organisations.add(unodc)

    listed = client.get(reverse("newsroom:article_list"), {"organisation": unodc.slug})
    page = client.get(unodc.get_absolute_url())

    for response in (listed, page):
        assert response.status_code == 200
        assert report.title in response.text and note.title in response.text


def test_rebuild_command_makes_a_stale_table_true_again(world):
    (unodc, caricc, *_), (meeting, *_), (report, note, *_) = world
    meeting.hosts.add(caricc)
    report.events.add(meeting)
    note.organisations.add(unodc)
    rows = list(OrganisationInvolvement.objects.values_list("article", "organisation", "event"))
    # Links written around the signals, as raw SQL or a bulk insert would.
    OrganisationInvolvement.objects.all().delete()
    Article.organisations.through.objects.create(article=report, organisation=unodc)
    assert found([unodc]) == set()

    out = StringIO()
    call_command("rebuild_involvement", stdout=out)

    assert "Rebuilt the organisations involved: 3 rows" in out.getvalue()
    assert found([unodc]) == {report.pk, note.pk}
    assert sorted(
        OrganisationInvolvement.objects.values_list("article", "organisation", "event"), key=repr
    ) == sorted([*rows, (report.pk, unodc.pk, None)], key=repr)


def test_generated_content_is_in_the_table():
    call_command(
        "generate_content", "--articles", "60", "--events", "15", "--seed", "3", stdout=StringIO()
    )
    organisations = list(Organisation.objects.all())
    assert OrganisationInvolvement.objects.exists()
    assert_consistent(organisations)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_table_from_existing_links():
    (unodc, caricc), meeting, report = (
        [make_organisation(), make_organisation()],
        make_event(),
        make_article(),
    )
    meeting.organisations.add(caricc)
    report.events.add(meeting)
    report.organisations.add(unodc)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("newsroom", "0010_event_ends_index")])
        executor.loader.build_graph()
        executor.migrate([("newsroom", "0011_organisation_involvement")])
        assert found([unodc]) == found([caricc]) == {report.pk}
        assert OrganisationInvolvement.objects.count() == 2
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_rows_are_exactly_those_of_a_rebuild(world):
    (unodc, caricc, wco, *_), (meeting, webinar, *_), (report, note, *_) = world
    meeting.hosts.add(unodc, caricc)
    meeting.organisations.add(caricc)  # host and participant: one row for the pair
    report.events.add(meeting, webinar)
    note.organisations.add(wco)
    before = involvement_rows()
    involvement.rebuild()
    after = involvement_rows()
    assert before == after
    assert len(after) == 3
