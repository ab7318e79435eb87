"""The import in the admin: upload, a preview of what would change, then confirm or cancel."""

import datetime as dt
import os

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

from tests.experts.accounts import log_in_with_second_factor, make_account
from tests.factories import make_visit, municipality
from tests.imports.spreadsheets import (
    admin_url,
    changelist_url,
    confirm,
    csv_bytes,
    dump,
    grant,
    upload,
)
from visits.models import Municipality, Visit
from visits.resources import VisitResource

pytestmark = pytest.mark.django_db

NEW_VISIT = {
    "slug": "rezekne-2026",
    "title": "Labās prakses vizīte Rēzeknes novadā",
    "kind": "labās prakses vizīte",
    "status": "DRAFT",
    "municipalities": "Rēzeknes novads",
    "start_date": "27.05.2026",
    "end_date": "28.05.2026",
}


def visit_file(*rows: dict) -> bytes:
    return csv_bytes(VisitResource, list(rows))


class TestPreview:
    def test_it_shows_what_would_be_new_changed_and_unchanged_and_saves_nothing(
        self, editor_client
    ):
        make_visit(slug="same", title="Tāda pati", municipalities=[municipality("jelgava")])
        make_visit(slug="other", title="Vecais nosaukums", municipalities=[municipality("jelgava")])
        same = {**NEW_VISIT, "slug": "same", "title": "Tāda pati", "municipalities": "Jelgava"}
        same.update(start_date="06.05.2024", end_date="07.05.2024")
        renamed = {**same, "slug": "other", "title": "Jaunais nosaukums"}
        before = dump()

        response = upload(editor_client, Visit, visit_file(NEW_VISIT, same, renamed), "v.csv")

        assert response.status_code == 200
        totals = response.context["result"].totals
        assert (totals["new"], totals["update"], totals["skip"]) == (1, 1, 1)
        assert "confirm_form" in response.context
        assert dump() == before
        summary = response.content.decode()
        assert 'class="import-summary"' in summary

    def test_the_preview_marks_each_row(self, editor_client):
        response = upload(editor_client, Visit, visit_file(NEW_VISIT), "v.csv")

        (row,) = response.context["result"].valid_rows()
        assert row.import_type == "new"
        assert "rezekne-2026" in response.content.decode()


class TestConfirm:
    def test_a_confirmed_import_saves_the_rows(self, editor_client):
        preview = upload(editor_client, Visit, visit_file(NEW_VISIT), "vizites.csv")

        response = confirm(editor_client, Visit, preview)

        assert response.status_code == 302
        assert response.url == changelist_url(Visit)
        visit = Visit.objects.get(slug="rezekne-2026")
        assert visit.title == "Labās prakses vizīte Rēzeknes novadā"
        assert list(visit.municipalities.all()) == [municipality("rezeknes-novads")]
        assert (visit.start_date, visit.end_date) == (dt.date(2026, 5, 27), dt.date(2026, 5, 28))
        assert visit.status == Visit.Status.DRAFT

    def test_the_history_of_an_imported_record_names_the_file(self, editor_client, editor):
        preview = upload(editor_client, Visit, visit_file(NEW_VISIT), "vizites.csv")

        confirm(editor_client, Visit, preview)

        entry = LogEntry.objects.get(object_id=str(Visit.objects.get(slug="rezekne-2026").pk))
        assert entry.user == editor
        assert entry.action_flag == ADDITION
        assert "vizites.csv" in entry.get_change_message()

    def test_the_history_of_a_changed_record_has_each_value_before_and_after(
        self, editor_client, editor
    ):
        visit = make_visit(
            slug="other", title="Vecais nosaukums", municipalities=[municipality("jelgava")]
        )
        renamed = {**NEW_VISIT, "slug": "other", "title": "Jaunais nosaukums"}
        renamed.update(municipalities="Jelgava", start_date="06.05.2024", end_date="07.05.2024")
        before_import = {str(entry.pk) for entry in LogEntry.objects.all()}
        preview = upload(editor_client, Visit, visit_file(renamed), "labojumi.csv")

        confirm(editor_client, Visit, preview)

        (entry,) = LogEntry.objects.exclude(pk__in=before_import).filter(object_id=str(visit.pk))
        assert entry.user == editor
        assert entry.action_flag == CHANGE
        message = entry.get_change_message()
        assert message.startswith(
            "Importēts no faila “labojumi.csv” (rindas: jaunas 0, mainītas 1, nemainītas 0)."
        )
        assert "Vecais nosaukums → Jaunais nosaukums" in message
        # Columns that kept their value are not listed.
        assert "Jelgava" not in message

    def test_the_uploaded_file_is_removed_once_confirmed(self, editor_client, uploaded):
        preview = upload(editor_client, Visit, visit_file(NEW_VISIT), "v.csv")
        assert len(uploaded()) == 1

        confirm(editor_client, Visit, preview)

        assert uploaded() == []

    def test_the_whole_file_is_refused_if_a_row_fails_when_confirmed(self, editor_client):
        """The data may change between the preview and the confirmation: then the one
        transaction is rolled back and no row is saved."""
        second = {**NEW_VISIT, "slug": "ventspils-2026", "municipalities": "Ventspils"}
        preview = upload(editor_client, Visit, visit_file(NEW_VISIT, second), "v.csv")
        Municipality.objects.filter(slug="ventspils").update(name="Ventspils valstspilsēta")
        before = dump()

        response = confirm(editor_client, Visit, preview)

        assert response.status_code == 200
        assert response.context["result"].has_validation_errors()
        assert dump() == before
        assert not Visit.objects.filter(slug__in=["rezekne-2026", "ventspils-2026"]).exists()


class TestCancelAndAbandon:
    def test_cancelling_removes_the_upload_and_changes_nothing(self, editor_client, uploaded):
        preview = upload(editor_client, Visit, visit_file(NEW_VISIT), "v.csv")
        before = dump()

        response = editor_client.post(
            admin_url(Visit, "process_import"),
            {**preview.context["confirm_form"].initial, "cancel": "1"},
        )

        assert response.status_code == 302
        assert uploaded() == []
        assert dump() == before

    def test_a_preview_with_errors_keeps_no_file(self, editor_client, uploaded):
        upload(editor_client, Visit, visit_file({**NEW_VISIT, "start_date": "32.13.2026"}), "v.csv")

        assert uploaded() == []

    def test_an_abandoned_upload_is_removed_by_the_next_upload(
        self, editor_client, upload_dir, uploaded
    ):
        upload(editor_client, Visit, visit_file(NEW_VISIT), "v.csv")
        (abandoned,) = uploaded()
        three_hours_before = os.stat(upload_dir / abandoned).st_mtime - 3 * 60 * 60
        os.utime(upload_dir / abandoned, (three_hours_before, three_hours_before))

        upload(editor_client, Visit, visit_file(NEW_VISIT), "v.csv")

        assert abandoned not in uploaded()
        assert len(uploaded()) == 1

    def test_a_confirmation_reads_no_file_but_its_own_upload(self, editor_client, upload_dir):
        upload_dir.mkdir()
        secret = upload_dir / "secret.csv"
        secret.write_text("x")

        response = editor_client.post(
            admin_url(Visit, "process_import"),
            {"import_file_name": "../secret.csv", "original_file_name": "a.csv", "format": "0"},
        )

        assert response.status_code == 302
        assert response.url == admin_url(Visit, "import")
        assert secret.exists()


class TestPermissions:
    @pytest.fixture
    def staff_client(self, client):
        """Staff who may edit visits but were given no import or export permission."""
        user = make_account(is_staff=True)
        grant(user, "visits.view_visit", "visits.change_visit", "visits.add_visit")
        log_in_with_second_factor(client, user)
        return client

    def test_staff_without_the_permission_see_no_import_or_export_button(self, staff_client):
        response = staff_client.get(changelist_url(Visit))

        assert response.status_code == 200
        page = response.content.decode()
        assert admin_url(Visit, "import") not in page
        assert admin_url(Visit, "export") not in page

    @pytest.mark.parametrize("view", ["import", "export"])
    def test_staff_without_the_permission_find_no_import_or_export_page(self, staff_client, view):
        assert staff_client.get(admin_url(Visit, view)).status_code == 404

    def test_staff_without_the_permission_cannot_confirm_an_import(self, staff_client):
        before = dump()

        response = staff_client.post(admin_url(Visit, "process_import"), {"import_file_name": "x"})

        assert response.status_code == 404
        assert dump() == before

    def test_an_editor_sees_both_buttons(self, editor_client):
        page = editor_client.get(changelist_url(Visit)).content.decode()

        assert admin_url(Visit, "import") in page
        assert admin_url(Visit, "export") in page
