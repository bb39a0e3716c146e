"""The page cache (newsroom/cache.py): hits cost no query, and no change is ever missed."""

import datetime
import re
import threading
import time
from http import HTTPStatus
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotFound
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from newsroom import cache as page_cache
from newsroom import workflow
from newsroom.models import Article, Organisation, Position, Tag

from .factories import (
    make_article,
    make_event,
    make_organisation,
    make_participant,
    make_participation,
    make_position,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_PAGE_CACHE_TIMEOUT = 600


@pytest.fixture
def reader():
    return Client()


def is_hit(client, url, django_assert_num_queries, **headers):
    """Whether `url` comes from the cache: a hit says so and asks the database nothing.

    (No query alone is not enough: a 400 for a page past the end may be answered from the count
    remembered by newsroom/memo.py without a query, and is not a hit.)
    """
    try:
        with django_assert_num_queries(0):
            response = client.get(url, **headers)
    except pytest.fail.Exception:
        return False
    return response.get("X-Page-Cache") == "hit"


def later(**delta):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + delta_of(**delta))


def delta_of(**delta):
    return datetime.timedelta(**delta)


# --- Hits ----------------------------------------------------------------------------------------


def public_pages():
    org = make_organisation(name="World Customs Organization", slug="wco", country="KZ")
    person = make_participant(full_name="Rustam Miralizoda", slug="rustam-miralizoda")
    make_position(person, organisation=org)
    event = make_event(title="Working group", slug="working-group", tags=["precursors"])
    make_participation(event, person, organisation=org)
    article = make_article(title="Seizure in Almaty", slug="seizure", tags=["precursors"])
    article.organisations.add(org)
    article.events.add(event)
    return [
        "/",
        "/news/",
        "/news/?tag=precursors",
        article.get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        f"/events/{event.slug}.ics",
        "/events/calendar.ics",
        "/people/",
        person.get_absolute_url(),
        "/organisations/",
        org.get_absolute_url(),
        f"/organisations/{org.slug}/timeline/",
        "/countries/",
        "/countries/kazakhstan/",
        "/tags/",
        "/tags/precursors/",
        "/search/?q=seizure",
        "/news/feed/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/ru/",
    ]


def test_every_kind_of_public_page_is_cached_and_a_hit_asks_the_database_nothing(
    reader, django_assert_num_queries
):
    for url in public_pages():
        first = reader.get(url)
        assert first.status_code == HTTPStatus.OK, url
        assert not first.cookies, f"{url} sets {list(first.cookies)}: it cannot be cached"
        with django_assert_num_queries(0):
            second = reader.get(url)
        assert second.status_code == HTTPStatus.OK
        assert second.content == first.content or "nonce" in first.text, url
        assert second["Content-Type"] == first["Content-Type"]
        assert second["ETag"] == first["ETag"], url
        assert "no-cache" in second["Cache-Control"]


def test_public_pages_carry_no_csrf_token_and_the_switcher_is_a_get_form(reader):
    page = reader.get("/news/")
    assert "csrfmiddlewaretoken" not in page.text
    assert "csrftoken" not in page.cookies
    form = page.text.split('class="language-switcher"')[1].split("</form>")[0]
    assert 'action="/language/"' in page.text and 'method="get"' in page.text
    assert 'name="next" value="/news/"' in form


def test_a_hit_is_the_same_response_as_the_miss(reader):
    make_article(title="Seizure in Almaty")
    miss = reader.get("/news/")
    hit = reader.get("/news/")
    assert hit.content == miss.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Last-Modified"):
        assert hit[header] == miss[header], header
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]


def test_head_requests_are_served_from_the_cache(reader, django_assert_num_queries):
    reader.get("/news/")
    with django_assert_num_queries(0):
        response = reader.head("/news/")
    assert response.status_code == HTTPStatus.OK
    assert response.content == b""


def test_each_hit_gets_its_own_csp_nonce(reader):
    article = make_article()
    pages = [reader.get(article.get_absolute_url()) for _ in range(3)]
    nonces = []
    for page in pages:
        nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', page.text)[1]
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        assert "\x00" not in page.text
        nonces.append(nonce)
    assert len(set(nonces)) == 3
    assert len({page["ETag"] for page in pages}) == 1


# --- Every change is seen at once ----------------------------------------------------------------


def publish_a_draft(article, org):
    draft = make_article(title="Fresh news", status="draft", published_at=None)
    draft.status = Article.Status.PUBLISHED
    draft.save()
    return "Fresh news", True


def edit_the_title(article, org):
    article.title = "Corrected title"
    article.save()
    return "Corrected title", True


def unpublish(article, org):
    workflow.move(make_editor(), article, Article.Status.UNPUBLISHED)
    return "Seizure in Almaty", False


def delete(article, org):
    article.delete()
    return "Seizure in Almaty", False


def rename_the_organisation(article, org):
    org.name = "Renamed Customs Body"
    org.save()
    return "Renamed Customs Body", True


def add_a_tag(article, org):
    article.tags.add("heroin")
    return "heroin", True


def remove_the_tags(article, org):
    article.tags.clear()
    return 'href="/tags/precursors/"', False


def rename_the_tag(article, org):
    tag = Tag.objects.get(name="precursors")
    tag.name = "chemical precursors"
    tag.save()
    return "chemical precursors", True


def link_an_organisation(article, org):
    other = make_organisation(name="Border Guard Service")
    article.organisations.add(other)
    return "Border Guard Service", True


def unlink_the_organisations(article, org):
    article.organisations.clear()
    return f'href="{org.get_absolute_url()}"', False


def add_an_author(article, org):
    from newsroom.models import Authorship

    author = make_participant(full_name="Aigerim Sadykova")
    Authorship.objects.create(article=article, participant=author)
    return "Aigerim Sadykova", True


def change_a_position(article, org):
    position = Position.objects.get(title="Director")
    position.title = "Head of the Analytical Unit"
    position.save()
    return "Head of the Analytical Unit", True


def make_editor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-chief-123")


CHANGES = [
    publish_a_draft,
    edit_the_title,
    unpublish,
    delete,
    rename_the_organisation,
    add_a_tag,
    remove_the_tags,
    rename_the_tag,
    link_an_organisation,
    unlink_the_organisations,
    add_an_author,
    change_a_position,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__)
def test_the_next_request_after_a_change_is_fresh(reader, change):
    org = make_organisation(name="World Customs Organization")
    person = make_participant(full_name="Rustam Miralizoda")
    make_position(person, organisation=make_organisation(name="CARICC"), title="Director")
    article = make_article(title="Seizure in Almaty", tags=["precursors"], authors=[person])
    article.organisations.add(org)
    url = article.get_absolute_url()
    pages = {"/news/": reader.get("/news/").text, url: reader.get(url).text}
    assert "Seizure in Almaty" in pages["/news/"]
    assert reader.get("/news/").text == pages["/news/"]  # cached

    text, shown = change(article, org)

    page = reader.get(url)
    body = reader.get("/news/").text + (page.text if page.status_code == HTTPStatus.OK else "")
    assert (text in body) is shown


def test_an_event_participation_and_a_host_show_at_once(reader):
    event = make_event(title="Working group")
    url = event.get_absolute_url()
    reader.get(url)
    make_participation(event, make_participant(full_name="Aigerim Sadykova"))
    assert "Aigerim Sadykova" in reader.get(url).text
    event.hosts.add(make_organisation(name="Border Guard Service"))
    assert "Border Guard Service" in reader.get(url).text


def test_the_admins_bulk_actions_are_seen_at_once(reader, staff_client):
    draft = make_article(title="Waiting for review", status="review", published_at=None)
    live = make_article(title="Going down")
    assert "Going down" in reader.get("/news/").text
    changelist = reverse("admin:newsroom_article_changelist")

    staff_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert "Waiting for review" in reader.get("/news/").text

    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [live.pk]})
    assert "Going down" not in reader.get("/news/").text


def test_a_change_bumps_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    before = page_cache.current_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        make_article()
        make_article()
    assert len(callbacks) == 1  # one per transaction, however many rows changed
    assert page_cache.current_generation() > before + 2


def test_writes_without_signals_bump_explicitly():
    before = page_cache.current_generation()
    call_command("generate_content", "--articles", "2", "--events", "1", stdout=StringIO())
    assert page_cache.current_generation() > before


def test_an_evicted_generation_starts_afresh_above_the_old_one(reader, django_assert_num_queries):
    reader.get("/news/")
    old = page_cache.current_generation()
    cache.delete(page_cache.GENERATION_KEY)
    assert not is_hit(reader, "/news/", django_assert_num_queries)
    assert page_cache.current_generation() > old


# --- Time changes pages without a save -----------------------------------------------------------


def test_a_scheduled_article_appears_at_its_time_without_a_save(reader):
    make_article(title="Scheduled news", published_at=timezone.now() + delta_of(minutes=2))
    assert "Scheduled news" not in reader.get("/news/").text
    with later(minutes=1):
        assert "Scheduled news" not in reader.get("/news/").text
    with later(minutes=3):
        assert "Scheduled news" in reader.get("/news/").text


def test_an_expiring_article_goes_at_its_time_without_a_save(reader):
    article = make_article(title="Short-lived", expires_at=timezone.now() + delta_of(minutes=2))
    url = article.get_absolute_url()
    assert "Short-lived" in reader.get("/news/").text
    assert reader.get(url).status_code == HTTPStatus.OK
    with later(minutes=3):
        assert "Short-lived" not in reader.get("/news/").text
        assert reader.get(url).status_code == HTTPStatus.NOT_FOUND


def test_a_scheduled_event_appears_at_its_time(reader):
    make_event(title="Scheduled meeting", published_at=timezone.now() + delta_of(seconds=90))
    assert "Scheduled meeting" not in reader.get("/events/").text
    with later(minutes=2):
        assert "Scheduled meeting" in reader.get("/events/").text


def test_an_event_moves_to_the_past_at_local_midnight(reader, settings):
    settings.NEWSROOM_PAGE_CACHE_TIMEOUT = 3 * 24 * 3600  # only midnight ends the page
    today = timezone.localdate()
    make_event(title="Today's meeting", starts_on=today)
    midnight = page_cache.next_midnight(timezone.now())
    upcoming = reader.get("/").text.split("Today's meeting")[0]
    with mock.patch("django.utils.timezone.now", return_value=midnight + delta_of(seconds=1)):
        assert reader.get("/").text.split("Today's meeting")[0] != upcoming


def test_pages_are_kept_no_longer_than_the_next_scheduled_moment(django_assert_num_queries):
    now = timezone.now()
    generation = page_cache.current_generation()
    assert page_cache.changes_by_itself_at(generation, now) == (
        page_cache.next_midnight(now).timestamp()
    )
    soon = now + delta_of(seconds=90)
    make_article(published_at=soon)
    make_event(expires_at=now + delta_of(minutes=5))
    generation = page_cache.current_generation()
    assert page_cache.changes_by_itself_at(generation, now) == min(
        soon.timestamp(), page_cache.next_midnight(now).timestamp()
    )
    with django_assert_num_queries(0):  # remembered for the generation
        page_cache.changes_by_itself_at(generation, now)


def test_the_ttl_bounds_a_page_with_nothing_scheduled(reader, settings, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE_TIMEOUT = 60
    reader = Client()  # a new middleware chain reads the setting
    reader.get("/news/")
    assert is_hit(reader, "/news/", django_assert_num_queries)
    midnight = page_cache.next_midnight(timezone.now())
    if midnight - timezone.now() > delta_of(seconds=61):
        with later(seconds=61):
            assert not is_hit(reader, "/news/", django_assert_num_queries)


# --- Conditional requests ------------------------------------------------------------------------


def test_if_none_match_is_answered_304_on_a_hit_and_on_a_miss(reader):
    make_article()
    first = reader.get("/news/")
    etag = first["ETag"]
    hit = reader.get("/news/", HTTP_IF_NONE_MATCH=etag)
    assert hit.status_code == HTTPStatus.NOT_MODIFIED and hit.content == b""
    cache.clear()
    miss = reader.get("/news/", HTTP_IF_NONE_MATCH=etag)
    assert miss.status_code == HTTPStatus.NOT_MODIFIED
    assert reader.get("/news/", HTTP_IF_NONE_MATCH='"other"').status_code == HTTPStatus.OK


def test_if_modified_since_is_answered_304_until_the_page_changes(reader):
    make_article()
    last_modified = reader.get("/news/")["Last-Modified"]
    response = reader.get("/news/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    with later(seconds=2):
        make_article(title="Later news")
        response = reader.get("/news/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == HTTPStatus.OK
    assert "Later news" in response.text


def test_a_changed_page_has_a_new_etag(reader):
    article = make_article()
    etag = reader.get("/news/")["ETag"]
    article.title = "New title"
    article.save()
    response = reader.get("/news/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == HTTPStatus.OK and response["ETag"] != etag


def test_detail_pages_keep_their_etag_across_renders(reader):
    url = make_article().get_absolute_url()
    etag = reader.get(url)["ETag"]
    cache.clear()
    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == HTTPStatus.NOT_MODIFIED


# --- Staff ---------------------------------------------------------------------------------------


def test_staff_always_see_the_database_and_never_fill_the_cache(
    reader, staff_client, django_assert_num_queries
):
    article = make_article(title="Original title")
    response = staff_client.get("/news/")
    assert "private" in response["Cache-Control"]
    assert response.has_header("ETag")
    assert not is_hit(reader, "/news/", django_assert_num_queries)  # staff stored nothing
    assert is_hit(reader, "/news/", django_assert_num_queries)
    Article.objects.filter(pk=article.pk).update(status="unpublished")  # sends no signal
    assert "Original title" in reader.get("/news/").text
    assert "Original title" not in staff_client.get("/news/").text


def test_staff_get_304_too(staff_client):
    etag = staff_client.get("/news/")["ETag"]
    assert staff_client.get("/news/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_session_without_a_user_reads_the_cache_but_does_not_fill_it(
    reader, django_assert_num_queries
):
    reader.get("/news/")
    session = reader.session
    session["seen"] = True
    session.save()
    with django_assert_num_queries(1):  # the session, nothing else
        reader.get("/news/")


def test_a_draft_preview_is_never_cached(staff_client, reader):
    draft = make_article(title="Draft text", status="draft", published_at=None)
    response = staff_client.get(draft.get_absolute_url())
    assert "Draft text" in response.text and "no-store" in response["Cache-Control"]
    assert reader.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


# --- Keys ----------------------------------------------------------------------------------------


def test_language_versions_are_cached_apart(reader, django_assert_num_queries):
    from .test_languages import bilingual_article

    bilingual_article()
    english, russian = reader.get("/news/").text, reader.get("/ru/news/").text
    assert "Meeting in Almaty" in english and "Встреча в Алматы" in russian
    assert is_hit(reader, "/news/", django_assert_num_queries)
    assert is_hit(reader, "/ru/news/", django_assert_num_queries)
    assert "Встреча в Алматы" in reader.get("/ru/news/").text
    assert "Meeting in Almaty" in reader.get("/news/").text


def test_query_strings_are_cached_apart_and_in_any_order(reader, django_assert_num_queries):
    make_article(title="Heroin seizure", tags=["heroin"])
    make_article(title="Precursor control", tags=["precursors"])
    assert "Heroin seizure" in reader.get("/search/?q=heroin").text
    assert "Heroin seizure" not in reader.get("/search/?q=precursor").text
    assert "Precursor control" in reader.get("/search/?q=precursor").text
    reader.get("/news/?tag=heroin&section=news")
    assert is_hit(reader, "/news/?section=news&tag=heroin", django_assert_num_queries)


def test_keys_have_a_fixed_length_and_long_queries_are_not_cached(
    reader, django_assert_num_queries
):
    factory = RequestFactory()
    short = page_cache.page_key(factory.get("/search/?q=x"))
    long = page_cache.page_key(factory.get("/search/", {"q": "x" * 1500}))
    assert len(short) == len(long) < 100
    url = "/news/?utm_source=" + "y" * page_cache.MAX_QUERY
    reader.get(url)
    assert not is_hit(reader, url, django_assert_num_queries)


def test_errors_and_redirects_are_not_cached(reader, django_assert_num_queries):
    reader.get("/news/no-such-article/")
    assert not is_hit(reader, "/news/no-such-article/", django_assert_num_queries)
    reader.get("/news/?page=99")
    assert not is_hit(reader, "/news/?page=99", django_assert_num_queries)


# --- Stampede ------------------------------------------------------------------------------------


@pytest.fixture
def slow_page(monkeypatch):
    """The middleware around a view that takes 0.3 s and counts its renders."""
    monkeypatch.setattr(page_cache, "scheduled_change", lambda now: None)
    far = timezone.now() + datetime.timedelta(days=30)
    monkeypatch.setattr(page_cache, "next_midnight", lambda now: far)
    renders = []

    def view(request):
        renders.append(request.path)
        time.sleep(0.3)
        if request.path.startswith("/missing"):
            return HttpResponseNotFound("no")
        return HttpResponse(f"page {len(renders)}")

    middleware = page_cache.PageCacheMiddleware(view)
    return middleware, renders


def concurrently(middleware, path, n=8):
    factory = RequestFactory()
    responses = [None] * n

    def fetch(i):
        request = factory.get(path)
        request.LANGUAGE_CODE = "en"
        responses[i] = middleware(request)

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_concurrent_misses_render_the_page_once(slow_page):
    middleware, renders = slow_page
    responses = concurrently(middleware, "/news/")
    assert len(renders) == 1
    assert {response.status_code for response in responses} == {200}
    assert {response.content for response in responses} == {b"page 1"}


def test_waiting_requests_render_themselves_when_the_first_gets_no_page(slow_page):
    middleware, renders = slow_page
    started = time.monotonic()
    responses = concurrently(middleware, "/missing/", n=4)
    assert {response.status_code for response in responses} == {404}
    assert len(renders) == 4
    assert time.monotonic() - started < page_cache.WAIT  # they did not wait it out


def test_after_the_ttl_waiting_requests_get_the_unchanged_page_at_once(slow_page, settings):
    middleware, renders = slow_page
    concurrently(middleware, "/news/", n=1)
    with later(seconds=settings.NEWSROOM_PAGE_CACHE_TIMEOUT + 1):
        responses = concurrently(middleware, "/news/", n=6)
    assert len(renders) == 2
    assert {response.content for response in responses} <= {b"page 1", b"page 2"}


def test_after_a_change_nobody_gets_the_old_page(slow_page):
    middleware, renders = slow_page
    concurrently(middleware, "/news/", n=1)
    page_cache.bump()
    responses = concurrently(middleware, "/news/", n=6)
    assert len(renders) == 2
    assert {response.content for response in responses} == {b"page 2"}


# --- The cache down ------------------------------------------------------------------------------


CLOSED_PORT = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/6",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_pages_are_served_from_the_database_when_the_cache_is_down(settings):
    article = make_article(title="Seizure in Almaty")
    settings.CACHES = CLOSED_PORT
    with mock.patch.object(page_cache.logger, "warning") as warning:
        reader = Client()
        response = reader.get("/news/")
        assert response.status_code == HTTPStatus.OK
        assert "Seizure in Almaty" in response.text
        article.title = "Edited while Redis is down"
        article.save()  # the bump fails quietly, and is made again later
        assert "Edited while Redis is down" in reader.get("/news/").text
        assert reader.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    assert warning.call_count == 1  # once, then the cache is left alone for a while
    assert page_cache._state["pending_bump"]


def redis_available():
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/6", socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001
        return False
    return True


@pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_hits_and_invalidation_work_the_same(settings, django_assert_num_queries):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/6",
            "KEY_PREFIX": "cache-tests",
        }
    }
    cache.clear()
    try:
        article = make_article(title="Seizure in Almaty")
        reader = Client()
        assert "Seizure in Almaty" in reader.get("/news/").text
        assert is_hit(reader, "/news/", django_assert_num_queries)
        article.title = "Edited"
        article.save()
        assert "Edited" in reader.get("/news/").text
        Organisation.objects.create(name="Unrelated", slug="unrelated")
        assert not is_hit(reader, "/news/", django_assert_num_queries)
    finally:
        cache.clear()


def test_the_switch_can_turn_the_cache_off(settings, reader, django_assert_num_queries):
    settings.NEWSROOM_PAGE_CACHE = False
    reader = Client()
    reader.get("/news/")
    assert not is_hit(reader, "/news/", django_assert_num_queries)
    response = reader.get("/news/")
    assert reader.get("/news/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
