import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from taggit.models import Tag as TaggitTag

from . import audit, roles, workflow
from .languages import codes, in_every_language, localized
from .mentions import MentionFinder, Mentions
from .models import (
    Article,
    AuditEvent,
    Authorship,
    Event,
    EventParticipation,
    LegacyRecord,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Position,
    Publishable,
    Tag,
)
from .parity import TranslationAdminMixin
from .preview import PreviewLinkAdminMixin
from .revisions import RevisionAdminMixin

Status = Publishable.Status

# The submit button that links the mentions the editor ticked (never done without it).
LINK_MENTIONS = "_link_mentions"


class FilterLookupsOnly:
    """A changelist's address filters by what its list filters and date hierarchy offer, with
    values the database can take, and by nothing else: a 400 for any other lookup.

    Django's admin also takes any lookup on a field of the model itself, its value unchecked:
    `?groups__gte=9223372036854775808` or `?status__exact=%00` reached the database and failed
    there (a 500), `?published_at__year=9223372036854775808` overflowed Python's dates, and
    `?password__startswith=…` would ask questions of what the page never shows.
    """

    def lookup_allowed(self, lookup, value, request):
        if lookup not in self.filter_lookups(request) or "\x00" in str(value):
            return False
        parts = ("year", "month", "day")
        if self.date_hierarchy and lookup in {f"{self.date_hierarchy}__{p}" for p in parts}:
            try:
                number = int(value)
            except ValueError:
                return False
            if not 1 <= number <= datetime.MAXYEAR:
                return False
        return super().lookup_allowed(lookup, value, request)

    def filter_lookups(self, request):
        """The query parameters Django's list filters use for this changelist's filters."""
        allowed = set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, admin.SimpleListFilter):
                allowed.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            field = get_fields_from_path(self.model, path)[-1]
            allowed.add(f"{path}__isnull")
            if field.is_relation:
                allowed.add(f"{path}__{field.target_field.name}__exact")
                continue
            allowed |= {path, f"{path}__exact"}  # all values; choices and booleans
            if isinstance(field, (models.DateField, models.DateTimeField)):
                allowed |= {f"{path}__gte", f"{path}__lt"}
        if self.date_hierarchy:
            allowed |= {f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")}
        return allowed


class BilingualAdmin(FilterLookupsOnly, TranslationAdmin):
    """Each translated field in English and Russian, next to each other, neither required.

    An item may exist in one language only; Translated.clean() asks for its title (or name) in
    at least one.
    """

    class Media:
        css = {"all": ["css/admin-bilingual.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and hasattr(db_field, "translated_field"):
            field.required = False
        return field


def side_by_side(*names):
    """Fieldset rows with each translated field's languages next to each other."""
    return [tuple(localized(name, code) for code in codes()) for name in names]


# The newsroom has its own Tag model (ASCII slugs, per-model tag tables); taggit's stays unused.
admin.site.unregister(TaggitTag)


class QueueFilter(admin.SimpleListFilter):
    """The editorial queues: awaiting review (editors), my drafts (authors), scheduled (both)."""

    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        queues = []
        if model_admin.has_publish_permission(request):
            queues.append(("review", _("Awaiting review")))
        if hasattr(model_admin.model, "created_by"):
            queues.append(("mine", _("My drafts")))
        queues.append(("scheduled", _("Scheduled")))
        return queues

    def queryset(self, request, queryset):
        match self.value():
            case "review":
                return queryset.awaiting_review()
            case "mine":
                return queryset.filter(
                    created_by=request.user, status__in=[Status.DRAFT, Status.REVIEW]
                )
            case "scheduled":
                return queryset.scheduled()
        return queryset


def _transition_action(to_status, name, description, permission):
    def action(self, request, queryset):
        moved, refused = 0, 0
        for obj in queryset:
            if obj.status != to_status and workflow.can_move(request.user, obj, to_status):
                workflow.move(request.user, obj, to_status, request=request)
                moved += 1
            elif obj.status != to_status:
                refused += 1
        self.message_user(
            request,
            ngettext("%(count)d item moved.", "%(count)d items moved.", moved) % {"count": moved},
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d item was left as it was: you may not make that change to it.",
                    "%(count)d items were left as they were: you may not make that change to them.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

    action.__name__ = name
    return admin.action(description=description, permissions=[permission])(action)


class PublishableAdmin(BilingualAdmin):
    """Articles and events: the workflow table (newsroom/workflow.py) decides every status change.

    The status field offers only the moves the user may make, and the form checks again on the
    server; authors change only their own drafts; publication and expiry times are editors' own.
    """

    actions = ["submit_for_review", "return_to_draft", "publish", "unpublish", "archive"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    list_filter = [QueueFilter, "status"]

    submit_for_review = _transition_action(
        Status.REVIEW, "submit_for_review", _("Submit for review"), "change"
    )
    return_to_draft = _transition_action(
        Status.DRAFT, "return_to_draft", _("Return to draft"), "change"
    )
    publish = _transition_action(Status.PUBLISHED, "publish", _("Publish"), "publish")
    unpublish = _transition_action(
        Status.UNPUBLISHED, "unpublish", _("Unpublish (take down)"), "publish"
    )
    archive = _transition_action(Status.ARCHIVED, "archive", _("Archive"), "publish")

    @admin.display(boolean=True, description=_("public"), ordering="published_at")
    def is_public(self, obj):
        return obj.is_published

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.publish_permission(self.model))

    def get_queryset(self, request):
        # Lists, change and history pages, actions and autocomplete all start here: an author
        # never finds a colleague's unpublished piece, not even by its id.
        return workflow.visible_to(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        # The object itself, for the pages that find it elsewhere than get_queryset() (the
        # history of a deleted item, a revision).
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or workflow.may_see(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        # An author edits their own piece while it is a draft or in review, nothing else.
        return workflow.OWNER in workflow.capacities(request.user, obj) and obj.status in (
            Status.DRAFT,
            Status.REVIEW,
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["published_at", "expires_at"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model = self.model
        subject = obj or model(
            **({"created_by": request.user} if hasattr(model, "created_by") else {})
        )
        current = obj.status if obj else Status.DRAFT

        class WorkflowForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "status" in self.fields:
                    allowed = workflow.allowed_statuses(request.user, subject, current)
                    self.fields["status"].choices = [
                        (value, label) for value, label in Status.choices if value in allowed
                    ]

            def clean_status(self):
                status = self.cleaned_data["status"]
                if not workflow.can_move(request.user, subject, status, from_status=current):
                    raise forms.ValidationError(
                        _("You may not move this item from “%(from)s” to “%(to)s”.")
                        % {"from": Status(current).label, "to": Status(status).label}
                    )
                return status

        return WorkflowForm

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("status") if change else None
        super().save_model(request, obj, form, change)
        if obj.status != (previous or Status.DRAFT):
            workflow.record_move(request.user, obj, previous, request=request)


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    autocomplete_fields = ["participant"]
    extra = 0
    fields = ["participant", "byline", "sort_order"]


class EventParticipationInline(admin.TabularInline):
    model = EventParticipation
    autocomplete_fields = ["participant", "organisation"]
    extra = 1
    fields = ["participant", "label", "role", "organisation", "presentation_title", "sort_order"]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


class LegacyRecordInline(admin.StackedInline):
    model = LegacyRecord
    can_delete = False
    extra = 0
    fields = ["old_url", "key", "source", "imported_at"]
    readonly_fields = fields
    verbose_name = verbose_name_plural = _("imported from the old site")

    def has_add_permission(self, request, obj=None):
        return False


class ParticipantAliasInline(admin.TabularInline):
    model = ParticipantAlias
    extra = 1


class PositionInline(TranslationTabularInline):
    model = Position
    autocomplete_fields = ["organisation"]
    extra = 1
    fields = ["title", "organisation", "started_on", "ended_on"]


@admin.register(Article)
class ArticleAdmin(
    RevisionAdminMixin, TranslationAdminMixin, PreviewLinkAdminMixin, PublishableAdmin
):
    list_display = [
        "title",
        "section",
        "status",
        "published_at",
        "expires_at",
        "is_public",
        "created_by",
        "updated_at",
    ]
    list_filter = [QueueFilter, "status", "section", "published_at", "tags"]
    search_fields = in_every_language("title", "slug", "lead", "body")
    list_select_related = ["created_by"]
    autocomplete_fields = ["organisations", "participants", "events"]
    inlines = [AuthorshipInline, LegacyRecordInline]

    def get_inlines(self, request, obj):
        # The old-site record is shown on imported articles only; nobody adds one by hand.
        if obj is not None and LegacyRecord.objects.filter(article=obj).exists():
            return self.inlines
        return [AuthorshipInline]

    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Text, in English and Russian"),
            {
                "classes": ["bilingual"],
                "fields": [*side_by_side("title", "slug", "lead", "body"), "original_language"],
                "description": _(
                    "Fill in one language or both. An article is shown in the languages that "
                    "have a title; the other language's readers do not see it."
                ),
            },
        ),
        (None, {"fields": ["section", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "expires_at"]}),
        (
            _("Image"),
            {
                "fields": ["hero_image", *side_by_side("hero_alt", "hero_caption")],
                "classes": ["bilingual"],
            },
        ),
        (_("Related"), {"fields": ["organisations", "participants", "events"]}),
        (
            _("Record"),
            {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        suggestions = unlinked_mentions(article)
        if LINK_MENTIONS in request.POST:
            people = [
                p
                for p in suggestions.participants
                if str(p.pk) in request.POST.getlist("link_participant")
            ]
            orgs = [
                o
                for o in suggestions.organisations
                if str(o.pk) in request.POST.getlist("link_organisation")
            ]
            article.participants.add(*people)
            article.organisations.add(*orgs)
            if people or orgs:
                names = ", ".join(str(obj) for obj in [*people, *orgs])
                self.message_user(
                    request, _("Linked: %(names)s.") % {"names": names}, messages.SUCCESS
                )
        elif suggestions.participants or suggestions.organisations:
            names = ", ".join(
                str(obj) for obj in [*suggestions.participants, *suggestions.organisations]
            )
            self.message_user(
                request,
                _(
                    "The text mentions %(names)s, not linked to this article. Open the article "
                    "to review them under “Mentioned in the text” and link them with one click."
                )
                % {"names": names},
                messages.INFO,
            )

    def response_change(self, request, obj):
        if LINK_MENTIONS in request.POST:
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context["mention_suggestions"] = unlinked_mentions(article)
            extra_context["link_mentions_name"] = LINK_MENTIONS
        return super().change_view(request, object_id, form_url, extra_context)


def unlinked_mentions(article):
    """People and organisations named in the article's text but not linked to it."""
    texts = [getattr(article, localized(name, code)) or "" for name in ("title", "lead", "body")
             for code in codes()]  # fmt: skip
    found = MentionFinder().find_in_html(" ".join(texts))
    linked_people = set(article.participants.values_list("pk", flat=True)) | set(
        article.authorships.values_list("participant_id", flat=True)
    )
    linked_orgs = set(article.organisations.values_list("pk", flat=True))
    return Mentions(
        participants=[p for p in found.participants if p.pk not in linked_people],
        organisations=[o for o in found.organisations if o.pk not in linked_orgs],
        matches=[],
    )


@admin.register(Event)
class EventAdmin(RevisionAdminMixin, TranslationAdminMixin, PublishableAdmin):
    list_display = [
        "title",
        "kind",
        "format",
        "starts_on",
        "ends_on",
        "city",
        "status",
        "is_public",
    ]
    list_filter = [QueueFilter, "status", "kind", "format", "country", "starts_on", "tags"]
    search_fields = [*in_every_language("title", "summary", "description"), "slug", "city", "venue"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["hosts", "organisations"]
    inlines = [EventParticipationInline]
    fieldsets = [
        (
            _("Text, in English and Russian"),
            {
                "classes": ["bilingual"],
                "fields": [*side_by_side("title", "summary", "description"), "original_language"],
                "description": _(
                    "Fill in one language or both. An event is listed in the languages that "
                    "have a title."
                ),
            },
        ),
        (None, {"fields": ["slug", "kind", "format", "tags"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "city", "venue", "country"]}),
        (_("Organisations"), {"fields": ["hosts", "organisations"]}),
        (_("Publication"), {"fields": ["status", "published_at", "expires_at"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(RevisionAdminMixin, TranslationAdminMixin, BilingualAdmin):
    list_display = ["name", "short_name", "kind", "country", "parent", "is_member_state"]
    list_filter = ["kind", "country"]
    search_fields = [
        *in_every_language("name", "short_name", "description"),
        "slug",
        "aliases__name",
    ]
    inlines = [OrganisationAliasInline]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["short_name", "name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            _("Name and description, in English and Russian"),
            {
                "classes": ["bilingual"],
                "fields": [
                    *side_by_side("name", "short_name", "description"),
                    "original_language",
                ],
                "description": _(
                    "An organisation is shared by both languages: where one language is empty, "
                    "readers see the other."
                ),
            },
        ),
        (None, {"fields": ["slug", "kind", "country", "parent", "website", "logo"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(boolean=True, description=_("member state"))
    def is_member_state(self, obj):
        return obj.is_member_state


@admin.register(Participant)
class ParticipantAdmin(RevisionAdminMixin, TranslationAdminMixin, BilingualAdmin):
    list_display = ["full_name", "honorific", "current_position_display", "alias_count"]
    search_fields = [
        *in_every_language("full_name"),
        "slug",
        "aliases__name",
        *[f"positions__{name}" for name in in_every_language("title")],
    ]
    list_filter = ["positions__organisation"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [ParticipantAliasInline, PositionInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            _("Name, in English and Russian"),
            {
                "classes": ["bilingual"],
                "fields": [*side_by_side("full_name", "honorific", "bio"), "original_language"],
                "description": _(
                    "A person is shared by both languages: where one language is empty, readers "
                    "see the other. Other spellings (aliases) below are found by search in any "
                    "language."
                ),
            },
        ),
        (None, {"fields": ["family_name", "slug", "photo", "photo_alt"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(alias_total=Count("aliases", distinct=True))
            .prefetch_related("positions__organisation")
            .order_by("full_name")  # an aggregate drops Meta.ordering
        )

    @admin.display(description=_("current position"))
    def current_position_display(self, obj):
        return obj.current_position or "—"

    @admin.display(description=_("other spellings"), ordering="alias_total")
    def alias_count(self, obj):
        return obj.alias_total


@admin.register(Tag)
class TagAdmin(FilterLookupsOnly, admin.ModelAdmin):
    list_display = ["name", "slug", "article_total", "event_total"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("tagged_articles", distinct=True),
                event_total=Count("tagged_events", distinct=True),
            )
            .order_by("name")
        )

    @admin.display(description=_("articles"), ordering="article_total")
    def article_total(self, obj):
        return obj.article_total

    @admin.display(description=_("events"), ordering="event_total")
    def event_total(self, obj):
        return obj.event_total


@admin.register(LegacyRecord)
class LegacyRecordAdmin(FilterLookupsOnly, admin.ModelAdmin):
    list_display = ["article", "old_url", "key", "source", "imported_at"]
    list_select_related = ["article"]
    search_fields = ["old_url", "old_path", "key", "article__title"]
    date_hierarchy = "imported_at"
    readonly_fields = ["article", "key", "source", "imported_at"]
    fields = ["article", "old_url", "old_path", "key", "source", "imported_at"]

    def has_add_permission(self, request):
        return False  # records are made by import_legacy


# --- Staff accounts and roles (Administrators) ----------------------------------------------

User = get_user_model()
ROLE_CHOICES = [("", _("No role: cannot sign in to the admin"))] + [
    (role, _(role)) for role in roles.ROLES
]


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(
        label=_("role"),
        choices=ROLE_CHOICES,
        required=False,
        help_text=_(
            "Author: writes articles and submits them for review. Editor: edits everything, "
            "publishes, schedules and takes down. Administrator: all of that, plus staff "
            "accounts and roles."
        ),
    )
    acting_user = None  # set by the admin: who is filling in the form

    def clean_role(self):
        role = self.cleaned_data["role"] or None
        current = roles.role_of(self.instance) if self.instance.pk else None
        if self.acting_user is not None and self.instance.pk == self.acting_user.pk:
            if roles.RANK[role] > roles.RANK[current]:
                raise forms.ValidationError(_("You cannot raise your own role."))
        if roles.RANK[role] > roles.RANK[roles.role_of(self.acting_user)]:
            raise forms.ValidationError(_("You cannot give a role above your own."))
        return role


class StaffCreationForm(RoleFormMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email")


class StaffChangeForm(RoleFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        fields = ("username", "first_name", "last_name", "email", "is_active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = roles.role_of(self.instance) or ""


admin.site.unregister(User)


@admin.register(User)
class StaffAdmin(FilterLookupsOnly, DjangoUserAdmin):
    """Staff accounts by role. Superuser and raw permission fields are not offered here."""

    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ["username", "full_name", "email", "role", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["deactivate", "force_password_reset"]
    fieldsets = [
        (None, {"fields": ["username", "password", "role", "is_active"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Record"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("name"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("role"))
    def role(self, obj):
        return roles.role_of(obj) or "—"

    def has_change_permission(self, request, obj=None):
        # Only a superuser may touch a superuser's account.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)

        class ActingForm(form_class):
            acting_user = request.user

        return ActingForm

    def save_model(self, request, obj, form, change):
        role = form.cleaned_data.get("role")
        before = roles.role_of(obj) if change else None
        obj.is_staff = role is not None or obj.is_superuser
        super().save_model(request, obj, form, change)
        obj.groups.set(Group.objects.filter(name=role) if role else [])
        if not change:
            audit.record(
                AuditEvent.Action.ACCOUNT_CREATED,
                actor=request.user,
                target=obj,
                request=request,
                role=role or "",
            )
        elif before != role:
            audit.record(
                AuditEvent.Action.ROLE_CHANGED,
                actor=request.user,
                target=obj,
                request=request,
                role_from=before or "",
                role_to=role or "",
            )
        if change and "is_active" in form.changed_data and not obj.is_active:
            audit.record(
                AuditEvent.Action.ACCOUNT_DEACTIVATED,
                actor=request.user,
                target=obj,
                request=request,
            )

    def _others(self, request, queryset):
        others = queryset.exclude(pk=request.user.pk)
        if not request.user.is_superuser:
            others = others.exclude(is_superuser=True)
        return others

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        accounts = list(self._others(request, queryset).filter(is_active=True))
        for account in accounts:
            account.is_active = False
            account.save(update_fields=["is_active"])
            audit.record(
                AuditEvent.Action.ACCOUNT_DEACTIVATED,
                actor=request.user,
                target=account,
                request=request,
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d account deactivated.", "%(count)d accounts deactivated.", len(accounts)
            )
            % {"count": len(accounts)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Force a password reset (signs them out and e-mails a reset link)"),
        permissions=["change"],
    )
    def force_password_reset(self, request, queryset):
        accounts = list(self._others(request, queryset))
        for account in accounts:
            # A new password hash ends every session of the account at once.
            account.set_unusable_password()
            account.save(update_fields=["password"])
            if account.email:
                send_password_reset(request, account)
            audit.record(
                AuditEvent.Action.PASSWORD_RESET,
                actor=request.user,
                target=account,
                request=request,
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d account must now set a new password.",
                "%(count)d accounts must now set a new password.",
                len(accounts),
            )
            % {"count": len(accounts)},
            messages.SUCCESS,
        )


def send_password_reset(request, account):
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    link = request.build_absolute_uri(
        reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
    body = render_to_string(
        "registration/forced_password_reset_email.txt",
        {"account": account, "link": link, "site_name": settings.NEWSROOM_SITE_NAME},
    )
    send_mail(_("Set a new password for the CARICC newsroom"), body, None, [account.email])


@admin.register(AuditEvent)
class AuditEventAdmin(FilterLookupsOnly, admin.ModelAdmin):
    """The audit trail: read-only, for administrators."""

    list_display = ["at", "actor_name", "action", "target_repr", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["actor_name", "target_repr", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" link, for objects the user may see in the admin only.

    Django's own answers anyone signed in to the admin with any object's public address, so an
    Author could read a colleague's draft's slug (its title, near enough) by trying ids.
    """
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise Http404
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return contenttype_views.shortcut(request, content_type_id, object_id)


# The admins of other apps (sign-in attempts, authenticator devices, groups) take the same
# lookups only: a device's secret key or a changelist's 500 is no more a query away there.
for _model, _model_admin in list(admin.site._registry.items()):
    if not isinstance(_model_admin, FilterLookupsOnly):
        _class = type(_model_admin)
        admin.site.unregister(_model)
        admin.site.register(_model, type(_class.__name__, (FilterLookupsOnly, _class), {}))
