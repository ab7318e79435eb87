"""The map of the visits: Latvia's outline with a linked marker on every municipality visited.

Drawn on the server as inline SVG (``visits/_map.html``) from data the project ships:
``visits/data/latvia_outline.json`` holds the projected outline and the projection's
parameters (made once by ``visits/data/make_outline.py`` from Natural Earth's border);
the markers come from the municipalities' own coordinates. No tiles, no JavaScript.

A view asks for the map of the visits its reader may see::

    visit_map = visit_map_for(Visit.objects.visible_to(request.user))

and the template includes ``{% include "visits/_map.html" with visit_map=visit_map only %}``.
"""

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db.models import Count, QuerySet
from django.db.models.functions import Collate

from visits.models import Municipality, Visit

OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "latvia_outline.json"

# Sizes in viewBox units (the viewBox is 800 wide; the page shows it at up to ~700 px).
MARKER_RADIUS = 12
LABEL_FONT_SIZE = 18
LABEL_GAP = 5  # between a marker's edge and its label
CHAR_WIDTH = 0.7 * LABEL_FONT_SIZE  # generous: a semi-bold system sans-serif is about 0.65
LABEL_HEIGHT = 1.25 * LABEL_FONT_SIZE


@dataclass(frozen=True)
class Outline:
    view_box: tuple[int, int, int, int]
    path: str
    projection: dict[str, float]

    def project(self, latitude: float | Decimal, longitude: float | Decimal) -> tuple[float, float]:
        """Latitude and longitude to viewBox coordinates, as the outline was projected."""
        p = self.projection
        x = p["x_offset"] + (float(longitude) - p["lon_origin"]) * p["x_scale"]
        y = p["y_offset"] + (p["lat_origin"] - float(latitude)) * p["y_scale"]
        return round(x, 1), round(y, 1)


@functools.cache
def latvia_outline() -> Outline:
    """The shipped outline, read once per process."""
    data = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    return Outline(
        view_box=tuple(data["view_box"]), path=data["path"], projection=data["projection"]
    )


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other: "Box") -> float:
        """The area this box shares with another (0 when they do not touch)."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return max(width, 0) * max(height, 0)

    def is_inside(self, view_box: tuple[int, int, int, int]) -> bool:
        x, y, width, height = view_box
        return (
            self.left >= x
            and self.top >= y
            and self.right <= x + width
            and self.bottom <= y + height
        )


@dataclass(frozen=True)
class Label:
    """A municipality's name beside its marker."""

    text: str
    side: str  # "right", "left", "above", "below", "above-right", … of the marker
    x: float
    y: float  # the text's baseline
    anchor: str  # SVG text-anchor: "start", "end" or "middle"
    box: Box  # the room the text is estimated to take


@dataclass(frozen=True)
class MapMarker:
    x: float
    y: float
    url: str
    visit_count: int
    label: Label


@dataclass(frozen=True)
class VisitMap:
    view_box: str
    width: int
    height: int
    outline_path: str
    markers: tuple[MapMarker, ...]
    marker_radius: int = MARKER_RADIUS
    label_font_size: int = LABEL_FONT_SIZE


# Where a label may go around its marker, in order of preference: the horizontal
# position (the box starts right of the marker, ends left of it, or is centred on it)
# and the vertical one (centred on the marker, above it or below it).
LABEL_SIDES = {
    "right": ("after", "middle"),
    "left": ("before", "middle"),
    "above": ("centre", "above"),
    "below": ("centre", "below"),
    "above-right": ("after-diagonal", "above-diagonal"),
    "below-right": ("after-diagonal", "below-diagonal"),
    "above-left": ("before-diagonal", "above-diagonal"),
    "below-left": ("before-diagonal", "below-diagonal"),
}


def _label_on_side(x: float, y: float, text: str, side: str) -> Label:
    """The label of a marker at (x, y), put on one side of it."""
    width = len(text) * CHAR_WIDTH
    offset = MARKER_RADIUS + LABEL_GAP
    diagonal = 0.7 * MARKER_RADIUS
    horizontal, vertical = LABEL_SIDES[side]
    left, anchor = {
        "after": (x + offset, "start"),
        "before": (x - offset - width, "end"),
        "centre": (x - width / 2, "middle"),
        "after-diagonal": (x + diagonal, "start"),
        "before-diagonal": (x - diagonal - width, "end"),
    }[horizontal]
    top = {
        "middle": y - LABEL_HEIGHT / 2,
        "above": y - offset - LABEL_HEIGHT,
        "below": y + offset,
        "above-diagonal": y - diagonal - LABEL_HEIGHT,
        "below-diagonal": y + diagonal,
    }[vertical]
    box = Box(left, top, left + width, top + LABEL_HEIGHT)
    text_x = {"start": box.left, "end": box.right, "middle": x}[anchor]
    # The baseline sits so that capitals and descenders stay inside the box.
    baseline = top + 0.95 * LABEL_FONT_SIZE
    return Label(text, side, round(text_x, 1), round(baseline, 1), anchor, box)


def _marker_box(x: float, y: float) -> Box:
    r = MARKER_RADIUS + 2
    return Box(x - r, y - r, x + r, y + r)


def _place_labels(
    points: list[tuple[float, float, str]], view_box: tuple[int, int, int, int]
) -> tuple[Label, ...]:
    """Put each label on the first side (right, left, above, below, then the diagonals)
    that stays inside the map and clears every other marker and every label placed before
    it, going west to east. Where no side is clear (a cluster of neighbours), the side
    inside the map that covers the least.

    The same markers come back on page after page (about 30 ms to place them), so the
    placement is remembered for each set of points."""
    return _placed_labels(tuple(points), view_box)


@functools.lru_cache(maxsize=256)
def _placed_labels(
    points: tuple[tuple[float, float, str], ...], view_box: tuple[int, int, int, int]
) -> tuple[Label, ...]:
    markers = [_marker_box(x, y) for x, y, _ in points]
    placed: list[Label] = []
    for index, (x, y, text) in enumerate(points):
        obstacles = [label.box for label in placed] + markers[:index] + markers[index + 1 :]
        best: tuple[tuple[int, float], Label] | None = None
        for side in LABEL_SIDES:
            label = _label_on_side(x, y, text, side)
            covered = sum(label.box.overlap(other) for other in obstacles)
            score = (0 if label.box.is_inside(view_box) else 1, covered)
            if best is None or score < best[0]:
                best = (score, label)
            if score == (0, 0):
                break
        placed.append(best[1])
    return tuple(placed)


def build_visit_map(municipalities: Iterable[Municipality]) -> VisitMap:
    """The map with a marker for each municipality given, in the order given.

    Each municipality needs a ``visit_count`` (as ``visited_municipalities`` annotates).
    """
    outline = latvia_outline()
    rows = list(municipalities)
    points = [(*outline.project(m.latitude, m.longitude), m.name) for m in rows]
    west_to_east = sorted(range(len(rows)), key=lambda i: points[i][:2])
    labels = dict(
        zip(
            west_to_east,
            _place_labels([points[i] for i in west_to_east], outline.view_box),
            strict=True,
        )
    )
    markers = tuple(
        MapMarker(
            x=points[i][0],
            y=points[i][1],
            url=m.get_absolute_url(),
            visit_count=m.visit_count,
            label=labels[i],
        )
        for i, m in enumerate(rows)
    )
    x, y, width, height = outline.view_box
    return VisitMap(
        view_box=f"{x} {y} {width} {height}",
        width=width,
        height=height,
        outline_path=outline.path,
        markers=markers,
    )


def visited_municipalities(visits: QuerySet[Visit]) -> QuerySet[Municipality]:
    """Municipalities with at least one of ``visits``, each with its ``visit_count`` among
    them, in Latvian alphabetical order. Pass the visits the reader may see (for example
    ``Visit.objects.visible_to(user)``), filtered as the page is; two queries.

    The visits' ids are read first: as a subquery, PostgreSQL with stale statistics (after
    a bulk import) re-ran the filtered visits for every link of a municipality to a visit,
    6 s for 800 visits instead of a few milliseconds."""
    visit_ids = list(visits.order_by().prefetch_related(None).values_list("pk", flat=True))
    return (
        Municipality.objects.filter(visits__in=visit_ids)
        .only("name", "slug", "latitude", "longitude")
        .annotate(visit_count=Count("visits", distinct=True))
        .order_by(Collate("name", "lv"), "id")
    )


def visit_map_for(visits: QuerySet[Visit]) -> VisitMap:
    """The map of the municipalities these visits went to: two queries."""
    return build_visit_map(visited_municipalities(visits))
