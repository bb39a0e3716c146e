"""The two languages of the newsroom and the content written in them.

The texts readers see (titles, slugs, leads, bodies, names, positions) have a column per language,
added by django-modeltranslation (newsroom/translation.py). An article or an event exists in a
language when its title in that language is filled in; people, organisations, tags and the links
between items are shared. Each translated item remembers the language it was first written in and
when each language's text last changed, which the translations report compares.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def codes():
    """The language codes of the site, the default first: ("en", "ru")."""
    return tuple(code for code, _name in settings.LANGUAGES)


def current():
    """The active language if the site has it, else the default."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in codes() else settings.LANGUAGE_CODE


def localized(field_name, code):
    return f"{field_name}_{code}"


def other(code):
    return [lang for lang in codes() if lang != code]


def in_every_language(*names):
    """Each field name in every language's column: ("title",) -> ["title_en", "title_ru"]."""
    return [localized(name, code) for name in names for code in codes()]


def translated_fields(model):
    """The names of `model`'s fields that have a column per language (empty if none)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def history_columns(class_name, **fields):
    """An abstract base for a HistoricalRecords model: a column per language for `fields`.

    simple-history builds the historical model when the model class is made, before
    django-modeltranslation adds the per-language fields; these columns receive them, so every
    revision keeps both languages.
    """
    attrs = {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True})}
    for field_name, field in fields.items():
        _name, _path, args, kwargs = field.deconstruct()
        kwargs.update(null=True, blank=True)
        if kwargs.pop("unique", False):
            kwargs["db_index"] = True
        make = type(field)
        if isinstance(field, models.TextField):  # rich text too: a revision only keeps it
            make, kwargs = models.TextField, {"verbose_name": field.verbose_name, "null": True}
        for code in codes():
            attrs[localized(field_name, code)] = make(*args, **kwargs)
    return type(class_name, (models.Model,), attrs)


class Translated(models.Model):
    """Remembers the language an item was written in and when each language's text changed."""

    # The field whose emptiness says the item does not exist in a language.
    presence_field = "title"

    original_language = models.CharField(
        _("written in"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        blank=True,
        help_text=_(
            "The language of the original text. The translations report lists translations "
            "older than the last change of the original. Left empty: the first language filled in."
        ),
    )
    en_changed_at = models.DateTimeField(_("English text changed"), null=True, editable=False)
    ru_changed_at = models.DateTimeField(_("Russian text changed"), null=True, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.languages():
            field = self._meta.get_field(self.presence_field)
            raise ValidationError(
                {
                    localized(self.presence_field, code): _(
                        "Fill in the %(field)s in at least one language."
                    )
                    % {"field": field.verbose_name}
                    for code in codes()
                }
            )

    def languages(self):
        """The languages the item exists in, in the site's order."""
        return [
            code
            for code in codes()
            if (getattr(self, localized(self.presence_field, code)) or "").strip()
        ]

    def exists_in(self, code):
        return code in self.languages()

    def text_of(self, code):
        return tuple(
            getattr(self, localized(name, code)) or "" for name in translated_fields(type(self))
        )

    def note_text_changes(self):
        """Stamp `<lang>_changed_at` for each language whose text differs from the stored row."""
        names = translated_fields(type(self))
        if not names:
            return
        stored = None
        if self.pk is not None and not self._state.adding:
            columns = [localized(name, code) for code in codes() for name in names]
            stored = type(self)._base_manager.filter(pk=self.pk).values(*columns).first()
        for name in names:  # a missing text is "", as in the columns the model had before
            for code in codes():
                column = localized(name, code)
                if getattr(self, column) is None and self._meta.get_field(column).empty_value == "":
                    setattr(self, column, "")
        now = timezone.now()
        present = self.languages()
        for code in codes():
            mine = self.text_of(code)
            before = (
                tuple(stored[localized(name, code)] or "" for name in names) if stored else None
            )
            stamp = f"{code}_changed_at"
            if code not in present:
                setattr(self, stamp, None)
            elif mine != before or getattr(self, stamp) is None:
                setattr(self, stamp, now)
        if present and self.original_language not in present:
            self.original_language = present[0]

    def stale_translations(self):
        """Languages whose text is older than the latest change of the original's."""
        source = getattr(self, f"{self.original_language}_changed_at")
        return [
            code
            for code in self.languages()
            if code != self.original_language
            and source is not None
            and (getattr(self, f"{code}_changed_at") or source) < source
        ]
