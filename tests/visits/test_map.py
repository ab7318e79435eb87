import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user, make_visit, municipality
from visits.map import build_visit_map, visit_map_for, visited_municipalities
from visits.models import Municipality, Visit

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
THE_EIGHT = [
    "jurmala",
    "daugavpils",
    "jelgava",
    "limbazu-novads",
    "rezeknes-novads",
    "vilakas-novads",
    "ventspils",
    "talsu-novads",
]


def published_visit(*slugs: str, **fields) -> Visit:
    return make_visit(
        municipalities=[municipality(slug) for slug in slugs],
        status=Visit.Status.PUBLISHED,
        **fields,
    )


def public_map():
    return visit_map_for(Visit.objects.visible_to(AnonymousUser()))


def marker_for(visit_map, slug: str):
    url = municipality(slug).get_absolute_url()
    return next(marker for marker in visit_map.markers if marker.url == url)


def rendered(visit_map) -> str:
    return render_to_string("visits/_map.html", {"visit_map": visit_map})


def svg_of(html: str) -> ET.Element:
    """The inline SVG as XML: it must be well-formed to be drawn at all."""
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.DOTALL).group(0))


class TestProjection:
    def test_ventspils_is_west_of_jurmala_on_the_same_latitude_band(self):
        published_visit("ventspils", "jurmala")

        visit_map = public_map()

        ventspils, jurmala = marker_for(visit_map, "ventspils"), marker_for(visit_map, "jurmala")
        assert ventspils.x < jurmala.x
        assert abs(ventspils.y - jurmala.y) < 100

    def test_daugavpils_is_south_east_of_jelgava(self):
        published_visit("daugavpils", "jelgava")

        visit_map = public_map()

        daugavpils, jelgava = marker_for(visit_map, "daugavpils"), marker_for(visit_map, "jelgava")
        assert daugavpils.x > jelgava.x
        assert daugavpils.y > jelgava.y  # SVG's y grows downwards, southwards

    def test_vilaka_is_in_the_north_east(self):
        published_visit(*THE_EIGHT)

        visit_map = public_map()

        vilaka = marker_for(visit_map, "vilakas-novads")
        assert vilaka.x == max(marker.x for marker in visit_map.markers)
        assert vilaka.y < marker_for(visit_map, "rezeknes-novads").y

    def test_every_marker_and_label_of_the_eight_is_inside_the_map(self):
        published_visit(*THE_EIGHT)

        visit_map = public_map()

        assert len(visit_map.markers) == 8
        for marker in visit_map.markers:
            assert 0 < marker.x < visit_map.width
            assert 0 < marker.y < visit_map.height
            box = marker.label.box
            assert box.left >= 0 and box.right <= visit_map.width
            assert box.top >= 0 and box.bottom <= visit_map.height

    def test_no_two_labels_of_the_eight_overlap(self):
        published_visit(*THE_EIGHT)

        visit_map = public_map()

        for one, other in itertools.combinations(visit_map.markers, 2):
            assert one.label.box.overlap(other.label.box) == 0, (one.label, other.label)

    def test_no_label_of_the_eight_covers_another_marker(self):
        published_visit(*THE_EIGHT)

        visit_map = public_map()

        radius = visit_map.marker_radius
        for marker, other in itertools.permutations(visit_map.markers, 2):
            box = marker.label.box
            assert not (
                box.left - radius < other.x < box.right + radius
                and box.top - radius < other.y < box.bottom + radius
            ), (marker.label.text, other.url)

    def test_jurmala_and_jelgava_labels_are_both_readable(self):
        published_visit("jurmala", "jelgava")

        visit_map = public_map()

        jurmala, jelgava = marker_for(visit_map, "jurmala"), marker_for(visit_map, "jelgava")
        assert jurmala.label.box.overlap(jelgava.label.box) == 0

    def test_a_crowded_label_moves_to_a_free_side(self):
        ventspils = Municipality.objects.only("name", "slug", "latitude", "longitude").get(
            slug="ventspils"
        )
        neighbour = Municipality(
            name="Kaimiņš", slug="kaimins", latitude=ventspils.latitude, longitude="21.700"
        )
        ventspils.visit_count = neighbour.visit_count = 1

        visit_map = build_visit_map([ventspils, neighbour])

        first, second = visit_map.markers
        assert first.label.side != "right"  # the neighbour's marker is there
        assert first.label.box.overlap(second.label.box) == 0


class TestWhatIsMarked:
    def test_a_municipality_whose_only_visit_is_a_draft_is_not_on_the_public_map(self):
        published_visit("ventspils")
        make_visit(municipalities=[municipality("talsu-novads")], status=Visit.Status.DRAFT)

        visit_map = public_map()

        assert [marker.label.text for marker in visit_map.markers] == ["Ventspils"]
        assert "talsu-novads" not in rendered(visit_map)

    def test_a_visit_in_review_is_marked_only_for_a_logged_in_expert(self):
        make_visit(municipalities=[municipality("jelgava")], status=Visit.Status.REVIEW)

        public = public_map()
        expert = visit_map_for(Visit.objects.visible_to(make_user()))

        assert public.markers == ()
        assert [marker.label.text for marker in expert.markers] == ["Jelgava"]

    def test_the_count_is_of_visible_visits_only(self):
        published_visit("daugavpils", start_date=dt.date(2019, 10, 17))
        published_visit("daugavpils", "rezeknes-novads", start_date=dt.date(2020, 2, 4))
        make_visit(municipalities=[municipality("daugavpils")], status=Visit.Status.DRAFT)

        visit_map = public_map()

        assert marker_for(visit_map, "daugavpils").visit_count == 2
        assert marker_for(visit_map, "rezeknes-novads").visit_count == 1

    def test_the_municipalities_come_in_latvian_alphabetical_order(self):
        published_visit("vilakas-novads", "ventspils", "jurmala", "jelgava", "talsu-novads")

        names = [m.name for m in visited_municipalities(Visit.objects.published())]

        assert names == ["Jelgava", "Jūrmala", "Talsu novads", "Ventspils", "Viļakas novads"]

    def test_each_marker_links_to_its_municipality_page(self):
        published_visit(*THE_EIGHT)

        visit_map = public_map()

        assert sorted(marker.url for marker in visit_map.markers) == sorted(
            municipality(slug).get_absolute_url() for slug in THE_EIGHT
        )


class TestTemplate:
    def test_it_draws_an_svg_with_a_title_and_a_description(self):
        published_visit("ventspils")

        svg = svg_of(rendered(public_map()))

        assert svg.get("role") == "group"
        title = svg.find(f"{SVG}title")
        assert title.get("id") in svg.get("aria-labelledby").split()
        assert title.text.strip()
        assert svg.find(f"{SVG}desc").get("id") in svg.get("aria-describedby").split()
        assert svg.find(f"{SVG}path").get("d").startswith("M")

    def test_each_marker_is_a_named_link_with_a_number_and_a_visible_name(self):
        published_visit("ventspils")
        published_visit("ventspils", "talsu-novads")

        svg = svg_of(rendered(public_map()))

        links = {link.get("href"): link for link in svg.iter(f"{SVG}a")}
        ventspils = links[municipality("ventspils").get_absolute_url()]
        texts = [text.text for text in ventspils.iter(f"{SVG}text")]
        assert "2" in texts and "Ventspils" in texts
        assert "Ventspils" in ventspils.find(f"{SVG}title").text
        assert ventspils.find(f"{SVG}circle") is not None

    def test_coordinates_use_a_decimal_point_even_in_latvian(self):
        published_visit("jurmala")

        svg = svg_of(rendered(public_map()))

        circle = next(svg.iter(f"{SVG}circle"))
        assert float(circle.get("cx")) > 0 and float(circle.get("cy")) > 0
        assert "," not in svg.get("viewBox")

    def test_a_text_list_repeats_the_municipalities_with_links_and_counts(self):
        published_visit("jelgava")
        published_visit("jelgava")
        published_visit("limbazu-novads")

        html = rendered(public_map())

        after_svg = html.split("</svg>", 1)[1]
        assert '<a href="/pasvaldibas/jelgava/">Jelgava</a> — 2' in after_svg
        assert '<a href="/pasvaldibas/limbazu-novads/">Limbažu novads</a> — 1' in after_svg

    def test_it_names_the_source_of_the_border(self):
        html = rendered(public_map())

        assert "Natural Earth" in html

    def test_an_empty_map_still_draws_latvia_and_says_nothing_was_visited(self):
        html = rendered(public_map())

        assert svg_of(html).find(f"{SVG}path") is not None
        assert "<ul" not in html

    def test_it_has_no_script_and_no_inline_style(self):
        published_visit(*THE_EIGHT)

        html = rendered(public_map())

        assert "<script" not in html
        assert "style=" not in html
        assert "<style" not in html


class TestLatvian:
    """The map's strings as the lv catalog translates them."""

    def test_the_list_uses_latvian_plural_forms(self):
        published_visit("jelgava")
        published_visit("jelgava")
        published_visit("limbazu-novads")

        html = rendered(public_map())

        assert "Jelgava</a> — 2 vizītes" in html
        assert "Limbažu novads</a> — 1 vizīte" in html

    def test_the_source_is_named_in_latvian(self):
        assert "Robeža: Natural Earth (publiskais domēns)" in rendered(public_map())


class TestQueries:
    @staticmethod
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            rendered(public_map())
        return len(queries)

    def test_the_map_runs_as_many_queries_for_800_visits_as_for_8(self):
        for slug in THE_EIGHT:
            published_visit(slug)
        with_eight = self.count_queries()
        slugs = itertools.cycle(THE_EIGHT)
        for _ in range(792):
            published_visit(next(slugs), next(slugs), start_date=dt.date(2016, 1, 1))

        with_eight_hundred = self.count_queries()

        assert with_eight == with_eight_hundred == 2  # the visits' ids, then the municipalities
