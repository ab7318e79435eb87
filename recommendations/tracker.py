"""What the tracker shows: progress per recommendation, the recommendation × municipality
matrix and actions grouped by status, prepared for the templates from grouped queries."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet

from recommendations.models import STATUS_DISPLAY_ORDER, FollowUpAction, Recommendation
from visits.models import Municipality


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Progress:
    """Counts of actions by status, and how many are overdue or stale."""

    planned: int = 0
    in_progress: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0
    stale: int = 0

    @classmethod
    def from_counts(cls, counts: Mapping[str, int] | None) -> "Progress":
        counts = counts or {}
        return cls(
            planned=counts.get("planned", 0),
            in_progress=counts.get("in_progress", 0),
            done=counts.get("done", 0),
            cancelled=counts.get("cancelled", 0),
            overdue=counts.get("overdue", 0),
            stale=counts.get("stale", 0),
        )

    @property
    def total(self) -> int:
        return self.planned + self.in_progress + self.done + self.cancelled

    @property
    def counted(self) -> int:
        """The actions the share done is measured against: all but the cancelled ones."""
        return self.total - self.cancelled

    @property
    def percent_done(self) -> int | None:
        """done / (all − cancelled) as a whole percentage (half up); None with nothing to count."""
        if not self.counted:
            return None
        return (200 * self.done + self.counted) // (2 * self.counted)

    @property
    def by_status(self) -> list[StatusCount]:
        """In the order people read a tracker: in progress, planned, done, cancelled."""
        return [
            StatusCount(
                status=status,
                label=FollowUpAction.Status(status).label,
                count=getattr(self, status.lower()),
            )
            for status in STATUS_DISPLAY_ORDER
        ]


@dataclass(frozen=True)
class RecommendationProgress:
    recommendation: Recommendation
    progress: Progress


def progress_by_recommendation(
    recommendations: Iterable[Recommendation],
    actions: QuerySet[FollowUpAction],
    *,
    today: dt.date,
) -> list[RecommendationProgress]:
    """Every recommendation with the progress of ``actions`` on it (one grouped query)."""
    counts = actions.progress_by_recommendation(today=today)
    return [
        RecommendationProgress(recommendation, Progress.from_counts(counts.get(recommendation.pk)))
        for recommendation in recommendations
    ]


def overall_progress(actions: QuerySet[FollowUpAction], *, today: dt.date) -> Progress:
    """Each action counted once, whatever the number of recommendations it serves."""
    return Progress.from_counts(actions.totals(today=today))


@dataclass(frozen=True)
class MatrixCell:
    municipality: Municipality | None
    count: int


@dataclass(frozen=True)
class MatrixRow:
    recommendation: Recommendation
    cells: list[MatrixCell]


@dataclass(frozen=True)
class Matrix:
    """Recommendations down, municipalities across (and a last column for actions without
    a municipality); each cell the number of actions."""

    columns: list[Municipality | None]
    rows: list[MatrixRow]
    has_actions: bool = field(default=False)


def recommendation_matrix(
    recommendations: Sequence[Recommendation],
    municipalities: Sequence[Municipality],
    actions: QuerySet[FollowUpAction],
) -> Matrix:
    counts = actions.count_by_recommendation_and_municipality()
    columns: list[Municipality | None] = [*municipalities, None]
    rows = [
        MatrixRow(
            recommendation=recommendation,
            cells=[
                MatrixCell(
                    municipality,
                    counts.get((recommendation.pk, municipality.pk if municipality else None), 0),
                )
                for municipality in columns
            ],
        )
        for recommendation in recommendations
    ]
    return Matrix(columns=columns, rows=rows, has_actions=bool(counts))


@dataclass(frozen=True)
class StatusGroup:
    status: str
    label: str
    actions: list[FollowUpAction]
    total: int


def group_by_status(
    actions: Iterable[FollowUpAction], *, totals: Progress | None = None
) -> list[StatusGroup]:
    """Actions grouped in progress, planned, done, cancelled; empty groups left out.

    ``actions`` may be one page of a longer list in status order: ``totals`` then gives
    each group's count over the whole list (else the count is the group's own).
    """
    groups: dict[str, list[FollowUpAction]] = {status: [] for status in STATUS_DISPLAY_ORDER}
    for action in actions:
        groups[action.status].append(action)
    return [
        StatusGroup(
            status,
            FollowUpAction.Status(status).label,
            members,
            getattr(totals, status.lower()) if totals else len(members),
        )
        for status, members in groups.items()
        if members
    ]
