"""Faults: the database or the cache down (newsroom/outage.py, newsroom/sessions.py, the page
cache), /healthz, and the production settings that make a PostgreSQL restart harmless."""

import json
import socket
import time
from contextlib import contextmanager
from http import HTTPStatus
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connection,
)
from django.db.utils import ConnectionHandler
from django.test import Client
from django.urls import reverse

from newsroom import cache as page_cache
from newsroom import outage, sessions

from .factories import make_article, make_event
from .test_settings import PROD_ENV, manage, settings_of

pytestmark = pytest.mark.django_db

PASSWORD = "pw-staff-123456"


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dead_redis():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@contextmanager
def database_down(error=OperationalError, message="connection refused"):
    """Every query of this thread's connection fails as it does while PostgreSQL restarts."""

    def refuse(execute, sql, params, many, context):
        raise error(message)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture(autouse=True)
def fresh_outage_log():
    outage._log_state.update(next=0.0, left_out=0)


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


# --- /healthz ------------------------------------------------------------------------------------


def test_healthz_reports_database_and_cache(anonymous, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    response = anonymous.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies, "no session, no CSRF cookie"
    again = anonymous.get("/healthz")
    assert "X-Page-Cache" not in again, "never from the page cache"


def test_healthz_is_degraded_but_200_when_the_cache_is_down(anonymous, settings):
    settings.CACHES = dead_redis()
    response = anonymous.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "error"}


def test_healthz_is_503_when_the_database_is_down(anonymous):
    with database_down():
        response = anonymous.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert response["Retry-After"] == str(outage.RETRY_AFTER)


def test_healthz_refuses_other_methods(anonymous):
    assert anonymous.post("/healthz").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_healthz_is_one_query(anonymous, django_assert_num_queries):
    with django_assert_num_queries(1):
        anonymous.get("/healthz")


def postgresql_at(port, connect_timeout=2):
    return ConnectionHandler(
        {
            DEFAULT_DB_ALIAS: {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "newsroom",
                "USER": "newsroom",
                "HOST": "127.0.0.1",
                "PORT": port,
                "OPTIONS": {"connect_timeout": connect_timeout},
            }
        }
    )


def timed_check(handler):
    started = time.monotonic()
    with mock.patch.object(outage, "connections", handler):
        problem = outage.check_database()
    handler.close_all()
    return problem, time.monotonic() - started


def test_a_postgresql_that_refuses_is_reported_at_once():
    pytest.importorskip("psycopg")
    problem, seconds = timed_check(postgresql_at(closed_port()))
    assert problem and problem.startswith("OperationalError")
    assert seconds < 1


def test_a_postgresql_that_does_not_answer_is_given_up_after_the_connect_timeout():
    """A server that accepts the connection and never answers (hung, or a black hole)."""
    pytest.importorskip("psycopg")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        problem, seconds = timed_check(postgresql_at(silent.getsockname()[1], connect_timeout=2))
    assert problem and problem.startswith("OperationalError")
    assert 1.5 < seconds < 5, "neither at once nor the operating system's minutes"


# --- The database down: a 503 page -------------------------------------------------------------


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_pages_answer_a_friendly_503_when_the_database_is_down(anonymous, error):
    make_article(title="Seizure in Almaty")
    with database_down(error), mock.patch.object(outage.logger, "error") as logged:
        response = anonymous.get("/news/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == str(outage.RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    page = response.text
    assert "The site is temporarily unavailable" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page, "the site's look"
    assert "Traceback" not in page and "connection refused" not in page
    assert logged.call_count == 1
    assert "Database unavailable" in logged.call_args.args[0]


def test_the_503_page_speaks_the_language_of_the_address(anonymous):
    with database_down():
        response = anonymous.get("/ru/news/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert '<html lang="ru">' in response.text
    assert "Сайт временно недоступен" in response.text


def test_signed_in_staff_get_the_503_too(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "c@example.org", PASSWORD)
    client.force_login(user)
    client.raise_request_exception = False
    with database_down():
        response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "The site is temporarily unavailable" in response.text


def test_an_outage_is_logged_once_in_a_while_not_per_request(anonymous):
    with database_down(), mock.patch.object(outage.logger, "error") as logged:
        for _ in range(5):
            assert anonymous.get("/events/").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert logged.call_count == 1
    with mock.patch.object(outage.logger, "error") as logged:
        outage._log_state["next"] = 0.0
        with database_down():
            anonymous.get("/events/")
    assert "4 more since the last report" in logged.call_args.args[-1]


def test_django_request_log_drops_the_outage_traceback_only():
    quiet = outage.QuietOutageFilter()

    def record(status, exc):
        entry = mock.Mock(status_code=status, exc_info=(type(exc), exc, None))
        return quiet.filter(entry)

    assert not record(503, OperationalError("down"))
    assert record(500, ProgrammingError("no such column"))
    assert record(500, ValueError("bug"))
    healthz = mock.Mock(status_code=503, exc_info=None, request=mock.Mock(path="/healthz"))
    assert not quiet.filter(healthz), "a load balancer's probe every few seconds"


def test_healthz_logs_a_database_outage_once_in_a_while(anonymous):
    with database_down(), mock.patch.object(outage.logger, "error") as logged:
        for _ in range(3):
            assert anonymous.get("/healthz").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert logged.call_count == 1
    assert logged.call_args.args[1] == "/healthz answered 503"


@pytest.mark.parametrize("error", [ProgrammingError, IntegrityError])
def test_other_database_errors_stay_500(anonymous, error):
    with database_down(error, "a bug, not an outage"):
        response = anonymous.get("/news/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR


def test_cached_pages_are_still_served_while_the_database_is_down(anonymous, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    make_article(title="Seizure in Almaty")
    assert anonymous.get("/news/").status_code == HTTPStatus.OK
    with database_down():
        hit = anonymous.get("/news/")
        miss = anonymous.get("/events/")
    assert hit.status_code == HTTPStatus.OK and hit["X-Page-Cache"] == "hit"
    assert "Seizure in Almaty" in hit.text
    assert miss.status_code == HTTPStatus.SERVICE_UNAVAILABLE


def test_the_site_recovers_by_itself_when_the_database_is_back(anonymous):
    make_article(title="Seizure in Almaty")
    with database_down():
        assert anonymous.get("/news/").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    response = anonymous.get("/news/")
    assert response.status_code == HTTPStatus.OK
    assert "Seizure in Almaty" in response.text


# --- Redis down: pages from the database, staff still sign in ----------------------------------


@pytest.fixture
def redis_down(settings):
    settings.CACHES = dead_redis()
    settings.SESSION_ENGINE = "newsroom.sessions"
    settings.NEWSROOM_PAGE_CACHE = True
    return settings


def test_public_pages_are_200_with_redis_down(anonymous, redis_down):
    article = make_article(title="Seizure in Almaty", tags=["heroin"])
    event = make_event(title="Regional meeting")
    pages = [
        "/",
        "/news/",
        "/ru/news/",
        article.get_absolute_url(),
        event.get_absolute_url(),
        "/events/",
        "/tags/",
        "/tags/heroin/",
        "/search/?q=seizure",
        "/sitemap.xml",
        reverse("newsroom:article_feed_rss"),
    ]
    for page in pages:
        response = anonymous.get(page)
        assert response.status_code == HTTPStatus.OK, page
    assert "Seizure in Almaty" in anonymous.get("/news/").text


def test_staff_sign_in_and_out_with_redis_down(redis_down, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.org", PASSWORD)
    staff = Client(raise_request_exception=False)
    response = staff.post(
        reverse("admin:login"), {"username": "chief", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    assert staff.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert staff.get(reverse("admin:newsroom_article_changelist")).status_code == HTTPStatus.OK
    assert staff.post(reverse("admin:logout")).status_code == HTTPStatus.OK
    assert staff.get(reverse("admin:index")).status_code == HTTPStatus.FOUND, "signed out"


def test_sessions_store_does_not_bring_back_a_session_signed_out_during_an_outage(
    settings, django_user_model
):
    settings.SESSION_ENGINE = "newsroom.sessions"  # with the in-memory cache of the tests
    user = django_user_model.objects.create_superuser("chief", "c@example.org", PASSWORD)
    staff = Client()
    staff.force_login(user)
    assert staff.get(reverse("admin:index")).status_code == HTTPStatus.OK  # now in the cache
    old_cookie = staff.cookies[settings.SESSION_COOKIE_NAME].value

    cache = page_cache._cache()
    with mock.patch.object(type(cache), "delete", side_effect=ConnectionError("down")):
        staff.post(reverse("admin:logout"))
    # The cache kept the copy the failed deletion left; the database has no row any more.
    key = sessions.SessionStore.cache_key_prefix + old_cookie
    assert cache.get(key) is not None
    page_cache.reset()  # the cache answers again

    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert thief.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
    assert cache.get(key) is None
    assert SESSION_KEY not in sessions.SessionStore(old_cookie).load()


# --- Settings ------------------------------------------------------------------------------------


def test_production_keeps_connections_checked_and_fails_fast():
    env = {**PROD_ENV, "DATABASE_URL": "postgres://newsroom@db.internal:5432/newsroom"}
    found = settings_of("DATABASES", **env)["DATABASES"]["default"]
    assert found["CONN_MAX_AGE"] == 60
    assert found["CONN_HEALTH_CHECKS"] is True
    assert found["OPTIONS"]["connect_timeout"] == 3
    tuned = settings_of(
        "DATABASES", **env, DJANGO_CONN_MAX_AGE="300", DJANGO_DB_CONNECT_TIMEOUT="5"
    )["DATABASES"]["default"]
    assert tuned["CONN_MAX_AGE"] == 300
    assert tuned["OPTIONS"]["connect_timeout"] == 5


def test_development_opens_a_connection_per_request():
    found = settings_of("DATABASES")["DATABASES"]["default"]
    assert found["CONN_MAX_AGE"] == 0
    assert "connect_timeout" not in found.get("OPTIONS", {}), "SQLite has none"


def test_healthz_is_reachable_over_plain_http_with_the_https_redirect_on():
    """Production settings as they are (SECURE_SSL_REDIRECT on), Redis at a closed port."""
    code = (
        "import json; from django.test import Client; c = Client(); "
        "h = c.get('/healthz', HTTP_HOST='news.example.org'); "
        "n = c.get('/news/', HTTP_HOST='news.example.org'); "
        "print(json.dumps([h.status_code, h.json(), dict(h.cookies), "
        "n.status_code, n.get('Location')]))"
    )
    env = {**PROD_ENV, "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    health, body, cookies, news, location = json.loads(result.stdout.strip().splitlines()[-1])
    assert (health, body["database"], body["cache"], cookies) == (200, "ok", "error", {})
    assert (news, location) == (301, "https://news.example.org/news/")
