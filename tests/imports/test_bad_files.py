"""A bad file is refused whole, with a message in Latvian, and changes nothing.

Each case uploads a file on the visits' import page and checks what the editor would
notice: the reason on the page, no way to confirm, no uploaded file left behind, and
every table an import could touch exactly as it was.

The messages are asserted in Latvian, as the catalog (and Django's own) translates them.
"""

import html
import io

import pytest
from openpyxl import Workbook

from platform_site.imports import MAX_IMPORT_BYTES
from tests.factories import make_visit, municipality
from tests.imports.spreadsheets import csv_bytes, dump, upload
from visits.models import Visit
from visits.resources import VisitResource

pytestmark = pytest.mark.django_db

GOOD = {
    "slug": "talsi-2026",
    "title": "Labās prakses vizīte Talsos",
    "municipalities": "Talsu novads",
    "start_date": "27.05.2026",
    "end_date": "28.05.2026",
}


def visits(*rows: dict) -> bytes:
    return csv_bytes(VisitResource, list(rows))


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["Nosaukums"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def without(row: dict, column: str) -> dict:
    return {name: value for name, value in row.items() if name != column}


BAD_FILES = {
    "a PDF": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "zinojums.pdf",
        "",
        ["“zinojums.pdf” nav CSV vai Excel (.xlsx) fails."],
    ),
    "a workbook named .csv": (
        workbook(),
        "vizites.csv",
        "",
        ["“vizites.csv” nav CSV teksta fails."],
    ),
    "a CSV said to be XLSX": (
        visits(GOOD),
        "vizites.csv",
        "1",
        ["“vizites.csv” nav Excel darbgrāmata (.xlsx)."],
    ),
    "an old .xls workbook": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "vizites.xls",
        "1",
        ["“vizites.xls” ir vecajā Excel formātā (.xls)"],
    ),
    "an empty file": (b"", "vizites.csv", "", ["Iesniegtā datne ir tukša."]),
    "headings only": (
        visits(GOOD).splitlines()[0] + b"\r\n",
        "vizites.csv",
        "",
        ["Nav derīgu datu, ko importēt."],
    ),
    "a missing column": (
        visits(without(GOOD, "end_date")),
        "vizites.csv",
        "",
        ["Trūkst kolonnu: “Beigu datums”."],
    ),
    "an unknown column": (
        visits(GOOD).replace(b"Beigu datums", b"Beigu datumss"),
        "vizites.csv",
        "",
        [
            "Nezināmas kolonnas: “Beigu datumss”.",
            "Trūkst kolonnu: “Beigu datums”.",
        ],
    ),
    "a key twice": (
        visits(GOOD, {**GOOD, "title": "Cits nosaukums"}),
        "vizites.csv",
        "",
        ["2. un 3. rinda ir par vienu un to pašu ierakstu (“Adreses nosaukums”: “talsi-2026”)."],
    ),
    "too large a file": (
        visits(GOOD) + b"#" * (MAX_IMPORT_BYTES),
        "vizites.csv",
        "",
        ["Fails ir par lielu (5,0\u00a0MB): lielākais atļautais izmērs ir 5,0\u00a0MB."],
    ),
    "text in neither encoding": (
        visits(GOOD).replace(b"Talsos", b"Tals\x81\x83"),
        "vizites.csv",
        "",
        ["Fails nav ne UTF-8, ne Windows-1257 teksts."],
    ),
}


@pytest.fixture
def existing_visit():
    """Something in the database that a careless import could damage."""
    return make_visit(
        slug="talsi-2026", title="Vecais nosaukums", municipalities=[municipality("talsu-novads")]
    )


@pytest.mark.parametrize(
    ("content", "name", "file_format", "messages"), BAD_FILES.values(), ids=BAD_FILES.keys()
)
def test_a_bad_file_is_refused_with_a_reason_and_changes_nothing(
    editor_client, existing_visit, uploaded, content, name, file_format, messages
):
    before = dump()

    response = upload(editor_client, Visit, content, name, file_format)

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = html.unescape(response.content.decode())
    for message in messages:
        assert message in page
    assert uploaded() == []
    assert dump() == before


def test_one_bad_row_among_good_ones_refuses_the_file_and_names_row_and_column(
    editor_client, existing_visit, uploaded
):
    rows = [
        {**GOOD, "slug": "talsi-2027", "start_date": "01.06.2027", "end_date": "02.06.2027"},
        {**GOOD, "slug": "talsi-2028", "start_date": "31.02.2028", "end_date": "02.03.2028"},
        {**GOOD, "title": "Jauns nosaukums"},
    ]
    before = dump()

    response = upload(editor_client, Visit, visits(*rows), "vizites.csv")

    assert "confirm_form" not in response.context
    (invalid,) = response.context["result"].invalid_rows
    assert invalid.number == 3  # the row as the spreadsheet shows it: the headings are row 1
    assert invalid.field_specific_errors == {
        "Sākuma datums": ["“31.02.2028” nav datums: rakstiet to kā 27.05.2021 vai 2021-05-27."]
    }
    page = html.unescape(response.content.decode())
    assert "Fails netika importēts: dažās rindās ir kļūdas" in page
    assert "<td>3</td><td>Sākuma datums</td>" in page
    assert uploaded() == []
    assert dump() == before


def test_an_unknown_municipality_is_an_error_of_its_row_and_column(editor_client):
    response = upload(
        editor_client, Visit, visits({**GOOD, "municipalities": "Talsi; Ogre"}), "v.csv"
    )

    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors == {
        "Pašvaldības": ["Nav atrasti ieraksti: pašvaldības “Talsi”, “Ogre”."]
    }


def test_a_blank_required_cell_is_named(editor_client):
    response = upload(editor_client, Visit, visits({**GOOD, "title": ""}), "v.csv")

    (invalid,) = response.context["result"].invalid_rows
    assert invalid.field_specific_errors == {"Nosaukums": ["Šī šūna nevar būt tukša."]}


def test_a_meeting_with_a_municipality_is_refused_as_in_the_admin(editor_client):
    row = {**GOOD, "kind": "ekspertu tīkla sanāksme"}

    response = upload(editor_client, Visit, visits(row), "v.csv")

    (invalid,) = response.context["result"].invalid_rows
    assert list(invalid.field_specific_errors) == ["Pašvaldības"]
