"""History in the admin (django-simple-history): a reason on every change, revert, recover.

- Every change form has a "reason" field kept with the change in the record's history.
- The history page lists who changed what and why; opening a version and saving it
  reverts the record to it.
- "Deleted records" lists deleted records; saving a version of one recovers it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from ..models.history import has_history, record_history

REASON_FIELD = "change_reason"
REASON_FIELDSET = ("Why", {"fields": (REASON_FIELD,)})


class HistoryAdmin(SimpleHistoryAdmin):
    history_list_display = ["history_change_reason"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs):
        base = kwargs.get("form", self.form)
        reason = forms.CharField(
            required=False,
            max_length=500,
            label="Reason for this change",
            help_text="Optional; kept in the record's history with your name.",
        )
        kwargs["form"] = type(base.__name__, (base,), {REASON_FIELD: reason})
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [*super().get_fieldsets(request, obj), REASON_FIELDSET]

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        reason = form.cleaned_data.get(REASON_FIELD) or self.default_reason(request, obj)
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Inline rows (a claim's losses...) share the parent form's reason.
        reason = form.cleaned_data.get(REASON_FIELD)
        saved = formset.save(commit=False)
        for obj in saved:
            if reason:
                obj._change_reason = reason
            obj.save()
        for obj in formset.deleted_objects:
            if reason:
                obj._change_reason = reason
            obj.delete()
        formset.save_m2m()
        if formset.model._meta.auto_created:
            self.record_through_rows([*saved, *formset.deleted_objects], reason or "")

    def record_through_rows(self, rows: list[Model], reason: str) -> None:
        """Rows of an auto-created many-to-many table (an incident's backing claims) send
        no signals: record the change on the records at the other end, whose history
        tracks the relation (the claims' incidents)."""
        if not rows:
            return
        for field in rows[0]._meta.fields:
            other = field.related_model
            if not field.is_relation or other is self.model or not has_history(other):
                continue
            ids = {getattr(row, field.attname) for row in rows}
            other._base_manager.filter(pk__in=ids).update(updated_at=timezone.now())
            changed = list(other._base_manager.filter(pk__in=ids))
            record_history(other, changed, update=True, reason=reason)

    def default_reason(self, request: HttpRequest, obj: Model) -> str | None:
        match = request.resolver_match
        if match is None or not match.url_name.endswith("_simple_history"):
            return None
        if not type(obj)._base_manager.filter(pk=obj.pk).exists():
            return "Recovered after deletion"
        return "Reverted to an earlier version"

    # --- deleted records ---------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        info = self.model._meta.app_label, self.model._meta.model_name
        deleted = path(
            "deleted/",
            self.admin_site.admin_view(self.deleted_view),
            name="{}_{}_deleted".format(*info),
        )
        return [deleted, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra = {"deleted_url": reverse("admin:{}_{}_deleted".format(*info))}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def deleted_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        history = self.model.history
        still_there = self.model._base_manager.filter(pk=OuterRef("id"))
        records = (
            history.filter(history_type="-")
            .exclude(Exists(still_there))
            .select_related("history_user")
            .order_by("-history_date")
        )
        # One line per record: its latest deletion.
        latest: dict[int, Any] = {}
        for record in records:
            latest.setdefault(record.id, record)
        info = self.model._meta.app_label, self.model._meta.model_name
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "records": list(latest.values()),
            "changelist_url": "admin:{}_{}_changelist".format(*info),
            "history_url": "admin:{}_{}_history".format(*info),
        }
        return TemplateResponse(request, "admin/conflict/deleted_records.html", context)
