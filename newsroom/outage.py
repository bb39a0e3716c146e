"""When the database or the cache is down: the 503 page, and /healthz for a load balancer.

**Database down.** A request that needs the database while PostgreSQL is restarting, or cannot
be reached, raises django.db's OperationalError or InterfaceError (the connection cannot be made,
or it broke under the query). Django turns any uncaught exception into a call of the 500
handler; `server_error()` below is that handler: for those two errors only it answers
503 Service Unavailable with templates/503.html and a `Retry-After` header, and logs one line
(at most one per LOG_EVERY seconds and process, with how many were left out). Any other error is
Django's own 500. The page is rendered without touching the database or the session: the
header's and footer's links, the language of the address, static files. Failing is fast: a
refused connection fails at once, an unreachable host after `connect_timeout` (the database
settings' OPTIONS, DJANGO_DB_CONNECT_TIMEOUT). Pages found in the page cache are still served
(newsroom/cache.py needs no database for a hit). Persistent connections (CONN_MAX_AGE) are
checked before reuse (CONN_HEALTH_CHECKS), so once PostgreSQL is back the next request of each
worker connects again by itself.

**/healthz** answers JSON: `{"status": "ok"|"degraded"|"error", "database": "ok"|"error",
"cache": "ok"|"error"}`; 200 while the database answers (a cache that does not is "degraded":
pages come from the database, slower), 503 when it does not. One `SELECT 1`, one cache read; no
session, no cookie, never cached (the page cache does not look it up), exempt from the HTTPS
redirect (SECURE_REDIRECT_EXEMPT in production settings) so a load balancer can ask over HTTP.
"""

import logging
import sys
import threading
import time
from http import HTTPStatus

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds: what the 503 page tells browsers and crawlers
LOG_EVERY = 5.0  # seconds between two log lines about the outage, per process
HEALTH_KEY = "newsroom:healthz"

_log_state = {"next": 0.0, "left_out": 0}
_log_lock = threading.Lock()


def database_error(exc):
    return isinstance(exc, DATABASE_ERRORS)


def report_outage(what, exc):
    """Log that the database failed `what`: at most one line per LOG_EVERY s and process."""
    now = time.monotonic()
    with _log_lock:
        if now < _log_state["next"]:
            _log_state["left_out"] += 1
            return
        left_out, _log_state["left_out"] = _log_state["left_out"], 0
        _log_state["next"] = now + LOG_EVERY
    logger.error(
        "Database unavailable: %s (%s: %s)%s",
        what,
        type(exc).__name__,
        str(exc).strip().splitlines()[0] if str(exc).strip() else "",
        f"; {left_out} more since the last report" if left_out else "",
    )


def unavailable_page(request):
    """The 503 page; rendered from the templates and the address alone."""
    try:
        # `messages` would read the session (a database row): none are shown on this page.
        body = loader.render_to_string(
            "503.html", {"messages": (), "retry_after": RETRY_AFTER}, request
        )
    except Exception:  # noqa: BLE001 - whatever happens, the answer stays a plain 503
        logger.exception("The 503 page could not be rendered")
        body = "<h1>Service Unavailable (503)</h1>"
    response = HttpResponse(body, status=HTTPStatus.SERVICE_UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database that cannot be reached is a 503, everything else Django's 500."""
    exc = sys.exc_info()[1]
    if database_error(exc):
        report_outage(f"503 for {request.method} {request.path}", exc)
        return unavailable_page(request)
    return defaults.server_error(request, template_name)


class QuietOutageFilter(logging.Filter):
    """On django.request: drop the line (and traceback) Django logs with each 503 of a database
    outage, the 503 page's and /healthz's: report_outage() has logged its own, shorter, one."""

    def filter(self, record):
        if getattr(record, "status_code", None) != 503:
            return True
        exc = record.exc_info[1] if record.exc_info else None
        request = getattr(record, "request", None)
        return not (database_error(exc) or getattr(request, "path", None) == "/healthz")


# --- /healthz ------------------------------------------------------------------------------------


def check_database():
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS as exc:
        report_outage("/healthz answered 503", exc)
        return f"{type(exc).__name__}: {exc}".strip()
    return None


def check_cache():
    try:
        caches["default"].get(HEALTH_KEY)
    except Exception as exc:  # noqa: BLE001 - any cache failure (ConnectionError, timeout …)
        return f"{type(exc).__name__}: {exc}".strip()
    return None


@require_safe
@never_cache
def healthz(request):
    # Failures are logged by report_outage() (database) and by the page cache (Redis), once in a
    # while: a load balancer asks every few seconds.
    database, cache = check_database(), check_cache()
    status = "error" if database else "degraded" if cache else "ok"
    response = JsonResponse(
        {
            "status": status,
            "database": "error" if database else "ok",
            "cache": "error" if cache else "ok",
        },
        status=HTTPStatus.SERVICE_UNAVAILABLE if database else HTTPStatus.OK,
    )
    if database:
        response["Retry-After"] = str(RETRY_AFTER)
    return response
