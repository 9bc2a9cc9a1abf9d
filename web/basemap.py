"""The map's basemap: Natural Earth 1:110m country outlines, converted once to GeoJSON.

The source is ``countries-110m.json`` (TopoJSON) from the npm package ``world-atlas`` 2.0.2
(ISC; the Natural Earth data in it is public domain). Leaflet reads GeoJSON, so the file is
decoded here once and the result committed as ``web/static/web/vendor/world-atlas/
countries-110m.geojson``; nothing is fetched at run time. To redo it::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m web.basemap package/countries-110m.json \
        web/static/web/vendor/world-atlas/countries-110m.geojson
"""

import json
import sys
from pathlib import Path
from typing import Any

Position = list[float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    """Each arc's positions: quantized, delta-encoded integers back to degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            positions.append([round(x * sx + tx, 4), round(y * sy + ty, 4)])
        arcs.append(positions)
    return arcs


def ring(indexes: list[int], arcs: list[list[Position]]) -> list[Position]:
    """Arcs joined end to start; ``~i`` (a negative index) is arc i reversed."""
    positions: list[Position] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        positions.extend(arc if not positions else arc[1:])
    return positions


def to_geojson(topology: dict[str, Any], name: str = "countries") -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates: Any = [ring(r, arcs) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": geometry.get("properties", {}).get("name", "")},
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    result = to_geojson(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(result, separators=(",", ":")), encoding="utf-8")
