"""The database itself refuses rows that would make the record wrong."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import make_agenda_item, make_expert, make_visit
from visits.models import Participation, Visit

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


class TestVisitConstraints:
    def test_refuses_a_visit_that_ends_before_it_starts(self):
        assert refused(
            lambda: make_visit(start_date=dt.date(2020, 7, 3), end_date=dt.date(2020, 7, 2))
        )
        assert not Visit.objects.filter(start_date=dt.date(2020, 7, 3)).exists()

    def test_accepts_a_one_day_meeting(self):
        assert not refused(
            lambda: make_visit(start_date=dt.date(2021, 5, 27), end_date=dt.date(2021, 5, 27))
        )

    def test_refuses_a_second_visit_with_the_same_slug(self):
        make_visit(slug="ventspils-2019-kopija")

        assert refused(lambda: make_visit(slug="ventspils-2019-kopija"))

    def test_refuses_a_published_visit_without_its_publishing_date(self):
        assert refused(lambda: make_visit(status=Visit.Status.PUBLISHED, published_at=None))


class TestAgendaDayWithinTheVisit:
    def test_accepts_the_last_day_of_a_three_day_visit(self):
        visit = make_visit(start_date=dt.date(2019, 1, 23), end_date=dt.date(2019, 1, 25))

        assert not refused(lambda: make_agenda_item(visit, day=3))

    def test_refuses_a_day_after_the_visit_ends(self):
        visit = make_visit(start_date=dt.date(2019, 10, 17), end_date=dt.date(2019, 10, 18))

        assert refused(lambda: make_agenda_item(visit, day=3))
        assert visit.agenda_items.count() == 0

    def test_refuses_day_zero(self):
        visit = make_visit()

        assert refused(lambda: make_agenda_item(visit, day=0))

    def test_refuses_moving_an_item_past_the_last_day(self):
        visit = make_visit(start_date=dt.date(2020, 7, 2), end_date=dt.date(2020, 7, 3))
        item = make_agenda_item(visit, day=2)
        item.day = 5

        assert refused(item.save)
        item.refresh_from_db()
        assert item.day == 2

    def test_refuses_shortening_a_visit_so_its_agenda_falls_outside(self):
        visit = make_visit(start_date=dt.date(2020, 7, 2), end_date=dt.date(2020, 7, 3))
        make_agenda_item(visit, day=2)
        visit.end_date = dt.date(2020, 7, 2)

        assert refused(visit.save)
        visit.refresh_from_db()
        assert visit.end_date == dt.date(2020, 7, 3)

    def test_refuses_an_item_that_ends_before_it_starts(self):
        visit = make_visit()

        assert refused(
            lambda: make_agenda_item(visit, start_time=dt.time(11), end_time=dt.time(10))
        )


class TestParticipation:
    def test_refuses_the_same_expert_twice_on_one_visit(self):
        visit, expert = make_visit(), make_expert()
        Participation.objects.create(visit=visit, expert=expert)

        assert refused(lambda: Participation.objects.create(visit=visit, expert=expert))
        assert visit.participations.count() == 1

    def test_accepts_the_same_expert_on_two_visits(self):
        expert = make_expert()
        Participation.objects.create(visit=make_visit(), expert=expert)

        assert not refused(lambda: Participation.objects.create(visit=make_visit(), expert=expert))
