from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from ..permissions import is_editor
from ..resources import resource


def detail_url(basename: str) -> serializers.HyperlinkedIdentityField:
    """The absolute, versioned URL of a resource's detail view (always by id: ids never change)."""
    return serializers.HyperlinkedIdentityField(
        view_name=f"{basename}-detail", lookup_url_kwarg=resource(basename).lookup
    )


class ReadModelSerializer(serializers.ModelSerializer):
    # A representation for reading: every field is read-only, so the schema marks each one as
    # always present. Writes will get their own serializers beside these.

    def get_extra_kwargs(self) -> dict[str, dict]:
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def include_extra_kwargs(self, kwargs: dict, extra_kwargs: dict) -> dict:
        # DRF drops allow_blank from read-only fields, but "" is still a value a client
        # receives (a place without a point has precision ""): keep it in the schema.
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank:
            kwargs["allow_blank"] = True
        return kwargs


class RefuseUnknownFieldsMixin:
    """A write naming a field the serializer does not take is a 400 naming it.

    DRF drops such keys silently, so a typo (``"nmae"``) or a field the server sets
    (``"id"``, ``"created_at"``) would look accepted while nothing was kept.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            errors = self.unknown_field_errors(data)
            if errors:
                raise serializers.ValidationError(errors, code="unknown_field")
        return super().to_internal_value(data)

    def unknown_field_errors(self, data: dict[str, Any]) -> dict[str, list[ErrorDetail]]:
        writable = {name for name, field in self.fields.items() if not field.read_only}
        shown = self.read_field_names()
        errors = {}
        for name in data:
            if name in writable:
                continue
            if name in shown or name in self.fields:
                message = "This field is read-only: the server sets it; leave it out."
                errors[name] = [ErrorDetail(message, code="read_only")]
            else:
                accepted = ", ".join(sorted(writable))
                message = f"Unknown field. Accepted fields: {accepted}."
                errors[name] = [ErrorDetail(message, code="unknown_field")]
        return errors

    def read_field_names(self) -> set[str]:
        """The fields a read of this resource shows (the view's read serializer)."""
        view = self.context.get("view")
        if view is None or not hasattr(view, "get_serializer_class"):
            return set()
        return set(view.get_serializer_class()().fields)


class EditorsOnlyMixin:
    """A field whose value only editors of the record's model see; the public gets null.

    How sure the extractor was of a draft, and why, is review bookkeeping: an editor sorts
    and checks drafts by it, a reader would take it for a rating of the published record.
    """

    def get_attribute(self, instance: Any) -> Any:
        request = self.context.get("request")
        if request is None or not is_editor(request, type(instance)):
            return None
        return super().get_attribute(instance)


class ExtractionConfidenceField(EditorsOnlyMixin, serializers.FloatField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            "Editors only (null for the public): 0-1, how sure the extraction rule that "
            "drafted this record was; null for a record made by hand.",
        )
        super().__init__(read_only=True, allow_null=True, **kwargs)


class ExtractionEvidenceField(EditorsOnlyMixin, serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            "Editors only (null for the public): the rule or match that drafted this record; "
            "empty for a record made by hand.",
        )
        super().__init__(read_only=True, allow_null=True, allow_blank=True, **kwargs)
