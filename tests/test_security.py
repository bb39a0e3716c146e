"""Staff sign-in security: lockouts (django-axes) and two-factor authentication (django-otp)."""

import datetime
import io
import re
import time
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.conf import settings
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


def sign_in(client, username, password=PASSWORD, code="", csrfmiddlewaretoken=None, **extra):
    data = {"username": username, "password": password, "otp_token": code, "next": "/"}
    if csrfmiddlewaretoken:
        data["csrfmiddlewaretoken"] = csrfmiddlewaretoken
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


# --- Response headers under the production settings -------------------------------------------

# What config.settings.prod makes of the security settings, read from a process that loads it.
PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "NEWSROOM_ADMIN_CSP",
    "NEWSROOM_PERMISSIONS_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
]


@pytest.fixture(scope="module")
def production_security():
    from .test_settings import PROD_ENV, settings_of

    found = settings_of(*PRODUCTION_SECURITY_SETTINGS, **PROD_ENV)
    found["SECURE_PROXY_SSL_HEADER"] = tuple(found["SECURE_PROXY_SSL_HEADER"])
    return found


@pytest.fixture
def production(settings, production_security):
    for name, value in production_security.items():
        setattr(settings, name, value)
    return settings


def directives(policy):
    """{"script-src": ["'self'", ...], ...} of a Content-Security-Policy header."""
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_hardened(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert permissions[feature] == "()", feature
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # Scripts from this site, or carrying this response's nonce (when the page has one).
    scripts = [source for source in policy["script-src"] if not source.startswith("'nonce-")]
    assert scripts == ["'self'"]
    return policy


def test_public_pages_carry_every_security_header_in_production(client, production):
    from .factories import make_article

    article = make_article(body="<p>Seizure report.</p>")
    for url in ["/", "/news/", article.get_absolute_url(), "/ru/", "/no-such-page/"]:
        response = client.get(url, secure=True)
        assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}, url
        policy = assert_hardened(response)
        # The public pages have no inline style either: not even styles may be injected.
        assert "'unsafe-inline'" not in policy["style-src"], url


def test_admin_pages_carry_every_security_header_in_production(client, production, make_staff):
    make_staff()
    login_page = client.get(reverse("admin:login"), secure=True)
    assert_hardened(login_page)
    assert signed_in(sign_in(client, "editor", secure=True))
    for url in [reverse("admin:index"), reverse("admin:newsroom_article_add")]:
        response = client.get(url, secure=True)
        assert response.status_code == HTTPStatus.OK, url
        policy = assert_hardened(response)
        # The rich-text editor draws with style attributes: inline styles, never scripts.
        assert "'unsafe-inline'" in policy["style-src"]


def test_plain_http_is_redirected_to_https_in_production(client, production):
    response = client.get("/news/?page=2")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "https://testserver/news/?page=2"
    # Behind the load balancer, which says the request came over HTTPS.
    forwarded = client.get("/news/", HTTP_X_FORWARDED_PROTO="https")
    assert forwarded.status_code == HTTPStatus.OK
    assert "Strict-Transport-Security" in forwarded


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(production, make_staff):
    make_staff()
    # CSRF checked as a browser meets it: the admin works with a CSRF cookie no script can
    # read, since its forms carry the token.
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("admin:login"), secure=True)
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    response = sign_in(
        client, "editor", csrfmiddlewaretoken=token, secure=True, HTTP_ORIGIN="https://testserver"
    )
    assert signed_in(response)
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    for cookie in (csrf, session):
        assert cookie["secure"] is True, cookie.key
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
    assert client.get(reverse("admin:index"), secure=True).status_code == HTTPStatus.OK


def test_public_pages_have_no_inline_styles_or_scripts_without_a_nonce(client):
    call_command("load_demo", stdout=io.StringIO())
    from newsroom.models import Article, Event, Organisation, Participant

    urls = ["/", "/news/", "/events/", "/people/", "/organisations/", "/tags/", "/ru/"]
    urls.append(Article.objects.published().exclude(body="").first().get_absolute_url())
    urls.append(Event.objects.published().exclude(description="").first().get_absolute_url())
    for model in (Participant, Organisation):
        urls.append(model.objects.first().get_absolute_url())
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        assert not re.search(r"<style|\sstyle=", response.text), url
        for tag in re.findall(r"<script\b[^>]*>", response.text):
            assert " src=" in tag or " nonce=" in tag, (url, tag)


# --- Session lifetime -------------------------------------------------------------------------


def age_session(client, *, signed_in_ago=0, idle_for=0):
    """Move the client's session back in time: its sign-in `signed_in_ago` seconds earlier than
    it was, its last request `idle_for` seconds ago."""
    from newsroom.security import LAST_SEEN_AT, SIGNED_IN_AT

    session = client.session
    session[SIGNED_IN_AT] -= signed_in_ago
    session[LAST_SEEN_AT] = int(time.time()) - idle_for
    session.save()


@pytest.fixture
def session_limits(settings):
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    return settings


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(
    client, make_staff, session_limits
):
    make_staff()
    assert signed_in(sign_in(client, "editor"))
    age_session(client, idle_for=31 * 60)
    url = reverse("admin:newsroom_article_changelist")
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "You were signed out after 30 minutes without activity" in page.text
    assert client.get(url).status_code == HTTPStatus.FOUND, "still signed out"
    logout = AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).get()
    assert logout.actor.username == "editor"


def test_activity_keeps_a_session_alive_until_its_lifetime_ends(client, make_staff, session_limits):
    from newsroom.security import LAST_SEEN_AT, SIGNED_IN_AT

    make_staff()
    assert signed_in(sign_in(client, "editor"))
    url = reverse("admin:index")
    # Nearly eight hours of work, never 30 minutes apart.
    for _ in range(16):
        age_session(client, signed_in_ago=29 * 60, idle_for=29 * 60)
        assert client.get(url).status_code == HTTPStatus.OK
        session = client.session
        assert time.time() - session[LAST_SEEN_AT] < 5, "each request counts as activity"
    assert time.time() - client.session[SIGNED_IN_AT] >= 7 * 60 * 60
    # Busy or not, 8 hours after signing in the session is over.
    age_session(client, signed_in_ago=31 * 60, idle_for=60)
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    page = client.get(response["Location"])
    assert "You were signed out: a session lasts 8 hours at most" in page.text


def test_an_ended_session_reads_public_pages_as_anyone_does(client, make_staff, session_limits):
    from .factories import make_article

    draft = make_article(status="draft")
    make_staff()
    assert signed_in(sign_in(client, "editor"))
    age_session(client, idle_for=2 * 60 * 60)
    assert client.get("/news/").status_code == HTTPStatus.OK
    assert "_auth_user_id" not in client.session
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_the_limits_are_settings(client, make_staff, settings):
    settings.NEWSROOM_SESSION_IDLE_TIMEOUT = 5 * 60
    make_staff()
    assert signed_in(sign_in(client, "editor"))
    age_session(client, idle_for=4 * 60)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    age_session(client, idle_for=6 * 60)
    response = client.get(reverse("admin:index"), follow=True)
    assert "after 5 minutes without activity" in response.text


def test_reading_the_public_site_without_signing_in_creates_no_session(client):
    response = client.get("/news/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


# --- Ending sessions ---------------------------------------------------------------------------


def signed_in_clients(username, count):
    clients = []
    for _ in range(count):
        other = Client()
        assert signed_in(sign_in(other, username))
        clients.append(other)
    return clients


def session_keys_of(user):
    from django.contrib.sessions.models import Session

    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


@pytest.mark.parametrize(
    "engine",
    ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"],
)
def test_deactivating_an_account_in_the_admin_ends_its_sessions(
    settings, staff_client, make_staff, engine
):
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import caches

    settings.SESSION_ENGINE = engine
    victim = make_staff("writer", "Author")
    bystander = make_staff("bystander", "Author")
    victims = signed_in_clients("writer", 2)
    [other] = signed_in_clients("bystander", 1)
    for each in [*victims, other]:
        assert each.get(reverse("admin:index")).status_code == HTTPStatus.OK
    keys = session_keys_of(victim)
    assert len(keys) == 2

    form = (
        staff_client.get(reverse("admin:auth_user_change", args=[victim.pk]))
        .context["adminform"]
        .form
    )
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(role="Author", is_active="")
    data.pop("password", None)
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = staff_client.post(reverse("admin:auth_user_change", args=[victim.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].errors
    victim.refresh_from_db()
    assert not victim.is_active

    assert session_keys_of(victim) == []
    cache = caches[settings.SESSION_CACHE_ALIAS]
    assert all(cache.get(KEY_PREFIX + key) is None for key in keys), "no cached copy left"
    for each in victims:
        assert each.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
    assert len(session_keys_of(bystander)) == 1
    assert other.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert staff_client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_the_deactivate_action_and_a_plain_save_end_sessions_too(staff_client, make_staff):
    first, second = make_staff("first", "Author"), make_staff("second", "Author")
    signed_in_clients("first", 1)
    signed_in_clients("second", 1)
    staff_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate", "_selected_action": [first.pk]},
    )
    assert session_keys_of(first) == [] and len(session_keys_of(second)) == 1
    second.is_active = False
    second.save()
    assert session_keys_of(second) == []


def test_changing_ones_password_ends_ones_other_sessions(make_staff):
    make_staff()
    here, elsewhere = signed_in_clients("editor", 2)
    response = here.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert here.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert elsewhere.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
    assert not signed_in(sign_in(Client(), "editor"))
    assert signed_in(sign_in(Client(), "editor", "a-new-long-passphrase-42"))


# --- The same answer for known and unknown accounts -------------------------------------------


def comparable(response, *usernames):
    """The page without what changes with every request or echoes the name that was typed."""
    text = re.sub(r'(value|nonce)="[A-Za-z0-9+/=_-]{20,}"', "", response.text)
    for username in usernames:
        text = text.replace(username, "NAME")
    return response.status_code, response.get("Location"), text


def test_sign_in_answers_the_same_for_known_and_unknown_accounts(client, make_staff):
    make_staff()
    make_staff("retired", is_active=False)
    django_user = make_staff("reader", role=None)
    django_user.is_staff = False
    django_user.save()
    unknown = comparable(sign_in(client, "nobody", WRONG), "nobody")
    assert unknown[0] == HTTPStatus.OK
    assert "Please enter the correct" in unknown[2]
    for username, password in [
        ("editor", WRONG),  # a staff member, a wrong password
        ("retired", PASSWORD),  # a deactivated account, its right password
        ("reader", PASSWORD),  # not staff, the right password
    ]:
        assert comparable(sign_in(client, username, password), username) == unknown, username


def test_a_lockout_answers_the_same_for_known_and_unknown_accounts(make_staff):
    make_staff()
    answers = []
    for username in ("editor", "nobody"):
        client = Client()
        for _ in range(5):
            sign_in(client, username, WRONG)
        answers.append(comparable(sign_in(client, username), username))
    assert answers[0] == answers[1]
    assert answers[0][0] == HTTPStatus.TOO_MANY_REQUESTS


def test_a_wrong_password_reset_link_answers_the_same_for_known_and_unknown_accounts(
    client, make_staff
):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = make_staff()
    pages = []
    for pk in (user.pk, user.pk + 1000):
        uid = urlsafe_base64_encode(force_bytes(pk))
        url = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": "c3s1-0123456789"})
        pages.append(comparable(client.get(url, follow=True)))
    assert pages[0] == pages[1]
    assert pages[0][0] == HTTPStatus.OK
