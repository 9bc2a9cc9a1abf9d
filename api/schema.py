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
UNSUPPORTED = OpenApiResponse(
    ErrorResponseSerializer,
    description="The body is not JSON (send `Content-Type: application/json`).",
)
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
    description="Why you make this change (at most 500 characters); kept in the history. "
    "Send it as UTF-8, or percent-encoded in RFC 8187 form (`UTF-8''Fix%20%C3%A9`).",
)
DETAIL_WRITES = {"update", "partial_update", "destroy"}

# Response headers. A 200 or 201 that shows a record names its version like a GET does.
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    required=True,
    description="This version of the record: send it as `If-Match` to change the record, "
    "or as `If-None-Match` to read it again.",
)
LAST_MODIFIED = OpenApiParameter(
    "Last-Modified",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    required=True,
    description="When the record last changed (an HTTP date).",
)
VERSIONED_ANSWERS = {"retrieve", "update", "partial_update"}


def location(*codes: int, description: str) -> OpenApiParameter:
    """The ``Location`` response header, on the given status codes."""
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        response=list(codes),
        required=True,
        description=description,
    )


CREATED_LOCATION = location(201, description="The new record's URL (its detail).")


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


# Per action: a summary (a short title SDKs put on the method) and what the action adds to
# the resource's own description. {one}/{many} are the resource's names.
ACTIONS: dict[str, tuple[str, str]] = {
    "list": (
        "List {many}",
        "Filters combine with AND; a comma list (`?stance=asserts,denies`) matches any of its "
        "values; related records are named by slug. Numbered pages (`page`, `page_size` up "
        "to 500), or with `paginate=cursor` a walk in id order that follows `next`. "
        "`format` or `Accept` gives the page as CSV, NDJSON or another listed format "
        "(`/export/` streams every row).",
    ),
    "retrieve": (
        "Get one {one}",
        "The `ETag` header names this version: send it as `If-Match` to change the record, "
        "or as `If-None-Match` to get a 304 while your copy is current.",
    ),
    "create": (
        "Create {a_one}",
        "Editors only. Related records are given by id. Validated as the admin validates "
        "(the model's own checks); a bad field is a 400 naming it. The answer is the record "
        "as a GET shows it, with its `ETag` and `Location`.",
    ),
    "update": (
        "Replace {a_one}",
        "Editors only. Send every field, and `If-Match` with the ETag you read: without it "
        "428, with a stale one 412 (fetch again and redo the change).",
    ),
    "partial_update": (
        "Change fields of {a_one}",
        "Editors only. Send only the fields to change, and `If-Match` with the ETag you "
        "read: without it 428, with a stale one 412 (fetch again and redo the change).",
    ),
    "destroy": (
        "Delete {a_one}",
        "Editors only, with `If-Match` as for changes. A record that others still depend "
        "on is a 409. The deletion is listed by `/deletions/`.",
    ),
    "history": ("Get the history of {a_one}", ""),
    "export": ("Export {many}", ""),
}


def article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def errors_as_json(response: dict[str, Any], status_code: str) -> bool:
    """An error's body is JSON whatever format was asked for: keep only the JSON media type.
    True when the response was an error (nothing more to describe)."""
    content = response.get("content")
    if not content or status_code.startswith("2"):
        return False
    response["content"] = {"application/json": next(iter(content.values()))}
    return True


class AutoSchema(openapi.AutoSchema):
    def _resource_names(self) -> dict[str, str]:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        write = getattr(self.view, "write_serializer_class", None)
        if model is None and write is not None:
            model = write.Meta.model
        one = str(model._meta.verbose_name) if model is not None else "record"
        many = str(model._meta.verbose_name_plural) if model is not None else "records"
        return {"one": one, "many": many, "a_one": article(one)}

    def get_summary(self) -> str | None:
        action = getattr(self.view, "action", None)
        if action not in ACTIONS:
            return super().get_summary()
        return ACTIONS[action][0].format(**self._resource_names())

    def get_description(self) -> str:
        # The resource's docstring says what it is; the action's text how to use this call.
        own = super().get_description()
        action = getattr(self.view, "action", None)
        extra = ACTIONS[action][1] if action in ACTIONS else ""
        return "\n\n".join(part for part in (own, extra) if part)

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
        if action in VERSIONED_ANSWERS:
            params += [ETAG, LAST_MODIFIED]
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
            shared = {**shared, "413": TOO_LARGE, "415": UNSUPPORTED}
        for code, response in shared.items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses


def name_parameter_enums(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: a filter's choices refer to the vocabulary's named enum.

    drf-spectacular inlines a query parameter's choices, so SDK generators invent a type per
    parameter (`ClaimsListStanceItem`); a reference gives them the one `StanceEnum` the
    records use. A choice set that matches no enum, or more than one, stays inline.
    """
    components = result.get("components", {}).get("schemas", {})
    by_values: dict[frozenset, list[str]] = {}
    for name, component in components.items():
        if "enum" in component and component.get("type") == "string":
            by_values.setdefault(frozenset(component["enum"]), []).append(name)
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                holder = schema.get("items", schema) if schema.get("type") == "array" else schema
                names = by_values.get(frozenset(holder.get("enum", [])), [])
                if "enum" in holder and len(names) == 1:
                    ref = {"$ref": f"#/components/schemas/{names[0]}"}
                    if holder is schema:
                        parameter["schema"] = ref
                    else:
                        schema["items"] = ref
    return result


def hoist_optional_security(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """Postprocessing hook: "credentials optional" is said once, at the root.

    Reads accept a token or a session and work without either (`{}`); writes require one.
    Stating the reads' list once as the document's default, and only the writes' on their
    operations, is the same contract; openapi-python-client then types reads as taking a
    plain `Client`, not an `AuthenticatedClient` (it looks only at operation-level security).
    """
    operations = [
        operation for item in result.get("paths", {}).values() for operation in item.values()
    ]
    optional = [op["security"] for op in operations if {} in op.get("security", [])]
    if not optional or any(security != optional[0] for security in optional):
        return result  # the reads disagree: leave each operation's list as it is
    result["security"] = optional[0]
    for operation in operations:
        if operation.get("security") == optional[0]:
            del operation["security"]
    return result
