"""Substring indexes behind ``?search=``: pg_trgm on PostgreSQL, FTS5 trigram on SQLite.

The API's search is "every word occurs, case-insensitively, as a substring of one of the
text fields" (DRF's ``icontains``). Without an index that is a scan of every row.

- PostgreSQL: a GIN trigram index on ``UPPER(col::text)`` per field serves exactly the SQL
  Django already emits for ``icontains`` (``UPPER("col"::text) LIKE UPPER(%s)``); the
  queries do not change.
- SQLite: an external-content FTS5 table with the trigram tokenizer over the fields, kept in
  step with its table by triggers (so ``bulk_create`` and ``queryset.update``, which send
  no signals, are covered); the query side (api/search.py) asks it with ``MATCH``.

Nothing here is model state: migrations 0008 and 0009 create it with plain SQL frozen from
these definitions, so ``makemigrations`` knows nothing of it; a test checks that the
registry below is what the migrations built (a change here needs a new migration).
"""

from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class TextIndex:
    """The text columns of one table that ``?search=`` looks in."""

    table: str
    columns: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return f"{self.table}_search"

    def trigger(self, event: str) -> str:
        return f"{self.fts_table}_{event}"

    def pg_index(self, column: str) -> str:
        return f"{self.table.removeprefix('conflict_')}_{column}_trgm_idx"

    # SQLite

    def sqlite_triggers(self) -> dict[str, str]:
        """CREATE TRIGGER statements by trigger name.

        An external-content FTS5 table forgets a row only when told its old values, so the
        delete and update triggers pass them; an update that leaves the columns alone (any
        ``save()`` of another field) does nothing.
        """
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        insert = f"INSERT INTO {self.fts_table}(rowid, {cols}) VALUES (new.id, {new});"
        delete = (
            f"INSERT INTO {self.fts_table}({self.fts_table}, rowid, {cols}) "
            f"VALUES ('delete', old.id, {old});"
        )
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in ("id", *self.columns))
        return {
            self.trigger("ai"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('ai')} AFTER INSERT ON {self.table} "
                f"BEGIN {insert} END"
            ),
            self.trigger("ad"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('ad')} AFTER DELETE ON {self.table} "
                f"BEGIN {delete} END"
            ),
            self.trigger("au"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('au')} "
                f"AFTER UPDATE OF id, {cols} ON {self.table} WHEN {changed} "
                f"BEGIN {delete} {insert} END"
            ),
        }

    def sqlite_create(self) -> list[str]:
        cols = ", ".join(self.columns)
        return [
            # case_sensitive 0 (the default) folds case across Unicode, not just ASCII.
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.fts_table} USING fts5({cols}, "
            f"content='{self.table}', content_rowid='id', tokenize='trigram')",
            *self.sqlite_triggers().values(),
            # Index the rows already there (the whole table: minutes at a million rows).
            f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')",
        ]

    def sqlite_drop(self) -> list[str]:
        return [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in self.sqlite_triggers()),
            f"DROP TABLE IF EXISTS {self.fts_table}",
        ]

    # PostgreSQL

    def pg_create(self) -> list[str]:
        # The expression must be the one Django's icontains writes, cast included.
        return [
            *(
                f"CREATE INDEX IF NOT EXISTS {self.pg_index(c)} ON {self.table} "
                f'USING gin (UPPER("{c}"::text) gin_trgm_ops)'
                for c in self.columns
            ),
            # Statistics on the indexed expressions: without them the planner guesses 100
            # rows for any word, and for a common one (100,000 rows) fetches and sorts them
            # all (0.5 s a page at a million) instead of walking the list's index.
            f"ANALYZE {self.table}",
        ]

    def pg_drop(self) -> list[str]:
        return [f"DROP INDEX IF EXISTS {self.pg_index(c)}" for c in self.columns]


# The tables and columns with an index; each must be exactly its view's ``search_fields``
# (api/search.py uses the index only then).
CLAIM = TextIndex("conflict_claim", ("text", "quote", "channel"))
INCIDENT = TextIndex("conflict_incident", ("title", "description", "date_text"))
ARTICLE = TextIndex("conflict_article", ("title", "publisher", "body"))
TEXT_INDEXES = {index.table: index for index in (CLAIM, INCIDENT, ARTICLE)}


def repair_sqlite_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Recreate missing triggers and reindex their tables; returns the tables repaired.

    On SQLite, a migration that alters a table rebuilds it (copy, drop, rename), and
    dropping a table drops its triggers: from then on the index would silently miss
    every change. Run after each migrate (conflict/apps.py).
    """
    if connection.vendor != "sqlite":
        return []
    repaired = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        for index in TEXT_INDEXES.values():
            if index.fts_table not in present:
                continue  # not migrated that far
            triggers = index.sqlite_triggers()
            if set(triggers) <= present:
                continue
            for statement in triggers.values():
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {index.fts_table}({index.fts_table}) VALUES ('rebuild')")
            repaired.append(index.table)
    return repaired
