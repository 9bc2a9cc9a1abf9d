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


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        # drf-spectacular has no public hook for "responses every operation shares";
        # this is the one drf-standardized-errors uses too.
        responses = super()._get_response_bodies(direction=direction)
        if direction != "response" or self.method != "GET":
            return responses
        for code, response in READ_ERRORS.items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses
