"""Search documents from each language's own columns, each with its own stemming.

The stored `search_document` (migration 0005) read the shared columns with both configurations.
Now English text (title_en, lead_en, body_en) is indexed with the English configuration and
Russian text (title_ru, …) with the Russian one, so "встреча" finds "встречи" and "meeting"
finds "meetings", and neither language's words are stemmed by the other's rules.
"""

from django.db import migrations

TABLES = [
    ("newsroom_article", "article_search_idx", "title", "lead", "body"),
    ("newsroom_event", "event_search_idx", "title", "summary", "description"),
]
LANGUAGES = {"en": "english", "ru": "russian"}


def _weighted(config, column, weight, html=False):
    text = f"coalesce({column}, '')"
    if html:
        text = f"regexp_replace({text}, '<[^>]*>', ' ', 'g')"
    return f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')"


def by_language(title, lead, body):
    return " || ".join(
        " || ".join(
            [
                _weighted(config, f"{title}_{code}", "A"),
                _weighted(config, f"{lead}_{code}", "B"),
                _weighted(config, f"{body}_{code}", "C", html=True),
            ]
        )
        for code, config in LANGUAGES.items()
    )


def shared(title, lead, body):
    return " || ".join(
        " || ".join(
            [
                _weighted(config, title, "A"),
                _weighted(config, lead, "B"),
                _weighted(config, body, "C", html=True),
            ]
        )
        for config in LANGUAGES.values()
    )


def _rebuild(schema_editor, expression):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index, *columns in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({expression(*columns)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def forwards(apps, schema_editor):
    _rebuild(schema_editor, by_language)


def backwards(apps, schema_editor):
    _rebuild(schema_editor, shared)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_translations"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
