"""OpenAPI generation: drf-spectacular's, plus the error responses every operation can give."""

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

from .serializers.errors import ErrorResponseSerializer

READ_ERRORS = {
    "400": OpenApiResponse(
        ErrorResponseSerializer,
        description="A query parameter has a bad value; each error's `attr` names it.",
    ),
    "404": OpenApiResponse(
        ErrorResponseSerializer,
        description="No such object, a page past the end (`attr` is `page`), or an unknown "
        "API version.",
    ),
}


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


class AutoSchema(openapi.AutoSchema):
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
        for code, response in shared.items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses
