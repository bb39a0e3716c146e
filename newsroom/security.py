"""Staff sign-in security: lockouts across accounts, the two-factor sign-in, its setup pages.

django-axes counts failed sign-ins (settings: "Sign-in lockouts"); django-otp keeps the
authenticator apps (TOTPDevice) and one-time recovery codes (StaticDevice) of staff members.
A member who has confirmed an authenticator app always signs in with a code; with REQUIRE_2FA on,
Editors and Administrators must confirm one before the admin lets them do anything else.
"""

import base64
import re
import time
from importlib import import_module
from urllib.parse import urlencode

import segno
from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import SESSION_KEY, get_user_model, logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Sum
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit, roles
from .models import AuditEvent

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
QR_SCALE = 5


# --- Lockouts -------------------------------------------------------------------------------


class NewsroomAxesHandler(AxesDatabaseHandler):
    """axes' database handler, plus a second, higher limit for one address across all accounts.

    axes compares the largest count of its AXES_LOCKOUT_PARAMETERS groups with a single
    AXES_FAILURE_LIMIT, so it cannot say "5 for a name from an address, 20 for an address". Here
    the per-name-and-address count decides as usual, and an address whose failures against any
    names reach NEWSROOM_IP_FAILURE_LIMIT within the cool-off counts as having reached the limit.
    A success resets only the signed-in name's count, so signing in to one's own account does not
    wipe a spray.
    """

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        ip_limit = settings.NEWSROOM_IP_FAILURE_LIMIT
        if ip_limit and self.get_address_failures(request) >= ip_limit:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def get_address_failures(self, request) -> int:
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): status 429 and when to retry."""
    cool_off = get_cool_off(request)
    minutes = -(-int(cool_off.total_seconds()) // 60) if cool_off else None
    return render(
        request,
        "security/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- Devices and codes ------------------------------------------------------------------------


def two_factor_required(user) -> bool:
    return settings.REQUIRE_2FA and roles.role_of(user) in (roles.EDITOR, roles.ADMINISTRATOR)


def authenticator_for(user):
    """The user's confirmed authenticator app: two-factor is on for them when there is one."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def verify_code(user, code):
    """The device that accepts `code` (6 digits: the app; otherwise a recovery code), or None.

    Only devices of the code's kind are tried, so a mistyped app code does not slow down the
    recovery codes (django-otp delays a device after each wrong code).
    """
    code = re.sub(r"[\s-]", "", code or "").lower()
    if not code:
        return None
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones and return them."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice(user=user, name=RECOVERY_DEVICE_NAME)
    device.confirmed = True
    device.throttle_reset(commit=False)
    device.save()
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if not code.isdigit():  # verify_code() takes all-digit codes for the app's
            codes.add(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(f"{code[:4]}-{code[4:]}" for code in codes)


def _mark_verified(request, device):
    otp_login(request, device)
    # The session has just gained a privilege: give it a new key, as Django does at sign-in.
    request.session.cycle_key()


# --- Sign-in form -----------------------------------------------------------------------------


class StaffLoginForm(AdminAuthenticationForm):
    """The admin sign-in: user name, password and, for whoever has set up two-factor, a code.

    A wrong code gets the same answer as a wrong password, so the form never tells a stranger
    that a password was right, and it counts as a failed sign-in towards the lockout.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct %(username)s and password for a staff account, and the "
            "code from your authenticator app if you have set one up. Note that both fields may "
            "be case-sensitive."
        ),
    }

    otp_token = forms.CharField(
        label=_("Two-factor code"),
        required=False,
        max_length=32,
        help_text=_(
            "The 6-digit code from your authenticator app, or one of your recovery codes. "
            "Leave empty if you have not set up two-factor authentication."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and authenticator_for(user) is not None:
            device = verify_code(user, cleaned_data.get("otp_token"))
            if device is None:
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned_data.get("username")},
                    request=self.request,
                    reason="two_factor",
                )
                raise self.get_invalid_login_error()
            # django-otp marks the session verified when login() sees this attribute.
            user.otp_device = device
        return cleaned_data


# --- Enforcement ------------------------------------------------------------------------------


class TwoFactorMiddleware:
    """Send an unverified staff member from any admin page to the two-factor page when they must
    use two-factor: REQUIRE_2FA and their role say so, or they have set it up themselves (so a
    password-only sign-in elsewhere does not get past it). Goes after django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.redirect_if_unverified(request) or self.get_response(request)

    def redirect_if_unverified(self, request):
        # The path first: public pages never look at the session.
        if not request.path.startswith(reverse("admin:index")):
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        exempt = {reverse(name) for name in ("security:two_factor", "admin:login", "admin:logout")}
        if request.path in exempt:
            return None
        if not (two_factor_required(user) or authenticator_for(user) is not None):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('security:two_factor')}?{query}")


# --- Session lifetime -------------------------------------------------------------------------

SIGNED_IN_AT = "newsroom_signed_in_at"
LAST_SEEN_AT = "newsroom_last_seen_at"
# How stale the stored time of a session's last request may get, in seconds: it is written at
# most once a minute, not with every request.
LAST_SEEN_PRECISION = 60
# How long before a session ends the admin's pages warn of it (static/js/session-expiry.js).
SESSION_WARNING_SECONDS = 5 * 60


@receiver(user_logged_in, dispatch_uid="newsroom.security.signed_in")
def _stamp_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_SEEN_AT] = int(time.time())


def session_ended(session, now):
    """Why a signed-in session has run out at `now` (seconds): "lifetime", "idle", or None."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return None
    if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
        return "lifetime"
    if now - session.get(LAST_SEEN_AT, signed_in_at) >= settings.NEWSROOM_SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def session_remaining(request, now=None):
    """Seconds left before the signed-in session of `request` ends: {"idle": n, "lifetime": m},
    the first if no other request comes, the second however busy it is; None without one.

    Read after SessionLifetimeMiddleware has stamped the request, so "idle" counts from it (or
    from a request less than LAST_SEEN_PRECISION earlier: never more than the server allows).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    session = request.session
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return None
    now = int(time.time()) if now is None else now
    last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
    return {
        "idle": max(0, last_seen_at + settings.NEWSROOM_SESSION_IDLE_TIMEOUT - now),
        "lifetime": max(0, signed_in_at + settings.SESSION_COOKIE_AGE - now),
    }


def _duration(seconds):
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


class SessionLifetimeMiddleware:
    """Sign out a session SESSION_COOKIE_AGE after its sign-in, however busy, and after
    NEWSROOM_SESSION_IDLE_TIMEOUT without a request; Django's own expiry is only one of the two.

    An admin page then sends the member to the sign-in page with a message saying why; a public
    page is served as to any reader. Goes after the messages' middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.end_if_expired(request) or self.get_response(request)

    def end_if_expired(self, request):
        # Readers have no session cookie, and their pages never look at the session (which
        # would add Vary: Cookie to them).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        session = request.session
        if SESSION_KEY not in session:
            return None
        now = int(time.time())
        if SIGNED_IN_AT not in session:  # signed in before these times were kept
            session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            return None
        # Asking how long the session has left is not activity (session_status).
        status_only = request.path_info == reverse("security:session_status")
        reason = session_ended(session, now)
        if reason is None:
            if not status_only and now - session.get(LAST_SEEN_AT, 0) >= LAST_SEEN_PRECISION:
                session[LAST_SEEN_AT] = now
            return None
        logout(request)
        if not request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            return None
        if reason == "idle":
            message = _(
                "You were signed out after %(duration)s without activity. Sign in again to "
                "continue."
            ) % {"duration": _duration(settings.NEWSROOM_SESSION_IDLE_TIMEOUT)}
        else:
            message = _(
                "You were signed out: a session lasts %(duration)s at most. Sign in again to "
                "continue."
            ) % {"duration": _duration(settings.SESSION_COOKIE_AGE)}
        messages.warning(request, message)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))


@staff_member_required
@never_cache
def session_status(request):
    """{"idle": seconds, "lifetime": seconds} left in the member's session, for the admin pages'
    warning (static/js/session-expiry.js), which asks only when its own count says the session is
    about to end or has ended: a request from another tab, or one the page made itself, may have
    moved the idle end. Asking is not activity (SessionLifetimeMiddleware moves nothing for it).
    An ended session is sent to the sign-in page, as from any admin page.
    """
    return JsonResponse(session_remaining(request))


def end_sessions(user, keep=None):
    """Delete every stored session signed in as `user`, except the one keyed `keep`.

    Through the session engine, so that a copy in the cache (cached_db) goes too. Sessions are
    not indexed by user, so the unexpired ones are read; only signed-in staff have sessions.
    Returns how many were ended.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    user_id = str(user.pk)
    ended = 0
    for key, data in sessions.values_list("session_key", "session_data").iterator():
        if key != keep and store().decode(data).get(SESSION_KEY) == user_id:
            store(key).delete()
            ended += 1
    return ended


@receiver(post_save, sender=get_user_model(), dispatch_uid="newsroom.security.deactivated")
def _end_sessions_of_inactive_account(sender, instance, raw=False, update_fields=None, **kwargs):
    """A deactivated account (in the admin, by its action, or by any save) is signed out
    everywhere at once."""
    if raw or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    end_sessions(instance)


# --- Pages ------------------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _render(request, template, title, **context):
    return render(
        request,
        template,
        {**admin.site.each_context(request), "title": title, **context},
    )


def _setup(request, next_url):
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            allowed, _extra = device.verify_is_allowed()
            confirmed = allowed and device.verify_token(
                re.sub(r"\s", "", form.cleaned_data["code"])
            )
            if confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                codes = new_recovery_codes(user)
        if confirmed:
            _mark_verified(request, device)
            audit.record(
                AuditEvent.Action.TWO_FACTOR,
                actor=user,
                target=user,
                request=request,
                change="enabled",
            )
            return _render(
                request,
                "security/recovery_codes.html",
                _("Your recovery codes"),
                codes=codes,
                next_url=next_url,
                just_enabled=True,
            )
        form.add_error("code", _wrong_code_message(allowed))
    secret = base64.b32encode(device.bin_key).decode()
    qr_code = segno.make(device.config_url, error="m")
    qr_width, qr_height = qr_code.symbol_size(scale=QR_SCALE)
    return _render(
        request,
        "security/two_factor_setup.html",
        _("Set up two-factor authentication"),
        form=form,
        next_url=next_url,
        required=two_factor_required(user),
        # A white background: the admin's dark theme would otherwise leave it unreadable.
        qr_code=qr_code.svg_data_uri(scale=QR_SCALE, dark="#000", light="#fff"),
        qr_width=qr_width,
        qr_height=qr_height,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


def _verify(request, next_url):
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        device = verify_code(request.user, form.cleaned_data["code"])
        if device is not None:
            _mark_verified(request, device)
            return redirect(next_url)
        form.add_error("code", _wrong_code_message(True))
    return _render(
        request,
        "security/two_factor_verify.html",
        _("Two-factor authentication"),
        form=form,
        next_url=next_url,
    )


def _wrong_code_message(allowed):
    if not allowed:
        return _("Too many wrong codes: wait a little, then try again.")
    return _(
        "That code is not right. Check that your device's clock is correct and enter the code "
        "shown now."
    )


@staff_member_required
@never_cache
def two_factor(request):
    """Set up an authenticator app; confirm a code in this session; or see that all is set."""
    next_url = _next_url(request)
    device = authenticator_for(request.user)
    if device is None:
        return _setup(request, next_url)
    if not request.user.is_verified():
        return _verify(request, next_url)
    recovery = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    return _render(
        request,
        "security/two_factor_status.html",
        _("Two-factor authentication"),
        device=device,
        recovery_codes_left=recovery.token_set.count() if recovery else 0,
        next_url=next_url,
    )


@staff_member_required
@never_cache
def recovery_codes(request):
    """Replace one's recovery codes (in a verified session), showing the new ones once."""
    user = request.user
    if authenticator_for(user) is None or not user.is_verified():
        return redirect(f"{reverse('security:two_factor')}?{urlencode({'next': request.path})}")
    if request.method == "POST":
        codes = new_recovery_codes(user)
        audit.record(
            AuditEvent.Action.TWO_FACTOR,
            actor=user,
            target=user,
            request=request,
            change="recovery_codes_regenerated",
        )
        return _render(
            request,
            "security/recovery_codes.html",
            _("Your new recovery codes"),
            codes=codes,
            next_url=reverse("security:two_factor"),
        )
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return _render(
        request,
        "security/recovery_codes.html",
        _("Recovery codes"),
        recovery_codes_left=recovery.token_set.count() if recovery else 0,
    )
