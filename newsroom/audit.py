"""The audit trail: `record()` for editorial acts, and the receivers that log every sign-in.

The receivers are connected when this module is imported; NewsroomConfig.ready() imports it.
"""

import ipaddress
import json

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.serializers.json import DjangoJSONEncoder
from django.dispatch import receiver

from .models import AuditEvent


def _normalised_ip(value):
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request):
    """The address of whoever sent `request`, as far as it can be trusted.

    REMOTE_ADDR, unless settings.NEWSROOM_TRUSTED_PROXY_COUNT says that many reverse proxies stand
    in front of Django: each appends the address it was reached from to X-Forwarded-For, so the
    client is that many entries from the right. Whatever a client writes into the header itself
    sits further left and is never read. django-axes counts failures by this address too.
    """
    if request is None:
        return None
    meta = request.META
    hops = getattr(settings, "NEWSROOM_TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        header = meta.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= hops:
            address = _normalised_ip(forwarded[-hops])
            if address:
                return address
    return _normalised_ip(meta.get("REMOTE_ADDR"))


def record(action, *, actor=None, target=None, request=None, **detail) -> AuditEvent:
    """Write one AuditEvent; `detail` is stored as JSON (dates and lazy strings allowed)."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        ip_address=client_ip(request),
        detail=json.loads(json.dumps(detail, cls=DjangoJSONEncoder)),
    )
    if target is not None:
        event.target_type = f"{target._meta.app_label}.{target._meta.model_name}"
        event.target_id = "" if target.pk is None else str(target.pk)
        event.target_repr = str(target)[:300]
    event.save()
    return event


def _second_factor(user):
    device = getattr(user, "otp_device", None)
    if device is None:
        return ""
    return {"totpdevice": "authenticator", "staticdevice": "recovery_code"}.get(
        device._meta.model_name, device._meta.model_name
    )


@receiver(user_logged_in, dispatch_uid="newsroom.audit.logged_in")
def _logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, actor=user, request=request, two_factor=_second_factor(user))


@receiver(user_logged_out, dispatch_uid="newsroom.audit.logged_out")
def _logged_out(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="newsroom.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the name that was tried: Django has already masked the password in `credentials`,
    # but nothing else from them is kept either.
    field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(field) or credentials.get("username") or "")[:150]
    detail = {"username": username}
    if kwargs.get("reason"):
        detail["reason"] = kwargs["reason"]
    record(AuditEvent.Action.LOGIN_FAILED, request=request, **detail)


@receiver(user_locked_out, dispatch_uid="newsroom.audit.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    # axes took `ip_address` from client_ip(request) as well, so the event shows the same address.
    record(
        AuditEvent.Action.LOCKOUT,
        request=request,
        username=str(username or "")[:150],
        failures=getattr(request, "axes_failures_since_start", None),
    )
