"""The audit trail: record(), the client address it keeps, and the sign-in events."""

import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from newsroom import audit
from newsroom.models import Article, AuditEvent

from .factories import make_article

pytestmark = pytest.mark.django_db

PASSWORD = "pw-staff-123456"
WRONG = "hunter2-wrong-password"


@pytest.fixture(autouse=True)
def no_trusted_proxy(settings):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )


def sign_in(client, username, password, **extra):
    data = {"username": username, "password": password, "next": "/"}
    return client.post(reverse("admin:login"), data, **extra)


def request_from(remote_addr="192.0.2.10", forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


# --- client_ip ------------------------------------------------------------------------------


def test_client_ip_ignores_forwarded_for_without_trusted_proxies():
    assert audit.client_ip(request_from("192.0.2.10", "203.0.113.5")) == "192.0.2.10"


@pytest.mark.parametrize(
    ("hops", "forwarded_for", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", "192.0.2.10"),  # fewer hops than proxies: not trusted
        (1, "not-an-address", "192.0.2.10"),
        (1, "", "192.0.2.10"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_forwarded_for_that_many_hops_from_the_right(
    settings, hops, forwarded_for, expected
):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = hops
    assert audit.client_ip(request_from("192.0.2.10", forwarded_for)) == expected


def test_client_ip_without_a_usable_address():
    assert audit.client_ip(None) is None
    assert audit.client_ip(request_from("")) is None
    assert audit.client_ip(request_from("::ffff:192.0.2.10")) == "192.0.2.10"


# --- record ---------------------------------------------------------------------------------


def test_record_describes_actor_target_address_and_detail(editor):
    article = make_article()
    request = request_from("203.0.113.7", forwarded_for="6.6.6.6")
    when = timezone.now()
    event = audit.record(
        AuditEvent.Action.PUBLISH,
        actor=editor,
        target=article,
        request=request,
        status_from="draft",
        status_to="published",
        scheduled_for=when,
        label=gettext_lazy("Published"),
    )
    event.refresh_from_db()
    assert (event.actor, event.actor_name) == (editor, "editor")
    assert (event.target_type, event.target_id) == ("newsroom.article", str(article.pk))
    assert event.target_repr == str(article)
    assert event.ip_address == "203.0.113.7"
    assert event.detail["status_from"] == "draft" and event.detail["label"] == "Published"
    # As DjangoJSONEncoder writes datetimes: ISO 8601, to the millisecond.
    stored_when = datetime.datetime.fromisoformat(event.detail["scheduled_for"])
    assert stored_when == when.replace(microsecond=when.microsecond // 1000 * 1000)


def test_record_cuts_a_long_description_of_the_target():
    event = audit.record(AuditEvent.Action.PUBLISH, target=Article(pk=7, title="A" * 400))
    assert event.target_repr == "A" * 300 and event.target_id == "7"


def test_record_keeps_the_name_when_the_account_goes(editor):
    event = audit.record(AuditEvent.Action.LOGOUT, actor=editor)
    editor.delete()
    event.refresh_from_db()
    assert event.actor is None and event.actor_name == "editor"


def test_record_treats_an_anonymous_actor_as_nobody():
    event = audit.record(AuditEvent.Action.LOGIN_FAILED, actor=AnonymousUser())
    assert event.actor is None and event.actor_name == "" and event.ip_address is None


# --- Sign-in events -------------------------------------------------------------------------


def test_signing_in_and_out_is_recorded(client, editor):
    assert sign_in(client, "editor", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (login.actor, login.actor_name, login.ip_address) == (editor, "editor", "203.0.113.7")
    assert login.detail == {"two_factor": ""}

    response = client.post(reverse("admin:logout"), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == HTTPStatus.OK
    logout = AuditEvent.objects.get(action=AuditEvent.Action.LOGOUT)
    assert (logout.actor, logout.ip_address) == (editor, "203.0.113.7")


def test_a_failed_sign_in_records_the_name_tried_and_never_the_password(client, editor):
    sign_in(client, "editor", WRONG, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor is None
    assert event.detail == {"username": "editor"}
    assert event.ip_address == "203.0.113.7", "a spoofed X-Forwarded-For is not believed"
    stored = " ".join(str(value) for value in AuditEvent.objects.values_list().get())
    assert WRONG not in stored and "hunter2" not in stored


def test_a_failed_sign_in_with_an_unknown_name_is_recorded(client):
    sign_in(client, "nobody-by-that-name", WRONG)
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.detail["username"] == "nobody-by-that-name"


def test_a_lockout_is_recorded_with_the_address(client, editor):
    for _ in range(5):
        sign_in(client, "editor", WRONG, REMOTE_ADDR="203.0.113.9")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOCKOUT)
    assert event.ip_address == "203.0.113.9"
    assert event.detail == {"username": "editor", "failures": 5}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).count() == 5
