"""Exports from the admin: safe to open in a spreadsheet, Latvian letters intact, personal
data only for those allowed and logged, contacts only with the expert's consent."""

import csv
import io
import logging
import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from openpyxl import load_workbook

from experts.models import ExpertProfile
from experts.resources import ExpertResource
from platform_site.imports import CSV, XLSX, SpreadsheetAdminMixin
from recommendations.models import FollowUpAction
from tests.experts.accounts import log_in_with_second_factor, make_account
from tests.factories import make_action, make_expert, make_visit, municipality
from tests.imports.spreadsheets import (
    admin_url,
    changelist_url,
    confirm,
    csv_bytes,
    dump,
    export,
    grant,
    upload,
)
from visits.models import Participation, Visit
from visits.resources import VisitResource

pytestmark = pytest.mark.django_db

LETTERS = "ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž"


def column(name: str) -> str:
    return VisitResource().fields[name].column_name


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # so that Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def xlsx_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def formula_visit():
    return make_visit(
        slug="formula",
        title='=HYPERLINK("http://uzbrucejs.example/","Klikšķini")',
        lead="+371 2000 0000",
        project="@SUM(A1)",
        places="-Talsi",
        municipalities=[municipality("talsu-novads")],
    )


class TestFormulaCells:
    def test_a_formula_cell_comes_out_as_text_in_csv(self, editor_client, formula_visit):
        (header, row) = csv_rows(export(editor_client, Visit, "0"))

        cells = dict(zip(header, row, strict=True))
        assert cells[column("title")] == '\'=HYPERLINK("http://uzbrucejs.example/","Klikšķini")'
        assert cells[column("lead")] == "'+371 2000 0000"
        assert row.count("'@SUM(A1)") == row.count("'-Talsi") == 1

    def test_a_formula_cell_comes_out_as_text_in_xlsx(self, editor_client, formula_visit):
        content = export(editor_client, Visit, "1")

        sheet = load_workbook(io.BytesIO(content)).active
        title = sheet.cell(row=2, column=2)
        assert title.value == '\'=HYPERLINK("http://uzbrucejs.example/","Klikšķini")'
        assert title.data_type == "s"
        assert sheet.title == str(Visit._meta.verbose_name_plural).capitalize()

    @pytest.mark.parametrize(("file_format", "name"), [("0", "v.csv"), ("1", "v.xlsx")])
    def test_the_neutralised_file_imports_back_unchanged(
        self, editor_client, formula_visit, file_format, name
    ):
        content = export(editor_client, Visit, file_format)
        before = dump()

        preview = upload(editor_client, Visit, content, name)

        assert preview.context["result"].totals["skip"] == 1
        assert dump() == before


@pytest.mark.parametrize(("file_format", "read"), [("0", csv_rows), ("1", xlsx_rows)])
def test_latvian_letters_survive_the_export(editor_client, file_format, read):
    make_visit(title=LETTERS, municipalities=[municipality("rezeknes-novads")])

    rows = read(export(editor_client, Visit, file_format))

    assert LETTERS in rows[1]
    assert "Rēzeknes novads" in rows[1]


def test_the_export_page_offers_the_columns_by_their_headings(editor_client):
    page = editor_client.get(admin_url(Visit, "export")).content.decode()

    for name in ("slug", "start_date", "municipalities"):
        assert f">{column(name)}</label>" in page
    assert "Start Date" not in page


def test_the_file_is_named_in_latvian_with_the_date(editor_client):
    response = editor_client.post(
        admin_url(FollowUpAction, "export"),
        {
            "format": "1",
            "resource": "0",
            **{f"followupactionresource_{n}": "on" for n in ("title",)},
        },
    )

    assert re.fullmatch(
        r'attachment; filename="turpmakas-ricibas-\d{4}-\d{2}-\d{2}\.xlsx"',
        response["Content-Disposition"],
    )


class TestAuditLog:
    def test_an_export_of_personal_data_is_logged_with_who_and_when(
        self, editor_client, editor, caplog
    ):
        visit = make_visit(municipalities=[municipality("jelgava")])
        Participation.objects.create(visit=visit, expert=make_expert())

        with caplog.at_level(logging.INFO, logger="platform_site.audit"):
            export(editor_client, Participation, "0")

        (record,) = [r for r in caplog.records if r.name == "platform_site.audit"]
        message = record.getMessage()
        assert "visits.Participation (personal data)" in message
        assert f"by {editor.get_username()} (user id {editor.pk})" in message
        assert re.search(r" at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", message)
        assert record.personal_data is True

    def test_a_confirmed_import_is_logged_with_the_file(self, editor_client, editor, caplog):
        row = {"slug": "jauna", "title": "Jauna", "municipalities": "Jelgava"}
        row.update(start_date="01.06.2026", end_date="01.06.2026")
        preview = upload(editor_client, Visit, csv_bytes(VisitResource, [row]), "jauna.csv")

        with caplog.at_level(logging.INFO, logger="platform_site.audit"):
            confirm(editor_client, Visit, preview)

        (record,) = [r for r in caplog.records if r.name == "platform_site.audit"]
        assert "import into visits.Visit" in record.getMessage()
        assert "'jauna.csv'" in record.getMessage()
        assert "'new': 1" in record.getMessage()


class TestExpertContacts:
    @pytest.fixture
    def experts(self):
        make_expert(
            full_name="Anna", email="anna@example.invalid", phone="20000001", show_email=True
        )
        make_expert(
            full_name="Berta", email="berta@example.invalid", phone="20000002", show_phone=True
        )

    def contacts(self, user) -> dict[str, tuple[str, str]]:
        """Name: (email, phone), as the export gives them."""
        return {row[1]: (row[2], row[3]) for row in ExpertResource(user=user).export()}

    def test_an_editor_gets_only_the_contacts_each_expert_chose_to_show(self, experts, editor):
        assert self.contacts(editor) == {
            "Anna": ("anna@example.invalid", ""),
            "Berta": ("", "20000002"),
        }

    def test_a_superuser_gets_every_contact(self, experts, editor):
        editor.is_superuser = True

        assert self.contacts(editor) == {
            "Anna": ("anna@example.invalid", "20000001"),
            "Berta": ("berta@example.invalid", "20000002"),
        }

    def test_the_experts_export_is_of_personal_data(self):
        assert ExpertResource.contains_personal_data


class TestPermissions:
    def expert_admin(self):
        """The experts' admin as experts/admin.py is to wire it."""
        model_admin = type(
            "ExpertAdmin",
            (SpreadsheetAdminMixin, admin.ModelAdmin),
            {"resource_classes": [ExpertResource]},
        )
        return model_admin(ExpertProfile, admin.site)

    def test_only_holders_of_the_export_permission_may_export_experts(self, editor):
        staff = make_account(is_staff=True)
        grant(staff, "experts.view_expertprofile", "experts.change_expertprofile")
        request = RequestFactory().get("/")

        request.user = staff
        assert not self.expert_admin().has_export_permission(request)
        request.user = editor
        assert self.expert_admin().has_export_permission(request)

    def test_the_tracker_exports_need_the_export_permission_too(self, client):
        staff = make_account(is_staff=True)
        grant(staff, "recommendations.view_followupaction", "recommendations.change_followupaction")
        log_in_with_second_factor(client, staff)
        make_action()

        page = client.get(changelist_url(FollowUpAction)).content.decode()

        assert "export_selected_xlsx" not in page
        assert "change_status_of_selected" in page

    def test_the_formats_are_csv_and_xlsx_only(self):
        assert [type(f()) for f in admin.site._registry[Visit].get_export_formats()] == [CSV, XLSX]
