"""The filter forms' widgets write exactly the HTML of Django's own, without its templates."""

import pytest
from django import forms
from django.utils.safestring import SafeString

from newsroom import widgets

CHOICES = [("", "Any"), ("a", "A & <B>"), ("b", "B"), (3, "Three"), ("quote\"'", "Q")]


def pair(fast, slow, **kwargs):
    return fast(choices=CHOICES, **kwargs), slow(choices=CHOICES, **kwargs)


@pytest.mark.parametrize(
    ("fast", "slow"),
    [
        (widgets.Select, forms.Select),
        (widgets.CheckboxSelectMultiple, forms.CheckboxSelectMultiple),
    ],
)
@pytest.mark.parametrize("value", [None, "", "a", ["b", "3"], ["a", "a"], "missing", 3])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_tag"},
        {"id": "id_tag", "aria-invalid": "true", "aria-describedby": "id_tag_error"},
        {"class": "x", "id": "id_tag", "disabled": True, "hidden": False},
    ],
)
def test_renders_like_django(fast, slow, value, attrs):
    mine, django = pair(fast, slow)
    html = mine.render("tag", value, attrs)
    assert html == django.render("tag", value, attrs)
    assert mine.render("{a}", value, attrs) == django.render("{a}", value, attrs)
    assert isinstance(html, SafeString)


def test_multiple_select_renders_like_django():
    mine, django = pair(widgets.Select, forms.SelectMultiple)
    mine.allow_multiple_selected = True
    assert mine.render("tag", ["a", "b"], {"id": "x"}) == django.render(
        "tag", ["a", "b"], {"id": "x"}
    )


def test_option_groups_fall_back_to_django():
    grouped = [("", "Any"), ("Group", [("a", "A"), ("b", "B")])]
    assert widgets.Select(choices=grouped).render("g", "a") == forms.Select(choices=grouped).render(
        "g", "a"
    )


def test_bound_fields_with_errors_render_like_django():
    class Form(forms.Form):
        one = forms.ChoiceField(choices=CHOICES, widget=widgets.Select)
        many = forms.MultipleChoiceField(choices=CHOICES, widget=widgets.CheckboxSelectMultiple)

    class DjangoForm(forms.Form):
        one = forms.ChoiceField(choices=CHOICES)
        many = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)

    data = {"one": "nope", "many": ["a", "nope"]}
    mine, django = Form(data), DjangoForm(data)
    assert not mine.is_valid() and not django.is_valid()
    assert str(mine["one"]) == str(django["one"])
    assert str(mine["many"]) == str(django["many"])
