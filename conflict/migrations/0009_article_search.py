"""The ?search= index of 0008 for articles (title, publisher, body): at a million claims
(18,000 articles, 75 MB of text) a search read every body, 2 s a page on PostgreSQL."""

from django.db import migrations

from conflict.search import TextIndex, create_indexes, drop_indexes

INDEXES = [TextIndex("conflict_article", ("title", "publisher", "body"))]


def forwards(apps, schema_editor):
    create_indexes(schema_editor.connection, INDEXES)


def backwards(apps, schema_editor):
    drop_indexes(schema_editor.connection, INDEXES)


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0008_text_search"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
