"""The timeline /vesture/ shows the visits of one year (?gads=2019), with every year that
has visits as a link that says how many; by default all of them while they are few, the
latest year's once there are many."""

import datetime as dt

import pytest

from platform_site import timeline as timeline_module
from tests.factories import make_visit
from visits.models import Visit

pytestmark = pytest.mark.django_db

PUBLISHED = Visit.Status.PUBLISHED


def visit_in(year: int, **fields) -> Visit:
    fields.setdefault("status", PUBLISHED)
    return make_visit(start_date=dt.date(year, 5, 6), **fields)


def timeline(client, **params) -> str:
    response = client.get("/vesture/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def history():
    return {
        2017: [visit_in(2017)],
        2019: [visit_in(2019), visit_in(2019), visit_in(2019)],
        2020: [visit_in(2020), visit_in(2020)],
    }


def shown(content: str, visits: list[Visit]) -> list[bool]:
    return [f'href="{visit.get_absolute_url()}"' in content for visit in visits]


@pytest.fixture
def many_visits(monkeypatch):
    """More visits than one page shows at once (6 here, against a limit of 5)."""
    monkeypatch.setattr(timeline_module, "ALL_YEARS_UP_TO", 5)


def test_shows_every_year_by_default_while_the_visits_are_few(client, history):
    content = timeline(client)

    assert shown(content, history[2017] + history[2019] + history[2020]) == [True] * 6
    assert '<a href="/vesture/#vizites-gada" aria-current="page">Visi gadi</a>' in content


def test_shows_the_latest_year_by_default_once_the_visits_are_many(client, history, many_visits):
    content = timeline(client)

    assert shown(content, history[2020]) == [True, True]
    assert shown(content, history[2019] + history[2017]) == [False] * 4
    assert "Visi gadi" not in content


def test_a_year_in_the_address_shows_that_years_visits(client, history):
    content = timeline(client, gads=2019)

    assert shown(content, history[2019]) == [True] * 3
    assert shown(content, history[2017] + history[2020]) == [False] * 3


def test_every_year_is_a_link_with_its_count_and_the_shown_one_is_marked(client, history):
    content = timeline(client, gads=2019)

    assert '<a href="?gads=2017#vizites-gada">2017 (1 vizīte)</a>' in content
    assert '<a href="?gads=2019#vizites-gada" aria-current="page">2019 (3 vizītes)</a>' in content
    assert '<a href="?gads=2020#vizites-gada">2020 (2 vizītes)</a>' in content
    assert content.index("?gads=2017") < content.index("?gads=2019") < content.index("?gads=2020")


def test_the_heading_spans_the_first_to_the_last_year(client, history):
    assert "2017–2020" in timeline(client)


def test_unpublished_visits_are_neither_shown_nor_counted(client, history):
    draft = visit_in(2021, status=Visit.Status.DRAFT)
    in_review = visit_in(2019, status=Visit.Status.REVIEW)

    content = timeline(client, gads=2019)

    assert "?gads=2021" not in content
    assert "2019 (3 vizītes)" in content
    assert draft.get_absolute_url() not in content
    assert in_review.get_absolute_url() not in content


@pytest.mark.parametrize("year", ["1900", "abc", "", "２０１９", "99999999999999999999"])
def test_a_year_without_visits_shows_the_default(client, history, many_visits, year):
    content = timeline(client, gads=year)

    assert shown(content, history[2020]) == [True, True]


def test_with_no_visits_it_says_so(client):
    content = timeline(client)

    assert "?gads=" not in content


def test_the_first_three_network_meetings_are_shown_with_a_link_to_all(client):
    meetings = [
        visit_in(2021 + n, kind=Visit.Kind.NETWORK_MEETING, title=f"Tīkla sanāksme {n}")
        for n in range(3)
    ]
    links_to_the_list = timeline(client).count('href="/vizites/"')
    meetings += [visit_in(2024 + n, kind=Visit.Kind.NETWORK_MEETING) for n in range(2)]

    content = timeline(client)

    assert shown(content, meetings) == [True, True, True, False, False]
    assert content.count('href="/vizites/"') == links_to_the_list + 1
