"""The home page's headline numbers and the recommendations' progress, from the data."""

import datetime as dt
from decimal import Decimal

import pytest

from platform_site.stats import (
    action_numbers,
    average,
    headline_numbers,
    recommendations_with_progress,
)
from recommendations.models import FollowUpAction, Recommendation
from tests.factories import make_action, make_expert, make_visit, municipality
from visits.models import Participation, Visit

pytestmark = pytest.mark.django_db

PUBLISHED = Visit.Status.PUBLISHED
DONE = FollowUpAction.Status.DONE


def published_visit(*municipality_slugs: str, **fields) -> Visit:
    return make_visit(
        status=PUBLISHED,
        municipalities=[municipality(slug) for slug in municipality_slugs],
        **fields,
    )


def take_part(visit: Visit, *experts) -> None:
    for expert in experts:
        Participation.objects.create(visit=visit, expert=expert)


def done_action(**fields):
    return make_action(status=DONE, done_date=dt.date(2024, 6, 1), **fields)


class TestAnEmptyDatabase:
    def test_counts_nothing_and_gives_no_average(self):
        numbers = headline_numbers()

        assert numbers.visits == 0
        assert numbers.municipalities == 0
        assert numbers.experts == 0
        assert numbers.average_experts_per_visit is None
        assert numbers.actions_done == 0
        assert numbers.is_sample is False


class TestVisits:
    def test_counts_published_good_practice_visits_only(self):
        published_visit("jurmala")
        published_visit("jelgava")
        make_visit(status=Visit.Status.DRAFT, municipalities=[municipality("ventspils")])
        make_visit(status=Visit.Status.REVIEW, municipalities=[municipality("daugavpils")])
        published_visit(kind=Visit.Kind.NETWORK_MEETING)

        assert headline_numbers().visits == 2

    def test_counts_each_municipality_once_and_ignores_unpublished_visits(self):
        published_visit("jurmala")
        published_visit("jurmala")
        published_visit("rezeknes-novads", "vilakas-novads")
        make_visit(status=Visit.Status.DRAFT, municipalities=[municipality("ventspils")])

        assert headline_numbers().municipalities == 3


class TestExperts:
    def test_an_expert_in_two_visits_is_counted_once(self):
        anna, berzs, cirulis = make_expert(), make_expert(), make_expert()
        take_part(published_visit("jurmala"), anna, berzs)
        take_part(published_visit("jelgava"), anna, cirulis)

        assert headline_numbers().experts == 3

    def test_the_average_is_per_visit_with_participants_to_one_decimal(self):
        experts = [make_expert() for _ in range(4)]
        take_part(published_visit("jurmala"), experts[0])
        take_part(published_visit("jelgava"), experts[1])
        take_part(published_visit("ventspils"), experts[2], experts[3])
        published_visit("daugavpils")  # no participants recorded: not in the average

        assert headline_numbers().average_experts_per_visit == Decimal("1.3")

    def test_participants_of_unpublished_visits_and_meetings_are_not_counted(self):
        expert, other = make_expert(), make_expert()
        take_part(published_visit("jurmala"), expert)
        take_part(make_visit(status=Visit.Status.REVIEW), other)
        take_part(published_visit(kind=Visit.Kind.NETWORK_MEETING), other)

        numbers = headline_numbers()

        assert numbers.experts == 1
        assert numbers.average_experts_per_visit == Decimal("1.0")

    def test_sample_participants_mark_the_numbers_as_sample(self):
        visit = published_visit("jurmala")
        Participation.objects.create(visit=visit, expert=make_expert(), is_sample=True)

        assert headline_numbers().is_sample is True


class TestAverage:
    @pytest.mark.parametrize(
        ("total", "count", "expected"),
        [(37, 3, Decimal("12.3")), (2, 3, Decimal("0.7")), (25, 2, Decimal("12.5")), (12, 1, 12)],
    )
    def test_rounds_half_up_to_one_decimal(self, total, count, expected):
        assert average(total, count) == expected

    def test_of_nothing_is_none(self):
        assert average(0, 0) is None


class TestActions:
    def test_counts_public_done_actions_only(self):
        done_action()
        done_action()
        done_action(is_public=False)
        make_action(status=FollowUpAction.Status.IN_PROGRESS)

        numbers = action_numbers()

        assert headline_numbers().actions_done == 2
        assert (numbers.public, numbers.done) == (3, 2)


class TestRecommendationProgress:
    def test_counts_public_actions_and_those_done(self):
        first, second = Recommendation.objects.get(number=1), Recommendation.objects.get(number=2)
        done_action(recommendations=[first, second])
        make_action(recommendations=[first])
        done_action(recommendations=[first], is_public=False)

        progress = {r.number: r for r in recommendations_with_progress()}

        assert (progress[1].public_action_count, progress[1].public_done_count) == (2, 1)
        assert (progress[2].public_action_count, progress[2].public_done_count) == (1, 1)
        assert (progress[3].public_action_count, progress[3].public_done_count) == (0, 0)

    def test_lists_every_recommendation_in_number_order_in_one_query(
        self, django_assert_num_queries
    ):
        make_action(recommendations=[Recommendation.objects.get(number=5)])

        with django_assert_num_queries(1):
            numbers = [r.number for r in recommendations_with_progress()]

        assert numbers == list(range(1, 14))
