"""Filter types shared by every resource, so each parameter behaves the same everywhere.

- lists are comma-separated (``?stance=asserts,denies``) and match any of their values; an
  empty list or item (``?stance=``, ``?stance=,denies``) is a 400, as the schema's
  ``minItems`` and item types say;
- related objects are named by slug or id (``?claimant=azerbaijan``; slugs always contain a
  letter, so all digits is an id);
- booleans are ``true``/``false`` (also 1/0, yes/no); given empty, neither;
- dates are ISO 8601 (``2020-10-08``) and date ranges are inclusive.

Every value that cannot be understood is a 400 naming the parameter: nothing is silently
ignored, since a dropped filter returns more rows than the client asked for.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Model, Q, QuerySet
from django_filters import rest_framework as filters
from django_filters.fields import BaseCSVField

from conflict.models.base import COUNTRY_CODE_PATTERN

from ..visibility import nameable, nested_statuses

MAX_ID = 2**63 - 1  # the largest id either database stores; larger cannot exist
ISO_DATE = ["%Y-%m-%d"]


def is_id(value: str) -> bool:
    return value.isascii() and value.isdigit()


class StrictBooleanField(forms.Field):
    """``true``/``false``; anything else is an error, not the silent "no filter" of Django's."""

    TRUE = frozenset({"true", "1", "yes"})
    FALSE = frozenset({"false", "0", "no"})

    def to_python(self, value: Any) -> bool | None:
        if value is None:
            return None  # not given
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Use true or false.", code="invalid")

    def validate(self, value: bool | None) -> None:
        # False is a value here, not an empty one.
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # django-filter's BooleanWidget turns an unknown value into "no filter"; read it raw.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class PresentDateField(forms.DateField):
    """A date that, once the parameter is given, must be there: ``?stated_before=`` is a 400.

    Absent, the widget gives None (no filter); given empty, "" is not a date.
    """

    def to_python(self, value: Any) -> Any:
        if value == "":
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DateFilter(filters.DateFilter):
    """An ISO 8601 date only: 10/08/2020 means different days in different countries."""

    field_class = PresentDateField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ISO_DATE)
        super().__init__(*args, **kwargs)


class NonEmptyCSVField(BaseCSVField):
    """A comma list with at least one item and no empty ones.

    ``?stance=,denies`` is most likely a client's unset variable: answering as if it were
    ``?stance=denies`` would hide the bug, so it is a 400 like any other bad value.
    """

    def clean(self, value: Any) -> Any:
        if value is not None and (not value or any(item.strip() == "" for item in value)):
            raise ValidationError(
                "Give one or more values, comma-separated, none of them empty.", code="empty"
            )
        return super().clean(value)


class InFilter(filters.BaseInFilter):
    """A comma list, matching any of its items."""

    base_field_class = NonEmptyCSVField


class ChoiceInFilter(InFilter, filters.ChoiceFilter):
    """A comma list of vocabulary values, e.g. ``?stance=asserts,denies``."""


class CharInFilter(InFilter, filters.CharFilter):
    """A comma list of exact strings, e.g. ``?language=en,ru``."""


class IdField(forms.IntegerField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdInFilter(InFilter, filters.NumberFilter):
    """A comma list of ids, e.g. ``?id=1,2,3``."""

    field_class = IdField


class CountryCodeField(forms.CharField):
    default_validators = [
        RegexValidator(COUNTRY_CODE_PATTERN, "Use an ISO 3166-1 alpha-2 code, e.g. AZ.")
    ]

    def to_python(self, value: Any) -> str:
        return super().to_python(value).upper()


class CountryInFilter(InFilter, filters.CharFilter):
    """A comma list of ISO 3166-1 alpha-2 codes, any case, e.g. ``?country=AZ,am``."""

    field_class = CountryCodeField


class RelatedCSVField(NonEmptyCSVField):
    """A comma list of slugs or ids, resolved in one query to the primary keys they name."""

    def __init__(
        self, *args: Any, queryset: QuerySet | None = None, to_field_name: str | None = "slug", **kw
    ) -> None:
        self.queryset = queryset
        self.to_field_name = to_field_name
        super().__init__(*args, **kw)

    def clean(self, value: Any) -> list[int] | None:
        values = super().clean(value)
        if not values:
            return values
        wanted = list(dict.fromkeys(values))
        ids = {int(v) for v in wanted if is_id(v) and int(v) <= MAX_ID}
        slugs = {v for v in wanted if not is_id(v)}
        if slugs and self.to_field_name is None:
            raise ValidationError("Use ids (whole numbers).", code="invalid")
        match = Q(pk__in=ids)
        if slugs:
            match |= Q(**{f"{self.to_field_name}__in": slugs})
        fields = ["pk"] + ([self.to_field_name] if self.to_field_name else [])
        found = list(self.queryset.filter(match).values_list(*fields))
        known = {str(row[0]) for row in found} | {row[-1] for row in found}
        missing = [v for v in wanted if v not in known]
        if missing:
            raise ValidationError(
                "Not found: %(missing)s.",
                code="invalid_choice",
                params={"missing": ", ".join(missing)},
            )
        return [row[0] for row in found]


class RelatedInFilter(filters.BaseInFilter, filters.Filter):
    """Rows related to any of the named objects: ``?claimant=azerbaijan,armenia``.

    ``many=True`` is for many-to-many and reverse relations: it filters through a subquery,
    so a row related to two of the named objects appears once, without DISTINCT. ``through``
    names a reviewed relation the path crosses (``claims`` in ``claims__claimant``): only
    the related records the reader may see nested count, so a draft never makes a row match.
    """

    base_field_class = RelatedCSVField
    field_class = forms.CharField

    def __init__(
        self,
        *args: Any,
        queryset: QuerySet,
        to_field_name: str | None = "slug",
        many: bool = False,
        through: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.many = many
        self.through = through
        kwargs.update(queryset=queryset, to_field_name=to_field_name)
        super().__init__(*args, **kwargs)

    @property
    def field(self) -> forms.Field:
        if not hasattr(self, "_field"):
            # Per request (each FilterSet holds its own copy of its filters): the public
            # may name only the records it may see.
            request = getattr(getattr(self, "parent", None), "request", None)
            self.extra["queryset"] = nameable(request, self.extra["queryset"])
        return super().field

    def filter(self, qs: QuerySet, value: list[int] | None) -> QuerySet:
        if not value:
            return qs
        lookup = {f"{self.field_name}__in": value}
        if self.many:
            model: type[Model] = qs.model
            if self.through:
                # In the same filter() call, so the status is the matched record's own.
                related = model._meta.get_field(self.through).related_model
                request = getattr(getattr(self, "parent", None), "request", None)
                lookup[f"{self.through}__status__in"] = nested_statuses(request, related)
            return qs.filter(pk__in=model._base_manager.filter(**lookup).values("pk"))
        return qs.filter(**lookup)


def related_help(what: str, by: str = "slug or id") -> str:
    return f"{what}, by {by}; a comma list matches any of them. An unknown one is a 400."
