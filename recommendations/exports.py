"""The tracker as a spreadsheet: one row per action, through platform_site.spreadsheets."""

import datetime as dt
from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils.translation import pgettext, pgettext_lazy

from platform_site import spreadsheets
from recommendations.models import FollowUpAction, Recommendation


def _yes_no(value: bool) -> str:
    return pgettext("spreadsheet value", "yes") if value else pgettext("spreadsheet value", "no")


COLUMNS: list[tuple[str, Callable[[FollowUpAction], spreadsheets.Cell]]] = [
    (pgettext_lazy("spreadsheet column", "No."), lambda action: action.pk),
    (pgettext_lazy("spreadsheet column", "Title"), lambda action: action.title),
    (pgettext_lazy("spreadsheet column", "Recommendations"), FollowUpAction.recommendation_numbers),
    (
        pgettext_lazy("spreadsheet column", "Responsible institution"),
        lambda action: action.responsible_institution,
    ),
    (
        pgettext_lazy("spreadsheet column", "Municipality"),
        lambda action: action.municipality.name if action.municipality else "",
    ),
    (pgettext_lazy("spreadsheet column", "Status"), lambda action: action.get_status_display()),
    (pgettext_lazy("spreadsheet column", "Start"), lambda action: action.start_date),
    (pgettext_lazy("spreadsheet column", "Due"), lambda action: action.due_date),
    (pgettext_lazy("spreadsheet column", "Done"), lambda action: action.done_date),
    (pgettext_lazy("spreadsheet column", "Public"), lambda action: _yes_no(action.is_public)),
    (
        pgettext_lazy("spreadsheet column", "Sample content"),
        lambda action: _yes_no(action.is_sample),
    ),
    (pgettext_lazy("spreadsheet column", "Description"), lambda action: action.description),
    (pgettext_lazy("spreadsheet column", "Evidence"), lambda action: action.evidence_url),
]


def for_export(actions: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    """The actions with what a row needs, in two queries whatever their number."""
    return (
        actions.select_related("municipality")
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("number"))
        )
        .order_by("id")
    )


def header() -> list[str]:
    return [str(name) for name, _value in COLUMNS]


def rows(actions: QuerySet[FollowUpAction]) -> list[list[spreadsheets.Cell]]:
    return [[value(action) for _name, value in COLUMNS] for action in for_export(actions)]


def filename_stem(*, today: dt.date) -> str:
    return f"ierosinajumu-izpilde-{today.isoformat()}"


def tracker_response(
    actions: QuerySet[FollowUpAction], *, file_format: str, today: dt.date
) -> HttpResponse:
    """The actions as a CSV or XLSX download (``file_format`` "csv" or "xlsx")."""
    stem = filename_stem(today=today)
    if file_format == "xlsx":
        sheet_title = pgettext("spreadsheet sheet", "Actions")
        return spreadsheets.xlsx_response(stem, header(), rows(actions), sheet_title=sheet_title)
    return spreadsheets.csv_response(stem, header(), rows(actions))
