"""Staff sign-in security: lockouts (django-axes) and two-factor authentication (django-otp)."""

import datetime
import io
import re
import time
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "pw-staff-123456"
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.NEWSROOM_IP_FAILURE_LIMIT = 20
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 0
    settings.REQUIRE_2FA = False
    return settings


@pytest.fixture
def make_staff(django_user_model):
    def make(username="editor", role="Editor", **extra):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True, **extra
        )
        if role:
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


def sign_in(client, username, password=PASSWORD, code="", **extra):
    data = {"username": username, "password": password, "otp_token": code, "next": "/"}
    return client.post(reverse("admin:login"), data, **extra)


def signed_in(response):
    return response.status_code == HTTPStatus.FOUND


def locked(response):
    return response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def totp_code(device, steps_ahead=0):
    """The code the user's app shows `steps_ahead` 30-second steps from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    near = {totp_code(device, steps) for steps in range(-2, 3)}
    return next(code for code in ("123456", "654321", "111111", "222222") if code not in near)


# --- Lockouts -------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_from_that_address(client, make_staff):
    make_staff()
    for _ in range(4):
        response = sign_in(client, "editor", WRONG)
        assert response.status_code == HTTPStatus.OK  # the form again, with its error
    assert locked(sign_in(client, "editor", WRONG))
    response = sign_in(client, "editor")
    assert locked(response), "the right password does not get past a lockout"
    assert "Too many failed sign-ins" in response.text
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_only_for_that_address(client, make_staff):
    make_staff()
    for _ in range(5):
        sign_in(client, "editor", WRONG, REMOTE_ADDR="203.0.113.9")
    assert locked(sign_in(client, "editor", REMOTE_ADDR="203.0.113.9"))
    assert signed_in(sign_in(client, "editor", REMOTE_ADDR="198.51.100.7"))


def test_spoofed_forwarded_for_headers_neither_reset_nor_dodge_the_count(client, make_staff):
    make_staff()
    for n in range(5):
        sign_in(client, "editor", WRONG, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert locked(sign_in(client, "editor", HTTP_X_FORWARDED_FOR="10.9.9.9"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_an_address_trying_many_names_is_locked_out(client, make_staff):
    make_staff()
    for n in range(19):
        assert not locked(sign_in(client, f"guess{n}", WRONG))
    assert signed_in(sign_in(client, "editor")), "19 failures are still under the limit"
    client.logout()
    assert locked(sign_in(client, "guess19", WRONG))
    assert locked(sign_in(client, "editor")), "the address is blocked for every account"
    assert signed_in(sign_in(client, "editor", REMOTE_ADDR="198.51.100.7"))


def test_the_lockout_ends_after_the_cool_off(client, make_staff):
    make_staff()
    for _ in range(5):
        sign_in(client, "editor", WRONG)
    assert locked(sign_in(client, "editor"))
    earlier = AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert signed_in(sign_in(client, "editor"))


def test_an_administrator_unlocks_an_account_in_the_admin(client, make_staff, django_user_model):
    make_staff()
    for _ in range(5):
        sign_in(client, "editor", WRONG)
    assert locked(sign_in(client, "editor"))
    admin_client = Client()
    admin_client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    )
    attempt = AccessAttempt.objects.get(username="editor")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == HTTPStatus.OK
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert not AccessAttempt.objects.exists()
    assert signed_in(sign_in(client, "editor"))


def test_axes_reset_username_unlocks_an_account(client, make_staff):
    make_staff()
    for _ in range(5):
        sign_in(client, "editor", WRONG)
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert signed_in(sign_in(client, "editor"))


def test_signing_in_resets_the_count(client, make_staff):
    make_staff()
    for _ in range(4):
        sign_in(client, "editor", WRONG)
    assert signed_in(sign_in(client, "editor"))
    client.logout()
    assert not AccessAttempt.objects.exists()
    for _ in range(4):
        assert not locked(sign_in(client, "editor", WRONG))


# --- Two-factor authentication -------------------------------------------------------------


def set_up_two_factor(client):
    """Walk through the setup page; returns (device, recovery codes shown)."""
    response = client.get(reverse("security:two_factor"))
    assert response.status_code == HTTPStatus.OK
    device = TOTPDevice.objects.get(user=client.user)
    assert not device.confirmed
    response = client.post(reverse("security:two_factor"), {"code": totp_code(device)})
    assert response.status_code == HTTPStatus.OK
    device.refresh_from_db()
    assert device.confirmed
    return device, response.context["codes"]


@pytest.fixture
def staff_login(client, make_staff):
    def login(username="editor", role="Editor", **extra):
        client.user = make_staff(username, role, **extra)
        client.force_login(client.user)
        return client

    return login


def test_an_editor_must_set_up_two_factor_when_it_is_required(settings, staff_login):
    settings.REQUIRE_2FA = True
    client = staff_login()
    response = client.get(reverse("admin:newsroom_article_changelist"))
    assert response.status_code == HTTPStatus.FOUND
    setup_url = reverse("security:two_factor")
    assert response.url.startswith(setup_url + "?next=")

    page = client.get(response.url)
    assert page.status_code == HTTPStatus.OK
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=client.user)
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert not re.search(r"<script(?![^>]*\ssrc=)", page.text), "CSP allows no inline script"

    device, codes = set_up_two_factor(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticDevice.objects.get(user=client.user).token_set.count() == 10
    assert client.get(reverse("admin:newsroom_article_changelist")).status_code == HTTPStatus.OK
    event = AuditEvent.objects.get(action=AuditEvent.Action.TWO_FACTOR)
    assert (event.actor, event.detail["change"]) == (client.user, "enabled")


def test_the_recovery_codes_page_is_not_cached(settings, staff_login):
    client = staff_login()
    client.get(reverse("security:two_factor"))
    device = TOTPDevice.objects.get(user=client.user)
    response = client.post(reverse("security:two_factor"), {"code": totp_code(device)})
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_setup_code_is_refused(settings, staff_login):
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = staff_login()
    client.get(reverse("security:two_factor"))
    device = TOTPDevice.objects.get(user=client.user)
    response = client.post(reverse("security:two_factor"), {"code": wrong_code(device)})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.exists()
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
    set_up_two_factor(client)


def test_after_setup_signing_in_needs_the_code(client, settings, staff_login):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    staff_login()
    device, _codes = set_up_two_factor(client)
    client.logout()

    response = sign_in(client, "editor")
    assert response.status_code == HTTPStatus.OK, "the password alone is not enough"
    assert "_auth_user_id" not in client.session
    assert "code from your authenticator app" in response.text
    assert not signed_in(sign_in(client, "editor", code=wrong_code(device)))

    # The setup used this step's code; the app's next one is accepted.
    response = sign_in(client, "editor", code=totp_code(device, steps_ahead=1))
    assert signed_in(response)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    login = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).latest()
    assert login.detail["two_factor"] == "authenticator"


def test_a_wrong_code_answers_like_a_wrong_password_and_counts_as_a_failure(client, staff_login):
    staff_login()
    device, _codes = set_up_two_factor(client)
    client.logout()
    wrong_password = sign_in(client, "editor", WRONG)
    wrong_code = sign_in(client, "editor", code="99999999")
    assert wrong_password.context["form"].errors == wrong_code.context["form"].errors
    assert AccessAttempt.objects.get().failures_since_start == 2
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).first()
    assert failed.detail == {"username": "editor", "reason": "two_factor"}


def test_a_recovery_code_works_once(client, settings, staff_login):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no pause after a wrong code, for the test's pace
    staff_login()
    _device, codes = set_up_two_factor(client)
    client.logout()
    assert signed_in(sign_in(client, "editor", code=codes[0]))
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert AuditEvent.objects.filter(action="login").latest().detail["two_factor"] == (
        "recovery_code"
    )
    client.logout()
    assert not signed_in(sign_in(client, "editor", code=codes[0]))
    assert signed_in(sign_in(client, "editor", code=codes[1].replace("-", "").upper()))


def test_recovery_codes_can_be_replaced(client, settings, staff_login):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    staff_login()
    _device, old_codes = set_up_two_factor(client)
    page = client.get(reverse("security:recovery_codes"))
    assert page.context["recovery_codes_left"] == 10
    response = client.post(reverse("security:recovery_codes"))
    new_codes = response.context["codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.logout()
    assert not signed_in(sign_in(client, "editor", code=old_codes[0]))
    assert signed_in(sign_in(client, "editor", code=new_codes[0]))
    changes = AuditEvent.objects.filter(action="two_factor").values_list("detail", flat=True)
    assert sorted(d["change"] for d in changes) == ["enabled", "recovery_codes_regenerated"]


def test_recovery_codes_need_a_verified_session(client, staff_login):
    staff_login()
    set_up_two_factor(client)
    client.logout()
    client.force_login(client.user)  # a new session, opened with the password only
    response = client.post(reverse("security:recovery_codes"))
    assert response.status_code == HTTPStatus.FOUND
    assert not AuditEvent.objects.filter(detail__change="recovery_codes_regenerated").exists()


def test_a_member_with_two_factor_is_asked_for_a_code_whatever_the_setting(client, staff_login):
    staff_login(role="Author")
    device, _codes = set_up_two_factor(client)
    # A session opened with the password alone (e.g. another sign-in page) must still confirm.
    client.logout()
    client.force_login(client.user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("security:two_factor"))
    page = client.get(response.url)
    assert page.templates[0].name == "security/two_factor_verify.html"
    # It cannot replace the authenticator without the code either.
    assert TOTPDevice.objects.filter(user=client.user).count() == 1
    response = client.post(
        reverse("security:two_factor") + "?next=/admin/",
        {"code": totp_code(device, steps_ahead=1)},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_an_author_is_not_forced_to_set_up_two_factor(settings, staff_login):
    settings.REQUIRE_2FA = True
    client = staff_login(role="Author")
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    # ... but may.
    set_up_two_factor(client)


def test_nobody_is_forced_when_two_factor_is_not_required(settings, staff_login):
    settings.REQUIRE_2FA = False
    client = staff_login()
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_superusers_count_as_administrators(settings, staff_login):
    settings.REQUIRE_2FA = True
    client = staff_login("root", role=None, is_superuser=True)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND


def test_the_two_factor_pages_are_for_staff_only(client, django_user_model):
    assert client.get(reverse("security:two_factor")).status_code == HTTPStatus.FOUND
    client.force_login(django_user_model.objects.create_user("reader", password=PASSWORD))
    response = client.get(reverse("security:two_factor"))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_public_pages_are_never_redirected(settings, staff_login):
    settings.REQUIRE_2FA = True
    client = staff_login()
    assert client.get("/").status_code == HTTPStatus.OK


def test_the_next_address_must_be_on_this_site(client, staff_login):
    staff_login()
    device, _codes = set_up_two_factor(client)
    client.logout()
    client.force_login(client.user)
    response = client.post(
        reverse("security:two_factor") + "?next=https://evil.example/",
        {"code": totp_code(device, steps_ahead=1)},
    )
    assert response.url == reverse("admin:index")


def test_the_two_factor_pages_follow_a_moved_admin():
    from .test_settings import manage

    code = (
        "from django.urls import reverse; "
        "print(reverse('admin:index'), reverse('security:two_factor'), "
        "reverse('security:recovery_codes'))"
    )
    result = manage("shell", "--no-imports", "-c", code, DJANGO_ADMIN_URL="backstage")
    assert result.stdout.split() == [
        "/backstage/",
        "/backstage/security/two-factor/",
        "/backstage/security/two-factor/recovery-codes/",
    ], result.stderr
