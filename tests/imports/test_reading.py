"""Files as Latvian Excel really writes them are read as meant."""

import datetime as dt
import decimal
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from platform_site.imports import (
    CSV,
    XLSX,
    BooleanWidget,
    DateWidget,
    DecimalWidget,
    ImportFileError,
    TextWidget,
    TimeWidget,
    read_csv,
)
from platform_site.spreadsheets import neutralise

TABLE = [["Nosaukums", "Pašvaldība", "Datums"], ["Ļūdmila Žagare", "Rēzeknes novads", "27.05.2021"]]


def csv_text(rows: list[list[str]], delimiter: str) -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize(
    "encoded",
    [
        csv_text(TABLE, ",").encode("utf-8"),
        csv_text(TABLE, ",").encode("utf-8-sig"),
        csv_text(TABLE, ";").encode("utf-8-sig"),
        csv_text(TABLE, ";").encode("cp1257"),
        csv_text(TABLE, ",").encode("cp1257"),
        csv_text(TABLE, "\t").encode("utf-8"),
        ("sep=;\r\n" + csv_text(TABLE, ";")).encode("cp1257"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf8-bom-semicolon",
        "cp1257-semicolon",
        "cp1257-comma",
        "tab",
        "sep",
    ],
)
def test_every_encoding_and_separator_excel_writes_reads_the_same(encoded):
    dataset = CSV().create_dataset(encoded)

    assert dataset.headers == TABLE[0]
    assert list(dataset) == [tuple(TABLE[1])]


def test_semicolons_inside_a_comma_separated_file_stay_in_their_cell():
    text = 'Nr.,Ierosinājumi,Nosaukums\r\n1,"1; 4","Rīcība; otrā daļa"\r\n'

    dataset = read_csv(text.encode("utf-8"))

    assert list(dataset) == [("1", "1; 4", "Rīcība; otrā daļa")]


def test_blank_rows_are_left_out_and_rows_keep_their_number_in_the_file():
    text = "Nosaukums,Datums\r\n\r\nA,1\r\n,\r\nB,2\r\n\r\n"

    dataset = read_csv(text.encode("utf-8"))

    assert list(dataset) == [("A", "1"), ("B", "2")]
    assert dataset.line_numbers == [3, 5]


def test_a_quoted_cell_keeps_its_line_breaks():
    text = 'Nosaukums,Kopsavilkums\r\nA,"Pirmā rinda\r\nOtrā rinda"\r\n'

    (row,) = read_csv(text.encode("utf-8"))

    assert TextWidget().clean(row[1]) == "Pirmā rinda\nOtrā rinda"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file has no rows."),
        ("A,,C\r\n1,2,3\r\n", "Column B has no heading"),
        ("A,B\r\n1,2,3\r\n", "Row 2 has more cells"),
    ],
)
def test_a_malformed_csv_is_refused_with_the_reason(text, message):
    with translation.override("en"), pytest.raises(ImportFileError, match=message):
        read_csv(text.encode("utf-8"))


def test_trailing_empty_columns_are_ignored():
    dataset = read_csv(b"A;B;;\r\n1;2;;\r\n")

    assert dataset.headers == ["A", "B"]


def test_the_first_sheet_of_a_workbook_is_read_with_real_dates_and_numbers():
    book = Workbook()
    sheet = book.active
    sheet.append(["Nosaukums", "Datums", "Diena", None])
    sheet.append(["Ļūdmila Žagare", dt.datetime(2021, 5, 27), 2, None])
    sheet.append([None, None, None, None])
    book.create_sheet("Piezīmes").append(["nav jāimportē"])
    buffer = io.BytesIO()
    book.save(buffer)

    dataset = XLSX().create_dataset(buffer.getvalue())

    assert dataset.headers == ["Nosaukums", "Datums", "Diena"]
    assert list(dataset) == [("Ļūdmila Žagare", dt.datetime(2021, 5, 27), 2)]


def test_something_else_is_not_read_as_a_workbook():
    with pytest.raises(ImportFileError):
        XLSX().create_dataset(b"PK\x03\x04 not really a zip")


class TestCells:
    @pytest.mark.parametrize(
        "value",
        [
            "27.05.2021",
            "27.5.2021",
            "2021-05-27",
            dt.datetime(2021, 5, 27, 0, 0),
            dt.date(2021, 5, 27),
        ],
    )
    def test_a_date_as_staff_write_it(self, value):
        assert DateWidget().clean(value) == dt.date(2021, 5, 27)

    @pytest.mark.parametrize("value", ["31.02.2021", "maijs", "05/27/2021"])
    def test_a_date_that_is_not_one_is_an_error(self, value):
        with pytest.raises(ValueError, match=value):
            DateWidget().clean(value)

    def test_dates_are_written_as_in_latvia_in_csv_and_as_dates_in_xlsx(self):
        day = dt.date(2021, 5, 27)

        assert DateWidget().render(day) == "27.05.2021"
        assert DateWidget().render(day, force_native_type=True) == day

    @pytest.mark.parametrize("value", ["9:30", "09:30", "09:30:00", "9.30", dt.time(9, 30)])
    def test_a_time(self, value):
        assert TimeWidget().clean(value) == dt.time(9, 30)

    @pytest.mark.parametrize("value", ["56,95", "56.95", " 56,950 ", 56.95])
    def test_a_decimal_comma_or_point(self, value):
        assert DecimalWidget().clean(value) == decimal.Decimal("56.95")

    @pytest.mark.parametrize(
        ("value", "meant"), [("jā", True), ("Nē", False), ("x", True), (0, False)]
    )
    def test_yes_and_no_in_latvian(self, value, meant):
        assert BooleanWidget().clean(value) is meant

    @pytest.mark.parametrize("value", ["=1+1", "+371 2000 0000", "-5", "@lietotajs", "\tteksts"])
    def test_the_apostrophe_the_export_adds_comes_off_on_import(self, value):
        assert TextWidget().clean(neutralise(value)) == value

    def test_a_negative_number_comes_back_from_a_csv_export(self):
        assert DecimalWidget().clean(neutralise("-21,5")) == decimal.Decimal("-21.5")

    def test_a_real_apostrophe_stays(self):
        assert TextWidget().clean("'Pēdiņas' un tā tālāk") == "'Pēdiņas' un tā tālāk"
