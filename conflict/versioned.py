"""The data version, and results kept per data version.

The *data version* is a digest that changes with every write a reader could notice: each
table's greatest id (a new row) and latest ``updated_at`` (an edit), and each history table's
greatest id (every save, delete, bulk change and m2m change through the ORM adds a history
row, deletions included). Each is its own indexed ``MAX`` query (a ``COUNT`` would read every
row). The data package (api/exports/package_cache.py) is built once per version; the
aggregates over the whole record (tolls, incident counts) are kept per version here, so a
write makes the next request compute them afresh and no reader ever gets a stale answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Max, Model, QuerySet

T = TypeVar("T")

# How long a result stays in the cache. A new data version makes an entry unreachable
# long before; this only bounds what an unused entry costs. 0 turns the cache off.
AGGREGATE_CACHE_SECONDS = 24 * 3600


def cache_seconds() -> int:
    """How long a result is kept (settings.AGGREGATE_CACHE_SECONDS); 0: not at all."""
    return int(getattr(settings, "AGGREGATE_CACHE_SECONDS", AGGREGATE_CACHE_SECONDS))


def version_tables() -> list[type[Model]]:
    """Every table of the record, their history, and the m2m tables."""
    models = list(apps.get_app_config("conflict").get_models(include_auto_created=True))
    return sorted(models, key=lambda model: model._meta.db_table)


def is_history(model: type[Model]) -> bool:
    return hasattr(model, "instance_type")  # simple-history's historical models have it


def data_version() -> str:
    """A digest that changes whenever a row a reader could see changes (module docstring)."""
    parts = []
    for model in version_tables():
        manager = model._base_manager
        top = manager.aggregate(top=Max("pk"))["top"]
        updated = None
        if not is_history(model) and any(
            f.name == "updated_at" for f in model._meta.concrete_fields
        ):
            updated = manager.aggregate(updated=Max("updated_at"))["updated"]
        parts.append([model._meta.db_table, top, str(updated)])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:20]


def query_key(queryset: QuerySet) -> str:
    """The query a queryset runs (SQL and parameters, and its database), as a digest."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        sql, params = "EMPTY", ()
    database = connections[queryset.db].settings_dict["NAME"]
    return hashlib.sha256(f"{database}|{sql}|{params!r}".encode()).hexdigest()[:32]


def per_version(name: str, key: str, compute: Callable[[], T], version: str | None = None) -> T:
    """``compute()``'s result, computed once per data version for this ``name`` and ``key``.

    ``key`` must name everything the result depends on besides the data: the query (with the
    reader's visibility in it, query_key) and any argument. The version is read before
    computing, so a write landing during the computation files the result under the old
    version, never a stale result under the new one. ``version``: the data version when the
    caller has read it already (a request keeping several results reads it once).
    """
    seconds = cache_seconds()
    if not seconds:
        return compute()
    entry = f"aggregate:{name}:{version or data_version()}:{key}"
    found: Any = cache.get(entry)
    if found is not None:
        return found
    result = compute()
    cache.set(entry, result, seconds)
    return result
