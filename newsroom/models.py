import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from . import images
from .addresses import address
from .languages import Translated, codes, history_columns, localized, translated_fields
from .querysets import (
    ArticleQuerySet,
    EventQuerySet,
    OrganisationQuerySet,
    PositionQuerySet,
    PublishableQuerySet,
)
from .sanitize import EDITOR_EXTENSIONS, sanitize_html
from .text import ascii_slugify, unique_slug
from .validators import IMAGE_VALIDATORS

# ISO 3166-1 codes of CARICC's member states.
MEMBER_STATES = ("AZ", "KZ", "KG", "RU", "TJ", "TM", "UZ")

SLUG_HELP = _("Part of the page address. Filled in from the title; letters, digits and hyphens.")


def _require_alt(instance, image_field, alt_field):
    if getattr(instance, image_field) and not (getattr(instance, alt_field) or "").strip():
        raise ValidationError({alt_field: _("Describe the image for readers who cannot see it.")})


class Publishable(models.Model):
    """Status and publication time: the one place that decides what the public sees."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        ARCHIVED = "archived", _("Archived")

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Only published items whose publication time has come are shown to the public."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When the item becomes public. A time in the future schedules it; "
            "left empty, it is set to now when the item is published."
        ),
    )
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Optional: when the item is taken down again. Empty keeps it up."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError({"expires_at": _("The expiry time must come after publication.")})

    @property
    def is_published(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class Tag(TagBase):
    """A topic shared by articles and events. Slugs are ASCII, whatever the script of the name."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def get_absolute_url(self):
        return address("newsroom:tag_detail", self.slug)

    def slugify(self, tag, i=None):
        slug = ascii_slugify(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class Organisation(Translated):
    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        REGIONAL_CENTRE = "regional_centre", _("Regional centre")
        NATIONAL_AUTHORITY = "national_authority", _("National competent authority")
        MINISTRY = "ministry", _("Ministry")
        DIPLOMATIC_MISSION = "diplomatic_mission", _("Diplomatic mission")
        PROGRAMME = "programme", _("Programme or network")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("Full official name, e.g. “World Customs Organization”."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("Acronym or short form used in texts: CARICC, UNODC, INCB, DEA, WCO, OSCE."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_(
            "For national bodies and missions; leave empty for international organisations."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_(
            "The larger organisation this one belongs to, e.g. UNODC for a UNODC regional office."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    logo = images.ImageField(
        _("logo"),
        kind="logo",
        upload_to="organisations/%Y/%m/",
        blank=True,
        validators=IMAGE_VALIDATORS,
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, editable=False)
    logo_height = models.PositiveIntegerField(_("logo height"), null=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        bases=[history_columns("OrganisationTexts", name=name, short_name=short_name,
                               description=description)],
    )  # fmt: skip

    presence_field = "name"

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind", "name"], name="org_kind_name_idx"),
            models.Index(fields=["country", "name"], name="org_country_name_idx"),
        ]

    def __str__(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name)
        self.note_text_changes()
        images.strip_uploads(self)
        super().save(*args, **kwargs)
        images.ensure_renditions(self, fields=kwargs.get("update_fields"))

    def get_absolute_url(self):
        return address("newsroom:organisation_detail", self.slug)

    def clean(self):
        super().clean()
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def display_name(self):
        return self.short_name or self.name

    def with_offices(self):
        """This organisation and its direct offices: UNODC with its regional office."""
        return Organisation.objects.filter(models.Q(pk=self.pk) | models.Q(parent=self.pk))

    @property
    def is_member_state(self):
        return bool(self.country) and self.country.code in MEMBER_STATES


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("other name"),
        max_length=255,
        help_text=_(
            "Another name or acronym used in texts: “UN Office on Drugs and Crime”, “DCA”, “КАРИЦ”."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_alias_per_org")
        ]

    def __str__(self):
        return self.name


class Participant(Translated):
    full_name = models.CharField(
        _("full name"),
        max_length=200,
        help_text=_("The name as CARICC writes it in full, given name first: “Rustam Miralizoda”."),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        blank=True,
        help_text=_(
            "Used to recognise the person in texts. Leave empty when it is the last word of the "
            "full name."
        ),
    )
    honorific = models.CharField(
        _("honorific or rank"),
        max_length=60,
        blank=True,
        help_text=_("Mr., Ms., Mrs., Dr., Major-General, Lieutenant-General …"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=SLUG_HELP)
    photo = images.ImageField(
        _("photo"),
        kind="photo",
        upload_to="people/%Y/%m/",
        blank=True,
        validators=IMAGE_VALIDATORS,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(_("photo width"), null=True, editable=False)
    photo_height = models.PositiveIntegerField(_("photo height"), null=True, editable=False)
    photo_alt = models.CharField(
        _("photo description"), max_length=250, blank=True, help_text=_("Required with a photo.")
    )
    bio = models.TextField(_("short biography"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        bases=[history_columns("ParticipantTexts", full_name=full_name, honorific=honorific,
                               bio=bio)],
    )  # fmt: skip

    presence_field = "full_name"

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        self.note_text_changes()
        images.strip_uploads(self)
        super().save(*args, **kwargs)
        images.ensure_renditions(self, fields=kwargs.get("update_fields"))

    def get_absolute_url(self):
        return address("newsroom:participant_detail", self.slug)

    def clean(self):
        super().clean()
        _require_alt(self, "photo", "photo_alt")

    @property
    def display_name(self):
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def surname(self):
        return self.family_name or (self.full_name.split() or [""])[-1]

    def position_on(self, day):
        """The position held on `day`; uses prefetched positions when present."""
        if isinstance(day, datetime.datetime):
            day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
        held = [p for p in self.positions.all() if p.is_held_on(day)]
        if not held:
            return None
        return max(held, key=lambda p: (p.started_on or datetime.date.min, p.pk))

    @property
    def current_position(self):
        return self.position_on(timezone.localdate())


class ParticipantAlias(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("person")
    )
    name = models.CharField(
        _("other spelling"),
        max_length=200,
        help_text=_(
            "Another way the name is written: “R.Miralizoda”, “Miralizoda R.A.”, “Мирализода Р.А.”."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("other spelling")
        verbose_name_plural = _("other spellings")
        constraints = [
            models.UniqueConstraint(fields=["participant", "name"], name="unique_alias_per_person")
        ]
        indexes = [models.Index(fields=["name"], name="alias_name_idx")]

    def __str__(self):
        return self.name


class Position(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="positions", verbose_name=_("person")
    )
    title = models.CharField(
        _("title"),
        max_length=250,
        help_text=_("E.g. “Director”, “Senior Analyst, Information and Analytical Unit”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    started_on = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty if unknown.")
    )
    ended_on = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Empty while the post is held.")
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = [models.F("started_on").desc(nulls_last=True), "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["organisation", "started_on"], name="position_org_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="position_ends_after_start",
            )
        ]

    def __str__(self):
        if self.organisation_id:
            return f"{self.title}, {self.organisation.display_name}"
        return self.title

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date is before the start date.")})

    def is_held_on(self, day):
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )

    # What a page shows of a position held on a day, and of its organisation.
    HELD_FIELDS = ("id", "participant_id", "organisation_id", "started_on", "ended_on", "title")
    ORGANISATION_FIELDS = ("id", "slug", "name", "short_name")

    @classmethod
    def held_by(cls, participant, day):
        """Subquery: the position `participant` (an OuterRef) held on `day`, as one JSON value
        for held_from(): position_on() without a query for the positions of a list of people."""
        fields = {column: models.F(column) for column in _columns(cls, cls.HELD_FIELDS)}
        for column in _columns(Organisation, cls.ORGANISATION_FIELDS):
            fields[f"organisation.{column}"] = models.F(f"organisation__{column}")
        held = cls.objects.filter(participant=participant).held_on(day)
        return models.Subquery(
            held.annotate(held=JSONObject(**fields)).values("held")[:1],
            output_field=models.JSONField(),
        )

    @classmethod
    def held_from(cls, data):
        """The Position (with its organisation) of a held_by() value; None for no position."""
        if not data:
            return None
        position = _instance(cls, {k: v for k, v in data.items() if "." not in k})
        organisation = {k.split(".", 1)[1]: v for k, v in data.items() if "." in k}
        has_organisation = organisation["id"] is not None
        position.organisation = _instance(Organisation, organisation) if has_organisation else None
        return position


def _columns(model, names):
    """The columns of `names`, with each translated field's column per language."""
    translated = translated_fields(model)
    for name in names:
        yield name
        if name in translated:
            yield from (localized(name, code) for code in codes())


def _instance(model, data):
    """A model instance from a dict of column values (JSON: dates as text); the rest deferred."""
    fields = [f for f in model._meta.concrete_fields if f.attname in data]
    return model.from_db(
        "default", [f.attname for f in fields], [f.to_python(data[f.attname]) for f in fields]
    )


class Event(Publishable, Translated):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        WEBINAR = "webinar", _("Webinar")
        WORKING_GROUP = "working_group", _("Working group")
        CONFERENCE = "conference", _("Conference")
        VISIT = "visit", _("Visit")
        TRAINING = "training", _("Training")
        OPERATION = "operation", _("Joint operation")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=SLUG_HELP)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.MEETING)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON,
        help_text=_("Videoconferences are “online”."),
    )  # fmt: skip
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty for a one-day event.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(
        _("place"),
        max_length=250,
        blank=True,
        help_text=_("Building or premises, e.g. “CARICC, Almaty”."),
    )
    country = CountryField(_("country"), blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    description = ProseEditorField(
        _("description"), blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html
    )
    hosts = models.ManyToManyField(
        Organisation, blank=True, related_name="hosted_events", verbose_name=_("hosts")
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="attended_events",
        verbose_name=_("participating organisations"),
    )
    participants = models.ManyToManyField(
        Participant,
        through="EventParticipation",
        blank=True,
        related_name="events",
        verbose_name=_("participants"),
    )
    tags = TaggableManager(_("tags"), blank=True, through="TaggedEvent", related_name="events")

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=["hosts", "organisations"],
        bases=[history_columns("EventTexts", title=title, summary=summary,
                               description=description)],
    )  # fmt: skip

    class Meta:
        ordering = ["-starts_on", "title"]
        get_latest_by = "starts_on"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [
            ("publish_event", _("Can publish, schedule, unpublish and archive events")),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="event_public_idx"),
            models.Index(fields=["starts_on"], name="event_starts_idx"),
            # With event_starts_idx, finds the events not yet over (EventQuerySet.upcoming).
            models.Index(fields=["ends_on"], name="event_ends_idx"),
            models.Index(fields=["kind", "starts_on"], name="event_kind_idx"),
            models.Index(fields=["country", "starts_on"], name="event_country_idx"),
            models.Index(
                fields=["expires_at"],
                name="event_expires_idx",
                condition=Q(expires_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        for code in codes():
            column = localized("description", code)
            setattr(self, column, sanitize_html(getattr(self, column)))
        self.note_text_changes()
        if self.ends_on == self.starts_on:
            self.ends_on = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("newsroom:event_detail", self.slug)

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The event cannot end before it starts.")})

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    @property
    def is_multi_day(self):
        return self.ends_on is not None and self.ends_on != self.starts_on

    @property
    def is_upcoming(self):
        return self.last_day >= timezone.localdate()


class EventParticipation(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CHAIR = "chair", _("Chair")
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")
        PRESENTER = "presenter", _("Presenter")
        DELEGATE = "delegate", _("Delegate")
        OBSERVER = "observer", _("Observer")
        GUEST = "guest", _("Guest")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("event")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("person"),
        help_text=_("Leave empty when the text names no one; then say who in the next field."),
    )
    label = models.CharField(
        _("who"),
        max_length=200,
        blank=True,
        help_text=_("When no person is named: “CARICC staff member”, “delegation of Kazakhstan”."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("representing"),
        help_text=_(
            "The organisation represented: needed for an unnamed participant; for a named "
            "person, fill it in when it differs from their post at the time."
        ),
    )
    presentation_title = models.CharField(
        _("presentation"),
        max_length=300,
        blank=True,
        help_text=_("Title of the talk or report, if any."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant", "role"], name="unique_role_per_person_event"
            ),
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False)
                | models.Q(organisation__isnull=False)
                | ~models.Q(label=""),
                name="participation_names_someone",
            ),
        ]

    def __str__(self):
        return f"{self.who} — {self.get_role_display()}"

    def clean(self):
        if not self.participant_id and not self.organisation_id and not self.label.strip():
            raise ValidationError(
                _("Name the person, or say who took part and for which organisation.")
            )

    @property
    def who(self):
        """The participant's name, or the description of an unnamed participant."""
        if self.participant_id:
            return self.participant.display_name
        return self.label or self.organisation.display_name


class Article(Publishable, Translated):
    class Section(models.TextChoices):
        NEWS = "news", _("News")
        ANALYTICS = "analytics", _("Analytics")
        PRESS_RELEASE = "press_release", _("Press release")
        STATEMENT = "statement", _("Statement")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=SLUG_HELP)
    section = models.CharField(
        _("section"), max_length=20, choices=Section.choices, default=Section.NEWS
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("The opening summary shown in lists and search results. Plain text."),
    )
    body = ProseEditorField(
        _("body"), blank=True, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html
    )
    hero_image = images.ImageField(
        _("image"),
        kind="hero",
        upload_to="articles/%Y/%m/",
        blank=True,
        validators=IMAGE_VALIDATORS,
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(_("image width"), null=True, editable=False)
    hero_height = models.PositiveIntegerField(_("image height"), null=True, editable=False)
    hero_alt = models.CharField(
        _("image description"), max_length=250, blank=True, help_text=_("Required with an image.")
    )
    hero_caption = models.CharField(
        _("image caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the image, with credit."),
    )
    authors = models.ManyToManyField(
        Participant,
        through="Authorship",
        blank=True,
        related_name="authored_articles",
        verbose_name=_("authors"),
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="articles", verbose_name=_("organisations")
    )
    participants = models.ManyToManyField(
        Participant,
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("people mentioned"),
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="articles", verbose_name=_("events")
    )
    tags = TaggableManager(_("tags"), blank=True, through="TaggedArticle", related_name="articles")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=["organisations", "participants", "events"],
        bases=[history_columns("ArticleTexts", title=title, slug=slug, lead=lead, body=body,
                               hero_alt=hero_alt, hero_caption=hero_caption)],
    )  # fmt: skip

    class Meta:
        ordering = [models.F("published_at").desc(nulls_first=True), "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish and archive articles")),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_public_idx"),
            models.Index(fields=["section", "published_at"], name="article_section_idx"),
            models.Index(fields=["-published_at"], name="article_published_idx"),
            # What a public list reads, per language, in the list's order: a page's keys, its
            # count and the archive's years come from the index alone (newsroom/pagination.py).
            # expires_at is a key column rather than INCLUDEd, which SQLite would warn about.
            *(
                models.Index(
                    fields=["-published_at", "-id", "expires_at"],
                    name=f"article_public_{code}_idx",
                    condition=Q(status="published", **{f"title_{code}__gt": ""}),
                )
                for code in ("en", "ru")
            ),
            # The next expiry, for the memo's horizon (newsroom/memo.py).
            models.Index(
                fields=["expires_at"],
                name="article_expires_idx",
                condition=Q(expires_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for code in codes():
            title = getattr(self, localized("title", code))
            if title and not getattr(self, localized("slug", code)):
                setattr(self, localized("slug", code), unique_slug(self, title))
            column = localized("body", code)
            setattr(self, column, sanitize_html(getattr(self, column)))
        if not self.slug:  # no title in any language yet
            self.slug = unique_slug(self, self.title)
        self.note_text_changes()
        images.strip_uploads(self)
        super().save(*args, **kwargs)
        images.ensure_renditions(self, fields=kwargs.get("update_fields"))

    def get_absolute_url(self):
        return address("newsroom:article_detail", self.slug)

    def clean(self):
        super().clean()
        for code in self.languages():
            _require_alt(self, "hero_image", localized("hero_alt", code))
        columns = [localized("slug", code) for code in codes()]
        for column in columns:
            slug = getattr(self, column)
            if not slug:
                continue
            taken = Q()
            for other in columns:
                taken |= Q(**{other: slug})
            if Article.objects.exclude(pk=self.pk).filter(taken).exists():
                raise ValidationError({column: _("Another article has this address already.")})

    @property
    def dated_on(self):
        """The day the article speaks for: its publication day, or today for an unsent draft."""
        return timezone.localdate(self.published_at) if self.published_at else timezone.localdate()


class OrganisationInvolvement(models.Model):
    """Derived, never edited: an organisation an article involves, named in the article itself
    (no event) or hosting or attending an event the article reports (that event, with its
    publication window copied, since only public events count).

    Kept by newsroom/involvement.py on every change of those relations and of events; rebuilt
    by `manage.py rebuild_involvement`, by the content import and restore, and by migration
    0011. It lets an organisation's news be found with one index lookup instead of reading
    every article-event link. Not exported nor backed up: it is rebuilt from what is.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    # Indexed with the rest (involvement_org_idx), which is what lookups read.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, related_name="+")
    # The event's published_at and expires_at (NULL for a link made by the article itself).
    event_published_at = models.DateTimeField(null=True)
    event_expires_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("organisation involved (derived)")
        verbose_name_plural = _("organisations involved (derived)")
        indexes = [
            # Every column a lookup reads: PostgreSQL answers it from the index alone.
            models.Index(
                fields=[
                    "organisation",
                    "article",
                    "event",
                    "event_published_at",
                    "event_expires_at",
                ],
                name="involvement_org_idx",
            ),
        ]

    def __str__(self):
        via = f" (event {self.event_id})" if self.event_id else ""
        return f"article {self.article_id}: organisation {self.organisation_id}{via}"


class Authorship(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("article")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="authorships", verbose_name=_("author")
    )
    byline = models.CharField(
        _("byline"),
        max_length=250,
        blank=True,
        help_text=_(
            "The author's title as printed with this piece. Leave empty to show the position "
            "held on the publication date."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "participant"], name="unique_author_per_article"
            )
        ]

    def __str__(self):
        return str(self.participant)


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


class TaggedEvent(TaggedItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_events")
    content_object = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("event tag")
        verbose_name_plural = _("event tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_event_tag")
        ]


class LegacyRecord(models.Model):
    """An article brought in from the old site: how to recognise it again, and its old address."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="legacy", verbose_name=_("article")
    )
    key = models.CharField(
        _("import key"),
        max_length=100,
        unique=True,
        help_text=_("The old site's id, or a fingerprint of the title and date when it had none."),
    )
    old_url = models.CharField(_("old address"), max_length=500, blank=True)
    old_path = models.CharField(
        _("old path"),
        max_length=500,
        blank=True,
        db_index=True,
        help_text=_(
            "Requests for this path are redirected (301) to the article once it is public."
        ),
    )
    source = models.CharField(_("imported from"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        ordering = ["-imported_at", "key"]
        verbose_name = _("legacy record")
        verbose_name_plural = _("legacy records")

    def __str__(self):
        return self.old_url or self.key


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that shows a draft to a reviewer without an account."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return f"{self.article} — {self.expires_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditEvent(models.Model):
    """Who did what, and when: sign-ins and the editorial acts that change what the public sees."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        LOCKOUT = "lockout", _("Locked out")
        SUBMIT = "submit", _("Submitted for review")
        PUBLISH = "publish", _("Published")
        SCHEDULE = "schedule", _("Scheduled")
        UNPUBLISH = "unpublish", _("Unpublished")
        ARCHIVE = "archive", _("Archived")
        RETURN = "return", _("Returned to draft")
        RESTORE = "restore", _("Restored a revision")
        PREVIEW_CREATED = "preview_created", _("Created a preview link")
        PREVIEW_REVOKED = "preview_revoked", _("Revoked a preview link")
        ACCOUNT_CREATED = "account_created", _("Created an account")
        ACCOUNT_CHANGED = "account_changed", _("Changed an account")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("Deactivated an account")
        PASSWORD_RESET = "password_reset", _("Forced a password reset")
        ROLE_CHANGED = "role_changed", _("Changed a role")
        TWO_FACTOR = "two_factor", _("Changed two-factor authentication")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '—'}: {self.get_action_display()}"
