"""What editors send: one write serializer per resource, validated exactly like the admin.

Each runs the model's ``full_clean()`` (field validators, ``clean()``, unique fields and the
database constraints) on the object as it would be saved, so a write the admin would refuse
is a 400 here with the same message on the same field. Related objects are named by id.
Responses use the read serializers.
"""

import copy
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Model
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.utils import model_meta

from conflict.admin.common import incidents_backed_only_by
from conflict.models import Actor, Article, Claim, Incident, Loss, Place

from .fields import RefuseUnknownFieldsMixin


def field_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A model's ValidationError as DRF field errors (``__all__`` -> non_field_errors)."""
    if not hasattr(exc, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name: messages
        for name, messages in exc.message_dict.items()
    }


# The JSON type each kind of field takes. DRF also takes "5" for an integer, 0 for a string
# or "yes" for a boolean; the schema promises the JSON types, and a client sending another
# type has a bug it should hear about.
JSON_TYPES: tuple[tuple[type[serializers.Field], tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.IntegerField, (int,), "an integer"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.PrimaryKeyRelatedField, (int,), "an id (an integer)"),
)


def json_type_error(field: serializers.Field, value: Any) -> str | None:
    """Why ``value`` is not of the JSON type ``field`` takes; None when it is (or is null)."""
    if value is None:
        return None  # null is the field's own business (allow_null)
    for kind, types, name in JSON_TYPES:
        if isinstance(field, kind):
            wrong = not isinstance(value, types) or (isinstance(value, bool) and bool not in types)
            return f"Must be {name}, not {type(value).__name__}." if wrong else None
    return None


class WriteModelSerializer(RefuseUnknownFieldsMixin, serializers.ModelSerializer):
    """Validates by building the object as it would be saved and calling ``full_clean()``."""

    # Fields the model's clean() fills in (offsets found from a pasted quote...): carried
    # from the cleaned object into the saved one.
    computed_fields: tuple[str, ...] = ()

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[type, dict]:
        # Integer bounds come from the database (SQLite's are 64-bit, PostgreSQL's 32-bit);
        # the standard SQL ranges make writes, and the schema, the same on both.
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.IntegerField):
            ranges = BaseDatabaseOperations.integer_field_ranges
            low, high = ranges.get(model_field.get_internal_type(), (None, None))
            if high is not None:
                kwargs["max_value"] = min(kwargs.get("max_value", high), high)
                kwargs["min_value"] = max(kwargs.get("min_value", low), low)
        return field_class, kwargs

    def candidate(self, attrs: dict[str, Any]) -> Model:
        """The object as it would be saved: the stored one with the new values applied."""
        model = self.Meta.model
        many = {f.name for f in model._meta.many_to_many} | {
            r.get_accessor_name() for r in model._meta.related_objects
        }
        obj = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many:
                setattr(obj, name, value)
        return obj

    def create(self, validated_data: dict[str, Any]) -> Model:
        # DRF's create() would go through Manager.create(); building the object here lets
        # the change reason ride along into its first history record.
        model = self.Meta.model
        info = model_meta.get_field_info(model)
        many = {
            name: validated_data.pop(name)
            for name, relation in info.relations.items()
            if relation.to_many and name in validated_data
        }
        instance = model(**validated_data)
        self.mark_reason(instance)
        instance.save()
        for name, value in many.items():
            self.set_many(instance, name, value)
        return instance

    def update(self, instance: Model, validated_data: dict[str, Any]) -> Model:
        self.mark_reason(instance)
        info = model_meta.get_field_info(self.Meta.model)
        many = {
            name: validated_data.pop(name)
            for name, relation in info.relations.items()
            if relation.to_many and name in validated_data
        }
        instance = super().update(instance, validated_data)
        for name, value in many.items():
            self.set_many(instance, name, value)
        return instance

    def mark_reason(self, instance: Model) -> None:
        """The editor's reason (``X-Change-Reason``), kept in the history record."""
        reason = self.context.get("change_reason")
        if reason:
            instance._change_reason = reason

    def set_many(self, instance: Model, name: str, value: list[Model]) -> None:
        getattr(instance, name).set(value)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            # Both kinds at once: a client posting back a read representation hears about
            # its read-only fields as well as the nested objects.
            errors = {**self.unknown_field_errors(data), **self.json_type_errors(data)}
            if errors:
                raise serializers.ValidationError(errors, code="invalid")
        return super().to_internal_value(data)

    def json_type_errors(self, data: dict[str, Any]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for name, field in self.fields.items():
            if field.read_only or name not in data:
                continue
            value = data[name]
            if isinstance(field, serializers.ManyRelatedField):
                # DRF takes any iterable, so {} or {"1": ...} would pass as a list of keys.
                if not isinstance(value, list):
                    problems = [f"Must be a list, not {type(value).__name__}."]
                else:
                    problems = [json_type_error(field.child_relation, item) for item in value]
            else:
                problems = [json_type_error(field, value)]
            if any(problems):
                errors[name] = [next(problem for problem in problems if problem)]
        return errors

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        obj = self.candidate(attrs)
        try:
            obj.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(field_errors(exc)) from exc
        for name in self.computed_fields:
            attrs[name] = getattr(obj, name)
        return attrs


class ArticleWriteSerializer(WriteModelSerializer):
    computed_fields = ("publisher", "source_url", "body_sha256")

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "title_is_editorial",
            "publisher",
            "source_url",
            "published_on",
            "published_on_inferred",
            "language",
            "body",
            "notes",
        ]


class ActorWriteSerializer(WriteModelSerializer):
    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "country",
            "parent",
            "aliases",
            "role",
            "wikidata_id",
            "notes",
        ]


class PlaceWriteSerializer(WriteModelSerializer):
    class Meta:
        model = Place
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "country",
            "parent",
            "latitude",
            "longitude",
            "precision",
            "aliases",
            "wikidata_id",
            "notes",
        ]


class IncidentWriteSerializer(WriteModelSerializer):
    claims = serializers.PrimaryKeyRelatedField(
        many=True,
        allow_empty=False,
        queryset=Claim.objects.all(),
        help_text="Ids of the claims about this incident: at least one backs it.",
    )

    def set_many(self, instance: Model, name: str, value: list[Model]) -> None:
        if name != "claims":
            return super().set_many(instance, name, value)
        # Through each claim, so the change lands in that claim's history (its incidents).
        wanted = {claim.pk for claim in value}
        current = set(instance.claims.values_list("pk", flat=True))
        for claim in Claim.objects.filter(pk__in=wanted ^ current):
            self.mark_reason(claim)
            if claim.pk in wanted:
                claim.incidents.add(instance)
            else:
                claim.incidents.remove(instance)
        return None

    class Meta:
        model = Incident
        fields = [
            "slug",
            "title",
            "kind",
            "description",
            "occurred_on",
            "occurred_until",
            "date_precision",
            "date_text",
            "places",
            "claims",
            "notes",
            "status",
        ]


class ClaimWriteSerializer(WriteModelSerializer):
    """A claim, by pasting its quote: the offsets are found unless both are given."""

    computed_fields = ("span_start", "span_end")

    class Meta:
        model = Claim
        fields = [
            "article",
            "claimant",
            "stance",
            "category",
            "text",
            "quote",
            "span_start",
            "span_end",
            "is_direct_quote",
            "channel",
            "channel_actor",
            "stated_on",
            "stated_on_inferred",
            "incidents",
            "notes",
            "status",
        ]
        extra_kwargs = {
            "span_start": {
                "required": False,
                "help_text": "Offset of the quote in the body; leave out (with span_end) to "
                "have it found. A quote found more than once needs the offsets.",
            },
            "span_end": {"required": False, "help_text": "Offset just past the quote."},
        }

    def candidate(self, attrs: dict[str, Any]) -> Model:
        obj = super().candidate(attrs)
        quote_changed = "quote" in attrs or "article" in attrs
        if quote_changed and "span_start" not in attrs and "span_end" not in attrs:
            # A new quote without offsets is pasted text: find it, as the admin does.
            obj.span_start = obj.span_end = None
        return obj

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None and "incidents" in attrs:
            dropped = {i.pk for i in self.instance.incidents.all()} - {
                i.pk for i in attrs["incidents"]
            }
            orphans = incidents_backed_only_by([self.instance.pk], among=dropped)
            if orphans:
                names = ", ".join(str(i) for i in orphans)
                raise serializers.ValidationError(
                    {"incidents": [f"This claim is the only one backing {names}; keep it."]}
                )
        return attrs


class LossWriteSerializer(WriteModelSerializer):
    class Meta:
        model = Loss
        fields = [
            "claim",
            "incident",
            "side",
            "category",
            "population",
            "equipment",
            "count_low",
            "count_best",
            "count_high",
            "qualifier",
            "count_text",
            "period_start",
            "period_end",
            "cumulative",
            "notes",
            "status",
        ]
