import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from tests.factories import make_action

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_refuses_a_second_recommendation_with_the_same_number():
    assert refused(lambda: Recommendation.objects.create(number=1, title="Dublikāts"))
    assert Recommendation.objects.get(number=1).title == "Romu mediācijas prakses attīstība"


def test_refuses_a_done_action_without_a_done_date():
    assert refused(lambda: make_action(status=FollowUpAction.Status.DONE, done_date=None))


def test_refuses_an_action_due_before_it_starts():
    assert refused(
        lambda: make_action(start_date=dt.date(2024, 5, 1), due_date=dt.date(2024, 4, 30))
    )


def test_refuses_a_cancellation_entry_without_a_note():
    action = make_action()

    assert refused(
        lambda: ActionUpdate.objects.create(
            action=action, date=dt.date(2024, 1, 1), status_after="CANCELLED", note=""
        )
    )


class TestChangeStatus:
    def test_writes_the_history_entry_with_the_new_status(self):
        action = make_action()

        action.change_status(
            FollowUpAction.Status.IN_PROGRESS, on=dt.date(2024, 3, 1), note="Sākts"
        )

        assert list(action.updates.values_list("status_after", "date", "note")) == [
            ("IN_PROGRESS", dt.date(2024, 3, 1), "Sākts")
        ]

    def test_dates_a_done_action_on_the_day_of_the_change(self):
        action = make_action()

        action.change_status(FollowUpAction.Status.DONE, on=dt.date(2024, 6, 30))

        action.refresh_from_db()
        assert action.done_date == dt.date(2024, 6, 30)

    def test_refuses_a_cancellation_without_a_reason_and_changes_nothing(self):
        action = make_action()

        with pytest.raises(ValidationError):
            action.change_status(FollowUpAction.Status.CANCELLED, on=dt.date(2024, 6, 30))

        action.refresh_from_db()
        assert action.status == FollowUpAction.Status.PLANNED
        assert action.updates.count() == 0


class TestOverdue:
    def test_includes_an_open_action_past_its_due_date(self):
        action = make_action(due_date=dt.date(2025, 3, 1))

        assert action in FollowUpAction.objects.overdue(today=dt.date(2025, 3, 2))

    def test_excludes_an_action_due_today(self):
        action = make_action(due_date=dt.date(2025, 3, 1))

        assert action not in FollowUpAction.objects.overdue(today=dt.date(2025, 3, 1))

    def test_excludes_a_done_action(self):
        action = make_action(
            due_date=dt.date(2025, 3, 1), status="DONE", done_date=dt.date(2025, 3, 5)
        )

        assert action not in FollowUpAction.objects.overdue(today=dt.date(2025, 4, 1))
