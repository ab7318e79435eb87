"""A recommendation's page at national scale: its actions 25 a page, the newest visits,
practices and experts with a link to all of them."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from recommendations.models import FollowUpAction
from tests.factories import make_expert, make_visit
from tests.recommendations.conftest import recommendation
from visits.models import GoodPractice, Visit

pytestmark = pytest.mark.django_db

ACTION_LINK = re.compile(r'<h4 class="card__title"><a href="/ierosinajumi/ricibas/(\d+)/">')


def make_actions(count: int, *, status: str = "PLANNED", number: int = 1) -> list[int]:
    actions = FollowUpAction.objects.bulk_create(
        FollowUpAction(
            title=f"Rīcība {n}",
            responsible_institution="Kultūras ministrija",
            status=status,
            done_date=dt.date(2024, 1, 1) if status == "DONE" else None,
        )
        for n in range(count)
    )
    FollowUpAction.recommendations.through.objects.bulk_create(
        FollowUpAction.recommendations.through(
            followupaction_id=action.pk, recommendation_id=recommendation(number).pk
        )
        for action in actions
    )
    return [action.pk for action in actions]


def shown_actions(client, **params) -> list[int]:
    response = client.get(recommendation(1).get_absolute_url(), params)
    assert response.status_code == 200
    return [int(pk) for pk in ACTION_LINK.findall(response.content.decode())]


def published_visits(count: int, number: int = 1) -> list[Visit]:
    visits = [
        make_visit(
            status=Visit.Status.PUBLISHED, start_date=dt.date(2022, 1, 3) + dt.timedelta(weeks=n)
        )
        for n in range(count)
    ]
    recommendation(number).visits.add(*visits)
    return visits


class TestActionsAPageAtATime:
    def test_the_first_page_shows_25_actions(self, client):
        make_actions(40)

        assert len(shown_actions(client)) == 25

    def test_the_second_page_shows_the_next_ones(self, client):
        ids = make_actions(40)

        first, second = shown_actions(client), shown_actions(client, lapa=2)

        assert len(second) == 15
        assert sorted(first + second) == sorted(ids)

    def test_the_pages_are_linked(self, client):
        make_actions(40)

        content = client.get(recommendation(1).get_absolute_url()).content.decode()

        assert 'href="?lapa=2" rel="next"' in content

    @pytest.mark.parametrize("page_number", ["abc", ""])
    def test_a_page_number_that_is_not_a_number_shows_the_first_page(self, client, page_number):
        make_actions(40)

        assert shown_actions(client, lapa=page_number) == shown_actions(client)

    @pytest.mark.parametrize("page_number", ["99999", "-1"])
    def test_a_page_number_past_the_end_shows_the_last_page_as_the_visit_list_does(
        self, client, page_number
    ):
        make_actions(40)

        assert shown_actions(client, lapa=page_number) == shown_actions(client, lapa=2)

    def test_a_groups_heading_counts_all_its_actions_not_only_this_pages(self, client):
        make_actions(30)

        response = client.get(recommendation(1).get_absolute_url())

        (group,) = response.context["status_groups"]
        assert len(group.actions) == 25
        assert group.total == 30
        assert '<span class="count">(30)</span>' in response.content.decode()

    def test_the_progress_counts_every_action_not_only_this_pages(self, client):
        make_actions(30)
        make_actions(4, status="DONE")

        response = client.get(recommendation(1).get_absolute_url(), {"lapa": 2})

        assert response.context["progress"].total == 34
        assert response.context["progress"].done == 4


class TestChoosingAStatus:
    def test_a_status_shows_only_its_actions(self, client):
        make_actions(30)
        done = make_actions(4, status="DONE")

        assert sorted(shown_actions(client, statuss="DONE")) == sorted(done)

    def test_the_statuses_are_offered_as_links_with_their_counts(self, client):
        make_actions(30)
        make_actions(4, status="DONE")

        content = client.get(recommendation(1).get_absolute_url(), {"lapa": 2}).content.decode()

        assert re.search(r'<a href="\?statuss=DONE">[^<]+\(4\)</a>', content)
        assert re.search(r'<a href="\?" aria-current="page">[^<]+\(34\)</a>', content)

    def test_an_unknown_status_shows_every_action(self, client):
        make_actions(30)

        assert shown_actions(client, statuss="NAV") == shown_actions(client)

    def test_a_short_list_offers_no_status_links(self, client):
        make_actions(3)

        content = client.get(recommendation(1).get_absolute_url()).content.decode()

        assert "?statuss=" not in content


class TestTheNewestVisitsPracticesAndExperts:
    def test_the_newest_10_visits_are_shown_with_a_link_to_all(self, client):
        visits = published_visits(12)

        response = client.get(recommendation(1).get_absolute_url())

        content = response.content.decode()
        shown = [visit for visit in visits if visit.get_absolute_url() in content]
        assert shown == visits[2:]  # the two oldest are left out
        assert 'href="/vizites/?ierosinajums=1"' in content

    def test_the_link_leads_to_the_visit_list_showing_every_one_of_them(self, client):
        visits = published_visits(12)
        published_visits(3, number=2)

        response = client.get("/vizites/", {"ierosinajums": 1})

        assert sorted(visit.pk for visit in response.context["page"]) == sorted(
            visit.pk for visit in visits
        )

    def test_the_link_counts_what_the_visit_list_shows(self, client):
        visits = published_visits(11)
        other = make_visit(status=Visit.Status.PUBLISHED)
        practice = GoodPractice.objects.create(visit=other, title="Prakse", description="…")
        recommendation(1).good_practices.add(practice)  # its visit counts too

        page = client.get(recommendation(1).get_absolute_url()).context["visits"]
        listed = client.get("/vizites/", {"ierosinajums": 1}).context["page"].paginator.count

        assert page.total == listed == len(visits) + 1

    def test_a_few_visits_are_all_shown_with_no_link(self, client):
        published_visits(3)

        content = client.get(recommendation(1).get_absolute_url()).content.decode()

        assert "?ierosinajums=1" not in content

    def test_the_newest_10_good_practices_are_shown_with_a_link_to_their_visits(self, client):
        for n, visit in enumerate(published_visits(12)):
            practice = GoodPractice.objects.create(
                visit=visit, title=f"Prakse {n}", description="…"
            )
            recommendation(1).good_practices.add(practice)

        response = client.get(recommendation(1).get_absolute_url())

        assert [practice.title for practice in response.context["good_practices"]] == [
            f"Prakse {n}" for n in range(11, 1, -1)
        ]
        assert response.context["good_practices"].total == 12

    def test_10_experts_are_shown_with_a_link_to_the_directory_of_the_area(self, client):
        experts = [
            make_expert(
                full_name=f"Eksperte {n:02}", is_public=True, public_consent_at=timezone.now()
            )
            for n in range(12)
        ]
        recommendation(1).experts.add(*experts)

        content = client.get(recommendation(1).get_absolute_url()).content.decode()
        directory = client.get("/eksperti/", {"joma": 1}).content.decode()

        assert sum(expert.get_absolute_url() in content for expert in experts) == 10
        assert 'href="/eksperti/?joma=1"' in content
        assert all(expert.get_absolute_url() in directory for expert in experts)
