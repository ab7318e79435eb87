"""Spreadsheets as staff make them, the admin's import and export pages driven as a browser
would, and a full dump of the tables an import touches: plain helpers, for any test folder
(the fixtures are in conftest.py)."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from experts.models import ExpertProfile
from platform_site.imports import SpreadsheetResource
from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from visits.models import AgendaItem, GoodPractice, Municipality, Participation, Visit

# Every model with a spreadsheet, and the tables an import may write to.
MODELS_WITH_SPREADSHEETS = [
    Municipality,
    Visit,
    AgendaItem,
    GoodPractice,
    Participation,
    ExpertProfile,
    Recommendation,
    FollowUpAction,
]
DUMPED = [
    *MODELS_WITH_SPREADSHEETS,
    Visit.municipalities.through,
    GoodPractice.adopted_in.through,
    Recommendation.visits.through,
    Recommendation.good_practices.through,
    Recommendation.experts.through,
    FollowUpAction.recommendations.through,
    ActionUpdate,
    LogEntry,
]


def dump() -> dict[str, list[tuple]]:
    """Every row of every table an import could change, in a fixed order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in DUMPED
    }


def grant(user, *permissions: str) -> None:
    """Give the user these permissions ("visits.import_visit"), creating any that the
    models do not declare (yet)."""
    for permission in permissions:
        app_label, codename = permission.split(".")
        action, _underscore, model_name = codename.partition("_")
        content_type = ContentType.objects.get_for_model(apps.get_model(app_label, model_name))
        user.user_permissions.add(
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model_name}"},
            )[0]
        )


def editor_permissions() -> list[str]:
    """What an editor needs here: to see and change every record, import and export."""
    return [
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in MODELS_WITH_SPREADSHEETS
        for action in ("view", "add", "change", "import", "export")
    ]


def headers(resource_class: type[SpreadsheetResource], names: Iterable[str]) -> list[str]:
    """The column headings of these fields, as the resource names them now."""
    resource = resource_class()
    return [resource.fields[name].column_name for name in names]


def csv_bytes(
    resource_class: type[SpreadsheetResource],
    rows: list[dict[str, Any]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    """A CSV file with the resource's headings for the fields the rows name."""
    names = list(rows[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers(resource_class, names))
    for row in rows:
        writer.writerow([row[name] for name in names])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(resource_class: type[SpreadsheetResource], rows: list[dict[str, Any]]) -> bytes:
    names = list(rows[0])
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers(resource_class, names))
    for row in rows:
        sheet.append([row[name] for name in names])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def changelist_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def admin_url(model, view: str) -> str:
    return f"{changelist_url(model)}{view}/"


def upload(client, model, content: bytes, name: str, file_format: str = ""):
    """Upload a file on the model's import page, as the form does ("" = from the name)."""
    return client.post(
        admin_url(model, "import"),
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model, preview):
    """Confirm the import the preview offers."""
    return client.post(admin_url(model, "process_import"), preview.context["confirm_form"].initial)


def export(client, model, file_format: str) -> bytes:
    """The whole table as the admin's export gives it ("0" CSV, "1" XLSX), every column
    ticked as the export page shows them."""
    (resource_class,) = admin.site._registry[model].resource_classes
    columns = {
        f"{resource_class.__name__.lower()}_{name}": "on"
        for name in resource_class().get_export_order()
    }
    response = client.post(
        admin_url(model, "export"), {"format": file_format, "resource": "0", **columns}
    )
    assert response["Content-Disposition"].startswith("attachment"), response.content[:500]
    return response.content
