"""Signed preview links: an article shown, whatever its status, to a reviewer without an account.

An editor makes a link in the admin (PreviewLinkAdminMixin on ArticleAdmin); the address carries
the link's id and random token signed with SECRET_KEY, and the page checks both the signature and
the PreviewLink row, so the link dies when it expires or is revoked. Every failure is the same 404.
"""

import datetime
import hmac
import secrets

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import audit
from .models import AuditEvent, PreviewLink
from .views import ArticleDetailView

SALT = "newsroom.preview"
MAX_VALIDITY = datetime.timedelta(days=14)
VALIDITY_CHOICES = [
    (24, gettext_lazy("24 hours")),
    (72, gettext_lazy("3 days")),
    (168, gettext_lazy("7 days")),
]


def create_link(article, user, valid_for):
    if not datetime.timedelta(0) < valid_for <= MAX_VALIDITY:
        raise ValueError(f"A preview link is valid for at most {MAX_VALIDITY}, not {valid_for}.")
    return PreviewLink.objects.create(
        article=article,
        token=secrets.token_urlsafe(32),
        created_by=user,
        expires_at=timezone.now() + valid_for,
    )


def signed_value(link):
    # No timestamp: one link has one address, whenever it is copied; the row says when it ends.
    return signing.Signer(salt=SALT).sign_object({"l": link.pk, "t": link.token}, compress=True)


def preview_url(link):
    return reverse("newsroom:article_preview", kwargs={"signed": signed_value(link)})


def active_link(signed):
    """The active PreviewLink that `signed` names, else Http404 (one answer for every failure)."""
    try:
        payload = signing.Signer(salt=SALT).unsign_object(signed)
        link_id, token = int(payload["l"]), str(payload["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Http404 from exc
    link = PreviewLink.objects.filter(
        pk=link_id, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    if link is None or not hmac.compare_digest(link.token.encode(), token.encode()):
        raise Http404
    return link


def link_status(link, now):
    if link.revoked_at is not None:
        return "revoked"
    return "active" if link.expires_at > now else "expired"


# --- The reviewer's page ---------------------------------------------------------------------


class ArticlePreviewView(ArticleDetailView):
    """The public page of the link's article, whatever its status: the link decides."""

    def visible(self, queryset):
        return queryset  # get_object() narrows it to the link's article

    def get_object(self, queryset=None):
        link = active_link(self.kwargs["signed"])
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, pk=link.article_id)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        # The address is the credential: never send it on as a Referer.
        response["Referrer-Policy"] = "no-referrer"
        return response


# --- The editor's page in the admin ----------------------------------------------------------


class PreviewLinkForm(forms.Form):
    valid_for = forms.TypedChoiceField(
        label=gettext_lazy("Create a link valid for"),
        choices=VALIDITY_CHOICES,
        coerce=int,
        initial=72,
    )

    def clean_valid_for(self):
        return datetime.timedelta(hours=self.cleaned_data["valid_for"])


class PreviewLinkAdminMixin:
    """Adds "Preview links" to an article's change page: list, create and revoke signed links.

    Everyone who may see the article sees which links exist; only those who may publish it
    (editors) see their addresses, make them and revoke them.
    """

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        # Before the ModelAdmin's own, whose "<path:object_id>/" would swallow these addresses.
        return [
            path(
                "<path:object_id>/preview-links/",
                self.admin_site.admin_view(self.preview_links_view),
                name=f"{prefix}_preview_links",
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                self.admin_site.admin_view(self.revoke_preview_link_view),
                name=f"{prefix}_preview_link_revoke",
            ),
            *super().get_urls(),
        ]

    def has_preview_link_permission(self, request, obj):
        opts = self.opts
        return self.has_change_permission(request, obj) and request.user.has_perm(
            f"{opts.app_label}.publish_{opts.model_name}"
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context["preview_links_url"] = self._admin_url("preview_links", obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _admin_url(self, name, *args):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    def _article_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def preview_links_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        can_manage = self.has_preview_link_permission(request, article)
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST":
            if not can_manage:
                raise PermissionDenied
            if form.is_valid():
                with transaction.atomic():
                    link = create_link(article, request.user, form.cleaned_data["valid_for"])
                    audit.record(
                        AuditEvent.Action.PREVIEW_CREATED,
                        actor=request.user,
                        target=article,
                        request=request,
                        link=link.pk,
                        expires_at=link.expires_at,
                    )
                self.message_user(
                    request,
                    _("Preview link created, valid until %(when)s. Copy it from the list.")
                    % {"when": date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        now = timezone.now()
        links = [
            {
                "link": link,
                "status": link_status(link, now),
                "url": request.build_absolute_uri(preview_url(link)) if can_manage else "",
                "revoke_url": self._admin_url("preview_link_revoke", article.pk, link.pk),
            }
            for link in article.preview_links.select_related("created_by")
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview links: %(article)s") % {"article": article},
            "opts": self.opts,
            "original": article,
            "links": links,
            "form": form,
            "can_manage": can_manage,
            "change_url": self._admin_url("change", article.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            f"admin/{self.opts.app_label}/{self.opts.model_name}/preview_links.html",
            context,
        )

    @method_decorator(require_POST)
    def revoke_preview_link_view(self, request, object_id, link_id):
        article = self._article_or_404(request, object_id)
        if not self.has_preview_link_permission(request, article):
            raise PermissionDenied
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        if link.is_active:
            link.revoked_at = timezone.now()
            with transaction.atomic():
                link.save(update_fields=["revoked_at"])
                audit.record(
                    AuditEvent.Action.PREVIEW_REVOKED,
                    actor=request.user,
                    target=article,
                    request=request,
                    link=link.pk,
                    expires_at=link.expires_at,
                )
            self.message_user(request, _("Preview link revoked: it no longer opens the article."))
        else:
            self.message_user(
                request, _("That preview link had already stopped working."), messages.WARNING
            )
        return HttpResponseRedirect(self._admin_url("preview_links", article.pk))
