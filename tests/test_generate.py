from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from newsroom.management.commands.generate_content import TAG_POOL_SIZE
from newsroom.models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Position,
    Tag,
    TaggedArticle,
    TaggedEvent,
)
from newsroom.sanitize import sanitize_html

pytestmark = pytest.mark.django_db

ARTICLES, EVENTS = 300, 40


def run(*args):
    out = StringIO()
    call_command("generate_content", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def generate(articles=ARTICLES, events=EVENTS, *extra):
    return run("--articles", str(articles), "--events", str(events), "--seed", "7", *extra)


def generated_articles():
    return Article.objects.filter(slug__startswith="gen-article-")


def generated_events():
    return Event.objects.filter(slug__startswith="gen-event-")


def fingerprint():
    """What a reader would see of the generated items, without database ids."""
    return [
        (
            a.slug,
            a.title,
            a.lead,
            a.body,
            a.section,
            a.status,
            a.published_at,
            sorted(t.name for t in a.tags.all()),
            sorted(o.slug for o in a.organisations.all()),
            sorted(p.slug for p in a.participants.all()),
            sorted(e.slug for e in a.events.all()),
            [(x.participant.slug, x.byline) for x in a.authorships.all()],
        )
        for a in generated_articles()
        .prefetch_related(
            "tags", "organisations", "participants", "events", "authorships__participant"
        )
        .order_by("slug")
    ]


@pytest.fixture
def output():
    return generate()


def test_generate_content_creates_the_counts_asked_for_with_pools_to_draw_from(output):
    assert generated_articles().count() == ARTICLES
    assert generated_events().count() == EVENTS
    assert Organisation.objects.count() == 80
    assert Participant.objects.count() == 200
    assert Tag.objects.count() == TAG_POOL_SIZE
    assert Position.objects.count() >= 200
    assert OrganisationAlias.objects.count() >= 80
    assert ParticipantAlias.objects.count() >= 200
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)
    assert all(slug.isascii() and slug for slug in slugs)
    assert "Generated 300 articles and 40 events" in output
    assert "rows/s" in output and " s " in output


def test_every_generated_article_has_one_to_four_tags_and_every_event_one_to_three(output):
    per_article = TaggedArticle.objects.values("content_object").annotate(n=Count("id"))
    assert len(per_article) == ARTICLES
    assert {row["n"] for row in per_article} <= {1, 2, 3, 4}
    per_event = TaggedEvent.objects.values("content_object").annotate(n=Count("id"))
    assert len(per_event) == EVENTS
    assert {row["n"] for row in per_event} <= {1, 2, 3}


def test_generated_articles_carry_realistic_relations(output):
    articles = generated_articles().annotate(
        orgs=Count("organisations", distinct=True),
        people=Count("participants", distinct=True),
        linked=Count("events", distinct=True),
        writers=Count("authorships", distinct=True),
    )
    rows = list(articles.values("orgs", "people", "linked", "writers", "section"))
    assert max(r["orgs"] for r in rows) == 3 and min(r["orgs"] for r in rows) == 0
    assert max(r["people"] for r in rows) == 3 and min(r["people"] for r in rows) == 0
    assert {r["linked"] for r in rows} == {0, 1}
    assert 0.2 * ARTICLES < sum(r["linked"] for r in rows) < 0.4 * ARTICLES
    authored = [r["writers"] for r in rows if r["writers"]]
    assert 0.05 * ARTICLES < len(authored) < 0.16 * ARTICLES
    assert set(authored) <= {1, 2, 3}
    sections = [r["section"] for r in rows]
    assert sections.count("news") > 0.6 * ARTICLES
    assert sections.count("analytics") > 0 and sections.count("press_release") > 0
    # A report follows its event by up to three days; one about an event to come precedes it.
    today = timezone.localdate()
    for article in generated_articles().filter(events__isnull=False, status="published"):
        event = article.events.get()
        after = (timezone.localdate(article.published_at) - event.starts_on).days
        assert after <= 3
        if (today - event.starts_on).days > 3:
            assert after >= 0


def test_generated_events_have_hosts_participants_and_dates(output):
    events = generated_events()
    assert not events.filter(hosts__isnull=True).exists()
    assert events.filter(organisations__isnull=False).exists()
    assert EventParticipation.objects.filter(event__in=events, participant__isnull=False).exists()
    unnamed = EventParticipation.objects.filter(event__in=events, participant__isnull=True)
    assert unnamed.exists()
    assert not unnamed.filter(label="").exists()
    assert events.values("kind").distinct().count() >= 4
    assert events.values("format").distinct().count() == 3
    assert not events.filter(ends_on__lte=F("starts_on")).exists()


def test_drafts_and_scheduled_items_come_in_small_proportions(output):
    now = timezone.now()
    drafts = generated_articles().filter(status="draft")
    scheduled = generated_articles().filter(status="published", published_at__gt=now)
    public = generated_articles().published()
    assert 1 <= drafts.count() <= 0.05 * ARTICLES
    assert not drafts.filter(published_at__isnull=False).exists()
    assert 1 <= scheduled.count() <= 0.03 * ARTICLES
    assert public.count() == ARTICLES - drafts.count() - scheduled.count()
    years = {d.year for d in public.dates("published_at", "year")}
    assert min(years) >= 2008 and max(years) <= now.year
    assert len(years) >= 10, "publication dates spread over the years"


def test_generated_slugs_are_unique_and_a_second_run_only_tops_up(output):
    assert "Nothing to do" in generate()
    assert generated_articles().count() == ARTICLES

    Article.objects.filter(slug="gen-article-000005").delete()  # numbers are never reused
    generate(ARTICLES + 50, EVENTS + 10)
    slugs = sorted(generated_articles().values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == ARTICLES + 50
    assert slugs[-1] == "gen-article-000351"
    assert "gen-article-000005" not in slugs
    assert generated_events().order_by("-slug").first().slug == "gen-event-000050"
    assert Participant.objects.count() == 200, "the pools are made once"
    assert Tag.objects.count() == TAG_POOL_SIZE


def test_same_seed_and_starting_state_give_the_same_content_whatever_the_batch_size():
    def fingerprint_of(*args):
        with transaction.atomic():
            generate(60, 10, *args)
            result = fingerprint()
            transaction.set_rollback(True)
        return result

    first = fingerprint_of("--batch", "7")
    assert len(first) == 60
    assert fingerprint_of("--batch", "1000") == first
    assert fingerprint_of("--seed", "8") != first


def test_generated_bodies_are_already_sanitised(output):
    bodies = [
        *generated_articles().values_list("body", flat=True),
        *generated_events().values_list("description", flat=True),
    ]
    assert all(body.startswith("<p>") for body in bodies)
    assert all(sanitize_html(body) == body for body in bodies)
    assert any("&amp;" in body for body in bodies), "text is escaped, not passed through"


def test_public_pages_render_with_generated_data(client, output):
    tag = Tag.objects.filter(tagged_articles__content_object__in=generated_articles().published())
    tag = tag.first()
    article = generated_articles().published().filter(authorships__isnull=False).first()
    event = generated_events().published().filter(participations__isnull=False).first()
    pages = [
        reverse("newsroom:article_list"),
        f"{reverse('newsroom:article_list')}?tag={tag.slug}",
        reverse("newsroom:event_list"),
        tag.get_absolute_url(),
        article.get_absolute_url(),
        event.get_absolute_url(),
    ]
    for url in pages:
        assert client.get(url).status_code == HTTPStatus.OK, url
    response = client.get(f"{reverse('newsroom:article_list')}?tag={tag.slug}")
    assert response.context["page_obj"].paginator.count == (
        generated_articles().published().filter(tags=tag).count()
    )


def test_images_are_a_small_pool_shared_by_about_two_articles_in_five(client, media_root):
    generate()
    without_images = fingerprint()
    assert not generated_articles().exclude(hero_image="").exists()
    generated_articles().delete()
    output = generate(ARTICLES, EVENTS, "--images", "3")
    # The pictures come from their own random numbers: the rest of each article is unchanged.
    assert fingerprint() == without_images
    illustrated = generated_articles().exclude(hero_image="")
    assert 0.25 * ARTICLES < illustrated.count() < 0.55 * ARTICLES
    names = set(illustrated.values_list("hero_image", flat=True))
    assert len(names) == 3
    assert all((media_root / name).is_file() for name in names)
    # 480, 800 and 1200 wide (the original's width), in WebP and JPEG.
    assert "images: a pool of 3 (18 renditions made)" in output
    assert len(list((media_root / "renditions").rglob("*.webp"))) == 3 * 3
    assert not illustrated.filter(hero_width__isnull=True).exists()
    assert not illustrated.filter(hero_alt="").exists()

    response = client.get(illustrated.published().first().get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert b"<picture" in response.content and b".webp" in response.content
    generated_articles().delete()
    assert "(0 renditions made)" in generate(ARTICLES, EVENTS, "--images", "3")


def test_generate_content_inserts_in_bulk(django_assert_max_num_queries):
    # About 2,000 rows: one query per row would be thousands.
    with django_assert_max_num_queries(45):
        generate()
    assert generated_articles().count() == ARTICLES
    assert Authorship.objects.exists()


def test_generate_content_reuses_the_demo_people_organisations_and_tags():
    call_command("load_demo", stdout=StringIO())
    demo_people = set(Participant.objects.values_list("pk", flat=True))
    demo_tags = Tag.objects.count()
    generate()
    assert Organisation.objects.count() == 80
    assert Participant.objects.count() == 200
    assert Tag.objects.filter(name__iexact="precursors").count() == 1
    assert Tag.objects.count() == TAG_POOL_SIZE, f"the {demo_tags} demo tags are in the pool"
    mentioned = Article.participants.through.objects.filter(
        article__in=generated_articles(), participant__in=demo_people
    )
    assert mentioned.exists()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--articles", "-1"],
        ["--events", "-5"],
        ["--articles", "10", "--batch", "0"],
        ["--articles", "10", "--images", "-1"],
    ],
)
def test_generate_content_refuses_bad_numbers(args):
    with pytest.raises(CommandError):
        run(*args)
