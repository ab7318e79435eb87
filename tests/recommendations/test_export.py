"""The tracker as CSV and XLSX, and the one neutraliser every export goes through."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from platform_site import spreadsheets
from tests.factories import make_action, municipality
from tests.recommendations.conftest import bulk_actions, recommendation

pytestmark = pytest.mark.django_db

CSV_URL = reverse("recommendations:export_csv")
XLSX_URL = reverse("recommendations:export_xlsx")
FORMULAS = [
    '=HYPERLINK("http://example.invalid","Klikšķini")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\ry",
]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


@pytest.fixture
def two_actions():
    """A done action in Ventspils serving two recommendations, and a planned national one."""
    first = make_action(
        title="Romu mediatora darbs Ventspils skolās",
        recommendations=[recommendation(4), recommendation(1)],
        responsible_institution="Ventspils sociālais dienests",
        municipality=municipality("ventspils"),
        status="DONE",
        start_date=dt.date(2019, 9, 1),
        due_date=dt.date(2020, 6, 30),
        done_date=dt.date(2020, 5, 15),
    )
    second = make_action(
        title="Ģimeņu asistentu apmācība",
        recommendations=[recommendation(10)],
        responsible_institution="Labklājības ministrija",
    )
    return first, second


class TestNeutralise:
    @pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\ry", "\x00z"])
    def test_puts_an_apostrophe_before_what_a_spreadsheet_would_calculate(self, text):
        assert spreadsheets.neutralise(text).startswith("'")

    @pytest.mark.parametrize("text", ["Jūrmala", "1; 4", "", "a=b", "e-pasts"])
    def test_leaves_plain_text_alone(self, text):
        assert spreadsheets.neutralise(text) == text

    def test_drops_characters_a_spreadsheet_cannot_hold(self):
        assert spreadsheets.neutralise("\x00=1") == "'=1"


class TestCsv:
    def test_starts_with_the_utf8_byte_order_mark_and_keeps_latvian_letters(
        self, client, two_actions
    ):
        response = client.get(CSV_URL)

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert "Ģimeņu asistentu apmācība" in response.content.decode("utf-8")

    def test_holds_one_row_per_action_with_its_recommendation_numbers_and_dates(
        self, client, two_actions
    ):
        first, second = two_actions

        rows = csv_rows(client.get(CSV_URL))

        assert len(rows) == 3
        assert rows[1][:9] == [
            str(first.pk),
            "Romu mediatora darbs Ventspils skolās",
            "1; 4",
            "Ventspils sociālais dienests",
            "Ventspils",
            "īstenots",
            "01.09.2019",
            "30.06.2020",
            "15.05.2020",
        ]
        assert rows[2][:9] == [
            str(second.pk),
            "Ģimeņu asistentu apmācība",
            "10",
            "Labklājības ministrija",
            "",
            "plānots",
            "",
            "",
            "",
        ]

    def test_neutralises_formula_cells(self, client):
        for formula in FORMULAS:
            make_action(title=formula, responsible_institution=formula)

        rows = csv_rows(client.get(CSV_URL))

        titles = [row[1] for row in rows[1:]]
        assert sorted(titles) == sorted("'" + formula for formula in FORMULAS)
        assert {row[3] for row in rows[1:]} == {"'" + formula for formula in FORMULAS}


class TestXlsx:
    def test_opens_with_openpyxl_and_holds_exactly_the_expected_rows(self, client, two_actions):
        first, second = two_actions

        response = client.get(XLSX_URL)

        assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
        rows = xlsx_rows(response)
        assert len(rows) == 3
        assert rows[1][:9] == (
            first.pk,
            "Romu mediatora darbs Ventspils skolās",
            "1; 4",
            "Ventspils sociālais dienests",
            "Ventspils",
            "īstenots",
            dt.datetime(2019, 9, 1),
            dt.datetime(2020, 6, 30),
            dt.datetime(2020, 5, 15),
        )
        assert rows[2][:6] == (
            second.pk,
            "Ģimeņu asistentu apmācība",
            "10",
            "Labklājības ministrija",
            None,
            "plānots",
        )

    def test_shows_dates_as_dd_mm_yyyy(self, client, two_actions):
        workbook = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content))

        assert workbook.active["G2"].number_format == "DD.MM.YYYY"

    def test_neutralises_formula_cells_and_holds_no_formula(self, client):
        for formula in FORMULAS:
            make_action(title=formula)

        workbook = openpyxl.load_workbook(io.BytesIO(client.get(XLSX_URL).content))

        # XML reads a carriage return back as a line feed; the apostrophe is what matters.
        titles = [row[1].value.replace("\n", "\r") for row in workbook.active.iter_rows(min_row=2)]
        assert sorted(titles) == sorted("'" + formula for formula in FORMULAS)
        assert all(row[1].data_type == "s" for row in workbook.active.iter_rows(min_row=2))


class TestWriters:
    """Every cell of every export goes through the writers, which neutralise it; a NUL
    cannot even be stored in PostgreSQL, so it is tried on the writers directly."""

    CELLS = [*FORMULAS, "\x00=1"]

    def test_the_csv_writer_neutralises_every_formula_cell(self):
        content = spreadsheets.csv_bytes(["Nosaukums"], [[cell] for cell in self.CELLS])

        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert [row[0] for row in rows[1:]] == ["'" + cell for cell in FORMULAS] + ["'=1"]

    def test_the_xlsx_writer_neutralises_every_formula_cell(self):
        content = spreadsheets.xlsx_bytes(["Nosaukums"], [[cell] for cell in self.CELLS])

        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = [
            row[0].replace("\n", "\r") for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        assert values == ["'" + cell for cell in FORMULAS] + ["'=1"]

    def test_the_header_is_neutralised_too(self):
        content = spreadsheets.csv_bytes(["=1"], [])

        assert content.decode("utf-8-sig").startswith("'=1")


class TestWhatIsExported:
    @pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
    def test_the_public_export_holds_no_internal_action_even_for_a_logged_in_expert(
        self, expert_client, url
    ):
        make_action(title="Publiskā rīcība")
        make_action(title="Iekšējā rīcība", is_public=False)

        response = expert_client.get(url)

        rows = csv_rows(response) if url == CSV_URL else xlsx_rows(response)
        assert [row[1] for row in rows[1:]] == ["Publiskā rīcība"]

    def test_respects_the_dashboards_filters(self, client, two_actions):
        rows = csv_rows(client.get(CSV_URL, {"statuss": "DONE", "pasvaldiba": "ventspils"}))

        assert [row[1] for row in rows[1:]] == ["Romu mediatora darbs Ventspils skolās"]

    def test_a_bad_filter_is_left_off(self, client, two_actions):
        response = client.get(CSV_URL, {"statuss": "NAV", "gads": "x"})

        assert response.status_code == 200
        assert len(csv_rows(response)) == 3

    def test_with_no_actions_holds_the_header_only(self, client):
        assert len(xlsx_rows(client.get(XLSX_URL))) == 1

    def test_the_dashboard_links_both_files_with_its_filters(self, client):
        content = client.get(reverse("recommendations:list"), {"statuss": "DONE"}).content.decode()

        assert f'href="{CSV_URL}?statuss=DONE"' in content
        assert f'href="{XLSX_URL}?statuss=DONE"' in content

    @pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
    def test_runs_as_many_queries_for_300_actions_as_for_10(self, client, url):
        bulk_actions(10)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        bulk_actions(290)

        with CaptureQueriesContext(connection) as large:
            response = client.get(url)

        assert len(large) == len(small)
        assert len(csv_rows(response) if url == CSV_URL else xlsx_rows(response)) == 301


def test_the_columns_are_named_in_latvian(client):
    """Passes once the tracker's fragment is merged into the lv catalog."""
    header = csv_rows(client.get(CSV_URL))[0]

    assert header[:9] == [
        "Nr.",
        "Nosaukums",
        "Ierosinājumi",
        "Atbildīgā iestāde",
        "Pašvaldība",
        "Statuss",
        "Sākums",
        "Termiņš",
        "Īstenots",
    ]
