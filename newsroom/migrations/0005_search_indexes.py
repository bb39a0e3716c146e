"""Full-text search documents for news and events on PostgreSQL (see newsroom/search.py).

Each table gets `search_document`, a stored generated tsvector of the title (weight A), the
lead/summary (B) and the body/description with its tags stripped (C), in both the English and
the Russian configuration, and a GIN index on it. A stored column rather than an expression
index: matching, counting and ranking then read the vector instead of parsing every body again
(a common word took ~14 s on 20,000 articles with an expression index, ~0.1 s this way).
The column is not a model field: PostgreSQL fills it, Django never writes it.
Other databases (SQLite) search by words without it: the migration does nothing on them.
"""

from django.db import migrations

CONFIGS = ("english", "russian")
TABLES = [
    ("newsroom_article", "article_search_idx", "title", "lead", "body"),
    ("newsroom_event", "event_search_idx", "title", "summary", "description"),
]


def vector_sql(title, lead, body):
    parts = [
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({title}, '')), 'A')"
        f" || setweight(to_tsvector('{config}'::regconfig, coalesce({lead}, '')), 'B')"
        f" || setweight(to_tsvector('{config}'::regconfig,"
        f" coalesce(regexp_replace({body}, '<[^>]*>', ' ', 'g'), '')), 'C')"
        for config in CONFIGS
    ]
    return " || ".join(parts)


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index, *columns in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_document tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(*columns)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_document)"
        )


def remove_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index, *_columns in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_roles"),
    ]

    operations = [
        migrations.RunPython(add_search_documents, remove_search_documents),
    ]
