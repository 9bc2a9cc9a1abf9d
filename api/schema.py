"""OpenAPI generation: drf-spectacular's, plus the error responses every operation can give."""

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from .filtersets.lookups import NonEmptyCSVField
from .permissions import EditorsWriteOthersRead
from .serializers.errors import ErrorResponseSerializer

READ_ERRORS = {
    "400": OpenApiResponse(
        ErrorResponseSerializer,
        description="A query parameter has a bad value; each error's `attr` names it.",
    ),
    "401": OpenApiResponse(
        ErrorResponseSerializer,
        description="A bad token or session; send no credentials to read anonymously.",
    ),
    "404": OpenApiResponse(
        ErrorResponseSerializer,
        description="No such object, a page past the end (`attr` is `page`), or an unknown "
        "API version.",
    ),
    "406": OpenApiResponse(
        ErrorResponseSerializer, description="`format` or `Accept` names no known format."
    ),
}
THROTTLED = OpenApiResponse(
    ErrorResponseSerializer,
    description="Too many requests: wait the seconds in the `Retry-After` header.",
)
TOO_LARGE = OpenApiResponse(ErrorResponseSerializer, description="The body is too large.")
FORBIDDEN = OpenApiResponse(
    ErrorResponseSerializer,
    description="Editors only: drafts (`attr` is `status`) or a record's history.",
)


WRITE_ERRORS = {
    "400": OpenApiResponse(
        ErrorResponseSerializer,
        description="A field has a bad value (the model's own validation); `attr` names it.",
    ),
    "401": OpenApiResponse(
        ErrorResponseSerializer, description="No credentials: send `Authorization: Token ...`."
    ),
    "403": OpenApiResponse(
        ErrorResponseSerializer, description="The user may not change this kind of record."
    ),
    "409": OpenApiResponse(
        ErrorResponseSerializer,
        description="Other records depend on this one, or a concurrent change conflicts.",
    ),
}


PRECONDITION_ERRORS = {
    "412": OpenApiResponse(
        ErrorResponseSerializer,
        description="If-Match names an old version: someone changed the record since.",
    ),
    "428": OpenApiResponse(ErrorResponseSerializer, description="If-Match is missing."),
}
NOT_MODIFIED = OpenApiResponse(description="Not modified: If-None-Match names this version.")

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag of your copy: answered with a 304 (no body) while it is current.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version you edited (from a GET); a stale one is a 412.",
)
CHANGE_REASON = OpenApiParameter(
    "X-Change-Reason",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Why you make this change (at most 500 characters); kept in the history.",
)
DETAIL_WRITES = {"update", "partial_update", "destroy"}


class FilterExtension(DjangoFilterExtension):
    """django-filter's parameters, with the comma lists' limits: at least one item and no
    empty one, so the schema says what the API checks (``?stance=`` is a 400)."""

    priority = 1  # preferred over drf-spectacular's own extension for the same backend

    def resolve_filter_field(
        self, auto_schema: Any, model: Any, filterset_class: Any, field_name: str, filter_field: Any
    ) -> list[dict[str, Any]]:
        params = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if issubclass(filter_field.field_class, NonEmptyCSVField):
            for param in params:
                param["schema"]["minItems"] = 1
                items = param["schema"].get("items", {})
                if items.get("type") == "string" and "enum" not in items:
                    items["minLength"] = 1
        return params


class AutoSchema(openapi.AutoSchema):
    def get_auth(self) -> list[dict[str, list]]:
        # drf-spectacular marks anonymous access only for AllowAny/IsAuthenticatedOrReadOnly
        # by identity; our permission also lets anyone read.
        auths = super().get_auth()
        anonymous_reads = self.method in SAFE_METHODS and all(
            isinstance(permission, EditorsWriteOthersRead)
            for permission in self.view.get_permissions()
        )
        return [*auths, {}] if anonymous_reads and {} not in auths else auths

    def get_operation_id(self) -> str:
        # "claims_history", not drf-spectacular's "claims_history_list" (it is no list).
        operation_id = super().get_operation_id()
        if getattr(self.view, "action", None) == "history":
            return operation_id.removesuffix("_list")
        return operation_id

    def get_override_parameters(self) -> list[Any]:
        params = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if action == "retrieve":
            params.append(IF_NONE_MATCH)
        if action in DETAIL_WRITES:
            params.append(IF_MATCH)
        if action in DETAIL_WRITES or action == "create":
            params.append(CHANGE_REASON)
        return params

    def get_request_serializer(self) -> Any:
        # Writes take the resource's write serializer; responses stay the read one.
        write = getattr(self.view, "write_serializer_class", None)
        if write is not None and self.method in {"POST", "PUT", "PATCH"}:
            return write
        return super().get_request_serializer()

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        # drf-spectacular has no public hook for "responses every operation shares";
        # this is the one drf-standardized-errors uses too.
        responses = super()._get_response_bodies(direction=direction)
        if direction != "response":
            return responses
        shared = READ_ERRORS if self.method == "GET" else {**READ_ERRORS, **WRITE_ERRORS}
        action = getattr(self.view, "action", None)
        if action in DETAIL_WRITES:
            shared = {**shared, **PRECONDITION_ERRORS}
        if action == "retrieve":
            shared = {**shared, "304": NOT_MODIFIED}
        if action in {"list", "export", "history"}:
            shared = {**shared, "403": FORBIDDEN}
        shared = {**shared, "429": THROTTLED}
        if self.method in {"POST", "PUT", "PATCH"}:
            shared = {**shared, "413": TOO_LARGE}
        for code, response in shared.items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses
