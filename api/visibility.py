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
"""

from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request

from conflict.models.choices import ReviewStatus

from .permissions import is_editor

STATUS_PARAM = "status"
ALL = tuple(ReviewStatus.values)
PUBLIC = (ReviewStatus.PUBLISHED.value,)
RETRACTED = ReviewStatus.RETRACTED.value
PUBLIC_ON_REQUEST = (ReviewStatus.PUBLISHED.value, RETRACTED)


def is_reviewed(model: type[Model]) -> bool:
    return any(field.name == STATUS_PARAM for field in model._meta.concrete_fields)


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


def nameable(request: Request | None, queryset: QuerySet) -> QuerySet:
    """The records a reader may name in a filter (``?incident=<slug>``): what they may fetch.

    A draft named by the public is "not found", exactly like a slug that does not exist, so
    the answer does not reveal that the draft exists.
    """
    if not is_reviewed(queryset.model) or (
        request is not None and is_editor(request, queryset.model)
    ):
        return queryset
    return queryset.filter(status__in=PUBLIC_ON_REQUEST)


class StatusFilter:
    """A filter backend: applies the visibility rules above to reviewed models."""

    description = (
        "Review statuses (comma list). Default: published only. Anyone may ask for "
        "`retracted`; `draft` is for editors."
    )

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        if not is_reviewed(queryset.model):
            return queryset
        editor = is_editor(request, queryset.model)
        if getattr(view, "action", None) != "list":
            # A record asked for by id or slug: drafts stay hidden from the public.
            return queryset if editor else queryset.filter(status__in=PUBLIC_ON_REQUEST)
        wanted = requested_statuses(request)
        if not wanted:
            return queryset if editor else queryset.filter(status__in=PUBLIC)
        if not editor and not set(wanted) <= set(PUBLIC_ON_REQUEST):
            raise PermissionDenied({STATUS_PARAM: ["Drafts are visible to editors only."]})
        return queryset.filter(status__in=wanted)

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
