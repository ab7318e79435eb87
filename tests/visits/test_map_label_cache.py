"""The labels of the map's markers are placed once for each set of markers (about 30 ms)."""

from visits import map as visit_map

VIEW_BOX = (0, 0, 1000, 600)
POINTS = [(100.0, 100.0, "Ventspils"), (400.0, 300.0, "Talsu novads")]


def test_the_same_markers_are_placed_once():
    visit_map._placed_labels.cache_clear()

    first = visit_map._place_labels(POINTS, VIEW_BOX)
    again = visit_map._place_labels(list(POINTS), VIEW_BOX)

    assert again == first
    assert visit_map._placed_labels.cache_info().hits == 1


def test_other_markers_are_placed_anew():
    visit_map._placed_labels.cache_clear()

    first = visit_map._place_labels(POINTS, VIEW_BOX)
    other = visit_map._place_labels([*POINTS, (700.0, 200.0, "Jelgava")], VIEW_BOX)

    assert len(other) == len(first) + 1
    assert visit_map._placed_labels.cache_info().misses == 2
