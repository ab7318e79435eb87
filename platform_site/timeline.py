"""The platform's history for the timeline page: the published visits and meetings in
date order, and where the follow-up actions stand."""

from dataclasses import dataclass

from platform_site.stats import ActionNumbers, action_numbers
from visits.models import Visit


@dataclass(frozen=True)
class Timeline:
    visits: list[Visit]
    meetings: list[Visit]
    actions: ActionNumbers

    @property
    def first_visit_year(self) -> int | None:
        return self.visits[0].start_date.year if self.visits else None

    @property
    def last_visit_year(self) -> int | None:
        return self.visits[-1].start_date.year if self.visits else None

    @property
    def visits_span_years(self) -> bool:
        return self.first_visit_year != self.last_visit_year


def platform_timeline() -> Timeline:
    """Published good-practice visits and network meetings, oldest first (two queries)."""
    published = list(Visit.objects.published().order_by("start_date", "id"))
    return Timeline(
        visits=[visit for visit in published if visit.kind == Visit.Kind.GOOD_PRACTICE_VISIT],
        meetings=[visit for visit in published if visit.kind == Visit.Kind.NETWORK_MEETING],
        actions=action_numbers(),
    )
