"""Indexes for ?search=: pg_trgm GIN on PostgreSQL, FTS5 trigram tables on SQLite.

Plain SQL with no model state (conflict/search.py says why). On PostgreSQL this needs the
pg_trgm extension: if the database user may not create it, the migration stops with a
message saying what to run; it is not skipped.
"""

from django.db import migrations

from conflict.search import TextIndex, create_indexes, drop_indexes

# Frozen here: a later change to the registry in conflict/search.py is a new migration.
INDEXES = [
    TextIndex("conflict_claim", ("text", "quote", "channel")),
    TextIndex("conflict_incident", ("title", "description", "date_text")),
]


def forwards(apps, schema_editor):
    create_indexes(schema_editor.connection, INDEXES)


def backwards(apps, schema_editor):
    drop_indexes(schema_editor.connection, INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0007_ordering_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
