"""Helpers for the tracker's tests: hand-made actions, their history, and data in bulk."""

import datetime as dt
import itertools

import pytest

from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from tests.experts.accounts import log_in_with_second_factor
from tests.factories import make_user
from visits.models import Municipality

_numbers = itertools.count(1)


def recommendation(number: int) -> Recommendation:
    return Recommendation.objects.get(number=number)


def make_update(action: FollowUpAction, on: dt.date, status: str = "", note: str = "…"):
    return ActionUpdate.objects.create(
        action=action, date=on, status_after=status or action.status, note=note
    )


def bulk_actions(count: int, *, is_public: bool = True) -> None:
    """``count`` actions spread over the recommendations, municipalities and statuses, each
    with two history entries: enough rows for a page to show if it queried per row."""
    recommendations = list(Recommendation.objects.order_by("number"))
    municipalities = [*Municipality.objects.order_by("id"), None]
    statuses = FollowUpAction.Status.values
    actions = FollowUpAction.objects.bulk_create(
        FollowUpAction(
            title=f"Masveida rīcība {next(_numbers)}",
            responsible_institution=f"Iestāde {n % 7}",
            municipality=municipalities[n % len(municipalities)],
            status=statuses[n % len(statuses)],
            start_date=dt.date(2020 + n % 5, 1, 1),
            due_date=dt.date(2021 + n % 5, 6, 30),
            done_date=dt.date(2022 + n % 5, 1, 1)
            if statuses[n % len(statuses)] == "DONE"
            else None,
            is_public=is_public or n % 2 == 0,
        )
        for n in range(count)
    )
    links = FollowUpAction.recommendations.through
    links.objects.bulk_create(
        links(followupaction=action, recommendation=recommendations[(n + k) % 13])
        for n, action in enumerate(actions)
        for k in (0, 5)
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            date=dt.date(2021, 1, day),
            status_after=action.status,
            note="Ziņas par gaitu",
        )
        for action in actions
        for day in (1, 2)
    )


@pytest.fixture
def expert_client(client):
    """A logged-in expert (not staff): sees internal actions."""
    client.force_login(make_user())
    return client


@pytest.fixture
def staff_client(client, admin_user):
    log_in_with_second_factor(client, admin_user)
    return client
