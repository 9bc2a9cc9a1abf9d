"""Indexes for ?search=: pg_trgm GIN on PostgreSQL, FTS5 trigram tables on SQLite.

Plain SQL with no model state (conflict/search.py says why). On PostgreSQL this needs the
pg_trgm extension: if the database user may not create it, the migration stops with a
message saying what to run; it is not skipped.

The statements are frozen here, as conflict/search.py wrote them for the claims and
incidents tables when this migration was made: a later change there is a new migration.
"""

from django.db import DatabaseError, migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS conflict_claim_search USING fts5(text, quote, channel, content='conflict_claim', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS conflict_claim_search_ai AFTER INSERT ON conflict_claim BEGIN INSERT INTO conflict_claim_search(rowid, text, quote, channel) VALUES (new.id, new.text, new.quote, new.channel); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_claim_search_ad AFTER DELETE ON conflict_claim BEGIN INSERT INTO conflict_claim_search(conflict_claim_search, rowid, text, quote, channel) VALUES ('delete', old.id, old.text, old.quote, old.channel); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_claim_search_au AFTER UPDATE OF id, text, quote, channel ON conflict_claim WHEN old.id IS NOT new.id OR old.text IS NOT new.text OR old.quote IS NOT new.quote OR old.channel IS NOT new.channel BEGIN INSERT INTO conflict_claim_search(conflict_claim_search, rowid, text, quote, channel) VALUES ('delete', old.id, old.text, old.quote, old.channel); INSERT INTO conflict_claim_search(rowid, text, quote, channel) VALUES (new.id, new.text, new.quote, new.channel); END",
    "INSERT INTO conflict_claim_search(conflict_claim_search) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS conflict_incident_search USING fts5(title, description, date_text, content='conflict_incident', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS conflict_incident_search_ai AFTER INSERT ON conflict_incident BEGIN INSERT INTO conflict_incident_search(rowid, title, description, date_text) VALUES (new.id, new.title, new.description, new.date_text); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_incident_search_ad AFTER DELETE ON conflict_incident BEGIN INSERT INTO conflict_incident_search(conflict_incident_search, rowid, title, description, date_text) VALUES ('delete', old.id, old.title, old.description, old.date_text); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_incident_search_au AFTER UPDATE OF id, title, description, date_text ON conflict_incident WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.description IS NOT new.description OR old.date_text IS NOT new.date_text BEGIN INSERT INTO conflict_incident_search(conflict_incident_search, rowid, title, description, date_text) VALUES ('delete', old.id, old.title, old.description, old.date_text); INSERT INTO conflict_incident_search(rowid, title, description, date_text) VALUES (new.id, new.title, new.description, new.date_text); END",
    "INSERT INTO conflict_incident_search(conflict_incident_search) VALUES ('rebuild')",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS conflict_claim_search_ai",
    "DROP TRIGGER IF EXISTS conflict_claim_search_ad",
    "DROP TRIGGER IF EXISTS conflict_claim_search_au",
    "DROP TABLE IF EXISTS conflict_claim_search",
    "DROP TRIGGER IF EXISTS conflict_incident_search_ai",
    "DROP TRIGGER IF EXISTS conflict_incident_search_ad",
    "DROP TRIGGER IF EXISTS conflict_incident_search_au",
    "DROP TABLE IF EXISTS conflict_incident_search",
]

POSTGRESQL_CREATE = [
    'CREATE INDEX IF NOT EXISTS claim_text_trgm_idx ON conflict_claim USING gin (UPPER("text"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS claim_quote_trgm_idx ON conflict_claim USING gin (UPPER("quote"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS claim_channel_trgm_idx ON conflict_claim USING gin (UPPER("channel"::text) gin_trgm_ops)',
    "ANALYZE conflict_claim",
    'CREATE INDEX IF NOT EXISTS incident_title_trgm_idx ON conflict_incident USING gin (UPPER("title"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS incident_description_trgm_idx ON conflict_incident USING gin (UPPER("description"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS incident_date_text_trgm_idx ON conflict_incident USING gin (UPPER("date_text"::text) gin_trgm_ops)',
    "ANALYZE conflict_incident",
]

POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS claim_text_trgm_idx",
    "DROP INDEX IF EXISTS claim_quote_trgm_idx",
    "DROP INDEX IF EXISTS claim_channel_trgm_idx",
    "DROP INDEX IF EXISTS incident_title_trgm_idx",
    "DROP INDEX IF EXISTS incident_description_trgm_idx",
    "DROP INDEX IF EXISTS incident_date_text_trgm_idx",
]


def run(schema_editor, statements_by_vendor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in statements_by_vendor.get(connection.vendor, []):
            cursor.execute(statement)


def ensure_pg_trgm(schema_editor):
    """Install pg_trgm (trusted since PostgreSQL 13: CREATE on the database suffices), or
    stop saying who must: without the indexes a search at a million rows never answers."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            return
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as exc:
            raise RuntimeError(
                "The search indexes need the PostgreSQL extension pg_trgm, and this database "
                f"user could not create it ({exc}). Have a superuser run "
                "'CREATE EXTENSION pg_trgm;' in this database (or grant CREATE on it), "
                "then run migrate again."
            ) from exc


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        ensure_pg_trgm(schema_editor)
    run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def backwards(apps, schema_editor):
    run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0007_ordering_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
