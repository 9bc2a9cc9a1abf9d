"""Indexes for the aggregates: a page of toll series reads its figures by side x category x
population x equipment; the incident counts read status, kind and day from an index alone.

Then ANALYZE the two tables, so the planner of a database that already holds rows knows the
new indexes (SQLite has no statistics for an index until it is analysed).
"""

from django.db import migrations, models


def analyze(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for table in ("conflict_incident", "conflict_loss"):
            cursor.execute(f"ANALYZE {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0013_ingest_job"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                fields=["status", "kind", "occurred_on"], name="incident_status_kind_day_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="loss",
            index=models.Index(
                fields=["side", "category", "population", "equipment"], name="loss_series_idx"
            ),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
