"""Small text helpers: slugs that work for Cyrillic and other scripts."""

from anyascii import anyascii
from django.db.models import Q
from django.utils.text import slugify

from .languages import codes, localized, translated_fields


def ascii_slugify(value: str, max_length: int = 80) -> str:
    """Slug in plain ASCII: 'Встреча в Алматы' -> 'vstrecha-v-almaty'."""
    slug = slugify(anyascii(value or ""))[:max_length].strip("-")
    return slug


def unique_slug(instance, value: str, field_name: str = "slug", max_length: int = 80) -> str:
    """A slug from `value` not yet taken by another row of the instance's model."""
    base = ascii_slugify(value, max_length) or instance._meta.model_name
    model = type(instance)
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    # Across every language's column: a slug names one item whichever language it is read in.
    columns = (
        [localized(field_name, code) for code in codes()]
        if field_name in translated_fields(model)
        else [field_name]
    )

    def taken(candidate):
        query = Q()
        for column in columns:
            query |= Q(**{column: candidate})
        return others.filter(query).exists()

    candidate, n = base, 2
    while taken(candidate):
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        n += 1
    return candidate
