"""GeoJSON (RFC 7946): a FeatureCollection, positions as [longitude, latitude] (WGS 84).

- A place is a Feature with a Point.
- An incident is one Feature with a MultiPoint of its places that have a point (always a
  MultiPoint, even of one position, so a GIS layer has one geometry type).
- ``properties`` is the record exactly as the JSON API gives it; ``id`` is the record's id.
- Records without any point are left out; the collection ends with the foreign member
  ``"skipped_without_coordinates": N`` (RFC 7946 section 6.1) counting them.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model

from conflict.models import Incident, Place

from ..renderers import unlike_python
from .writers import Item, JsonArrayWriter

SKIPPED_MEMBER = "skipped_without_coordinates"
Geometry = dict[str, Any]


def position(place: Place) -> list[float]:
    return [place.longitude, place.latitude]


def place_geometry(place: Place) -> Geometry | None:
    return {"type": "Point", "coordinates": position(place)} if place.has_point else None


def incident_geometry(incident: Incident) -> Geometry | None:
    points = [position(place) for place in incident.places.all() if place.has_point]
    return {"type": "MultiPoint", "coordinates": points} if points else None


GEOMETRIES: dict[str, Callable[[Any], Geometry | None]] = {
    "place": place_geometry,
    "incident": incident_geometry,
}


class GeoJsonWriter(JsonArrayWriter):
    def __init__(self, geometry: Callable[[Model], Geometry | None]) -> None:
        super().__init__({"type": "FeatureCollection"}, "features")
        self.geometry = geometry
        self.skipped = 0
        self.coordinates_unlike_python = False

    def members(self, items: Sequence[Item]) -> list[dict[str, Any]]:
        features = []
        self.coordinates_unlike_python = False
        for instance, record in items:
            geometry = self.geometry(instance)
            if geometry is None:
                self.skipped += 1
                continue
            if not self.coordinates_unlike_python:
                self.coordinates_unlike_python = _unlike_python(geometry)
            features.append(
                {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": record}
            )
        return features

    def members_floats(self) -> bool:
        # The coordinates are floats: only one orjson may write otherwise forces the search.
        return self.floats or self.coordinates_unlike_python

    def tail(self) -> dict[str, Any]:
        return {SKIPPED_MEMBER: self.skipped}


def _unlike_python(geometry: Geometry) -> bool:
    """Whether a coordinate of a Point or MultiPoint is a float orjson may write otherwise."""
    coordinates = geometry["coordinates"]
    points = coordinates if geometry["type"] == "MultiPoint" else [coordinates]
    return any(unlike_python(value) for point in points for value in point)
