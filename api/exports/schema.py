"""OpenAPI for the exports: each format's media type with what its body is."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse

from api.schema import AutoSchema, errors_as_json
from api.serializers.errors import ErrorResponseSerializer

from ..resources import resource
from .formats import ExportFormat

EXPORT_ACTION = "export"


NOT_ACCEPTABLE = OpenApiResponse(
    ErrorResponseSerializer,
    description="The format (`?format=` or `Accept`) is unknown or does not fit this endpoint; "
    "the detail lists the supported formats.",
)


def formats_by_media_type(view: Any) -> dict[str, list[ExportFormat]]:
    grouped: dict[str, list[ExportFormat]] = {}
    export_formats = getattr(view, "export_formats", list)
    for fmt in export_formats():
        grouped.setdefault(fmt.media_type, []).append(fmt)
    return grouped


class ExportAutoSchema(AutoSchema):
    """Export media types carry their own body schema; errors (406 too) are JSON only.

    ``export/`` takes the list's filters and search but not its pagination or ordering.
    """

    def is_export(self) -> bool:
        return getattr(self.view, "action", None) == EXPORT_ACTION

    def get_operation_id(self) -> str:
        # ``claims_export``, tagged ``claims``, rather than the generated ``claims_export_list``.
        if self.is_export():
            return f"{resource(self.view.basename).collection}_export"
        return super().get_operation_id()

    def _is_list_view(self, serializer: Any = None) -> bool:
        if self.is_export():
            return True
        return super()._is_list_view(serializer)

    def _get_pagination_parameters(self) -> list[dict[str, Any]]:
        if self.is_export():
            return []
        return super()._get_pagination_parameters()

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_filter_parameters()
        if self.is_export():
            parameters = [p for p in parameters if p["name"] != "ordering"]
        return parameters

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction=direction)
        if direction == "response" and self.method == "GET":
            responses.setdefault("406", self._get_response_for_code(NOT_ACCEPTABLE, "406"))
        return responses

    def _get_response_for_code(
        self,
        serializer: Any,
        status_code: str,
        media_types: Any = None,
        direction: str = "response",
    ) -> dict[str, Any]:
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content")
        if not content or errors_as_json(response, status_code):
            return response
        grouped = formats_by_media_type(self.view)
        for media_type in list(content):
            formats = grouped.get(media_type)
            if formats is None:
                continue
            if len(formats) == 1:
                content[media_type] = {"schema": formats[0].body_schema(self.view)}
            else:
                text = " Or: ".join(
                    f"`{fmt.identifier}`: {fmt.described(self.view)}" for fmt in formats
                )
                content[media_type] = {"schema": {"type": "string", "description": text}}
        return response
