"""Select and checkbox-list widgets that write their options in Python.

Django renders every option of a choice widget through three or four small templates. The filter
forms beside the public lists carry some 900 options (countries, people, organisations, tags), and
rendering them that way took most of a list page's time. These widgets write the same HTML
(tests/test_widgets.py compares it with Django's) as plain strings; option groups, which the
filters do not use, still go through Django's templates.
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


def flat_attrs(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: True bare, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastChoiceMixin:
    def _flat_choices(self):
        """(value, label) pairs, or None when an option group needs Django's own rendering."""
        pairs = []
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return None
            pairs.append(("" if value is None else value, label))
        return pairs

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
        for option_value, label in choices:
            text = str(option_value)
            selected = text in chosen and (self.allow_multiple_selected or not has_selected)
            has_selected |= selected
            options.append(
                f'\n  <option value="{escape(text)}"{" selected" if selected else ""}>'
                f"{conditional_escape(label)}</option>\n"
            )
        html = (
            f'<select name="{escape(name)}"{flat_attrs(final_attrs)}>{"".join(options)}\n</select>'
        )
        return mark_safe(html)  # noqa: S308 - every value and label is escaped above


class CheckboxSelectMultiple(FastChoiceMixin, forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None):
        choices = self._flat_choices()
        if choices is None:
            return super().render(name, value, attrs, renderer)
        base = self.build_attrs(self.attrs, attrs)
        chosen = self._selection(value)
        widget_id = base.get("id")
        options = []
        for index, (option_value, label) in enumerate(choices):
            text = str(option_value)
            # Each option repeats the widget's attributes, its id suffixed with the option's index.
            option_attrs = dict(base)
            if widget_id:
                option_attrs["id"] = self.id_for_label(widget_id, str(index))
            if text in chosen:
                option_attrs["checked"] = True
            label_for = f' for="{escape(option_attrs["id"])}"' if "id" in option_attrs else ""
            options.append(
                f'<div>\n    <label{label_for}><input type="checkbox" name="{escape(name)}"'
                f' value="{escape(text)}"{flat_attrs(option_attrs)}>\n'
                f" {conditional_escape(label)}</label>\n\n</div>"
            )
        opening = "<div"
        if widget_id:
            opening += f' id="{escape(widget_id)}"'
        if base.get("class"):
            opening += f' class="{escape(base["class"])}"'
        return mark_safe(f"{opening}>{''.join(options)}\n</div>")  # noqa: S308 - escaped above
