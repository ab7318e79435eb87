"""Spreadsheets out of the portal: every export (CSV or XLSX) goes through this module.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some programs, a tab, a carriage return or a NUL before them) as a formula: a title such as
``=HYPERLINK("http://…")`` typed into the admin would become a live link or worse in
whoever opens the export (CSV injection, OWASP). :func:`neutralise` puts an apostrophe in
front of such a cell so it stays text; the writers below call it on every text cell, so an
export cannot forget it.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

Cell = str | int | float | dt.date | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
DATE_FORMAT = "%d.%m.%Y"  # dd.mm.yyyy, as Latvian spreadsheets show dates
XLSX_DATE_FORMAT = "DD.MM.YYYY"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UTF8_BOM = "\ufeff"  # so that Excel reads the file as UTF-8 and shows ā, č, ņ, š, ž right

_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def neutralise(text: str) -> str:
    """Keep a text cell text: an apostrophe before anything a spreadsheet would calculate.

    Control characters that a spreadsheet file cannot hold (NUL and the like) are dropped
    after that, so a CSV and an XLSX of the same rows say the same.
    """
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _text(value: Cell) -> str:
    """A cell as CSV text: dates as dd.mm.yyyy, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, comma-separated, quoted where needed by the csv module."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_text(str(name)) for name in header])
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return neutralise(value)
    return value


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet_title: str = "Sheet"
) -> bytes:
    """One sheet: a bold header row, then the rows; dates as real dates shown dd.mm.yyyy."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = neutralise(sheet_title)[:31] or "Sheet"
    sheet.append([_xlsx_value(str(name)) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = XLSX_DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, whatever openpyxl would guess
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    safe_name = _SAFE_FILENAME.sub("-", filename).strip("-.") or "eksports"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return response


def csv_response(
    filename_stem: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    return _attachment(csv_bytes(header, rows), CSV_CONTENT_TYPE, f"{filename_stem}.csv")


def xlsx_response(
    filename_stem: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet_title: str = "Sheet",
) -> HttpResponse:
    content = xlsx_bytes(header, rows, sheet_title=sheet_title)
    return _attachment(content, XLSX_CONTENT_TYPE, f"{filename_stem}.xlsx")
