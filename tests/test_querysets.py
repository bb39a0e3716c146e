import datetime

import pytest
from django.utils import timezone

from newsroom.models import Article, Event

from .factories import make_article, make_event

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        ("draft", -HOUR, False),
        ("draft", HOUR, False),
        ("draft", None, False),
        ("published", -HOUR, True),
        ("published", HOUR, False),
    ],
)
@pytest.mark.parametrize("factory", [make_article, make_event])
def test_published_is_status_published_and_time_reached(factory, status, offset, public):
    when = None if offset is None else timezone.now() + offset
    item = factory(status=status, published_at=when)
    model = type(item)
    assert (item in model.objects.published()) is public
    assert item.is_published is public


def test_scheduled_article_becomes_public_when_its_time_comes(monkeypatch):
    publish_at = timezone.now() + datetime.timedelta(minutes=30)
    article = make_article(published_at=publish_at)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    later = publish_at + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_upcoming_and_past_events_split_on_the_last_day():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    running = make_event(starts_on=today - day, ends_on=today + day)
    tomorrow = make_event(starts_on=today + day)
    next_week = make_event(starts_on=today + 7 * day)
    today_only = make_event(starts_on=today)
    finished = make_event(starts_on=today - 3 * day, ends_on=today - day)
    long_ago = make_event(starts_on=today - 300 * day)
    ends_today = make_event(starts_on=today - 2 * day, ends_on=today)
    ended_yesterday = make_event(starts_on=today - 2 * day, ends_on=today - day)
    assert list(Event.objects.upcoming()) == [ends_today, running, today_only, tomorrow, next_week]
    assert list(Event.objects.past()) == [ended_yesterday, finished, long_ago]
    every = set(Event.objects.all())
    upcoming, past = set(Event.objects.upcoming()), set(Event.objects.past())
    assert upcoming | past == every and not upcoming & past


def test_upcoming_finds_an_event_running_for_a_long_time_even_after_it_was_asked_before():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    tomorrow = make_event(starts_on=today + day)
    assert list(Event.objects.upcoming()) == [tomorrow]  # remembers "nothing running"
    long_running = make_event(starts_on=today - 400 * day, ends_on=today + 30 * day)
    assert list(Event.objects.upcoming()) == [long_running, tomorrow]
    assert list(Event.objects.past()) == []
