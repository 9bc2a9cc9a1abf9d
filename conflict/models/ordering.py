"""Indexes in the order the API sorts by, NULLS placement included."""

from typing import Any

from django.db import models
from django.db.models import OrderBy


class OrderedIndex(models.Index):
    """An index whose columns may carry NULLS FIRST/LAST: ``F("x").desc(nulls_last=True)``.

    PostgreSQL reads an index in order only when its NULLS placement matches the query's:
    the API sorts a nullable column ``DESC NULLS LAST`` (api/filters.py), which a plain
    ``DESC`` index (NULLS FIRST) cannot serve, so every row would be sorted for each page.
    SQLite's CREATE INDEX takes no NULLS clause; its ``DESC`` already puts nulls last (and
    its ``ASC`` first), so there the clause is left out and the planner reads the index for
    ``DESC NULLS LAST`` as it is.
    """

    def create_sql(
        self, model: type[models.Model], schema_editor: Any, using: str = "", **kwargs: Any
    ) -> Any:
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = self.clone()
        plain.expressions = tuple(_without_nulls(e) for e in plain.expressions)
        return super(OrderedIndex, plain).create_sql(model, schema_editor, using=using, **kwargs)


def _without_nulls(expression: Any) -> Any:
    if not isinstance(expression, OrderBy):
        return expression
    plain = expression.copy()
    plain.nulls_first = plain.nulls_last = None
    return plain
