"""The translations report: what lacks its other language, and translations older than their
original's latest change.

Every translated item (newsroom/languages.Translated) knows its original language and when each
language's text last changed. The admin shows it three ways: a "Translation" filter on the lists
of articles, events, organisations and people; a "Languages" column; and the report page that
counts both kinds of gap per kind of item and links to the filtered lists.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .languages import codes, localized

MISSING = "missing"
STALE = "stale"


def missing(queryset, code):
    """Items with no text in `code` (their title or name is empty there)."""
    column = localized(queryset.model.presence_field, code)
    return queryset.filter(Q(**{column: ""}) | Q(**{f"{column}__isnull": True}))


def stale(queryset):
    """Items with a translation older than the latest change of the original text."""
    condition = Q()
    for source in codes():
        for target in codes():
            if source == target:
                continue
            condition |= Q(
                original_language=source,
                **{f"{target}_changed_at__lt": F(f"{source}_changed_at")},
            )
    return queryset.filter(condition)


class TranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)
        options = [(f"{MISSING}-{code}", _("No %(language)s") % {"language": names[code]})
                   for code in codes()]  # fmt: skip
        return [*options, (STALE, _("Translation out of date"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == STALE:
            return stale(queryset)
        for code in codes():
            if value == f"{MISSING}-{code}":
                return missing(queryset, code)
        return queryset


class TranslationAdminMixin:
    """The "Translation" filter and the "Languages" column for a translated model's list."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "languages_display"]

    @admin.display(description=_("languages"))
    def languages_display(self, obj):
        stale_codes = set(obj.stale_translations())
        parts = []
        for code in obj.languages():
            label = code.upper()
            if code in stale_codes:
                label += " " + str(_("(out of date)"))
            parts.append(label)
        return ", ".join(parts) or "—"


def report_view(request):
    """/admin/translations/: per kind of item, how many lack a language or are out of date."""
    from .models import Article, Event, Organisation, Participant

    rows = []
    for model in (Article, Event, Organisation, Participant):
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        # What the admin's list shows this user (an author sees no colleague's drafts).
        queryset = admin.site.get_model_admin(model).get_queryset(request)
        cells = [
            (missing(queryset, code).count(), f"{changelist}?translation={MISSING}-{code}")
            for code in codes()
        ]
        cells.append((stale(queryset).count(), f"{changelist}?translation={STALE}"))
        examples = [
            (obj, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
            for obj in stale(queryset).order_by("-pk")[:5]
        ]
        rows.append({"name": opts.verbose_name_plural, "cells": cells, "examples": examples})
    context = {
        **admin.site.each_context(request),
        "title": _("Translations"),
        "rows": rows,
        "languages": [name for code, name in settings.LANGUAGES],
    }
    return TemplateResponse(request, "admin/translations_report.html", context)
