"""The export formats: each a class with its identifier (``?format=``), media type, file
extension, description, body schema and writer, and the resources it has a writer for."""

from collections.abc import Sequence
from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import renderers, serializers

from ..resources import RESOURCES
from . import acled
from .columns import columns_for
from .geo import GEOMETRIES, GeoJsonWriter
from .linked_data import NODES, JsonLdWriter
from .writers import CsvWriter, NdjsonWriter, Writer

SKIPPED_HEADER = "X-Skipped-Records"


class ExportFormat:
    """One export format. Subclasses set the class attributes and make the writer; the
    views, the negotiation and the schema ask the format, never compare its identifier."""

    identifier: ClassVar[str]
    media_type: ClassVar[str]
    extension: ClassVar[str]
    description: ClassVar[str]

    @property
    def name(self) -> str:
        """The identifier, as ``?format=`` names it."""
        return self.identifier

    def fits(self, basename: str) -> bool:
        """Whether this format has a writer for the resource."""
        return True

    def prepare(self, queryset: QuerySet, statuses: Sequence[str]) -> QuerySet:
        """The queryset with whatever extra prefetches this format's rows read, each of them
        limited to the related records in ``statuses`` (what the reader may see nested)."""
        return queryset

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        raise NotImplementedError

    def page_headers(self, writer: Writer) -> dict[str, str]:
        """Headers a page adds once written (what the writer left out)."""
        return {}

    def export_headers(self, queryset: QuerySet, statuses: Sequence[str]) -> dict[str, str]:
        """Headers an export sends before its body (what the body will leave out)."""
        return {}

    def described(self, view: Any) -> str:
        """The description, as the schema gives it for the view's resource."""
        return self.description

    def body_schema(self, view: Any) -> dict[str, Any]:
        """The OpenAPI schema of a body in this format (text unless a subclass says more)."""
        return {"type": "string", "description": self.described(view)}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.identifier}>"


def with_columns(description: str, columns: Sequence[str]) -> str:
    return f"{description} Columns: " + ", ".join(f"`{name}`" for name in columns) + "."


class Csv(ExportFormat):
    identifier = "csv"
    media_type = "text/csv"
    extension = "csv"
    description = (
        "CSV (RFC 4180, UTF-8, header row): one row per record, nested objects flattened "
        "to `<field>_<subfield>` columns, many-valued fields joined with `;`."
    )

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        return CsvWriter(columns_for(serializer))

    def described(self, view: Any) -> str:
        columns = [column.name for column in columns_for(view.get_serializer())]
        return with_columns(self.description, columns)


class Ndjson(ExportFormat):
    identifier = "ndjson"
    media_type = "application/x-ndjson"
    extension = "ndjson"
    description = "Newline-delimited JSON: one record per line, the same fields as the JSON API."

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        return NdjsonWriter()


class GeoJson(ExportFormat):
    identifier = "geojson"
    media_type = "application/geo+json"
    extension = "geojson"
    description = (
        "GeoJSON (RFC 7946) FeatureCollection, [longitude, latitude]: a Point per place, "
        "a MultiPoint per incident; records without a point are left out and counted in "
        "`skipped_without_coordinates`."
    )

    def fits(self, basename: str) -> bool:
        return basename in GEOMETRIES

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        return GeoJsonWriter(GEOMETRIES[basename])

    def body_schema(self, view: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": self.description,
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": {"type": "object"}},
                "skipped_without_coordinates": {"type": "integer"},
            },
        }


class JsonLd(ExportFormat):
    identifier = "jsonld"
    media_type = "application/ld+json"
    extension = "jsonld"
    description = "JSON-LD in the schema.org vocabulary (inline @context); `@id`s are the API URLs."

    def fits(self, basename: str) -> bool:
        return basename in NODES

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        return JsonLdWriter(NODES[basename])

    def body_schema(self, view: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": self.description,
            "required": ["@context", "@graph"],
            "properties": {
                "@context": {"type": "object"},
                "@graph": {"type": "array", "items": {"type": "object"}},
            },
        }


class AcledCsv(ExportFormat):
    identifier = "acled-csv"
    media_type = "text/csv"
    extension = "acled.csv"
    description = (
        "ACLED's CSV layout: ACLED's 31 columns in ACLED's order, one row per incident "
        "and place with a point; incidents without a date or a point are counted in "
        "`X-Skipped-Records`."
    )

    def fits(self, basename: str) -> bool:
        return basename == "incident"  # ACLED's rows are events

    def prepare(self, queryset: QuerySet, statuses: Sequence[str]) -> QuerySet:
        return acled.prepare(queryset, statuses)

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        return acled.AcledWriter(statuses)

    def page_headers(self, writer: Writer) -> dict[str, str]:
        return {SKIPPED_HEADER: str(writer.skipped)}

    def export_headers(self, queryset: QuerySet, statuses: Sequence[str]) -> dict[str, str]:
        return {SKIPPED_HEADER: str(acled.skipped(queryset, statuses))}

    def described(self, view: Any) -> str:
        return with_columns(self.description, acled.COLUMNS)


CSV, NDJSON, GEOJSON, JSONLD, ACLED_CSV = Csv(), Ndjson(), GeoJson(), JsonLd(), AcledCsv()

# By identifier, in the order the renderers are offered (after JSON and the browsable API).
FORMATS: dict[str, ExportFormat] = {
    fmt.identifier: fmt for fmt in (CSV, NDJSON, GEOJSON, JSONLD, ACLED_CSV)
}

# The URL prefix of each resource, by router basename (the registry's).
COLLECTIONS = {resource.basename: resource.collection for resource in RESOURCES}


def formats_for(basename: str) -> list[ExportFormat]:
    return [fmt for fmt in FORMATS.values() if fmt.fits(basename)]


class ExportRenderer(renderers.BaseRenderer):
    """Negotiation and schema only: the views write the body with a writer, as text."""

    export_format: ExportFormat

    def render(
        self,
        data: object,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        if not isinstance(data, str):
            raise TypeError(f"{self.format} responses are written by the export writers")
        return data.encode("utf-8")


def renderer_class(fmt: ExportFormat) -> type[ExportRenderer]:
    return type(
        f"{fmt.identifier.title().replace('-', '')}Renderer",
        (ExportRenderer,),
        {
            "export_format": fmt,
            "format": fmt.identifier,
            "media_type": fmt.media_type,
            "charset": "utf-8" if fmt.media_type.startswith("text/") else None,
        },
    )


RENDERERS: dict[ExportFormat, type[ExportRenderer]] = {
    fmt: renderer_class(fmt) for fmt in FORMATS.values()
}


def exported(renderer: object) -> ExportFormat | None:
    """The export format a renderer writes, or None for the API's own (JSON, browsable)."""
    return renderer.export_format if isinstance(renderer, ExportRenderer) else None
