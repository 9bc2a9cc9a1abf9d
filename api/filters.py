"""Search and ordering backends: DRF's, made strict so a bad parameter is a 400 naming it."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Model, OrderBy, QuerySet
from rest_framework import filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from conflict.search import search

MAX_SEARCH_LENGTH = 400


class SearchFilter(filters.SearchFilter):
    """``?search=``: every word must occur (case-insensitively) in one of the text fields."""

    search_description = (
        "Words to look for in the text fields; every word must match. Quote a phrase "
        '("Ganja city") to match it whole.'
    )

    def get_search_terms(self, request: Request) -> list[str]:
        raw = request.query_params.get(self.search_param, "")
        if len(raw) > MAX_SEARCH_LENGTH:
            # Every word is a lookup over every text field: keep the work bounded.
            raise ValidationError(
                {self.search_param: [f"At most {MAX_SEARCH_LENGTH} characters."]},
                code="max_length",
            )
        try:
            return super().get_search_terms(request)
        except ValidationError as exc:
            # DRF reports the bad value (a NUL character) without saying which parameter.
            raise ValidationError({self.search_param: exc.detail}) from exc

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        fields = self.get_search_fields(view, request)
        if not fields or any(field[0] in self.lookup_prefixes for field in fields):
            return super().filter_queryset(request, queryset, view)
        # The domain's one search (the reader pages' too): the text index where one covers
        # these fields, else icontains, every term in one of the fields.
        return search(queryset, fields, self.get_search_terms(request))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = ", ".join(f"`{f.lstrip('^=@$')}`" for f in getattr(view, "search_fields", ()))
        params = super().get_schema_operation_parameters(view)
        for param in params:
            param["description"] = f"{self.search_description} Searched: {fields}."
            param["schema"] = {**param.get("schema", {}), "maxLength": MAX_SEARCH_LENGTH}
        return params


def nullable(model: type[Model], path: str) -> bool:
    """Whether the column ``path`` leads to may hold null (unknown paths: assume it may)."""
    try:
        *links, last = path.split("__")
        for link in links:
            relation = model._meta.get_field(link)
            if relation.null or not relation.is_relation:
                return True
            model = relation.related_model
        field = model._meta.get_field(last)
    except FieldDoesNotExist:
        return True
    return field.null


class OrderingFilter(filters.OrderingFilter):
    """``?ordering=a,-b`` over the view's whitelist; an unknown field is a 400.

    ``view.ordering_fields`` is a sequence of names, or a mapping from the name a client uses
    to the ORM path it sorts on. Empty values sort last on every database (SQLite and
    PostgreSQL disagree by default), and ``id`` always breaks ties so pages are stable.
    """

    ordering_description = "Sort by these fields, comma-separated; a leading '-' reverses one."

    def allowed(self, view: Any) -> dict[str, str]:
        fields: Sequence[str] | Mapping[str, str] = getattr(view, "ordering_fields", None) or ()
        if isinstance(fields, Mapping):
            return dict(fields)
        return {name: name for name in fields}

    def get_valid_fields(
        self, queryset: QuerySet, view: Any, context: dict | None = None
    ) -> list[tuple[str, str]]:
        return [(name, name) for name in self.allowed(view)]

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> list[str] | None:
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            default = self.get_default_ordering(view)
            return list(default) if default else None
        allowed = self.allowed(view)
        terms = [term.strip() for term in raw.split(",")]
        unknown = [term for term in terms if term.removeprefix("-") not in allowed]
        if unknown:
            choices = ", ".join(sorted(allowed))
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot sort by {', '.join(repr(t) for t in unknown)}; "
                        f"use {choices} (prefix '-' to reverse)."
                    ]
                },
                code="invalid_choice",
            )
        return terms

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        terms = self.get_ordering(request, queryset, view)
        if not terms:
            return queryset
        return ordered(queryset, terms, self.allowed(view))

    def list_order(self, queryset: QuerySet, view: Any) -> QuerySet:
        """``queryset`` in ``view``'s default order (a class will do): the list's order
        without ``?ordering=``."""
        terms = self.get_default_ordering(view)
        return ordered(queryset, list(terms), self.allowed(view)) if terms else queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        names = list(self.allowed(view))
        default = ", ".join(self.get_default_ordering(view) or ())
        description = self.ordering_description
        if default:
            description += f" Default: `{default}`."
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": description,
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [v for name in names for v in (name, f"-{name}")],
                    },
                },
                "style": "form",
                "explode": False,
            }
        ]


def ordered(queryset: QuerySet, terms: Sequence[str], allowed: Mapping[str, str]) -> QuerySet:
    """``queryset`` sorted by ``terms`` (names, a leading '-' reverses one; ``allowed`` maps a
    name to the ORM path it sorts on): empty values last, ``id`` breaking ties."""
    expressions: list[OrderBy] = []
    paths: set[str] = set()
    for term in terms:
        name = term.removeprefix("-")
        path = allowed.get(name, name)
        if path in paths:
            continue  # ordering=id,-id: the first one wins
        paths.add(path)
        field = F(path)
        # NULLS LAST only where a null can be: on a NOT NULL column it would stop SQLite
        # from reading an index in order (it sorts every matching row instead).
        nulls_last = True if nullable(queryset.model, path) else None
        expressions.append(
            field.desc(nulls_last=nulls_last)
            if term.startswith("-")
            else field.asc(nulls_last=nulls_last)
        )
    if "id" not in paths and "pk" not in paths:
        expressions.append(F("id").asc())
    return queryset.order_by(*expressions)
