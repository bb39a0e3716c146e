"""The admin's warning before a staff session ends (static/js/session-expiry.js)."""

from django import template
from django.conf import settings
from django.utils.translation import gettext, ngettext

from .. import security

register = template.Library()


@register.inclusion_tag("admin/includes/session_expiry.html", takes_context=True)
def session_expiry(context):
    """For a signed-in member: the seconds left before their session ends, and what to say.

    The page's script counts down from these; it sends no request, so the idle timeout stays
    real. Nothing for anyone else (the sign-in page, the lockout page).
    """
    request = context.get("request")
    remaining = security.session_remaining(request) if request is not None else None
    if remaining is None:
        return {}
    minutes = security.SESSION_WARNING_SECONDS // 60
    return {
        "remaining": remaining,
        "warning_seconds": security.SESSION_WARNING_SECONDS,
        "idle_warning": ngettext(
            "Your session ends in less than %(count)d minute unless you save or open a page: "
            "typing does not count. Save your work now (Save and continue editing) to keep it.",
            "Your session ends in less than %(count)d minutes unless you save or open a page: "
            "typing does not count. Save your work now (Save and continue editing) to keep it.",
            minutes,
        )
        % {"count": minutes},
        "lifetime_warning": ngettext(
            "Your session ends in less than %(count)d minute: a session lasts %(duration)s at "
            "most. Save your work now (Save and continue editing), then sign in again.",
            "Your session ends in less than %(count)d minutes: a session lasts %(duration)s at "
            "most. Save your work now (Save and continue editing), then sign in again.",
            minutes,
        )
        % {"count": minutes, "duration": security._duration(settings.SESSION_COOKIE_AGE)},
        "ended_form": gettext(
            "Your session has ended. Your text is still in this page: copy it before you sign "
            "in again."
        ),
        "ended": gettext("Your session has ended. Sign in again to continue."),
    }
