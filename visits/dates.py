"""Latvian date ranges: "2019. gada 17.–18. oktobris", "2019. gada 23.–25. janvāris"."""

import datetime as dt

from django.utils.formats import date_format


def _month(day: dt.date) -> str:
    return date_format(day, "F")  # nominative month name in the active language


def date_range_display(start: dt.date, end: dt.date) -> str:
    if start == end:
        return date_format(start, "DATE_FORMAT")
    if start.year != end.year:
        return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"
    if start.month != end.month:
        return f"{start.year}. gada {start.day}. {_month(start)} – {end.day}. {_month(end)}"
    return f"{start.year}. gada {start.day}.–{end.day}. {_month(end)}"
