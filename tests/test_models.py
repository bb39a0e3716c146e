import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsroom.models import Article, Event, EventParticipation, Organisation, Participant, Tag
from newsroom.text import ascii_slugify

from .factories import (
    image_upload,
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_position,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "CARICC briefs Regional Working Group on Precursors at quarterly online meeting",
            "caricc-briefs-regional-working-group-on-precursors-at-quarterly-online-meeting",
        ),
        ("Встреча директора КАРИЦ в Алматы", "vstrecha-direktora-karits-v-almaty"),
        ("Мирализода Рустам Азиз", "miralizoda-rustam-aziz"),
        ("Қазақстан, Ўзбекистон, Тоҷикистон", "qazaqstan-uzbekiston-tojikiston"),
        ("Eser Çengel", "eser-cengel"),
        ("«COVID-19» — 2020", "covid-19-2020"),
    ],
)
def test_ascii_slugify_gives_latin_slugs_for_any_script(title, slug):
    assert ascii_slugify(title) == slug


def test_article_slug_is_generated_from_a_cyrillic_title():
    article = Article.objects.create(title="Онлайн-встреча рабочей группы по прекурсорам")
    assert article.slug == "onlayn-vstrecha-rabochey-gruppy-po-prekursoram"


def test_slugs_stay_unique_when_titles_repeat():
    first = Article.objects.create(title="CARICC webinar")
    second = Article.objects.create(title="CARICC webinar")
    third = Article.objects.create(title="CARICC webinar")
    assert [first.slug, second.slug, third.slug] == [
        "caricc-webinar",
        "caricc-webinar-2",
        "caricc-webinar-3",
    ]


def test_a_title_with_no_letters_still_gets_a_slug():
    article = Article.objects.create(title="!!!")
    assert article.slug == "article"


def test_slug_uniqueness_is_enforced_by_the_database():
    make_article(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug="same")


def test_article_body_is_sanitised_on_save():
    article = make_article(
        body=(
            '<p onclick="steal()">Seizure <strong>report</strong></p>'
            "<script>alert(1)</script>"
            '<a href="javascript:alert(1)">bad link</a>'
            '<a href="https://www.unodc.org/">UNODC</a>'
            '<img src="x" onerror="alert(1)">'
            "<iframe src='https://evil.example'></iframe>"
        )
    )
    article.refresh_from_db()
    assert "<script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "<img" not in article.body
    assert "<iframe" not in article.body
    assert "<strong>report</strong>" in article.body
    assert 'href="https://www.unodc.org/"' in article.body
    assert 'rel="noopener noreferrer nofollow"' in article.body


def test_event_description_is_sanitised_on_save():
    event = make_event(description='<h2 style="color:red">Agenda</h2><script>x()</script>')
    event.refresh_from_db()
    assert event.description == "<h2>Agenda</h2>"


def test_empty_editor_paragraph_is_stored_as_empty_string():
    assert make_article(body="<p></p>").body == ""


def test_hero_image_requires_alt_text():
    article = make_article()
    article.hero_image = image_upload("hero.png")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt_en" in error.value.message_dict
    article.hero_alt = "Delegates at the meeting table"
    article.full_clean()


def test_participant_photo_requires_alt_text():
    person = make_participant()
    person.photo = image_upload()
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "photo_alt" in error.value.message_dict


def test_upload_that_is_not_an_image_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article(hero_alt="x")
    article.hero_image = SimpleUploadedFile("hero.png", b"not an image at all", "image/png")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_image" in error.value.message_dict


def test_upload_with_too_many_pixels_is_refused(settings):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 100
    article = make_article(hero_alt="x")
    article.hero_image = image_upload(size=(20, 20))
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "pixels" in " ".join(error.value.message_dict["hero_image"])


def test_upload_with_a_disallowed_extension_is_refused():
    article = make_article(hero_alt="x")
    article.hero_image = image_upload(name="hero.svg")
    with pytest.raises(ValidationError):
        article.full_clean()


def test_publishing_without_a_time_stamps_now():
    before = timezone.now()
    article = Article.objects.create(title="Now", status=Article.Status.PUBLISHED)
    assert article.published_at is not None and article.published_at >= before
    assert article.is_published


def test_future_publication_time_means_scheduled_not_published():
    article = make_article(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert article.is_scheduled
    assert not article.is_published


def test_position_on_returns_the_post_held_on_that_day():
    caricc = make_organisation(name="CARICC", short_name="CARICC")
    person = make_participant(full_name="Rustam Miralizoda")
    make_position(
        person,
        title="Deputy Director",
        organisation=caricc,
        started_on=datetime.date(2017, 1, 1),
        ended_on=datetime.date(2019, 12, 31),
    )
    director = make_position(
        person, title="Director", organisation=caricc, started_on=datetime.date(2020, 1, 1)
    )
    assert person.position_on(datetime.date(2018, 6, 1)).title == "Deputy Director"
    assert person.position_on(datetime.date(2020, 10, 19)) == director
    assert person.position_on(datetime.date(2016, 1, 1)) is None
    assert person.current_position == director
    assert str(director) == "Director, CARICC"


def test_position_end_before_start_is_refused():
    person = make_participant()
    position = make_position(person)
    position.started_on = datetime.date(2020, 1, 1)
    position.ended_on = datetime.date(2019, 1, 1)
    with pytest.raises(ValidationError):
        position.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        position.save()


def test_event_cannot_end_before_it_starts():
    event = make_event(starts_on=datetime.date(2020, 9, 15))
    event.ends_on = datetime.date(2020, 9, 14)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_on" in error.value.message_dict


def test_one_day_event_stores_no_end_date():
    day = datetime.date(2020, 10, 19)
    event = make_event(starts_on=day, ends_on=day)
    assert event.ends_on is None
    assert not event.is_multi_day
    assert event.last_day == day


def test_organisation_member_state_follows_its_country():
    assert make_organisation(country="TJ").is_member_state
    assert not make_organisation(country="US").is_member_state
    assert not make_organisation().is_member_state


def test_organisation_cannot_be_its_own_ancestor():
    parent = make_organisation(name="UNODC")
    child = make_organisation(name="UNODC ROCA", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_str_and_absolute_urls():
    org = make_organisation(name="World Customs Organization", short_name="WCO", slug="wco")
    person = make_participant(
        full_name="Peter Timmermans", slug="peter-timmermans", honorific="Mr."
    )
    article = make_article(title="Inter-regional meeting", slug="inter-regional-meeting")
    event = make_event(title="Expert meeting", slug="expert-meeting")
    assert str(org) == "World Customs Organization (WCO)"
    assert str(person) == "Peter Timmermans"
    assert person.display_name == "Mr. Peter Timmermans"
    assert str(article) == "Inter-regional meeting"
    assert str(event) == "Expert meeting"
    assert org.get_absolute_url() == "/organisations/wco/"
    assert person.get_absolute_url() == "/people/peter-timmermans/"
    assert article.get_absolute_url() == "/news/inter-regional-meeting/"
    assert event.get_absolute_url() == "/events/expert-meeting/"


def test_default_ordering_puts_newest_articles_first():
    now = timezone.now()
    old = make_article(published_at=now - datetime.timedelta(days=30))
    new = make_article(published_at=now - datetime.timedelta(days=1))
    assert list(Article.objects.all()) == [new, old]
    assert Organisation._meta.ordering == ["name"]
    assert Participant._meta.ordering == ["full_name"]
    assert Event._meta.ordering[0] == "-starts_on"


def test_tags_get_ascii_slugs_whatever_the_script():
    article = make_article()
    article.tags.add("прекурсоры", "COVID-19")
    assert sorted(article.tags.values_list("slug", flat=True)) == ["covid-19", "prekursory"]


def test_tag_names_are_case_insensitive():
    first, second = make_article(), make_article()
    first.tags.add("Precursors")
    second.tags.add("precursors")
    assert Tag.objects.count() == 1


def test_participation_may_describe_an_unnamed_participant():
    caricc = make_organisation(short_name="CARICC", name="CARICC")
    event = make_event()
    participation = EventParticipation(
        event=event, label="CARICC staff member", organisation=caricc, role="presenter"
    )
    participation.full_clean()
    participation.save()
    assert participation.who == "CARICC staff member"
    assert str(participation) == "CARICC staff member — Presenter"


def test_participation_must_name_someone():
    event = make_event()
    participation = EventParticipation(event=event, role="speaker")
    with pytest.raises(ValidationError):
        participation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        participation.save()
