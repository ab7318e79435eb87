"""A municipality's page at national scale: the newest visits, practices and actions, each
with a link to the full list filtered by the municipality."""

import datetime as dt

import pytest

from recommendations.models import FollowUpAction
from tests.factories import make_visit, municipality
from visits.models import GoodPractice, Visit

pytestmark = pytest.mark.django_db

PUBLISHED = Visit.Status.PUBLISHED


def visits_to(place, count: int) -> list[Visit]:
    """``count`` published visits to ``place``, one a week, oldest first."""
    return [
        make_visit(
            status=PUBLISHED,
            start_date=dt.date(2022, 1, 3) + dt.timedelta(weeks=n),
            municipalities=[place],
        )
        for n in range(count)
    ]


def actions_in(place, count: int) -> list[FollowUpAction]:
    return FollowUpAction.objects.bulk_create(
        FollowUpAction(
            title=f"Rīcība {n}", responsible_institution="Kultūras ministrija", municipality=place
        )
        for n in range(count)
    )


@pytest.fixture
def talsi():
    return municipality("talsu-novads")


class TestVisits:
    def test_the_newest_10_are_shown_with_a_link_to_all(self, client, talsi):
        visits = visits_to(talsi, 12)

        content = client.get(talsi.get_absolute_url()).content.decode()

        assert [visit for visit in visits if visit.get_absolute_url() in content] == visits[2:]
        assert 'href="/vizites/?pasvaldiba=talsu-novads"' in content

    def test_the_link_leads_to_the_visit_list_showing_every_one_of_them(self, client, talsi):
        visits = visits_to(talsi, 12)
        visits_to(municipality("jelgava"), 2)

        page = client.get("/vizites/", {"pasvaldiba": "talsu-novads"}).context["page"]

        assert sorted(visit.pk for visit in page) == sorted(visit.pk for visit in visits)

    def test_a_few_are_all_shown_with_no_link(self, client, talsi):
        visits_to(talsi, 3)

        content = client.get(talsi.get_absolute_url()).content.decode()

        assert "?pasvaldiba=" not in content


class TestGoodPractices:
    def test_the_newest_10_are_shown_with_a_link_to_their_visits(self, client, talsi):
        for n, visit in enumerate(visits_to(talsi, 12)):
            GoodPractice.objects.create(visit=visit, title=f"Prakse {n}", description="…")

        response = client.get(talsi.get_absolute_url())

        assert [practice.title for practice in response.context["practices"]] == [
            f"Prakse {n}" for n in range(11, 1, -1)
        ]
        assert response.context["practices"].total == 12
        assert "Prakse 1<" not in response.content.decode()

    def test_those_adopted_there_are_bounded_too(self, client, talsi):
        for n, visit in enumerate(visits_to(municipality("ventspils"), 12)):
            GoodPractice.objects.create(
                visit=visit, title=f"Pārņemtā {n}", description="…"
            ).adopted_in.add(talsi)

        response = client.get(talsi.get_absolute_url())

        assert len(response.context["adopted_practices"]) == 10
        assert response.context["adopted_practices"].total == 12


class TestFollowUpActions:
    def test_10_are_shown_with_a_link_to_the_tracker_filtered_by_the_municipality(
        self, client, talsi
    ):
        actions_in(talsi, 12)

        content = client.get(talsi.get_absolute_url()).content.decode()

        assert content.count('<article class="card action">') == 10
        assert 'href="/ierosinajumi/?pasvaldiba=talsu-novads"' in content

    def test_the_tracker_shows_every_one_of_them(self, client, talsi):
        actions = actions_in(talsi, 12)
        actions_in(municipality("jelgava"), 3)

        page = client.get("/ierosinajumi/", {"pasvaldiba": "talsu-novads"}).context["page"]

        assert sorted(action.pk for action in page) == sorted(action.pk for action in actions)

    def test_they_are_shown_as_the_tracker_shows_them(self, client, talsi):
        actions_in(talsi, 1)

        response = client.get(talsi.get_absolute_url())

        names = [template.name for template in response.templates]
        assert "recommendations/_action_card.html" in names
        assert "visits/_action.html" not in names


@pytest.mark.parametrize("page_number", ["abc", "99999"])
def test_an_address_with_a_page_number_still_shows_the_page(client, talsi, page_number):
    visits_to(talsi, 12)

    assert client.get(talsi.get_absolute_url(), {"lapa": page_number}).status_code == 200


def test_a_practice_of_a_visit_to_several_municipalities_is_counted_once(client):
    jelgava, daugavpils = municipality("jelgava"), municipality("daugavpils")
    visit = make_visit(
        status=Visit.Status.PUBLISHED,
        municipalities=[jelgava, daugavpils, municipality("talsu-novads")],
    )
    GoodPractice.objects.create(
        visit=visit, municipality=jelgava, title="Jelgavas prakse", description="…"
    )
    GoodPractice.objects.create(visit=visit, title="Visas vizītes prakse", description="…")

    response = client.get(jelgava.get_absolute_url())

    titles = [practice.title for practice in response.context["practices"]]
    assert sorted(titles) == ["Jelgavas prakse", "Visas vizītes prakse"]
    assert response.context["practices"].total == 2
    assert GoodPractice.objects.of_municipality(daugavpils).get().title == "Visas vizītes prakse"
