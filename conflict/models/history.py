"""History of every change (django-simple-history), bulk operations included.

Saves and deletes are recorded by simple-history's signals, from the admin, the API or
code. ``QuerySet.update()``, ``bulk_create()`` and ``bulk_update()`` send no signals, so
:class:`RecordedQuerySet` records a historical row for each object they touch, and bumps
``updated_at`` on updates so incremental sync (``?updated_since=``) sees the change.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import get_m2m_field_name


def has_history(model: type[models.Model]) -> bool:
    """True for a tracked model (not for the historical models themselves)."""
    return hasattr(model._meta, "simple_history_manager_attribute")


def record_history(
    model: type[models.Model], objs: list[models.Model], update: bool, reason: str = ""
) -> None:
    """One historical row per object, with its many-to-many rows as simple-history keeps
    them on a save (bulk_history_create alone leaves those out, so a later diff would show
    the relations as changed)."""
    if not objs or not has_history(model):
        return
    records = (
        model.history.bulk_history_create(objs, update=update, default_change_reason=reason) or []
    )
    for field in model.history.model._history_m2m_fields:
        through = field.remote_field.through
        own = get_m2m_field_name(field)
        # simple-history names it after the through model ("HistoricalClaim_incidents").
        m2m_history = apps.get_model(
            model._meta.app_label, f"Historical{through._meta.object_name}"
        )
        # Column names ("incident_id"): a field's name would load each related row.
        names = [f.attname for f in through._meta.fields]
        rows: dict[int, list[models.Model]] = {}
        for row in through.objects.filter(**{f"{own}__in": [r.id for r in records]}):
            rows.setdefault(getattr(row, f"{own}_id"), []).append(row)
        m2m_history.objects.bulk_create(
            m2m_history(history=record, **{name: getattr(row, name) for name in names})
            for record in records
            for row in rows.get(record.id, [])
        )


def record_baselines(reason: str) -> int:
    """A "created" history entry for every row that has none (rows loaded from fixtures:
    loaddata saves raw, which simple-history skips). Returns how many were recorded."""
    recorded = 0
    for model in apps.get_app_config("conflict").get_models():
        if not has_history(model):
            continue
        with_history = model.history.values("id")
        missing = list(model._base_manager.exclude(pk__in=with_history))
        record_history(model, missing, update=False, reason=reason)
        recorded += len(missing)
    return recorded


class RecordedQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        if "updated_at" not in kwargs and any(
            f.name == "updated_at" for f in self.model._meta.concrete_fields
        ):
            kwargs["updated_at"] = timezone.now()
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            if pks:
                changed = list(self.model._base_manager.using(self.db).filter(pk__in=pks))
                record_history(self.model, changed, update=True)
        return count

    update.alters_data = True

    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> list:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            record_history(self.model, [obj for obj in created if obj.pk is not None], False)
        return created

    bulk_create.alters_data = True

    def bulk_update(
        self, objs: Iterable[models.Model], fields: Sequence[str], *args: Any, **kwargs: Any
    ) -> int:
        objs = list(objs)
        with transaction.atomic(using=self.db):
            count = super().bulk_update(objs, fields, *args, **kwargs)
            record_history(self.model, objs, update=True)
        return count

    bulk_update.alters_data = True


RecordedManager = models.Manager.from_queryset(RecordedQuerySet)
