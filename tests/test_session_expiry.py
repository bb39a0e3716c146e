"""The admin's warning before a staff session ends: the seconds and messages its pages carry."""

import html
import re
import time
from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse

from newsroom import security
from newsroom.security import LAST_SEEN_AT, SIGNED_IN_AT

from .factories import make_article

pytestmark = pytest.mark.django_db

SCRIPT = "js/session-expiry.js"
IDLE_TIMEOUT = 30 * 60
LIFETIME = 8 * 60 * 60
SLACK = 3  # seconds a slow test run may take between ageing a session and reading the page


@pytest.fixture
def session_limits(settings):
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = IDLE_TIMEOUT
    settings.SESSION_COOKIE_AGE = LIFETIME
    return settings


def age_session(client, *, signed_in_ago=0, idle_for=0):
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - signed_in_ago
    session[LAST_SEEN_AT] = int(time.time()) - idle_for
    session.save()


def expiry_region(response):
    """The attributes of the page's #session-expiry element, unescaped; None without one."""
    match = re.search(r'<div id="session-expiry"([^>]*)>', response.text)
    if match is None:
        return None
    return {
        name: html.unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', match[1])
    }


def test_an_admin_page_carries_the_seconds_left_in_the_session(staff_client, session_limits):
    age_session(staff_client, signed_in_ago=10 * 60, idle_for=10 * 60)
    response = staff_client.get(reverse("admin:newsroom_article_add"))
    assert response.status_code == HTTPStatus.OK
    region = expiry_region(response)
    # This request is activity: the whole idle timeout is left, and 8 hours less 10 minutes.
    assert IDLE_TIMEOUT - SLACK <= int(region["data-idle-seconds"]) <= IDLE_TIMEOUT
    lifetime_left = LIFETIME - 10 * 60
    assert lifetime_left - SLACK <= int(region["data-lifetime-seconds"]) <= lifetime_left
    assert region["data-warning-seconds"] == "300"
    assert region["role"] == "alert"
    assert f'src="/static/{SCRIPT}"' in response.text


def test_the_idle_time_counts_from_the_last_recorded_request(staff_client, session_limits):
    # A request less than a minute after the last recorded one is not written down
    # (LAST_SEEN_PRECISION): the server ends the session counting from the earlier one, and
    # so does the page, never later than the server.
    age_session(staff_client, signed_in_ago=2 * 60 * 60, idle_for=40)
    region = expiry_region(staff_client.get(reverse("admin:index")))
    idle_left = IDLE_TIMEOUT - 40
    assert idle_left - SLACK <= int(region["data-idle-seconds"]) <= idle_left


def test_the_lifetime_can_end_before_the_idle_timeout(staff_client, session_limits):
    age_session(staff_client, signed_in_ago=LIFETIME - 4 * 60)
    region = expiry_region(staff_client.get(reverse("admin:index")))
    assert int(region["data-lifetime-seconds"]) <= 4 * 60 < int(region["data-idle-seconds"])


def test_the_messages_are_in_the_members_language(staff_client, session_limits):
    region = expiry_region(staff_client.get(reverse("admin:index")))
    assert region["data-idle-warning"].startswith(
        "Your session ends in less than 5 minutes unless you save or open a page"
    )
    assert "(Save and continue editing)" in region["data-idle-warning"]
    assert "a session lasts 8 hours at most" in region["data-lifetime-warning"]
    assert region["data-ended-form"] == (
        "Your session has ended. Your text is still in this page: copy it before you sign in again."
    )
    assert region["data-ended"] == "Your session has ended. Sign in again to continue."

    russian = expiry_region(
        staff_client.get(reverse("admin:index"), headers={"accept-language": "ru"})
    )
    assert russian["data-idle-warning"].startswith(
        "Ваш сеанс завершится менее чем через 5 минут, если вы не сохраните работу"
    )
    assert "сеанс длится самое большее 8 часов" in russian["data-lifetime-warning"]
    assert russian["data-ended-form"].startswith("Ваш сеанс завершён. Ваш текст по-прежнему")
    assert russian["data-ended"] == "Ваш сеанс завершён. Чтобы продолжить, войдите снова."


def test_every_admin_page_of_a_member_carries_it(staff_client):
    article = make_article()
    for url in (
        reverse("admin:index"),
        reverse("admin:newsroom_article_changelist"),
        reverse("admin:newsroom_article_change", args=[article.pk]),
        reverse("security:two_factor"),
    ):
        response = staff_client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert expiry_region(response) is not None, url


def test_pages_without_a_signed_in_member_do_not_load_the_script(client, staff_client):
    from django.test import Client

    reader = Client()
    article = make_article()
    for url in ("/", "/news/", article.get_absolute_url(), "/ru/news/"):
        for each in (reader, staff_client):  # a signed-in member reading the site too
            response = each.get(url)
            assert response.status_code == HTTPStatus.OK, url
            assert SCRIPT not in response.text, url
            assert expiry_region(response) is None, url
    sign_in_page = reader.get(reverse("admin:login"))
    assert sign_in_page.status_code == HTTPStatus.OK
    assert SCRIPT not in sign_in_page.text


def test_the_script_is_a_static_file_that_the_admins_policy_allows(staff_client):
    assert finders.find(SCRIPT) is not None
    policy = staff_client.get(reverse("admin:index"))["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src.split()
    assert "'unsafe-inline'" not in script_src


def test_seconds_left_never_go_below_zero_and_need_a_signed_in_member(session_limits):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    assert security.session_remaining(request) is None

    class Member:
        is_authenticated = True

    request.user = Member()
    assert security.session_remaining(request) is None, "no sign-in time: nothing to count"
    now = 1_000_000
    request.session[SIGNED_IN_AT] = now - LIFETIME - 5
    request.session[LAST_SEEN_AT] = now - 60
    assert security.session_remaining(request, now) == {
        "idle": IDLE_TIMEOUT - 60,
        "lifetime": 0,
    }


# --- Asking how long is left ---------------------------------------------------------------------


def test_asking_how_long_is_left_is_not_activity(staff_client, session_limits):
    age_session(staff_client, signed_in_ago=60 * 60, idle_for=10 * 60)
    last_seen = staff_client.session[LAST_SEEN_AT]
    response = staff_client.get(reverse("security:session_status"))
    assert response.status_code == HTTPStatus.OK
    assert "no-cache" in response["Cache-Control"]
    left = response.json()
    idle_left = IDLE_TIMEOUT - 10 * 60
    assert idle_left - SLACK <= left["idle"] <= idle_left
    assert LIFETIME - 60 * 60 - SLACK <= left["lifetime"] <= LIFETIME - 60 * 60
    assert staff_client.session[LAST_SEEN_AT] == last_seen, "the question moved nothing"
    # A page is activity: the idle end moves, and the answer says so.
    staff_client.get(reverse("admin:index"))
    assert staff_client.get(reverse("security:session_status")).json()["idle"] >= IDLE_TIMEOUT - 3


def test_an_ended_session_is_sent_to_sign_in_and_told_why(staff_client, session_limits):
    age_session(staff_client, idle_for=IDLE_TIMEOUT + 1)
    url = reverse("security:session_status")
    response = staff_client.get(url)
    # As from any admin page (the page's script then keeps its own count: ended).
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert "_auth_user_id" not in staff_client.session
    page = staff_client.get(reverse("admin:index"), follow=True)
    assert "You were signed out after 30 minutes without activity" in page.text


def test_only_members_are_answered(client, settings, django_user_model):
    from django.contrib.auth.models import Group

    from newsroom import roles

    url = reverse("security:session_status")
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    # A member who still owes a two-factor code is sent there, as from every admin address.
    settings.REQUIRE_2FA = True
    editor = django_user_model.objects.create_user(
        "writer", password="pw-writer-123456", is_staff=True
    )
    editor.groups.add(Group.objects.get_or_create(name=roles.EDITOR)[0])
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("security:two_factor"))
