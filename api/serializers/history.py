"""A record's history as the API shows it: who changed what, when, and why."""

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class HistoryType(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"


HISTORY_TYPES = {"+": HistoryType.CREATED, "~": HistoryType.CHANGED, "-": HistoryType.DELETED}
# Bookkeeping, not an editor's change.
UNTRACKED = {"id", "created_at", "updated_at"}


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field's name, as in the resource.")
    # Any JSON value, null included (the schema's `{}`); output only, so no allow_null.
    old = serializers.JSONField(help_text="The value before; null on creation.")
    new = serializers.JSONField(help_text="The value after.")


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="history_id", help_text="The history entry's id.")
    date = serializers.DateTimeField(source="history_date")
    user = serializers.SerializerMethodField(help_text="Who made the change; null for code.")
    type = serializers.SerializerMethodField(help_text="Created, changed or deleted.")
    reason = serializers.CharField(
        source="history_change_reason", allow_null=True, help_text="Why, when it was given."
    )
    changes = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_user(self, record: Any) -> str | None:
        user = record.history_user
        return user.get_username() if user is not None else None

    @extend_schema_field(serializers.ChoiceField(choices=HistoryType.choices))
    def get_type(self, record: Any) -> str:
        return HISTORY_TYPES[record.history_type].value

    @extend_schema_field(FieldChangeSerializer(many=True))
    def get_changes(self, record: Any) -> list[dict[str, Any]]:
        return FieldChangeSerializer(changes_of(record), many=True).data


def changes_of(record: Any) -> list[dict[str, Any]]:
    """The fields this entry changed; on creation, every field given a value."""
    previous = record.prev_record
    if previous is None:
        names = [f.attname for f in record.instance_type._meta.concrete_fields]
        return [
            {"field": name.removesuffix("_id"), "old": None, "new": getattr(record, name)}
            for name in names
            if name not in UNTRACKED and getattr(record, name) not in (None, "", [], {})
        ]
    delta = record.diff_against(previous, excluded_fields=sorted(UNTRACKED))
    return [
        {"field": change.field, "old": plain(change.old), "new": plain(change.new)}
        for change in delta.changes
    ]


def plain(value: Any) -> Any:
    """A changed value as JSON can hold it (m2m changes are lists of through rows)."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return value
