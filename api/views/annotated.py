"""Querysets every read starts from, built once and cloned per request.

``with_contested()`` builds an Exists() subquery (for incidents, one nested in another):
about a millisecond of each list and detail request, for a queryset that depends only on
the review statuses the reader may see. A cached queryset is never evaluated; each request
gets a clone (``.all()``), which costs a fraction of building it.
"""

from collections.abc import Sequence

from django.db.models import Model, QuerySet

_built: dict[tuple[type[Model], tuple[str, ...] | None], QuerySet] = {}


def with_contested(model: type[Model], statuses: Sequence[str] | None) -> QuerySet:
    """``model.objects.with_contested(statuses)`` (None: every status counts), as a fresh clone."""
    key = (model, None if statuses is None else tuple(statuses))
    found = _built.get(key)
    if found is None:
        found = _built[key] = model.objects.with_contested(statuses)
    return found.all()
