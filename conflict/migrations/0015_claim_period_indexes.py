"""Indexes for a kind of claim or a claimant over a period, holding the columns the claims
list's default order reads, so a filtered page's ids and its count come from the index alone.

Then ANALYZE the claims, so the planner of a database that already holds rows knows the new
indexes (SQLite has no statistics for an index until it is analysed).
"""

from django.db import migrations, models


def analyze(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("ANALYZE conflict_claim")


class Migration(migrations.Migration):
    dependencies = [
        ("conflict", "0014_aggregate_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["category", "stated_on", "status", "article", "span_start", "id"],
                name="claim_category_period_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["claimant", "stated_on", "status", "article", "span_start", "id"],
                name="claim_claimant_period_idx",
            ),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
