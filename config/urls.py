from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from newsroom import admin as newsroom_admin
from newsroom import outage, parity, security
from newsroom.sitemaps import SITEMAPS

admin.site.site_header = _("CARICC newsroom")
admin.site.site_title = _("CARICC newsroom admin")
admin.site.index_title = _("Content and accounts")
# Asks for the two-factor code of whoever has set it up (newsroom.security).
admin.site.login_form = security.StaffLoginForm
admin.site.login_template = "security/login.html"

security_patterns = [
    path("two-factor/", security.two_factor, name="two_factor"),
    path("two-factor/recovery-codes/", security.recovery_codes, name="recovery_codes"),
    path("session/", security.session_status, name="session_status"),
]

urlpatterns = [
    # Inside the admin's prefix, before the admin's own catch-all.
    path(f"{settings.ADMIN_URL}security/", include((security_patterns, "security"))),
    path(
        f"{settings.ADMIN_URL}translations/",
        admin.site.admin_view(parity.report_view),
        name="translations_report",
    ),
    # In place of the admin's own "View on site", which redirects to any object's address.
    path(
        f"{settings.ADMIN_URL}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(newsroom_admin.view_on_site),
        name="admin_view_on_site",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Only the pages behind a forced password reset's link; staff sign in through the admin
    # (password, then the second factor), never through a bare login page.
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain; charset=utf-8",
        ),
        name="robots_txt",
    ),
    # For load balancers: database and cache state, never cached (newsroom/outage.py).
    path("healthz", outage.healthz, name="healthz"),
    *i18n_patterns(
        # English at the root (/news/…), Russian under /ru/ (/ru/news/…).
        path("", include("newsroom.urls")),
        prefix_default_language=False,
    ),
]

if settings.NEWSROOM_BENCH_PING:
    # Through every middleware, but no template and no query: what the stack costs by itself.
    urlpatterns.append(
        path("bench/ping", lambda request: HttpResponse(b"pong", content_type="text/plain"))
    )
    # The smallest pages that find content with the ORM and write it with a template (bench/).
    urlpatterns.append(path("", include("bench.floor")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "newsroom.views.bad_request"
handler404 = "newsroom.views.page_not_found"
# A database that cannot be reached: a 503 page instead of the 500 (newsroom/outage.py).
handler500 = "newsroom.outage.server_error"
