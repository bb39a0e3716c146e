"""Revisions and edit conflicts in the admin, on top of django-simple-history.

`RevisionAdminMixin` goes first in the bases of a ModelAdmin whose model has `HistoricalRecords`:

* one admin save = one revision, written after the form, its many-to-many fields and the inlines
  are saved (simple-history alone writes one record for `save()` and one more for every
  many-to-many add or remove), with the user and, for a restore, the revision it came from;
* the History page lists the revisions: when, who, what kind of change, and which fields changed;
* every revision has a page with a field-by-field readable difference, against the revision
  before it or against the current version (text word by word, rich text as text, everything
  escaped);
* Restore: simple-history's revert form, which also brings back the tracked many-to-many
  relations, needs the change permission to POST, writes a new revision and an audit event.

`ConflictCheckAdminMixin` (included in `RevisionAdminMixin`, usable alone) and
`ConflictCheckFormMixin` stop the second of two editors working on the same object from saving
over the first one's save without knowing: the change form carries the version it was loaded at,
and a save made in between turns the form invalid with who saved, when, and what differs.
"""

import dataclasses
import datetime
import re
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Prefetch, Q
from django.db.models.fields.files import FieldFile
from django.forms.forms import DeclarativeFieldsMetaclass
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import re_path, reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.signals import (
    post_create_historical_m2m_records,
    post_create_historical_record,
    pre_create_historical_m2m_records,
    pre_create_historical_record,
)
from simple_history.utils import get_history_manager_for_model, get_history_model_for_model

from .languages import translated_fields

try:  # rich-text fields are compared as text
    from django_prose_editor.fields import ProseEditorField
except ImportError:  # pragma: no cover
    ProseEditorField = None

# The hidden form field that carries the version an editor loaded.
REVISION_TOKEN = "revision_token"

# Unchanged paragraphs shown around a change in a long text; longer unchanged runs are folded.
DIFF_CONTEXT = 2
# Above this many characters, rewritten paragraphs are shown removed and added, not word by word
# (word matching is quadratic).
WORD_DIFF_LIMIT = 20_000

HISTORY_TYPE_LABELS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


# --- What a revision holds ------------------------------------------------------------------


def has_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def revision_fields(model):
    """The fields a revision of `model` keeps: (plain fields, many-to-many fields)."""
    history_model = get_history_model_for_model(model)
    m2m_fields = list(history_model._history_m2m_fields)
    m2m_names = {field.name for field in m2m_fields}
    # A translated field's shared column repeats one language's text: its per-language
    # columns (title_en, title_ru) are compared instead.
    shared = set(translated_fields(model))
    plain = [
        field
        for field in history_model.tracked_fields
        if field.editable
        and not field.primary_key
        and field.name not in m2m_names
        and field.name not in shared
    ]
    return plain, m2m_fields


def _m2m_history_model(model, field):
    return getattr(get_history_model_for_model(model), field.name).model


def _m2m_history_accessor(model, field):
    """The name under which a revision reaches its rows for the many-to-many `field`."""
    m2m_model = _m2m_history_model(model, field)
    return m2m_model._meta.get_field("history").remote_field.get_accessor_name()


def _m2m_target_attname(model, field):
    m2m_model = _m2m_history_model(model, field)
    return m2m_model._meta.get_field(field.m2m_reverse_field_name()).attname


def with_revision_relations(queryset, model):
    """`queryset` of revisions of `model` with the user and the many-to-many rows loaded."""
    if not isinstance(getattr(queryset.model, "history_user", None), property):
        queryset = queryset.select_related("history_user")
    lookups = [
        Prefetch(
            _m2m_history_accessor(model, field),
            queryset=_m2m_history_model(model, field).objects.order_by("m2m_history_id"),
        )
        for field in revision_fields(model)[1]
    ]
    return queryset.prefetch_related(*lookups)


def _prepared(field, value):
    """A comparable value: primary keys for relations, file names, country codes."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if value is None:
        return None
    try:
        value = field.get_prep_value(value)
    except (TypeError, ValueError):
        return value
    if isinstance(value, (datetime.datetime, datetime.time)):
        # The admin's widgets show and send whole seconds: a save that drops the microseconds
        # of a time set by code (published_at = now) changes nothing an editor can see.
        value = value.replace(microsecond=0)
    return value


def snapshot_of_revision(record, model):
    """{field name: value} as the revision `record` keeps it. Many-to-many: sorted primary keys."""
    plain, m2m_fields = revision_fields(model)
    values = {field.name: _prepared(field, getattr(record, field.attname)) for field in plain}
    for field in m2m_fields:
        attname = _m2m_target_attname(model, field)
        rows = getattr(record, _m2m_history_accessor(model, field)).all()
        values[field.name] = sorted(getattr(row, attname) for row in rows)
    return values


def snapshot_of_object(obj):
    """{field name: value} of `obj` as it is, for the fields a revision keeps."""
    plain, m2m_fields = revision_fields(type(obj))
    values = {field.name: _prepared(field, getattr(obj, field.attname)) for field in plain}
    for field in m2m_fields:
        values[field.name] = (
            sorted(related.pk for related in getattr(obj, field.name).all())
            if obj.pk is not None
            else []
        )
    return values


def changed_field_names(old, new):
    return [name for name in new if old.get(name) != new.get(name)]


def field_labels(model, names):
    return [capfirst(model._meta.get_field(name).verbose_name) for name in names]


# --- Readable differences ---------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html):
    """The text of an HTML fragment, one line per paragraph, entities decoded (not escaped!)."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def _word_segments(old, new):
    """[(tag, old text, new text)], whitespace between two changes folded into one change."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    # The common start and end need no matching: most edits are small, texts long.
    start = 0
    limit = min(len(old_tokens), len(new_tokens))
    while start < limit and old_tokens[start] == new_tokens[start]:
        start += 1
    end = 0
    while end < limit - start and old_tokens[-1 - end] == new_tokens[-1 - end]:
        end += 1
    old_middle = old_tokens[start : len(old_tokens) - end]
    new_middle = new_tokens[start : len(new_tokens) - end]
    # Exact matching is quadratic; on a long rewrite, let difflib skip the commonest tokens.
    matcher = SequenceMatcher(
        None, old_middle, new_middle, autojunk=len(old_middle) * len(new_middle) > 1_000_000
    )
    opcodes = [
        (tag, i1 + start, i2 + start, j1 + start, j2 + start)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    if start:
        opcodes.insert(0, ("equal", 0, start, 0, start))
    if end:
        opcodes.append(
            (
                "equal",
                len(old_tokens) - end,
                len(old_tokens),
                len(new_tokens) - end,
                len(new_tokens),
            )
        )
    segments = []
    for tag, i1, i2, j1, j2 in opcodes:
        segment = [tag, "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])]
        if (
            tag != "equal"
            and len(segments) >= 2
            and segments[-1][0] == "equal"
            and segments[-1][1].isspace()
            and segments[-2][0] != "equal"
        ):
            space = segments.pop()[1]
            previous = segments[-1]
            previous[0] = "replace"
            previous[1] = f"{previous[1]}{space}{segment[1]}"
            previous[2] = f"{previous[2]}{space}{segment[2]}"
        else:
            segments.append(segment)
    return segments


def _marked(tag, old, new):
    if tag == "equal":
        return escape(old)
    html = ""
    if old.strip():
        html += format_html("<del>{}</del>", old)
    if new.strip():
        html += format_html("<ins>{}</ins>", new)
    return html


def word_diff_html(old, new):
    """`old` → `new` word by word: unchanged text, <del>removed</del>, <ins>added</ins>; escaped."""
    return mark_safe("".join(_marked(*segment) for segment in _word_segments(old, new)))


def _line(html, css=""):
    return format_html('<div class="diff-line{}">{}</div>', f" {css}" if css else "", html)


def _folded(count):
    text = ngettext(
        "… %(count)d unchanged paragraph …", "… %(count)d unchanged paragraphs …", count
    )
    return format_html('<div class="diff-skip">{}</div>', text % {"count": count})


def text_diff_html(old, new, context=DIFF_CONTEXT):
    """A readable difference of two texts: paragraphs matched first, then words within them.

    Long unchanged stretches are folded. Everything is escaped; only <del>, <ins> and the
    wrapping <div>s are markup.
    """
    old, new = old or "", new or ""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    opcodes = matcher.get_opcodes()
    out = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            lines = old_lines[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            head = [] if first else lines[:context]
            tail = [] if last else lines[-context:] if context else []
            if len(opcodes) == 1 or len(head) + len(tail) + 1 >= len(lines):
                out.extend(_line(escape(line)) for line in lines)
            else:
                out.extend(_line(escape(line)) for line in head)
                out.append(_folded(len(lines) - len(head) - len(tail)))
                out.extend(_line(escape(line)) for line in tail)
        elif tag == "delete":
            out.extend(
                _line(format_html("<del>{}</del>", line), "diff-del") for line in old_lines[i1:i2]
            )
        elif tag == "insert":
            out.extend(
                _line(format_html("<ins>{}</ins>", line), "diff-ins") for line in new_lines[j1:j2]
            )
        elif i2 - i1 == j2 - j1:
            out.extend(
                _line(word_diff_html(a, b))
                for a, b in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True)
            )
        else:
            old_chunk, new_chunk = "\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2])
            if len(old_chunk) + len(new_chunk) > WORD_DIFF_LIMIT:  # a rewrite: lines will do
                out.extend(
                    _line(format_html("<del>{}</del>", x), "diff-del") for x in old_lines[i1:i2]
                )
                out.extend(
                    _line(format_html("<ins>{}</ins>", x), "diff-ins") for x in new_lines[j1:j2]
                )
            else:
                out.append(_line(word_diff_html(old_chunk, new_chunk)))
    return format_html('<div class="revision-diff-text">{}</div>', mark_safe("".join(out)))


@dataclasses.dataclass
class FieldDifference:
    name: str
    label: str
    html: str  # safe: built from escaped parts only


def _is_rich_text(field):
    return ProseEditorField is not None and isinstance(field, ProseEditorField)


def _is_text(field):
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices


class _Related:
    """Related objects by primary key, fetched once per model for a whole difference."""

    def __init__(self):
        self.pks = {}
        self.objects = {}

    def want(self, model, pks):
        self.pks.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def fetch(self):
        for model, pks in self.pks.items():
            self.objects[model] = model._base_manager.in_bulk(pks) if pks else {}

    def label(self, model, pk):
        obj = self.objects.get(model, {}).get(pk)
        if obj is None:
            return _("deleted %(name)s #%(pk)s") % {"name": model._meta.verbose_name, "pk": pk}
        return str(obj)


def _empty():
    return format_html('<span class="diff-empty">{}</span>', _("(empty)"))


def _display(field, value, related):
    """A value the way an editor reads it (escaped by the caller's format_html)."""
    if value in (None, ""):
        return None
    if field.is_relation:
        return related.label(field.related_model, value)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    if getattr(field, "countries", None) is not None:  # django-countries
        return str(dict(field.countries).get(value, value))
    return str(value)


def _value_html(text, tag):
    return format_html("<{0}>{1}</{0}>", tag, text) if text is not None else _empty()


def field_difference_html(field, old, new, related):
    if isinstance(field, models.ManyToManyField):
        model = field.related_model
        old_set, new_set = set(old or []), set(new or [])
        items = [(related.label(model, pk), pk) for pk in old_set | new_set]
        parts = []
        for label, pk in sorted(items, key=lambda item: item[0].casefold()):
            if pk in new_set and pk not in old_set:
                parts.append(format_html("<li><ins>{}</ins></li>", label))
            elif pk in old_set and pk not in new_set:
                parts.append(format_html("<li><del>{}</del></li>", label))
            else:
                parts.append(format_html("<li>{}</li>", label))
        if not parts:
            return _empty()
        return format_html('<ul class="diff-list">{}</ul>', mark_safe("".join(parts)))
    if _is_rich_text(field):
        old_text, new_text = html_to_text(old or ""), html_to_text(new or "")
        if old_text == new_text:
            return format_html(
                '<p class="diff-note">{}</p>{}',
                _("The text is the same; only the formatting or links changed:"),
                text_diff_html(old or "", new or ""),
            )
        return text_diff_html(old_text, new_text)
    if _is_text(field):
        return text_diff_html(str(old or ""), str(new or ""))
    old_text, new_text = _display(field, old, related), _display(field, new, related)
    return format_html(
        '{} <span class="diff-arrow">→</span> {}',
        _value_html(old_text, "del"),
        _value_html(new_text, "ins"),
    )


def field_value_html(field, value, related):
    """One value of a revision, readable and escaped (for the first revision: no difference)."""
    if isinstance(field, models.ManyToManyField):
        labels = sorted(
            (related.label(field.related_model, pk) for pk in value or []), key=str.casefold
        )
        if not labels:
            return _empty()
        return format_html(
            '<ul class="diff-list">{}</ul>',
            format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
        )
    if _is_rich_text(field) or _is_text(field):
        text = html_to_text(value or "") if _is_rich_text(field) else str(value or "")
        if not text:
            return _empty()
        return format_html(
            '<div class="revision-diff-text">{}</div>',
            format_html_join(
                "", '<div class="diff-line">{}</div>', ((line,) for line in text.split("\n"))
            ),
        )
    shown = _display(field, value, related)
    return _empty() if shown is None else format_html("{}", shown)


def _related_for(fields, *snapshots):
    related = _Related()
    for field in fields:
        for snapshot in snapshots:
            value = snapshot.get(field.name)
            if field.many_to_many:
                related.want(field.related_model, value or [])
            elif field.is_relation:
                related.want(field.related_model, [value])
    related.fetch()
    return related


def _in_model_order(model, fields):
    order = {field.name: index for index, field in enumerate(model._meta.get_fields())}
    return sorted(fields, key=lambda field: order.get(field.name, 0))


def snapshot_values(model, snapshot):
    """[FieldDifference] showing the non-empty values of one snapshot (a first revision)."""
    fields = [
        model._meta.get_field(name)
        for name, value in snapshot.items()
        if value not in (None, "", [])
    ]
    fields = _in_model_order(model, fields)
    related = _related_for(fields, snapshot)
    return [
        FieldDifference(
            field.name,
            capfirst(field.verbose_name),
            field_value_html(field, snapshot[field.name], related),
        )
        for field in fields
    ]


def snapshot_differences(model, old, new, names=None):
    """[FieldDifference] between two snapshots of `model`, in the model's field order."""
    names = changed_field_names(old, new) if names is None else names
    fields = _in_model_order(model, [model._meta.get_field(name) for name in names])
    related = _related_for(fields, old, new)
    return [
        FieldDifference(
            field.name,
            capfirst(field.verbose_name),
            field_difference_html(field, old.get(field.name), new.get(field.name), related),
        )
        for field in fields
    ]


# --- Writing a revision -----------------------------------------------------------------------


def record_revision(obj, *, history_type="~", user=None, reason=None):
    """Write one revision of `obj` as it is now, many-to-many relations included.

    The same record simple-history writes on `post_save`, with the same signals; used by the admin
    to write one revision per save, after the many-to-many fields and inlines are saved.
    """
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return None
    model = type(obj)
    history_model = get_history_model_for_model(model)
    history_date = getattr(obj, "_history_date", None) or timezone.now()
    if user is not None and not user.is_authenticated:
        user = None
    reason = (reason or "")[:100] or None
    record = history_model(
        history_date=history_date,
        history_type=history_type,
        history_change_reason=reason,
        **{field.attname: getattr(obj, field.attname) for field in history_model.tracked_fields},
    )
    record.history_user = user
    if getattr(history_model, "history_relation", None) is not None:
        record.history_relation = obj
    using = router.db_for_write(history_model, instance=obj)
    with transaction.atomic(using=using):
        pre_create_historical_record.send(
            sender=history_model,
            instance=obj,
            history_date=history_date,
            history_user=user,
            history_change_reason=reason,
            history_instance=record,
            using=using,
        )
        record.save(using=using)
        for field in history_model._history_m2m_fields:
            m2m_model = _m2m_history_model(model, field)
            through = field.remote_field.through
            rows = through._default_manager.filter(**{field.m2m_field_name(): obj.pk})
            new_rows = [
                m2m_model(
                    history=record,
                    **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
                )
                for row in rows
            ]
            pre_create_historical_m2m_records.send(
                sender=m2m_model, rows=new_rows, history_instance=record, instance=obj, field=field
            )
            created = m2m_model.objects.bulk_create(new_rows)
            post_create_historical_m2m_records.send(
                sender=m2m_model,
                created_rows=created,
                history_instance=record,
                instance=obj,
                field=field,
            )
        post_create_historical_record.send(
            sender=history_model,
            instance=obj,
            history_instance=record,
            history_date=history_date,
            history_user=user,
            history_change_reason=reason,
            using=using,
        )
    return record


# --- Edit conflicts ---------------------------------------------------------------------------


def _latest_revision_id(model, pk):
    if not has_history(model):
        return None
    history = get_history_manager_for_model(model)
    return (
        history.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def _updated_at(model, pk, lock=False):
    """The saved object's `updated_at` (or None), read from the table, not from history."""
    queryset = model._default_manager.filter(pk=pk)
    if lock and transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        queryset = queryset.select_for_update()
    try:
        model._meta.get_field("updated_at")
    except FieldDoesNotExist:
        return queryset.exists() or None
    row = queryset.values_list("updated_at", flat=True)
    return row[0] if row else None


def version_token(model, pk, lock=False):
    """The version of the saved object: its `updated_at` and its latest revision. None if gone."""
    updated_at = _updated_at(model, pk, lock=lock)
    if updated_at is None:
        return None
    stamp = updated_at.isoformat() if hasattr(updated_at, "isoformat") else ""
    revision = _latest_revision_id(model, pk)
    return f"{stamp}|{revision or ''}"


def _revision_id_of(token):
    try:
        return int(token.rsplit("|", 1)[1])
    except (IndexError, ValueError):
        return None


def _user_name(user):
    if user is None:
        return None
    return (user.get_full_name() or user.get_username()).strip()


def _when(moment, *, always_date=False):
    if moment is None:
        return ""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if local.date() == timezone.localdate() and not always_date:
        return formats.date_format(local, "H:i")
    return formats.date_format(local, "j M Y, H:i")


class _VersionTokenField(forms.CharField):
    """Hidden; never counts as a change (it is not the editor's)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class ConflictCheckFormMixin(metaclass=DeclarativeFieldsMetaclass):
    """A ModelForm mixin: refuses a save when the object was saved by someone else meanwhile.

    `class ArticleForm(ConflictCheckFormMixin, forms.ModelForm)`. The form carries the version
    the editor loaded in a hidden field; the admin must show that field (ConflictCheckAdminMixin
    adds it to the fieldsets). A form posted without it (an old tab, a script) is not checked.
    On a conflict the form is invalid, nothing is saved, and the non-field error says who saved,
    when, and which fields differ; the hidden field then holds the new version, so saving again
    replaces the other save on purpose.
    """

    revision_token = _VersionTokenField(required=False)

    conflict_message = gettext_lazy(
        "%(who)s saved this %(what)s at %(when)s while you were editing. Your changes are not "
        "saved. Review the differences below."
    )
    conflict_choice = gettext_lazy(
        "To keep your version, save again: it replaces theirs. To start from theirs, "
        "%(reload)s (your changes are lost)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflict = None
        if not self.is_bound and self.instance.pk is not None:
            self.initial[REVISION_TOKEN] = version_token(type(self.instance), self.instance.pk)

    def clean(self):
        cleaned_data = super().clean()
        self.check_edit_conflict()
        return cleaned_data

    def check_edit_conflict(self):
        key = self.add_prefix(REVISION_TOKEN)
        loaded = self.data.get(key)
        if not loaded or self.instance.pk is None or self.instance._state.adding:
            return
        model = type(self.instance)
        current = version_token(model, self.instance.pk, lock=True)
        if current is None or current == loaded:
            return
        self.edit_conflict = self._describe_conflict(model, loaded, current)
        self.add_error(None, forms.ValidationError(self.edit_conflict, code="edit_conflict"))
        data = self.data.copy()
        data[key] = current
        self.data = data

    def _describe_conflict(self, model, loaded, current):
        opts = model._meta
        pk = self.instance.pk
        since, baseline = [], None
        if has_history(model):
            history = get_history_manager_for_model(model).filter(**{opts.pk.attname: pk})
            loaded_id = _revision_id_of(loaded)
            if loaded_id is not None:
                baseline = with_revision_relations(
                    history.filter(history_id=loaded_id), model
                ).first()
                history = history.filter(history_id__gt=loaded_id)
            since = list(
                history.select_related("history_user").order_by("history_date", "history_id")
            )
        names = []
        for record in since:
            name = _user_name(record.history_user)
            if name and name not in names:
                names.append(name)
        saved = model._default_manager.filter(pk=pk).first()
        when = since[-1].history_date if since else getattr(saved, "updated_at", None)
        who = ", ".join(names) if names else _("Someone")
        message = self.conflict_message % {
            "who": who,
            "what": opts.verbose_name,
            "when": _when(when),
        }
        # href="": the page's own address, fetched anew (reloading would repeat the POST).
        reload = format_html(
            '<a href="">{}</a>', _("reload the %(what)s") % {"what": opts.verbose_name}
        )
        choice = mark_safe(escape(self.conflict_choice) % {"reload": reload})
        return format_html(
            '<div class="revision-conflict"><p>{} {}</p>{}</div>',
            message,
            choice,
            self._conflict_table(model, saved, baseline, who if names else None),
        )

    def _conflict_table(self, model, saved, baseline, who):
        # The saved object's values the way this form would show them, against what was posted.
        probe = type(self)(instance=saved) if saved is not None else None
        names = [
            name
            for name, field in self.fields.items()
            if probe is not None
            and name != REVISION_TOKEN
            and name in probe.fields
            and not field.disabled
            and field.has_changed(probe[name].initial, self[name].data)
        ]
        if not names:
            return format_html(
                "<p>{}</p>", _("Your form has the same values as the saved version.")
            )
        current = snapshot_of_object(saved) if has_history(model) else {}
        changed_by_them = set()
        if baseline is not None:
            changed_by_them = set(
                changed_field_names(snapshot_of_revision(baseline, model), current)
            )
        yours = {
            name: self._comparable(name)
            for name in names
            if name in current and name in self.cleaned_data
        }
        differences = {
            difference.name: difference.html
            for difference in snapshot_differences(
                model, current, {**current, **yours}, names=list(yours)
            )
        }
        rows = []
        for name in names:
            if name in differences:
                html = differences[name]
            else:
                html = format_html(
                    '<del>{}</del> <span class="diff-arrow">→</span> <ins>{}</ins>',
                    _plain(probe[name].initial),
                    _plain(self.cleaned_data.get(name, self[name].data)),
                )
            note = ""
            if name in changed_by_them:
                note = format_html(
                    ' <span class="diff-note">({})</span>',
                    _("changed by %(who)s") % {"who": who} if who else _("changed meanwhile"),
                )
            label = capfirst(self.fields[name].label or name)
            rows.append(format_html("<tr><th>{}{}</th><td>{}</td></tr>", label, note, html))
        theirs = _("Saved by %(who)s") % {"who": who} if who else _("Saved version")
        return format_html(
            '<table class="revision-diff"><thead><tr><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Field"),
            _("%(theirs)s → your version") % {"theirs": theirs},
            mark_safe("".join(rows)),
        )

    def _comparable(self, name):
        """The submitted value of `name` the way a snapshot holds it."""
        field = self.instance._meta.get_field(name)
        value = self.cleaned_data.get(name)
        if field.many_to_many:
            return sorted(getattr(item, "pk", item) for item in (value or []))
        if field.is_relation:
            return getattr(value, "pk", value)
        if isinstance(field, models.FileField):
            return (getattr(value, "name", "") or "") if value else ""
        if callable(getattr(field, "sanitize", None)) and isinstance(value, str):
            value = field.sanitize(value)
        return _prepared(field, value)


def _plain(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, (list, tuple, set)) or hasattr(value, "model"):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


class ConflictCheckAdminMixin:
    """ModelAdmin mixin: the change form checks for edit conflicts (see ConflictCheckFormMixin).

    The admin's form gets ConflictCheckFormMixin (a custom `form` that lacks it is extended) and
    the hidden version field is added to the fieldsets.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not issubclass(self.form, ConflictCheckFormMixin):
            self.form = type(
                self.form.__name__, (ConflictCheckFormMixin, self.form), {"__module__": __name__}
            )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only: nothing to check, and a read-only page must not show the field.
            return [
                (name, {**options, "fields": _without_token(options["fields"])})
                for name, options in fieldsets
                if _without_token(options["fields"])
            ]
        if REVISION_TOKEN in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [REVISION_TOKEN], "classes": ["hidden"]})]


def _without_token(fields):
    kept = []
    for field in fields:
        if isinstance(field, (list, tuple)):
            field = type(field)(name for name in field if name != REVISION_TOKEN)
            if field:
                kept.append(field)
        elif field != REVISION_TOKEN:
            kept.append(field)
    return kept


# --- The admin --------------------------------------------------------------------------------


class RevisionAdminMixin(ConflictCheckAdminMixin, SimpleHistoryAdmin):
    """History, readable differences and restore for a model with HistoricalRecords.

    Put it first: `class ArticleAdmin(RevisionAdminMixin, PublishableAdmin)`.
    """

    object_history_template = "simple_history/revisions/object_history.html"
    object_history_list_template = "simple_history/revisions/object_history_list.html"
    object_history_form_template = "simple_history/revisions/object_history_form.html"
    revision_template = "simple_history/revisions/revision.html"
    history_list_per_page = 50
    # Restoring brings back content, not publication: these stay as they are now (a deleted
    # object comes back with their defaults, i.e. as a draft). Names the model lacks are skipped.
    revision_restore_keeps = ("status", "published_at", "expires_at")

    # --- one revision per save

    def save_model(self, request, obj, form, change):
        # The revision is written once everything is saved: in log_addition() / log_change().
        obj.skip_history_when_saving = True
        obj._revision_pending = True
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        self._write_pending_revision(request, obj, "+")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._write_pending_revision(request, obj, "~")
        return super().log_change(request, obj, message)

    def _write_pending_revision(self, request, obj, history_type):
        if not obj.__dict__.pop("_revision_pending", False):
            return
        obj.__dict__.pop("skip_history_when_saving", None)
        record_revision(
            obj,
            history_type=history_type,
            user=request.user,
            reason=obj.__dict__.pop("_revision_reason", None),
        )

    def _keep_on_restore(self, obj, current):
        """Set the `revision_restore_keeps` fields of `obj` (a revision) to the current values,
        or to their defaults when the object is gone; {name: value} as a snapshot holds them."""
        kept = {}
        for name in self.revision_restore_keeps:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            value = getattr(current, field.attname) if current is not None else field.get_default()
            setattr(obj, field.attname, value)
            kept[name] = _prepared(field, value)
        return kept

    # --- urls

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            re_path(
                r"^([^/]+)/history/([0-9]+)/changes/$",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    # --- the History page

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # Not simple-history's: it select_related()s every tracked foreign key (or, with none,
        # calls select_related() bare); the list needs the users and the many-to-many rows only.
        queryset = history_manager.filter(**{pk_name: object_id})
        return with_revision_relations(queryset, self.model).order_by(
            "-history_date", "-history_id"
        )

    def _revision_before(self, record):
        history = get_history_manager_for_model(self.model)
        pk_name = self.model._meta.pk.attname
        older = history.filter(**{pk_name: getattr(record, pk_name)}).filter(
            Q(history_date__lt=record.history_date)
            | Q(history_date=record.history_date, history_id__lt=record.history_id)
        )
        older = with_revision_relations(older, self.model)
        return older.order_by("-history_date", "-history_id").first()

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        if not records:
            return
        pk_name = self.model._meta.pk.attname
        older = [*records[1:], self._revision_before(records[-1])]
        snapshots = {}

        def snapshot(record):
            if record.history_id not in snapshots:
                snapshots[record.history_id] = snapshot_of_revision(record, self.model)
            return snapshots[record.history_id]

        for record, previous in zip(records, older, strict=True):
            object_pk = quote(getattr(record, pk_name))
            record.revision_type = HISTORY_TYPE_LABELS.get(record.history_type, record.history_type)
            if record.history_type == "-":
                record.revision_changes = []
            elif previous is None:
                record.revision_changes = None  # the first revision: created
            else:
                names = changed_field_names(snapshot(previous), snapshot(record))
                record.revision_changes = field_labels(self.model, names)
            record.revision_changes_url = self._url("revision", object_pk, record.history_id)
            record.revision_compare_url = f"{record.revision_changes_url}?against=current"
            record.revision_restore_url = self._url("simple_history", object_pk, record.history_id)

    def render_history_view(self, request, template, context, **kwargs):
        obj = context.get("object") or context.get("original")
        if template == self.object_history_template and obj is not None:
            page = context["page_obj"]
            context["latest_revision_id"] = (
                page.object_list[0].history_id if page.number == 1 and page.object_list else None
            )
            context["can_restore"] = not self.revert_disabled(request, obj)
        return super().render_history_view(request, template, context, **kwargs)

    # --- one revision: what changed

    @staticmethod
    def _key_or_404(field, value):
        """`value` as the key `field` holds, or a 404: simple-history hands the ids of its
        addresses to the database unchecked ("abc" for an integer key was a 500)."""
        try:
            return field.to_python(value)
        except ValidationError as exc:
            raise Http404 from exc

    def history_view(self, request, object_id, extra_context=None):
        self._key_or_404(self.model._meta.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def _revision_or_404(self, object_id, history_id):
        history_model = get_history_model_for_model(self.model)
        queryset = with_revision_relations(history_model.objects.all(), self.model)
        pk = self._key_or_404(self.model._meta.pk, unquote(object_id))
        history_id = self._key_or_404(history_model._meta.get_field("history_id"), history_id)
        return get_object_or_404(
            queryset, **{self.model._meta.pk.attname: pk, "history_id": history_id}
        )

    def revision_view(self, request, object_id, history_id, extra_context=None):
        request.current_app = self.admin_site.name
        record = self._revision_or_404(object_id, history_id)
        obj = self.get_object(request, unquote(object_id))
        subject = obj if obj is not None else record.instance
        if not self.has_view_history_or_change_history_permission(request, subject):
            raise PermissionDenied
        against = "current" if request.GET.get("against") == "current" else "previous"
        previous = self._revision_before(record)
        if against == "current":
            if obj is None:
                raise Http404(_("The object has been deleted; there is no current version."))
            old, new = snapshot_of_revision(record, self.model), snapshot_of_object(obj)
        else:
            new = snapshot_of_revision(record, self.model)
            old = snapshot_of_revision(previous, self.model) if previous is not None else None
        if old is None:
            differences = snapshot_values(self.model, new)
        else:
            differences = snapshot_differences(self.model, old, new)
        opts = self.model._meta
        object_pk = quote(getattr(record, opts.pk.attname))
        newer = (
            get_history_manager_for_model(self.model)
            .filter(**{opts.pk.attname: getattr(record, opts.pk.attname)})
            .filter(
                Q(history_date__gt=record.history_date)
                | Q(history_date=record.history_date, history_id__gt=record.history_id)
            )
            .order_by("history_date", "history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revision of %(object)s") % {"object": subject},
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "object": subject,
            "object_exists": obj is not None,
            "record": record,
            "revision_type": HISTORY_TYPE_LABELS.get(record.history_type, record.history_type),
            "against": against,
            "previous": previous,
            "differences": differences,
            "changes_url": self._url("revision", object_pk, record.history_id),
            "history_url": self._url("history", object_pk),
            "change_url": self._url("change", object_pk) if obj is not None else None,
            "restore_url": self._url("simple_history", object_pk, record.history_id),
            "previous_url": self._url("revision", object_pk, previous.history_id)
            if previous
            else None,
            "next_url": self._url("revision", object_pk, newer) if newer else None,
            "can_restore": not self.revert_disabled(request, subject),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.revision_template, context)

    # --- restore

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's revert form, reworked: the revision's many-to-many relations, the
        current object deciding permissions and the form (workflow), `revision_restore_keeps`
        left as they are, the change permission required to POST, a new revision and an audit
        event on success. In one transaction, like the change form."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return self._restore_view(request, object_id, version_id, extra_context)

    def _restore_view(self, request, object_id, version_id, extra_context):
        request.current_app = self.admin_site.name
        opts = self.model._meta
        record = self._revision_or_404(object_id, version_id)
        current = self.get_object(request, unquote(object_id))
        obj = record.instance
        obj._state.adding = False
        # Permissions and the form's rules (who may move which status) go by the object as it
        # is, never by the revision: an old draft revision must not make a published article
        # editable by its author.
        subject = current if current is not None else obj
        if not self.has_view_history_or_change_history_permission(request, subject):
            raise PermissionDenied
        revert_disabled = self.revert_disabled(request, subject) or (
            current is None and not self.has_add_permission(request)
        )
        if request.method == "POST" and (
            revert_disabled or not self.has_change_history_permission(request, subject)
        ):
            raise PermissionDenied

        kept = self._keep_on_restore(obj, current)
        revision = {**snapshot_of_revision(record, self.model), **kept}
        form_class = self.get_form(request, subject, change=True)
        initial = {
            field.name: revision[field.name]
            for field in revision_fields(self.model)[1]
            if field.name in form_class.base_fields
        }
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj, initial=initial)
            if form.is_valid():
                when = _when(record.history_date, always_date=True)
                obj._revision_reason = _("Restored revision #%(id)s (%(when)s)") % {
                    "id": record.history_id,
                    "when": when,
                }
                new_object = self.save_form(request, form, change=True)
                self.save_model(request, new_object, form, change=True)
                form.save_m2m()
                self.log_change(
                    request, new_object, self.construct_change_message(request, form, [])
                )
                from newsroom.audit import record as audit_record
                from newsroom.models import AuditEvent

                audit_record(
                    AuditEvent.Action.RESTORE,
                    actor=request.user,
                    target=new_object,
                    request=request,
                    revision=record.history_id,
                )
                self.message_user(
                    request,
                    _("Restored the revision of %(when)s. It is saved as a new revision.")
                    % {"when": when},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._url("change", quote(new_object.pk)))
        else:
            form = form_class(instance=obj, initial=initial)

        if current is not None:
            differences = snapshot_differences(self.model, snapshot_of_object(current), revision)
        else:  # deleted: restoring brings it back as the revision has it
            differences = snapshot_values(self.model, revision)
        fieldsets = self.get_fieldsets(request, subject)
        admin_form = helpers.AdminForm(
            form,
            fieldsets,
            self.get_prepopulated_fields(request, subject) if not revert_disabled else {},
            flatten_fieldsets(fieldsets)
            if revert_disabled
            else self.get_readonly_fields(request, subject),
            model_admin=self,
        )
        object_pk = quote(obj.pk)
        untracked = [
            capfirst(field.verbose_name)
            for field in opts.many_to_many
            if field.name not in {f.name for f in revision_fields(self.model)[1]}
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore %(object)s") % {"object": obj}
            if not revert_disabled
            else _("View %(object)s") % {"object": obj},
            "subtitle": None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "record": record,
            "differences": differences,
            "object_exists": current is not None,
            "kept": field_labels(self.model, kept),
            "untracked": untracked,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "inline_admin_formsets": [],
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": self._url("changelist"),
            "change_url": self._url("change", object_pk),
            "history_url": self._url("history", object_pk),
            "changes_url": self._url("revision", object_pk, record.history_id),
            "revert_disabled": revert_disabled,
            "change_history": False,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": self.has_view_history_permission(request, subject),
            "has_change_permission": self.has_change_history_permission(request, subject),
            "has_delete_permission": self.has_delete_permission(request, subject),
            "has_editable_inline_admin_formsets": False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": opts,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": self.save_on_top,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.object_history_form_template, context)
