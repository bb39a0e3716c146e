"""The organisations each article involves (models.OrganisationInvolvement), kept up to date.

An article involves the organisations it names and the hosts and participating organisations of
the events it reports, while those events are public. `ArticleQuerySet.involving_organisations()`
(the news filter, organisation and country pages) reads one index of this table instead of four
link tables: at 100,000 articles that was a read of every article-event link per request.

The rows are derived, never edited. The receivers below refresh an article's rows whenever one
of those relations changes (a manager's add(), remove(), set() and clear(), from either side)
and an event's articles' rows whenever the event is saved (its publication may have changed).
Deleting an article, an event or an organisation deletes its rows (CASCADE). Writers that go
around the signals (bulk inserts: the content generator, the archive import and restore) call
`rebuild()`; so can `manage.py rebuild_involvement`.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save
from django.utils import timezone

# Articles refreshed per round trip of a rebuild.
CHUNK = 2_000


def _models(registry=None):
    """The three models, from `registry` (a migration's historical apps) or the current ones."""
    if registry is None:
        from django.apps import apps as registry
    return tuple(
        registry.get_model("newsroom", name)
        for name in ("Article", "Event", "OrganisationInvolvement")
    )


def direct():
    """Q on OrganisationInvolvement: the rows of links made by the article itself."""
    return Q(event__isnull=True)


def through_public_events(now=None):
    """Q on OrganisationInvolvement: the rows of events public now, their publication time
    reached and not expired (the rest of `published_condition`: only published events have
    rows)."""
    now = now or timezone.now()
    return Q(event_published_at__lte=now) & (
        Q(event_expires_at__isnull=True) | Q(event_expires_at__gt=now)
    )


def _rows(article_ids, using, registry):
    """The rows the articles `article_ids` should have, as unsaved objects."""
    Article, Event, OrganisationInvolvement = _models(registry)
    found = set()
    named = Article.organisations.through._default_manager.using(using)
    for article_id, organisation_id in named.filter(article_id__in=article_ids).values_list(
        "article_id", "organisation_id"
    ):
        found.add((article_id, organisation_id, None))
    reports = Article.events.through._default_manager.using(using).filter(
        article_id__in=article_ids, event__status="published"
    )
    windows, articles_of = {}, {}
    for article_id, event_id, published_at, expires_at in reports.values_list(
        "article_id", "event_id", "event__published_at", "event__expires_at"
    ):
        windows[event_id] = (published_at, expires_at)
        articles_of.setdefault(event_id, []).append(article_id)
    for relation in (Event.hosts, Event.organisations):
        links = relation.through._default_manager.using(using)
        for event_id, organisation_id in links.filter(event_id__in=list(windows)).values_list(
            "event_id", "organisation_id"
        ):
            for article_id in articles_of[event_id]:
                found.add((article_id, organisation_id, event_id))
    return [
        OrganisationInvolvement(
            article_id=article_id,
            organisation_id=organisation_id,
            event_id=event_id,
            event_published_at=windows[event_id][0] if event_id else None,
            event_expires_at=windows[event_id][1] if event_id else None,
        )
        for article_id, organisation_id, event_id in sorted(found, key=_sort_key)
    ]


def _sort_key(row):
    article_id, organisation_id, event_id = row
    return article_id, organisation_id, event_id or 0


def refresh(article_ids, using=DEFAULT_DB_ALIAS, registry=None):
    """Make the rows of these articles what their links and events say now."""
    _article, _event, OrganisationInvolvement = _models(registry)
    ids = sorted({pk for pk in article_ids if pk is not None})
    manager = OrganisationInvolvement._default_manager.using(using)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        manager.filter(article_id__in=chunk).delete()
        manager.bulk_create(_rows(chunk, using, registry))


def refresh_events(event_ids, using=DEFAULT_DB_ALIAS):
    """Refresh the rows of the articles reporting these events."""
    Article, _event, _involvement = _models()
    links = Article.events.through._default_manager.using(using)
    refresh(links.filter(event_id__in=list(event_ids)).values_list("article_id", flat=True), using)


def rebuild(using=DEFAULT_DB_ALIAS, registry=None):
    """Every article's rows, from scratch; returns the number of rows. `registry`: a
    migration's historical apps (migration 0011 fills the table with this)."""
    Article, _event, OrganisationInvolvement = _models(registry)
    OrganisationInvolvement._default_manager.using(using).all().delete()
    refresh(Article._base_manager.using(using).values_list("pk", flat=True), using, registry)
    return OrganisationInvolvement._default_manager.using(using).count()


# --- Receivers ---------------------------------------------------------------------------------

# The instance attribute holding, between pre_clear and post_clear, the ids a reverse clear()
# touches: post_clear's pk_set is None.
_CLEARED = "_involvement_cleared"


def _links_changed(owner, refresh_owners):
    """A receiver for a link table of `owner` ("article" or "event"), whose rows `refresh_owners`
    refreshes: the change comes from the owner (forward) or from the other side (reverse:
    pk_set holds the owners' ids)."""

    def receiver(sender, instance, action, reverse, pk_set, using, **kwargs):
        if not reverse:
            if action.startswith("post_"):
                refresh_owners([instance.pk], using)
        elif action == "pre_clear":
            column = sender._meta.get_field(_other_side(sender, owner)).attname
            links = sender._default_manager.using(using).filter(**{column: instance.pk})
            setattr(instance, _CLEARED, list(links.values_list(f"{owner}_id", flat=True)))
        elif action == "post_clear":
            refresh_owners(getattr(instance, _CLEARED, []), using)
        elif action in ("post_add", "post_remove"):
            refresh_owners(pk_set or (), using)

    return receiver


# An article's organisations or events; an event's hosts or participating organisations.
_article_links_changed = _links_changed("article", refresh)
_event_organisations_changed = _links_changed("event", refresh_events)


def _event_saved(sender, instance, created, using, raw=False, **kwargs):
    """An event's status or publication window may have changed: its articles' rows copy it."""
    if not created:
        refresh_events([instance.pk], using)


def _other_side(through, name):
    """The name of the through model's foreign key that is not `name`."""
    (field,) = [
        f.name for f in through._meta.fields if f.is_relation and f.name != name and f.name != "id"
    ]
    return field


def connect_signals():
    Article, Event, _involvement = _models()
    for relation in (Article.organisations, Article.events):
        m2m_changed.connect(
            _article_links_changed,
            sender=relation.through,
            dispatch_uid=f"involvement-{relation.through._meta.label}",
        )
    for relation in (Event.hosts, Event.organisations):
        m2m_changed.connect(
            _event_organisations_changed,
            sender=relation.through,
            dispatch_uid=f"involvement-{relation.through._meta.label}",
        )
    post_save.connect(_event_saved, sender=Event, dispatch_uid="involvement-event-saved")
