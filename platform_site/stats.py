"""What the public pages count across the apps: the home page's headline numbers and the
recommendations' progress.

Only what the public may see is counted: published visits and public follow-up actions.
Each function runs one query, whatever the size of the data.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from recommendations.models import FollowUpAction, Recommendation
from visits.models import Visit

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class VisitNumbers:
    """Good-practice visits (network meetings are not visits to a municipality)."""

    visits: int
    municipalities: int
    experts: int
    average_experts_per_visit: Decimal | None
    is_sample: bool


@dataclass(frozen=True)
class ActionNumbers:
    public: int
    done: int
    is_sample: bool


@dataclass(frozen=True)
class HeadlineNumbers:
    visits: int
    municipalities: int
    experts: int
    average_experts_per_visit: Decimal | None
    actions_done: int
    is_sample: bool


def average(total: int, count: int) -> Decimal | None:
    """``total / count`` rounded half up to one decimal; None when there is nothing to average."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def visit_numbers() -> VisitNumbers:
    """Published good-practice visits, the municipalities they went to and the experts in them.

    Experts are counted once however many visits they took part in. The average is taken
    over the visits whose participants are recorded, so a visit from before the portal,
    with no list of participants, does not pull it down; with none recorded it is None.
    """
    totals = (
        Visit.objects.published()
        .filter(kind=Visit.Kind.GOOD_PRACTICE_VISIT)
        .aggregate(
            visit_count=Count("id", distinct=True),
            municipality_count=Count("municipalities", distinct=True),
            expert_count=Count("participations__expert", distinct=True),
            participation_count=Count("participations", distinct=True),
            visits_with_participants=Count(
                "id", distinct=True, filter=Q(participations__isnull=False)
            ),
            sample_participations=Count(
                "participations", distinct=True, filter=Q(participations__is_sample=True)
            ),
        )
    )
    return VisitNumbers(
        visits=totals["visit_count"],
        municipalities=totals["municipality_count"],
        experts=totals["expert_count"],
        average_experts_per_visit=average(
            totals["participation_count"], totals["visits_with_participants"]
        ),
        is_sample=totals["sample_participations"] > 0,
    )


def action_numbers() -> ActionNumbers:
    """Public follow-up actions, and how many of them are done."""
    done = Q(status=FollowUpAction.Status.DONE)
    totals = FollowUpAction.objects.public().aggregate(
        public_count=Count("id"),
        done_count=Count("id", filter=done),
        sample_done=Count("id", filter=done & Q(is_sample=True)),
    )
    return ActionNumbers(
        public=totals["public_count"],
        done=totals["done_count"],
        is_sample=totals["sample_done"] > 0,
    )


def headline_numbers() -> HeadlineNumbers:
    """The numbers on the home page, computed from the data (two queries)."""
    visits = visit_numbers()
    actions = action_numbers()
    return HeadlineNumbers(
        visits=visits.visits,
        municipalities=visits.municipalities,
        experts=visits.experts,
        average_experts_per_visit=visits.average_experts_per_visit,
        actions_done=actions.done,
        is_sample=visits.is_sample or actions.is_sample,
    )


def recommendations_with_progress() -> QuerySet[Recommendation]:
    """Every recommendation in number order, with ``public_action_count`` and
    ``public_done_count``: its public follow-up actions and how many are done (one query)."""
    public = Q(actions__is_public=True)
    return Recommendation.objects.annotate(
        public_action_count=Count("actions", filter=public),
        public_done_count=Count(
            "actions", filter=public & Q(actions__status=FollowUpAction.Status.DONE)
        ),
    ).order_by("number", "id")
