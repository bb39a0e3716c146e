"""Select and checkbox-list widgets that write their options in Python.

Django renders every option of a choice widget through three or four small templates. The filter
forms beside the public lists carry some 900 options (countries, people, organisations, tags), and
rendering them that way took most of a list page's time. These widgets write the same HTML
(tests/test_widgets.py compares it with Django's) as plain strings; option groups, which the
filters do not use, still go through Django's templates.
"""

import html

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


class PlainChoices(BaseChoiceIterator):
    """(value, label) pairs known to be flat: Django takes them as they are instead of checking
    and copying every pair each time they are assigned to a field or widget."""

    _escaped = None

    def __init__(self, pairs):
        self.pairs = pairs

    def escaped(self):
        """(value, escaped value, escaped label) of each pair: escaped once, not per page (the
        memo keeps the choices, this included, between requests)."""
        if self._escaped is None:
            self._escaped = [(str(value), _text(value), _label(label)) for value, label in self]
        return self._escaped

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


def _text(value):
    """Any value as the template's `{{ value|stringformat:'s' }}` writes it: always escaped."""
    return html.escape(str(value))


def _label(label):
    """A label as `{{ label }}` writes it: escaped unless it is marked safe."""
    if hasattr(label, "__html__"):
        return str(label.__html__())
    return html.escape(str(label))


def flat_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: True bare, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastChoiceMixin:
    def _flat_choices(self):
        """(value, escaped value, escaped label) triples, or None when an option group needs
        Django's own rendering."""
        if isinstance(self.choices, PlainChoices):
            return self.choices.escaped()
        triples = []
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return None
            value = "" if value is None else str(value)
            triples.append((value, _text(value), _label(label)))
        return triples

    def _selection(self, value):
        return set(self.format_value(value))


class Select(FastChoiceMixin, forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        choices = self._flat_choices()
        if choices is None:
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = self._selection(value)
        options = []
        has_selected = False
        for text, value_html, label_html in choices:
            selected = text in chosen and (self.allow_multiple_selected or not has_selected)
            has_selected |= selected
            options.append(
                f'\n  <option value="{value_html}"{" selected" if selected else ""}>'
                f"{label_html}</option>\n"
            )
        opening = f'<select name="{_text(name)}"{flat_attrs(final_attrs)}>'
        return mark_safe(f"{opening}{''.join(options)}\n</select>")  # noqa: S308 - escaped above


class CheckboxSelectMultiple(FastChoiceMixin, forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None):
        choices = self._flat_choices()
        base = self.build_attrs(self.attrs, attrs)
        if choices is None or "checked" in base:
            return super().render(name, value, attrs, renderer)
        chosen = self._selection(value)
        widget_id = base.get("id")
        # Each option repeats the widget's attributes, its id suffixed with the option's index
        # (in the id's place among them), and adds "checked" last.
        names = list(base)
        at = names.index("id") if widget_id else len(names)
        before = flat_attrs({key: base[key] for key in names[:at]})
        after = flat_attrs({key: base[key] for key in names[at + 1 :]})
        input_start = f'><input type="checkbox" name="{_text(name)}" value="'
        options = []
        for index, (text, value_html, label_html) in enumerate(choices):
            if widget_id:
                option_id = _text(self.id_for_label(widget_id, str(index)))
                label_for, id_attr = f' for="{option_id}"', f' id="{option_id}"'
            else:
                label_for = id_attr = ""
            checked = " checked" if text in chosen else ""
            options.append(
                f"<div>\n    <label{label_for}{input_start}{value_html}"
                f'"{before}{id_attr}{after}{checked}>\n {label_html}</label>\n\n</div>'
            )
        container = "<div"
        if widget_id:
            container += f' id="{_text(widget_id)}"'
        if base.get("class"):
            container += f' class="{_text(base["class"])}"'
        return mark_safe(f"{container}>{''.join(options)}\n</div>")  # noqa: S308 - escaped above
