"""Review status in the admin: shown, filtered, and changed in bulk by actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from ..drafts import publish_blockers
from ..models.base import published_dependents
from ..models.choices import ReviewStatus

REVIEW_FIELDSET = ("Review", {"fields": ("status",)})


def set_status(
    request: HttpRequest, queryset: QuerySet, status: str, reason: str
) -> tuple[int, list[str]]:
    """Save each record with its new status, so each change is in its history with who/why.

    One save per record rather than ``queryset.update()``: an update bypasses the signals
    that record history. A record that names a draft (a claim whose claimant is a draft
    actor...) is not published, and one that published records name is not returned to
    draft; the reasons are returned for the editor.
    """
    changed, blocked = 0, []
    # of=self: the changelist joins nullable relations, which PostgreSQL cannot lock.
    with transaction.atomic():
        selected = list(queryset.select_for_update(of=("self",)).exclude(status=status))
        waiting: dict[Any, list[str]] = {}
        if status == ReviewStatus.PUBLISHED:
            waiting = publish_waits(selected)
        for obj in selected:
            if obj in waiting:
                blocked += [f"{obj}: {why}" for why in waiting[obj]]
                continue
            if status == ReviewStatus.DRAFT:
                named_by = published_dependents(obj)
                if named_by:
                    blocked.append(f"{obj}: published records name it: {'; '.join(named_by)}")
                    continue
            obj.status = status
            obj._history_user = request.user
            obj._change_reason = reason
            obj.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed, blocked


def publish_waits(selected: list[Any]) -> dict[Any, list[str]]:
    """Why each record of a batch cannot be published: the selected records may name each
    other (conflict.rules ``together``), until one of them turns out blocked itself."""
    ready, waiting = list(selected), {}
    while True:
        found = {obj: publish_blockers(obj, ready) for obj in ready}
        stuck = {obj: why for obj, why in found.items() if why}
        if not stuck:
            return waiting
        waiting.update(stuck)
        ready = [obj for obj in ready if obj not in stuck]


# What the bulk actions' messages say was done.
DONE = {
    ReviewStatus.PUBLISHED: "published",
    ReviewStatus.RETRACTED: "retracted",
    ReviewStatus.DRAFT: "returned to draft",
}


class ReviewAdminMixin:
    """For the models with a review status (claims, incidents, losses)."""

    actions = ("publish", "retract", "return_to_draft")

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        return (*super().get_list_display(request), "status")

    def get_list_filter(self, request: HttpRequest) -> tuple[Any, ...]:
        return ("status", *super().get_list_filter(request))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fieldsets = list(super().get_fieldsets(request, obj))
        return [REVIEW_FIELDSET, *fieldsets]

    def _bulk_status(self, request: HttpRequest, queryset: QuerySet, status: str) -> None:
        label = ReviewStatus(status).label.lower()
        done = DONE[status]
        changed, blocked = set_status(request, queryset, status, f"Bulk action: {label}")
        records = "record" if changed == 1 else "records"
        self.message_user(
            request, f"{changed} {records} {done}.", messages.SUCCESS if changed else messages.INFO
        )
        for reason in blocked:
            self.message_user(request, f"Not {done}: {reason}", messages.WARNING)

    @admin.action(description="Publish the selected records", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_status(request, queryset, ReviewStatus.PUBLISHED)

    @admin.action(description="Retract the selected records", permissions=["change"])
    def retract(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_status(request, queryset, ReviewStatus.RETRACTED)

    @admin.action(description="Return the selected records to draft", permissions=["change"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._bulk_status(request, queryset, ReviewStatus.DRAFT)
