from django import template

from .. import places

register = template.Library()


@register.simple_tag
def member_state(country):
    """The CARICC member state of a country field (its page: state.get_absolute_url), or None."""
    return places.member_state_of(country)
