"""Out to a spreadsheet and back: the same file imported again changes nothing.

With the platform's history and the sample content loaded, as `make run` has them, every
table is exported from the admin as CSV and as XLSX, imported again, and the database is
compared, row for row, with what it was.
"""

import pytest
from django.contrib import admin

from experts.models import ExpertProfile
from experts.resources import ExpertResource
from platform_site.imports import CSV, XLSX, SpreadsheetAdminMixin
from tests.imports.spreadsheets import (
    MODELS_WITH_SPREADSHEETS,
    confirm,
    dump,
    export,
    upload,
)

pytestmark = pytest.mark.django_db

# The experts' admin gets its import and export where it is wired (experts/admin.py).
IN_THE_ADMIN = [
    model
    for model in MODELS_WITH_SPREADSHEETS
    if isinstance(admin.site._registry.get(model), SpreadsheetAdminMixin)
]
FORMATS = [("0", "csv"), ("1", "xlsx")]


@pytest.mark.parametrize("model", IN_THE_ADMIN, ids=lambda model: model._meta.model_name)
@pytest.mark.parametrize(("file_format", "extension"), FORMATS, ids=["csv", "xlsx"])
def test_exporting_and_importing_the_same_file_changes_nothing(
    superuser_client, content, model, file_format, extension
):
    exported = export(superuser_client, model, file_format)
    before = dump()

    preview = upload(superuser_client, model, exported, f"eksports.{extension}")

    result = preview.context["result"]
    assert not result.has_errors(), [str(e.error) for e in result.base_errors]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["skip"] == model._default_manager.count() > 0
    assert result.totals["new"] == result.totals["update"] == 0
    confirm(superuser_client, model, preview)
    assert dump() == before


@pytest.mark.parametrize("file_format", [CSV(), XLSX()], ids=["csv", "xlsx"])
@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "editor"])
def test_the_experts_go_out_and_come_back_unchanged(content, editor, file_format, superuser):
    """Through the resource (the experts' admin is wired elsewhere). An editor's export
    leaves out contacts the expert keeps private: the import keeps them as they are."""
    editor.is_superuser = superuser
    exported = file_format.export_data(
        ExpertResource(user=editor).export(force_native_type=file_format.is_binary())
    )
    before = dump()

    result = ExpertResource(user=editor).import_data(
        file_format.create_dataset(exported), dry_run=False, user=editor
    )

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == ExpertProfile.objects.count() > 0
    assert dump() == before
