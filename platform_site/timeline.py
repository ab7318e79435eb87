"""The platform's history for the timeline page: the published visits of one year (with
every year that has some, and how many), the first network meetings, and where the
follow-up actions stand."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from platform_site.stats import ActionNumbers, action_numbers
from visits.models import Visit

# The meetings shown in the step of the recommendations (the first is the one of 27 May 2021).
MEETINGS_SHOWN = 3
# Up to this many visits the history shows them all at once; beyond, one year at a time.
ALL_YEARS_UP_TO = 50


@dataclass(frozen=True)
class VisitYear:
    year: int
    count: int


@dataclass(frozen=True)
class Timeline:
    years: list[VisitYear]
    year: int | None  # None: every year
    can_show_all: bool
    visits: list[Visit]
    meetings: list[Visit]
    more_meetings: bool
    actions: ActionNumbers

    @property
    def first_visit_year(self) -> int | None:
        return self.years[0].year if self.years else None

    @property
    def last_visit_year(self) -> int | None:
        return self.years[-1].year if self.years else None

    @property
    def visits_span_years(self) -> bool:
        return self.first_visit_year != self.last_visit_year


def platform_timeline(year: int | None = None) -> Timeline:
    """The good-practice visits published in ``year``, oldest first. Without a year that
    has visits: all of them while they are few, else those of the latest year with any.
    A fixed number of queries."""
    published = Visit.objects.published()
    visits = published.filter(kind=Visit.Kind.GOOD_PRACTICE_VISIT)
    years = [
        VisitYear(year=row["year"], count=row["count"])
        for row in visits.annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("year")
    ]
    can_show_all = sum(entry.count for entry in years) <= ALL_YEARS_UP_TO
    if year not in {entry.year for entry in years}:
        year = None if can_show_all or not years else years[-1].year
    meetings = list(
        published.filter(kind=Visit.Kind.NETWORK_MEETING).order_by("start_date", "id")[
            : MEETINGS_SHOWN + 1
        ]
    )
    return Timeline(
        years=years,
        year=year,
        can_show_all=can_show_all,
        visits=list((visits.in_year(year) if year else visits).order_by("start_date", "id")),
        meetings=meetings[:MEETINGS_SHOWN],
        more_meetings=len(meetings) > MEETINGS_SHOWN,
        actions=action_numbers(),
    )
