"""Project Latvia's outline into the SVG path that the visit map draws.

Run it once, from the project root, whenever the outline or the projection changes,
and commit what it writes:

    .venv/bin/python visits/data/make_outline.py

It reads ``visits/data/latvia-outline.geojson``: Latvia's border as one polygon in
longitude/latitude (WGS 84) from Natural Earth's 1:10m admin-0 countries as
redistributed by the npm package world-atlas 2.0.2 (public domain; a copy of
``../shared/data/latvia-outline.geojson``). It writes ``visits/data/latvia_outline.json``:
the viewBox, the projection's parameters and the outline as an SVG path. ``visits/map.py``
reads that file and projects the municipalities' coordinates with the same parameters,
so the dots and the border always agree; nothing reads the GeoJSON at run time.

The projection is equirectangular with longitudes scaled by cos 57° (Latvia's middle
latitude), which is close enough at Latvia's size; the outline is fitted into an
800 × 480 viewBox and simplified (Douglas–Peucker) to what shows at that size.
Standard library only: no Django, no network.
"""

import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "latvia-outline.geojson"
TARGET = HERE / "latvia_outline.json"

WIDTH, HEIGHT = 800, 480
PADDING_X = 20  # room for the markers on the border; labels go inwards
STANDARD_PARALLEL = 57.0
TOLERANCE = 0.3  # viewBox units: a third of a pixel at full size


def read_ring(path: Path) -> tuple[list[tuple[float, float]], str]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    feature = collection["features"][0]
    geometry = feature["geometry"]
    if geometry["type"] != "Polygon":
        raise SystemExit(f"Expected one Polygon, found {geometry['type']}.")
    ring = [(float(lon), float(lat)) for lon, lat in geometry["coordinates"][0]]
    return ring, feature["properties"].get("source", "")


def fit_projection(ring: list[tuple[float, float]]) -> dict[str, float]:
    """x = x_offset + (lon - lon_origin) × x_scale; y = y_offset + (lat_origin - lat) × y_scale."""
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    shrink = math.cos(math.radians(STANDARD_PARALLEL))
    lon_span = (max(lons) - min(lons)) * shrink
    lat_span = max(lats) - min(lats)
    scale = (WIDTH - 2 * PADDING_X) / lon_span
    if lat_span * scale > HEIGHT:
        raise SystemExit("The outline does not fit the viewBox's height; change WIDTH or HEIGHT.")
    return {
        "lon_origin": round(min(lons), 6),
        "lat_origin": round(max(lats), 6),
        "x_scale": round(scale * shrink, 6),
        "y_scale": round(scale, 6),
        "x_offset": PADDING_X,
        "y_offset": round((HEIGHT - lat_span * scale) / 2, 3),
    }


def project(lon: float, lat: float, p: dict[str, float]) -> tuple[float, float]:
    return (
        p["x_offset"] + (lon - p["lon_origin"]) * p["x_scale"],
        p["y_offset"] + (p["lat_origin"] - lat) * p["y_scale"],
    )


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open polyline: keeps the first and last point."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        else:
            distance = math.hypot(x - x1, y - y1)
        if distance > farthest:
            farthest, index = distance, i
    if farthest <= tolerance:
        return [points[0], points[-1]]
    left = simplify(points[: index + 1], tolerance)
    return left[:-1] + simplify(points[index:], tolerance)


def svg_path(points: list[tuple[float, float]]) -> str:
    pairs = [f"{x:.1f} {y:.1f}" for x, y in points]
    return "M" + pairs[0] + "L" + " ".join(pairs[1:]) + "Z"


def main() -> None:
    ring, source = read_ring(SOURCE)
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    projection = fit_projection(ring)
    projected = [project(lon, lat, projection) for lon, lat in ring]
    # Split the closed ring at its farthest point so that both halves are open lines.
    far = max(range(len(projected)), key=lambda i: math.dist(projected[0], projected[i]))
    first = simplify(projected[: far + 1], TOLERANCE)
    second = simplify(projected[far:] + [projected[0]], TOLERANCE)
    outline = first[:-1] + second[:-1]
    TARGET.write_text(
        json.dumps(
            {
                "source": source,
                "made_by": "visits/data/make_outline.py from visits/data/latvia-outline.geojson",
                "view_box": [0, 0, WIDTH, HEIGHT],
                "projection": projection,
                "path": svg_path(outline),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{TARGET.name}: {len(ring)} points simplified to {len(outline)}.")


if __name__ == "__main__":
    main()
