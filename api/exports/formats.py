"""The export formats: their names (``?format=``), media types, and which resources they fit."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from rest_framework import renderers, serializers

from . import acled
from .columns import columns_for
from .geo import GEOMETRIES, GeoJsonWriter
from .linked_data import NODES, JsonLdWriter
from .writers import CsvWriter, NdjsonWriter, Writer

# The URL prefix of each resource, by router basename: file names and data-package resources.
COLLECTIONS = {
    "article": "articles",
    "actor": "actors",
    "place": "places",
    "incident": "incidents",
    "claim": "claims",
    "loss": "losses",
}


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    description: str
    resources: frozenset[str]

    def prepare(self, queryset: QuerySet, statuses: Sequence[str]) -> QuerySet:
        """The queryset with whatever extra prefetches this format's rows read, each of them
        limited to the related records in ``statuses`` (what the reader may see nested)."""
        return acled.prepare(queryset, statuses) if self.name == ACLED_CSV else queryset

    def writer(
        self, basename: str, serializer: serializers.Serializer, statuses: Sequence[str]
    ) -> Writer:
        if self.name == CSV:
            return CsvWriter(columns_for(serializer))
        if self.name == NDJSON:
            return NdjsonWriter()
        if self.name == GEOJSON:
            return GeoJsonWriter(GEOMETRIES[basename])
        if self.name == JSONLD:
            return JsonLdWriter(NODES[basename])
        return acled.AcledWriter(statuses)


CSV, NDJSON, GEOJSON, JSONLD, ACLED_CSV = "csv", "ndjson", "geojson", "jsonld", "acled-csv"
ALL = frozenset(COLLECTIONS)

FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in [
        ExportFormat(
            CSV,
            "text/csv",
            "csv",
            "CSV (RFC 4180, UTF-8, header row): one row per record, nested objects flattened "
            "to `<field>_<subfield>` columns, many-valued fields joined with `;`.",
            ALL,
        ),
        ExportFormat(
            NDJSON,
            "application/x-ndjson",
            "ndjson",
            "Newline-delimited JSON: one record per line, the same fields as the JSON API.",
            ALL,
        ),
        ExportFormat(
            GEOJSON,
            "application/geo+json",
            "geojson",
            "GeoJSON (RFC 7946) FeatureCollection, [longitude, latitude]: a Point per place, "
            "a MultiPoint per incident; records without a point are left out and counted in "
            "`skipped_without_coordinates`.",
            frozenset(GEOMETRIES),
        ),
        ExportFormat(
            JSONLD,
            "application/ld+json",
            "jsonld",
            "JSON-LD in the schema.org vocabulary (inline @context); `@id`s are the API URLs.",
            frozenset(NODES),
        ),
        ExportFormat(
            ACLED_CSV,
            "text/csv",
            "acled.csv",
            "ACLED's CSV layout: ACLED's 31 columns in ACLED's order, one row per incident "
            "and place with a point; incidents without a date or a point are counted in "
            "`X-Skipped-Records`.",
            frozenset({"incident"}),
        ),
    ]
}


def formats_for(basename: str) -> list[ExportFormat]:
    return [fmt for fmt in FORMATS.values() if basename in fmt.resources]


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
        f"{fmt.name.title().replace('-', '')}Renderer",
        (ExportRenderer,),
        {
            "export_format": fmt,
            "format": fmt.name,
            "media_type": fmt.media_type,
            "charset": "utf-8" if fmt.media_type.startswith("text/") else None,
        },
    )


RENDERERS: dict[str, type[ExportRenderer]] = {
    name: renderer_class(fmt) for name, fmt in FORMATS.items()
}
