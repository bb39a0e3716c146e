"""Which texts have a column per language (django-modeltranslation).

Readers see these in their language; everything else (dates, kinds, relations, tags, images) is
shared, so a link made once holds in both languages. Slugs are translated for articles only: their
addresses read in the article's language (/news/<english-slug>/, /ru/news/<russian-slug>/).
"""

from modeltranslation.translator import TranslationOptions, register

from .languages import codes, localized
from .models import Article, Event, Organisation, Participant, Position


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "slug", "lead", "body", "hero_alt", "hero_caption")
    # An empty slug is NULL, so that many articles may lack one language's slug.
    empty_values = {"slug": None}


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Participant)
class ParticipantTranslation(TranslationOptions):
    fields = ("full_name", "honorific", "bio")


@register(Position)
class PositionTranslation(TranslationOptions):
    fields = ("title",)


def _keep_translations_in_history(model):
    """Let revisions compare and restore every language's text, not the shared column alone.

    The historical model has a column per language (languages.history_columns); simple-history
    fills them on save, since it copies all the model's fields. Its list of tracked fields and the
    object it rebuilds from a revision were fixed before the per-language fields existed.
    """
    history_model = model.history.model
    names = TranslationOptionsFor[model]
    per_language = [
        model._meta.get_field(localized(name, code)) for name in names for code in codes()
    ]
    history_model.tracked_fields = [*history_model.tracked_fields, *per_language]
    rebuild = history_model.instance.fget

    def instance(record):
        obj = rebuild(record)
        for field in per_language:
            setattr(obj, field.attname, getattr(record, field.attname))
        return obj

    history_model.instance = property(instance)


TranslationOptionsFor = {
    Article: ArticleTranslation.fields,
    Event: EventTranslation.fields,
    Organisation: OrganisationTranslation.fields,
    Participant: ParticipantTranslation.fields,
}
for _model in TranslationOptionsFor:
    _keep_translations_in_history(_model)
