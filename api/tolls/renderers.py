"""CSV and NDJSON for the aggregate endpoints: rows built by the view's ``table()``."""

from typing import Any

from rest_framework import renderers

from ..exports.writers import csv_text, to_json
from ..schema import AutoSchema, errors_as_json


class TableCsvRenderer(renderers.BaseRenderer):
    """RFC 4180 CSV of ``renderer_context['table']``: a header row and the rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        table = (renderer_context or {}).get("table")
        return csv_text(table).encode("utf-8")


class LinesRenderer(renderers.BaseRenderer):
    """Newline-delimited JSON: one item of the JSON list per line."""

    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return "".join(to_json(item) + "\n" for item in data).encode("utf-8")


class AggregateAutoSchema(AutoSchema):
    """Errors are JSON only; the CSV and NDJSON bodies are text, described with their columns."""

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
        columns = ", ".join(f"`{name}`" for name in self.view.csv_columns)
        content[TableCsvRenderer.media_type] = {
            "schema": {
                "type": "string",
                "description": f"CSV (RFC 4180, UTF-8, header row). {self.view.csv_rows} "
                f"Columns: {columns}.",
            }
        }
        content[LinesRenderer.media_type] = {
            "schema": {
                "type": "string",
                "description": "Newline-delimited JSON: each item of the JSON list on a line"
                + (" (the page's `results`)." if self.view.pagination_class else "."),
            }
        }
        return response
