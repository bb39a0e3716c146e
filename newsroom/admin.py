from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag as TaggitTag

from .mentions import MentionFinder, Mentions
from .models import (
    Article,
    Authorship,
    Event,
    EventParticipation,
    LegacyRecord,
    Organisation,
    OrganisationAlias,
    Participant,
    ParticipantAlias,
    Position,
    Tag,
)

# The submit button that links the mentions the editor ticked (never done without it).
LINK_MENTIONS = "_link_mentions"

# The newsroom has its own Tag model (ASCII slugs, per-model tag tables); taggit's stays unused.
admin.site.unregister(TaggitTag)


class PublishableAdmin(admin.ModelAdmin):
    """Shared by articles and events: a published column, and publish / unpublish actions."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}

    @admin.display(boolean=True, description=_("public"), ordering="published_at")
    def is_public(self, obj):
        return obj.is_published

    @admin.action(description=_("Publish the selected items now"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        count = 0
        for obj in queryset.exclude(status=self.model.Status.PUBLISHED, published_at__lte=now):
            obj.status = self.model.Status.PUBLISHED
            if obj.published_at is None or obj.published_at > now:
                obj.published_at = now
            obj.save(update_fields=["status", "published_at", "updated_at"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected items (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = queryset.exclude(status=self.model.Status.DRAFT).update(
            status=self.model.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )


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


class PositionInline(admin.TabularInline):
    model = Position
    autocomplete_fields = ["organisation"]
    extra = 1
    fields = ["title", "organisation", "started_on", "ended_on"]


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "section", "status", "published_at", "is_public", "updated_at"]
    list_filter = ["status", "section", "published_at", "tags"]
    search_fields = ["title", "slug", "lead", "body"]
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
        (None, {"fields": ["title", "slug", "section", "lead", "body", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        (_("Image"), {"fields": ["hero_image", "hero_alt", "hero_caption"]}),
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
    found = MentionFinder().find_in_html(" ".join([article.title, article.lead, article.body]))
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
class EventAdmin(PublishableAdmin):
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
    list_filter = ["status", "kind", "format", "country", "starts_on", "tags"]
    search_fields = ["title", "slug", "summary", "description", "city", "venue"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["hosts", "organisations"]
    inlines = [EventParticipationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "format", "summary", "description", "tags"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "city", "venue", "country"]}),
        (_("Organisations"), {"fields": ["hosts", "organisations"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country", "parent", "is_member_state"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "slug", "aliases__name", "description"]
    inlines = [OrganisationAliasInline]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["short_name", "name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(boolean=True, description=_("member state"))
    def is_member_state(self, obj):
        return obj.is_member_state


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "honorific", "current_position_display", "alias_count"]
    search_fields = ["full_name", "slug", "aliases__name", "positions__title"]
    list_filter = ["positions__organisation"]
    prepopulated_fields = {"slug": ["full_name"]}
    inlines = [ParticipantAliasInline, PositionInline]
    readonly_fields = ["created_at", "updated_at"]

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
class TagAdmin(admin.ModelAdmin):
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
class LegacyRecordAdmin(admin.ModelAdmin):
    list_display = ["article", "old_url", "key", "source", "imported_at"]
    list_select_related = ["article"]
    search_fields = ["old_url", "old_path", "key", "article__title"]
    date_hierarchy = "imported_at"
    readonly_fields = ["article", "key", "source", "imported_at"]
    fields = ["article", "old_url", "old_path", "key", "source", "imported_at"]

    def has_add_permission(self, request):
        return False  # records are made by import_legacy
