"""The ?search= index of 0008 for articles (title, publisher, body): at a million claims
(18,000 articles, 75 MB of text) a search read every body, 2 s a page on PostgreSQL.

The statements are frozen here, as conflict/search.py wrote them when this migration was
made (pg_trgm is installed by 0008)."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS conflict_article_search USING fts5(title, publisher, body, content='conflict_article', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS conflict_article_search_ai AFTER INSERT ON conflict_article BEGIN INSERT INTO conflict_article_search(rowid, title, publisher, body) VALUES (new.id, new.title, new.publisher, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_article_search_ad AFTER DELETE ON conflict_article BEGIN INSERT INTO conflict_article_search(conflict_article_search, rowid, title, publisher, body) VALUES ('delete', old.id, old.title, old.publisher, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS conflict_article_search_au AFTER UPDATE OF id, title, publisher, body ON conflict_article WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.publisher IS NOT new.publisher OR old.body IS NOT new.body BEGIN INSERT INTO conflict_article_search(conflict_article_search, rowid, title, publisher, body) VALUES ('delete', old.id, old.title, old.publisher, old.body); INSERT INTO conflict_article_search(rowid, title, publisher, body) VALUES (new.id, new.title, new.publisher, new.body); END",
    "INSERT INTO conflict_article_search(conflict_article_search) VALUES ('rebuild')",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS conflict_article_search_ai",
    "DROP TRIGGER IF EXISTS conflict_article_search_ad",
    "DROP TRIGGER IF EXISTS conflict_article_search_au",
    "DROP TABLE IF EXISTS conflict_article_search",
]

POSTGRESQL_CREATE = [
    'CREATE INDEX IF NOT EXISTS article_title_trgm_idx ON conflict_article USING gin (UPPER("title"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS article_publisher_trgm_idx ON conflict_article USING gin (UPPER("publisher"::text) gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS article_body_trgm_idx ON conflict_article USING gin (UPPER("body"::text) gin_trgm_ops)',
    "ANALYZE conflict_article",
]

POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS article_title_trgm_idx",
    "DROP INDEX IF EXISTS article_publisher_trgm_idx",
    "DROP INDEX IF EXISTS article_body_trgm_idx",
]


def run(schema_editor, statements_by_vendor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in statements_by_vendor.get(connection.vendor, []):
            cursor.execute(statement)


def forwards(apps, schema_editor):
    run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def backwards(apps, schema_editor):
    run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0008_text_search"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
