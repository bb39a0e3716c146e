from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation

from .models import Article, LegacyRecord


def normalise_old_path(url: str) -> str:
    """The part of an old-site address that identifies a page: path and sorted query string.

    'http://caricc.org/index.php/en/news/12-x?b=2&a=1' -> '/index.php/en/news/12-x?a=1&b=2'
    """
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    path = path.rstrip("/") or "/"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{path}?{query}" if query else path


class LegacyRedirectMiddleware:
    """Answer a 404 for an old-site address with a 301 to the article now public at its place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        candidates = {normalise_old_path(request.get_full_path()), normalise_old_path(request.path)}
        # Only what an old path can be: a NUL byte is refused by PostgreSQL (a 500, not a 404),
        # and a path longer than the column holds matches nothing.
        limit = LegacyRecord._meta.get_field("old_path").max_length
        candidates = {path for path in candidates if len(path) <= limit and "\x00" not in path}
        if not candidates:
            return response
        record = (
            LegacyRecord.objects.filter(
                old_path__in=candidates, article__in=Article.objects.published()
            )
            .select_related("article")
            .first()
        )
        if record is None:
            return response
        return HttpResponsePermanentRedirect(record.article.get_absolute_url())


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's: the public pages speak the language of their address (/ru/… Russian, else
    English). The admin, which has no language in its address, speaks the staff member's: the one
    chosen with the language switcher, else the browser's."""

    def process_request(self, request):
        super().process_request(request)
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()


def permissions_policy(features):
    """The Permissions-Policy header for {feature: [origins]}: "camera=(), geolocation=(self)"."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(features.items())
    )


class PermissionsPolicyMiddleware:
    """Send NEWSROOM_PERMISSIONS_POLICY with every response, as SecurityMiddleware sends its
    headers (Django has no setting for this one)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.NEWSROOM_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class AdminContentSecurityPolicyMiddleware:
    """Give the admin's pages NEWSROOM_ADMIN_CSP instead of SECURE_CSP.

    Goes after Django's ContentSecurityPolicyMiddleware, which builds the header from the policy
    a response carries (as its csp_override decorator leaves it) when it has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(f"/{settings.ADMIN_URL}") and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.NEWSROOM_ADMIN_CSP
        return response
