"""Who sees which records: the public sees what editors published.

- Claims, incidents and losses carry a review status. Anonymous clients (and users who may
  not view a model's records) list published ones; ``?status=retracted`` (or
  ``published,retracted``) shows retracted ones too, each marked by its ``status``. A record
  fetched by its id or slug is shown when published or retracted: the client asked for it.
- Editors see every status and filter with ``?status=draft`` and so on.
- A loss stands on its claim (and its incident, if any): the public list leaves out a
  loss whose claim or incident is retracted unless the reader asks for ``retracted``.
- A filter naming a related record (``?incident=<slug>``) accepts only records the reader
  may fetch; a draft named by the public is "not found", like a name that does not exist.
- Nested summaries show only what the reader may see: a public claim never lists a draft
  loss, a draft incident or a link to a draft claim.

The rule itself is the domain's (conflict.visibility: :func:`~conflict.visibility.select`);
this module reads its inputs from a request: the reader of a model, and the statuses a list
asks for (``?status=``). A viewset selects its records in ``get_queryset`` (a
:class:`Reading`); :class:`StatusFilter` only documents ``?status=`` in the schema.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request

from conflict.visibility import (
    ALL,
    PUBLIC,
    PUBLIC_ON_REQUEST,
    PUBLIC_READER,
    RETRACTED,
    HiddenStatuses,
    Reader,
    is_reviewed,
    select,
)

from .permissions import is_editor

__all__ = [
    "ALL",
    "PUBLIC",
    "PUBLIC_LIST",
    "PUBLIC_ON_REQUEST",
    "RETRACTED",
    "Reading",
    "StatusFilter",
    "is_reviewed",
    "nameable",
    "nested_statuses",
    "reader_of",
    "reading",
    "requested_statuses",
]

STATUS_PARAM = "status"


def reader_of(request: Request | None, model: type[Model]) -> Reader:
    """The request's reader of ``model``'s records: an editor if they may view them all."""
    return Reader(editor=request is not None and is_editor(request, model))


def nested_statuses(request: Request | None, model: type[Model]) -> tuple[str, ...]:
    """The statuses of related records a reader may see inside another record."""
    return ALL if request is not None and is_editor(request, model) else PUBLIC


def requested_statuses(request: Request) -> list[str]:
    raw = request.query_params.get(STATUS_PARAM)
    if raw is None:
        return []
    wanted = [item.strip() for item in raw.split(",")]
    if "" in wanted:
        # Given empty (or with an empty item): most likely the client's unset variable.
        raise ValidationError(
            {STATUS_PARAM: ["Give one or more statuses, comma-separated, none of them empty."]},
            code="empty",
        )
    unknown = [item for item in wanted if item not in ALL]
    if unknown:
        raise ValidationError(
            {
                STATUS_PARAM: [
                    f"Unknown status {', '.join(map(repr, unknown))}; use {', '.join(ALL)}."
                ]
            },
            code="invalid_choice",
        )
    return list(dict.fromkeys(wanted))


@dataclass(frozen=True)
class Reading:
    """What one read selects, whoever asks (a request, or the data package for the public):
    the ``reader`` of the resource's model, the statuses of the records nested in (or
    counted for) each record, whether the records are listed (a list, its pages, an export)
    or one is fetched by id or slug, and the statuses a list asked for."""

    reader: Reader
    nested: tuple[str, ...]
    listing: bool
    statuses_requested: tuple[str, ...] = ()

    def select(self, queryset: QuerySet) -> QuerySet:
        """The records of ``queryset`` this reading may see (conflict.visibility.select)."""
        try:
            return select(
                queryset,
                self.reader,
                listing=self.listing,
                statuses_requested=self.statuses_requested,
            )
        except HiddenStatuses as exc:
            raise PermissionDenied({STATUS_PARAM: [exc.message]}) from None


# The whole public dataset, as the data package lists it.
PUBLIC_LIST = Reading(PUBLIC_READER, PUBLIC, listing=True)


def reading(
    request: Request, model: type[Model], nested: tuple[str, ...], *, listing: bool
) -> Reading:
    """The request's reading of ``model``'s records (``?status=`` read when ``listing``)."""
    wanted = requested_statuses(request) if listing and is_reviewed(model) else []
    return Reading(reader_of(request, model), nested, listing, tuple(wanted))


def nameable(request: Request | None, queryset: QuerySet) -> QuerySet:
    """The records a reader may name in a filter (``?incident=<slug>``): what they may fetch.

    A draft named by the public is "not found", exactly like a slug that does not exist, so
    the answer does not reveal that the draft exists.
    """
    return select(queryset, reader_of(request, queryset.model), listing=False)


class StatusFilter:
    """``?status=`` in the schema, in its place among the filters' parameters."""

    description = (
        "Review statuses (comma list). Default: published only. Anyone may ask for "
        "`retracted`; `draft` is for editors."
    )

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        # The viewset selected its records already (Reading.select in get_queryset); this
        # backend is where ``?status=`` is described, among the other filters' parameters.
        return queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if not is_reviewed(view.get_queryset().model):
            return []
        return [
            {
                "name": STATUS_PARAM,
                "required": False,
                "in": "query",
                "description": self.description,
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(ALL)},
                    "minItems": 1,
                },
                "style": "form",
                "explode": False,
            }
        ]
