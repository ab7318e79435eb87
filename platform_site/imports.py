"""Spreadsheets into the admin and out of it (django-import-export): the shared pieces.

Ministry staff work in Excel. What they upload is read as Latvian Excel really writes it,
and what they download is written through :mod:`platform_site.spreadsheets`, the one place
that neutralises formula cells. The apps' ``resources.py`` describe their columns with the
pieces here; their admins add :class:`SpreadsheetAdminMixin`.

- Reading (:class:`CSV`, :class:`XLSX`): CSV in UTF-8 (with or without a byte-order mark)
  or Windows-1257, separated by commas, semicolons or tabs (``csv.Sniffer``); the first
  sheet of an XLSX workbook. Blank rows are left out; every row keeps its line number in
  the file, so an error says "row 7" where Excel shows row 7.
- Writing: every cell of every CSV and XLSX export goes through ``spreadsheets.csv_bytes``
  or ``spreadsheets.xlsx_bytes`` (the formats' ``export_data``), the same writers as the
  public exports; an apostrophe added there is taken off again on import, so a file goes
  out and comes back unchanged.
- Cells (widgets): dates as ``27.05.2021`` or ISO; ``jā``/``nē``; choices by their Latvian
  name or code; decimal commas; records by a key people can read (a slug, a name, a
  number), lists of them separated by ``;``.
- :class:`SpreadsheetResource`: refuses a file as a whole (unknown, missing or repeated
  columns; a key that appears twice) before touching anything, imports in one
  transaction that is rolled back if any row fails, and names every error by its row in
  the file and its column in Latvian.
- :class:`SpreadsheetAdminMixin`: explicit ``import_<model>``/``export_<model>``
  permissions (a 404 without them), the upload limit and file-type checks, the uploaded
  file kept only between the preview and the confirmation, and an audit log line for
  every export.
"""

import codecs
import csv
import datetime as dt
import decimal
import io
import logging
import os
import re
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_permission_codename
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from import_export import exceptions, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.resources import Diff
from import_export.results import Result, RowResult
from import_export.tmp_storages import BaseStorage
from openpyxl.utils import get_column_letter

from platform_site import spreadsheets
from platform_site.admin_history import describe_changes

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # 5 MB: some ten thousand rows of visits
MAX_UNPACKED_XLSX_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse one that swells
UPLOAD_MAX_AGE_SECONDS = 2 * 60 * 60  # an upload not confirmed by then is abandoned
LIST_SEPARATOR = ";"  # between the keys of a list in one cell: "1; 4"
DATE_INPUT_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%Y.", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y")
TIME_INPUT_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M")
CSV_DELIMITERS = ",;\t"

audit_log = logging.getLogger("platform_site.audit")


class ImportFileError(ValueError):
    """A problem with an uploaded file as a whole, in words for the person who uploaded it."""


# --- Reading files -------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text; a whole number that Excel stored as 12.0 reads "12", and the
    apostrophe our exports put before a formula-like cell (spreadsheets.neutralise) is off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text.startswith("'") and text[1:].startswith(spreadsheets.FORMULA_TRIGGERS):
        return text[1:]
    return text


def normalise_header(value: Any) -> str:
    return " ".join(cell_text(value).replace("\ufeff", "").split())


def decode_text(data: bytes | str) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark), else Windows-1257."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1257")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            gettext(
                "The file is neither UTF-8 nor Windows-1257 text. Save it from Excel again "
                "as “CSV UTF-8”."
            )
        ) from error


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: a comma, a semicolon (Latvian Excel) or a tab."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter and delimiter in first:
        return delimiter
    counts = {candidate: first.count(candidate) for candidate in CSV_DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def build_dataset(rows: Iterable[Sequence[Any]]) -> tablib.Dataset:
    """A dataset with the first non-blank row as its headings, blank rows left out.

    ``dataset.line_numbers`` keeps the line in the file of each row left in, so errors
    name the row as the spreadsheet program shows it.
    """
    headings: list[Any] | None = None
    data: list[list[Any]] = []
    line_numbers: list[int] = []
    for line, row in enumerate(rows, start=1):
        cells = list(row)
        if all(is_blank(cell) for cell in cells):
            continue
        if headings is None:
            headings = cells
        else:
            data.append(cells)
            line_numbers.append(line)
    if headings is None:
        raise ImportFileError(gettext("The file has no rows."))
    width = len(headings)
    while width and is_blank(headings[width - 1]):
        if any(len(cells) >= width and not is_blank(cells[width - 1]) for cells in data):
            break
        width -= 1
    headers = [normalise_header(heading) for heading in headings[:width]]
    if "" in headers:
        letter = get_column_letter(headers.index("") + 1)
        raise ImportFileError(
            gettext(
                "Column %(letter)s has no heading: give every column a heading in the first row."
            )
            % {"letter": letter}
        )
    dataset = tablib.Dataset(headers=headers)
    for cells, line in zip(data, line_numbers, strict=True):
        if any(not is_blank(cell) for cell in cells[width:]):
            raise ImportFileError(
                gettext("Row %(row)d has more cells than there are column headings.")
                % {"row": line}
            )
        dataset.append([*cells[:width], *[None] * (width - len(cells))])
    dataset.line_numbers = line_numbers
    return dataset


def read_csv(data: bytes | str) -> tablib.Dataset:
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    first_line, _newline, rest = text.partition("\n")
    if re.fullmatch(r"sep=(.)\r?", first_line):  # Excel's hint line: "sep=;"
        delimiter, text = first_line[4], rest
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            gettext("The file could not be read as CSV: %(problem)s") % {"problem": error}
        ) from error
    return build_dataset(rows)


def read_xlsx(data: bytes) -> tablib.Dataset:
    """The first sheet of an Excel workbook; formulas give their saved values, never run."""
    from openpyxl import load_workbook

    not_a_workbook = ImportFileError(gettext("The file is not an Excel workbook (.xlsx)."))
    if not isinstance(data, bytes) or not data.startswith(b"PK\x03\x04"):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise not_a_workbook from error
    if unpacked > MAX_UNPACKED_XLSX_BYTES:
        raise ImportFileError(
            gettext("The workbook holds more than %(limit)s of data: split it into smaller files.")
            % {"limit": filesizeformat(MAX_UNPACKED_XLSX_BYTES)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise not_a_workbook from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the size a file declares may be wrong: read every row
        return build_dataset(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


# --- The two formats the admin offers ------------------------------------------------


class CSV(base_formats.CSV):
    """Comma-separated text: read as Latvian Excel writes it, written UTF-8 with a BOM."""

    CONTENT_TYPE = spreadsheets.CSV_CONTENT_TYPE

    def get_title(self) -> str:
        return "CSV"

    def create_dataset(self, in_stream: bytes | str, **kwargs: Any) -> tablib.Dataset:
        return read_csv(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        return spreadsheets.csv_bytes(dataset.headers or [], dataset)


class XLSX(base_formats.XLSX):
    """An Excel workbook: the first sheet is read; one sheet with a bold header is written."""

    def get_title(self) -> str:
        return "XLSX (Excel)"

    def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
        return read_xlsx(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        title = dataset.title or "Sheet"
        return spreadsheets.xlsx_bytes(dataset.headers or [], dataset, sheet_title=title)


FORMATS = [CSV, XLSX]


# --- Cells ---------------------------------------------------------------------------


def _native(kwargs: dict[str, Any]) -> bool:
    """Whether the export is to XLSX, where numbers and dates stay numbers and dates."""
    return bool(kwargs.get("force_native_type"))


class TextWidget(widgets.CharWidget):
    """Text as it is; the apostrophe the export put before a formula-like cell comes off."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return cell_text(value).replace("\r\n", "\n")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value).replace("\r\n", "\n")


class KeepIfBlankTextWidget(TextWidget):
    """A blank cell leaves the stored text as it is (used for contact details an export
    may leave out)."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        text = super().clean(value, row, **kwargs)
        return text.strip() or None


class DateWidget(widgets.Widget):
    """``27.05.2021`` as Latvian staff write it, or ISO ``2021-05-27``; real Excel dates."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if is_blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value).strip()
        for date_format in DATE_INPUT_FORMATS:
            try:
                return dt.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            gettext("“%(value)s” is not a date: write it as 27.05.2021 or 2021-05-27.")
            % {"value": text}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if _native(kwargs):
            return value
        return value.strftime(spreadsheets.DATE_FORMAT) if value else ""


class TimeWidget(widgets.Widget):
    """``9:30`` or ``09:30:00``; written ``09:30``."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.time | None:
        if is_blank(value):
            return None
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, dt.time):
            return value
        text = cell_text(value).strip()
        for time_format in TIME_INPUT_FORMATS:
            try:
                return dt.datetime.strptime(text, time_format).time()
            except ValueError:
                continue
        raise ValueError(gettext("“%(value)s” is not a time: write it as 09:30.") % {"value": text})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if not value:
            return ""
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _decimal(value: Any) -> decimal.Decimal:
    if isinstance(value, bool):
        raise decimal.InvalidOperation
    if isinstance(value, float):
        return decimal.Decimal(str(value))
    text = cell_text(value).strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    number = decimal.Decimal(text)
    if not number.is_finite():
        raise decimal.InvalidOperation
    return number


class IntegerWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if is_blank(value):
            return None
        try:
            number = _decimal(value)
        except decimal.InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value():
            raise ValueError(
                gettext("“%(value)s” is not a whole number.") % {"value": cell_text(value)}
            )
        return int(number)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if _native(kwargs):
            return value
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    """A number with a decimal comma or point: ``56,95`` or ``56.95``."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> decimal.Decimal | None:
        if is_blank(value):
            return None
        try:
            return _decimal(value)
        except decimal.InvalidOperation:
            raise ValueError(
                gettext("“%(value)s” is not a number.") % {"value": cell_text(value)}
            ) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if value is None:
            return None if _native(kwargs) else ""
        if _native(kwargs):
            return value
        return format(value.normalize(), "f")  # 56.950 and 56.95 read the same


def _yes_no() -> tuple[str, str]:
    return pgettext("spreadsheet value", "yes"), pgettext("spreadsheet value", "no")


class BooleanWidget(widgets.Widget):
    """``jā`` or ``nē`` (also yes/no, true/false, 1/0, x)."""

    TRUE_WORDS = frozenset({"jā", "ja", "yes", "true", "1", "x"})
    FALSE_WORDS = frozenset({"nē", "ne", "no", "false", "0"})

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool | None:
        if is_blank(value):
            return None
        if isinstance(value, bool):
            return value
        word = cell_text(value).strip().casefold()
        yes, no = (text.casefold() for text in _yes_no())
        if word in self.TRUE_WORDS or word == yes:
            return True
        if word in self.FALSE_WORDS or word == no:
            return False
        yes, no = _yes_no()
        raise ValueError(
            gettext("“%(value)s” is neither “%(yes)s” nor “%(no)s”.")
            % {"value": cell_text(value), "yes": yes, "no": no}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        yes, no = _yes_no()
        return yes if value else no


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, by its Latvian name (as exported), English name or code."""

    def __init__(self, choices: type[models.Choices], **kwargs: Any) -> None:
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        if is_blank(value):
            return None
        text = cell_text(value).strip()
        wanted = text.casefold()
        with translation.override("en"):
            english = {str(label).casefold(): code for code, label in self.choices.choices}
        for code, label in self.choices.choices:
            if wanted in (str(code).casefold(), str(label).casefold()):
                return code
        if wanted in english:
            return english[wanted]
        names = ", ".join(f"“{label}”" for label in self.choices.labels)
        raise ValueError(
            gettext("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": names}
        )

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(self.choices(value).label) if value else ""


def find_by_key(model: type[models.Model], field: str, key: str) -> models.Model:
    """The record whose ``field`` is ``key``: exactly, else the only one ignoring case."""
    manager = model._default_manager
    try:
        return manager.get(**{field: key})
    except (ObjectDoesNotExist, ValueError, ValidationError):
        pass
    try:
        matches = list(manager.filter(**{f"{field}__iexact": key})[:2])
    except (ValueError, ValidationError):
        matches = []
    if len(matches) == 1:
        return matches[0]
    raise ValueError(
        gettext("Not found: %(model)s “%(value)s”.")
        % {"model": model._meta.verbose_name, "value": key}
    )


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record by a key people can read: a slug, a name, a number."""

    def __init__(self, model: type[models.Model], field: str, **kwargs: Any) -> None:
        super().__init__(model, field=field, **kwargs)

    def find(self, key: str) -> models.Model:
        return find_by_key(self.model, self.field, key)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        if is_blank(value):
            return None
        return self.find(cell_text(value).strip())

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if value is None:
            return ""
        key = getattr(value, self.field)
        return key if _native(kwargs) else str(key)


class ManyNaturalKeyWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, by their keys: ``1; 4`` or ``Rīga; Valmiera``."""

    def __init__(self, model: type[models.Model], field: str, **kwargs: Any) -> None:
        super().__init__(model, separator=LIST_SEPARATOR, field=field, **kwargs)

    def keys(self, value: Any) -> list[str]:
        parts = re.split(r"[;\n]", cell_text(value))
        return list(dict.fromkeys(part.strip() for part in parts if part.strip()))

    def find(self, key: str) -> models.Model:
        return find_by_key(self.model, self.field, key)

    def key_of(self, record: models.Model) -> str:
        return str(getattr(record, self.field))

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[models.Model]:
        found, missing = [], []
        for key in self.keys(value):
            try:
                found.append(self.find(key))
            except ValueError:
                missing.append(key)
        if missing:
            raise ValueError(
                gettext("Not found: %(model)s %(values)s.")
                % {
                    "model": self.model._meta.verbose_name_plural,
                    "values": ", ".join(f"“{key}”" for key in missing),
                }
            )
        return found

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return f"{LIST_SEPARATOR} ".join(self.key_of(record) for record in value.all())


# --- Columns and resources -----------------------------------------------------------


class Column(Field):
    """One column of a spreadsheet, named in Latvian (through an English msgid).

    A blank cell for a field with a default leaves the value as it is (the default, for a
    new record); ``keep_if_blank`` does that for any field.
    """

    def __init__(
        self,
        attribute: str,
        column_name: Any,
        widget: widgets.Widget | None = None,
        *,
        readonly: bool = False,
        keep_if_blank: bool = False,
    ) -> None:
        super().__init__(
            attribute=attribute,
            column_name=column_name,
            widget=widget or TextWidget(),
            readonly=readonly,
        )
        self.keep_if_blank = keep_if_blank
        self.model_field: models.Field | None = None  # set by the resource

    def keeps_value_when_blank(self) -> bool:
        field = self.model_field
        return self.keep_if_blank or (field is not None and field.has_default() and not field.null)

    def save(self, instance: models.Model, row: Any, is_m2m: bool = False, **kwargs: Any) -> None:
        if self.readonly:
            return
        if is_m2m:
            super().save(instance, row, is_m2m, **kwargs)
            return
        value = self.clean(row, **kwargs)
        if value is None:
            if self.keeps_value_when_blank():
                return
            field = self.model_field
            if field is not None and field.empty_strings_allowed and not field.null:
                value = ""
        setattr(instance, self.attribute, value)


def quoted(names: Iterable[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


class NaturalKeyInstanceLoader(ModelInstanceLoader):
    """Finds the record a row is about by its key columns; an unusable key is a row error
    naming its column."""

    def get_instance(self, row: dict[str, Any]) -> models.Model | None:
        resource = self.resource
        params, errors = {}, {}
        for name in resource.get_import_id_fields():
            field = resource.fields[name]
            try:
                value = field.clean(row)
            except ValueError as error:
                errors[field.column_name] = [str(error)]
                continue
            if value is None or value == "":
                errors[field.column_name] = [
                    gettext("This cell cannot be empty: it says which record the row is about.")
                ]
            params[field.attribute] = value
        if errors:
            raise ValidationError(errors)
        try:
            return self.get_queryset().get(**params)
        except resource._meta.model.DoesNotExist:
            return None
        except resource._meta.model.MultipleObjectsReturned:
            raise ValidationError(
                gettext(
                    "More than one record has this key; tell them apart in the administration "
                    "first."
                )
            ) from None


class ValuesDiff(Diff):
    """The library's preview diff, which also hands the resource each changed column's
    value before and after, for the record's history."""

    def compare_with(self, resource: "SpreadsheetResource", instance: Any) -> None:
        super().compare_with(resource, instance)
        columns = [field.column_name for field in resource.get_import_fields()]
        resource.last_row_changes = [
            (column, before, after)
            for column, before, after in zip(columns, self.left, self.right, strict=True)
            if before != after and not self.new and instance is not None
        ]


class SpreadsheetResource(resources.ModelResource):
    """A model as a spreadsheet people edit: see the module's docstring.

    Subclasses declare :class:`Column` fields and list them in ``Meta.fields`` in the
    order of the columns; ``Meta.import_id_fields`` name the key columns.
    """

    #: Whether an export holds personal data (names, contacts of people): logged as such.
    contains_personal_data = False

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        instance_loader_class = NaturalKeyInstanceLoader

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.user = kwargs.get("user")
        self.now: dt.datetime | None = kwargs.get("now")
        self.file_name = ""
        self.last_row_changes: list[tuple[str, Any, Any]] = []
        self._labels = {name: field.column_name for name, field in self.fields.items()}
        opts = self._meta.model._meta
        for field in self.fields.values():
            field.column_name = str(field.column_name)  # in the language of the request
            if isinstance(field, Column):
                try:
                    field.model_field = opts.get_field(field.attribute)
                except FieldDoesNotExist:
                    field.model_field = None

    def get_diff_class(self) -> type[Diff]:
        return ValuesDiff

    def after_import_row(self, row: Any, row_result: RowResult, **kwargs: Any) -> None:
        super().after_import_row(row, row_result, **kwargs)
        row_result.changes = self.last_row_changes
        self.last_row_changes = []

    # Time is passed in by tests; the admin uses the clock.
    def current_time(self) -> dt.datetime:
        return self.now or timezone.now()

    def today(self) -> dt.date:
        return timezone.localdate(self.current_time())

    # -- the file as a whole

    def column_aliases(self) -> dict[str, str]:
        """Each heading this resource understands (Latvian, English or the field's name,
        whatever the case) and the column it means."""
        with translation.override("en"):
            english = {name: str(label) for name, label in self._labels.items()}
        fields = self.fields.items()
        # The resource's own headings first: they win over an English one or a field's name.
        pairs = [
            *((field.column_name, field.column_name) for _name, field in fields),
            *((english[name], field.column_name) for name, field in fields),
            *((name, field.column_name) for name, field in fields),
        ]
        aliases: dict[str, str] = {}
        for alias, column in pairs:
            aliases.setdefault(normalise_header(alias).casefold(), column)
        return aliases

    def required_columns(self) -> list[str]:
        """The key columns and those of fields a new record cannot do without."""
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        for field in self.fields.values():
            model_field = getattr(field, "model_field", None)
            if field.readonly or model_field is None:
                continue
            if model_field.many_to_many:
                required = not model_field.blank
            else:
                required = not model_field.blank and not model_field.has_default()
            if required and field.column_name not in columns:
                columns.append(field.column_name)
        return columns

    def missing_columns(self, headers: list[str]) -> list[str]:
        return [column for column in self.required_columns() if column not in headers]

    def key_column_sets(self) -> list[list[str]]:
        """The columns that together name one record; each set must be unique in a file."""
        return [[self.fields[name].column_name for name in self.get_import_id_fields()]]

    def check_dataset(self, dataset: tablib.Dataset) -> list[str]:
        """Why the file cannot be imported at all, if it cannot; else [] (and the headings
        are put in the resource's own words)."""
        headers = [normalise_header(header) for header in dataset.headers or []]
        if not any(headers):
            return [gettext("The file has no column headings in its first row.")]
        aliases = self.column_aliases()
        columns = [aliases.get(header.casefold(), header) for header in headers]
        unknown = [header for header in headers if header.casefold() not in aliases]
        repeated = sorted({column for column in columns if columns.count(column) > 1})
        missing = self.missing_columns(columns)
        known = [field.column_name for field in self.get_export_fields()]
        problems = []
        if unknown:
            problems.append(
                gettext("Unknown columns: %(unknown)s. The columns of this table are: %(known)s.")
                % {"unknown": quoted(unknown), "known": quoted(known)}
            )
        if repeated:
            problems.append(
                gettext("These columns appear more than once: %(columns)s.")
                % {"columns": quoted(repeated)}
            )
        if missing:
            problems.append(gettext("Missing columns: %(columns)s.") % {"columns": quoted(missing)})
        if problems:
            return problems
        dataset.headers = columns
        return self.duplicate_key_problems(dataset)

    def duplicate_key_problems(self, dataset: tablib.Dataset) -> list[str]:
        problems = []
        for key_columns in self.key_column_sets():
            if not set(key_columns) <= set(dataset.headers):
                continue  # a key the file does not use (an expert by email only)
            positions = [dataset.headers.index(column) for column in key_columns]
            first_seen: dict[tuple[str, ...], int] = {}
            for index, values in enumerate(dataset):
                key = tuple(cell_text(values[position]).strip() for position in positions)
                if all(part == "" for part in key):
                    continue
                if key in first_seen:
                    problems.append(
                        gettext(
                            "Rows %(first)d and %(second)d are about the same record "
                            "(%(columns)s: %(key)s). Each record may appear only once in a file."
                        )
                        % {
                            "first": line_of(dataset, first_seen[key]),
                            "second": line_of(dataset, index),
                            "columns": quoted(key_columns),
                            "key": quoted(key),
                        }
                    )
                else:
                    first_seen[key] = index
        return problems

    # -- rows

    def import_data(
        self,
        dataset: tablib.Dataset,
        dry_run: bool = False,
        raise_errors: bool = False,
        use_transactions: bool | None = None,
        collect_failed_rows: bool = False,
        rollback_on_validation_errors: bool = False,
        **kwargs: Any,
    ) -> Result:
        """All or nothing: one transaction, rolled back if any row has an error of any kind."""
        self.user = kwargs.get("user") or self.user
        self.file_name = kwargs.get("file_name") or ""
        problems = self.check_dataset(dataset)
        if problems:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            for problem in problems:
                result.append_base_error(self.get_error_result_class()(ImportFileError(problem)))
            if raise_errors:
                raise exceptions.ImportError(ImportFileError(" ".join(problems)))
        else:
            result = super().import_data(
                dataset,
                dry_run=dry_run,
                raise_errors=raise_errors,
                use_transactions=True,
                collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=True,
                **kwargs,
            )
            number_rows_as_in_file(result, dataset)
        result.file_name = self.file_name
        return result

    def import_instance(self, instance: models.Model, row: dict[str, Any], **kwargs: Any) -> None:
        """Set the fields from the row; a list cell that names something unknown is an
        error of its column too (the library would only find out while saving)."""
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if (
                isinstance(field.widget, widgets.ManyToManyWidget)
                and not field.readonly
                and field.column_name in row
            ):
                try:
                    related = field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error))]
                    continue
                model_field = getattr(field, "model_field", None)
                if not related and model_field is not None and not model_field.blank:
                    errors[field.attribute] = [ValidationError("", code="blank")]
        self.complete_instance(instance)
        for name, messages_ in self.row_errors(instance, row).items():
            errors.setdefault(name, []).extend(ValidationError(message) for message in messages_)
        if errors:
            raise ValidationError(errors)

    def complete_instance(self, instance: models.Model) -> None:
        """Fill in what a file leaves to the portal (before the record is validated)."""

    def row_errors(self, instance: models.Model, row: dict[str, Any]) -> dict[str, list[str]]:
        """Rules of a whole row beyond the model's own validation: {field name: [messages]}."""
        return {}

    def validate_instance(
        self,
        instance: models.Model,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(self.errors_by_column(error)) from error

    def errors_by_column(self, error: ValidationError) -> dict[str, list[str]]:
        """The errors keyed by the column they are about, in the words of a spreadsheet."""
        columns = {field.attribute: field.column_name for field in self.fields.values()}
        opts = self._meta.model._meta
        by_column: dict[str, list[str]] = {}
        for key, errors in error.error_dict.items():
            if key in columns:
                column = columns[key]
            elif key == NON_FIELD_ERRORS:
                column = NON_FIELD_ERRORS
            else:
                try:
                    column = capfirst(opts.get_field(key).verbose_name)
                except FieldDoesNotExist:
                    column = key
            for item in errors:
                if isinstance(item, ValidationError) and item.code in ("null", "blank"):
                    by_column.setdefault(column, []).append(gettext("This cell cannot be empty."))
                else:
                    by_column.setdefault(column, []).extend(ValidationError(item).messages)
        return by_column

    def skip_row(
        self,
        instance: models.Model,
        original: models.Model,
        row: dict[str, Any],
        import_validation_errors: dict | None = None,
    ) -> bool:
        """A row is unchanged when every cell it has would be exported as it is now."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                wanted = {record.pk for record in field.clean(row)}
                current = set(field.get_value(original).values_list("pk", flat=True))
                if wanted != current:
                    return False
            elif field.export(instance) != field.export(original):
                return False
        return True

    # -- export

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        """The records with what their rows need (select_related, prefetch_related)."""
        return queryset

    def filter_export(self, queryset: models.QuerySet, **kwargs: Any) -> models.QuerySet:
        # The admin's own prefetches (for its list) would clash with the export's.
        return self.export_queryset(queryset.prefetch_related(None))

    def after_export(self, queryset: Any, dataset: tablib.Dataset, **kwargs: Any) -> None:
        dataset.title = str(capfirst(self._meta.model._meta.verbose_name_plural))


def line_of(dataset: tablib.Dataset, index: int) -> int:
    """The line in the file of the dataset's row ``index`` (0-based): the headings are row 1."""
    lines = getattr(dataset, "line_numbers", None)
    if lines and 0 <= index < len(lines):
        return lines[index]
    return index + 2


def number_rows_as_in_file(result: Result, dataset: tablib.Dataset) -> None:
    """The library counts data rows from 1; people see the row numbers of their file."""
    for invalid in result.invalid_rows:
        invalid.number = line_of(dataset, invalid.number - 1)
    for failed in result.error_rows:
        failed.number = line_of(dataset, failed.number - 1)
        for error in failed.errors:
            error.number = failed.number


# --- The upload form and the file kept between preview and confirmation --------------


def choose_format(upload: Any, formats: Sequence[type], chosen: str | None) -> int:
    """The index of the upload's format in ``formats``; ImportFileError if it is none of them
    or not what the person chose."""
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            gettext(
                "The file is too large (%(size)s): the limit is %(limit)s. Split it into "
                "smaller files."
            )
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMPORT_BYTES)}
        )
    if upload.size == 0:
        raise ImportFileError(gettext("The file “%(name)s” is empty.") % {"name": upload.name})
    head = upload.read(8192)
    upload.seek(0)
    extension = Path(upload.name or "").suffix.lower()
    if chosen not in (None, ""):
        index = int(chosen)
    elif extension in (".csv", ".txt"):
        index = next(i for i, fmt in enumerate(formats) if issubclass(fmt, CSV))
    elif extension == ".xlsx":
        index = next(i for i, fmt in enumerate(formats) if issubclass(fmt, XLSX))
    else:
        raise ImportFileError(
            gettext(
                "“%(name)s” is not a CSV or Excel (.xlsx) file. In Excel, save the table as "
                "“CSV” or as an “Excel workbook” and upload that file."
            )
            % {"name": upload.name}
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            gettext("“%(name)s” is in the old Excel format (.xls): save it as .xlsx or CSV.")
            % {"name": upload.name}
        )
    is_workbook = head.startswith(b"PK\x03\x04")
    if issubclass(formats[index], XLSX) and not is_workbook:
        raise ImportFileError(
            gettext("“%(name)s” is not an Excel workbook (.xlsx).") % {"name": upload.name}
        )
    if issubclass(formats[index], CSV) and (is_workbook or b"\x00" in head):
        raise ImportFileError(gettext("“%(name)s” is not a CSV text file.") % {"name": upload.name})
    return index


class SpreadsheetImportForm(ImportForm):
    """The upload: the size limit and the file's type are checked before anything is read.

    The format may be left empty: it is told from the file's name.
    """

    def __init__(self, formats: Sequence[type], resources: Sequence[type], **kwargs: Any) -> None:
        super().__init__(formats, resources, **kwargs)
        self.formats = list(formats)
        self.fields["format"].required = False
        self.fields["format"].help_text = _("Leave it empty to tell the format from the file name.")
        self.fields["import_file"].help_text = gettext(
            "A CSV file (UTF-8 or Windows-1257, separated by commas or semicolons) or an Excel "
            "workbook (.xlsx), at most %(limit)s."
        ) % {"limit": filesizeformat(MAX_IMPORT_BYTES)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is None:
            return cleaned
        try:
            cleaned["format"] = str(choose_format(upload, self.formats, cleaned.get("format")))
        except ImportFileError as error:
            self.add_error("import_file", str(error))
        return cleaned


class SpreadsheetExportForm(SelectableFieldsExportForm):
    """The export page: each column offered under its heading in the spreadsheet."""

    def _get_field_label(self, resource: type[resources.Resource], field_name: str) -> str:
        field = resource.fields.get(field_name)
        return str(field.column_name) if field is not None else field_name


class UploadMissing(Exception):
    """The file of a preview is gone (confirmed, cancelled, abandoned) or was never ours."""


def upload_folder() -> Path:
    """Where uploads wait for their confirmation: ``IMPORT_UPLOAD_DIR``, else the system's
    temporary folder. Every app process of one site must see the same folder."""
    configured = getattr(settings, "IMPORT_UPLOAD_DIR", "")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "lrp-imports"


class ImportUploadStorage(BaseStorage):
    """The uploaded file between the preview and the confirmation, and not a moment longer.

    It is removed when the import is confirmed or cancelled, when the preview shows errors,
    and, for a preview nobody confirmed, by the next upload once it is two hours old. Names
    are random and checked, so a confirmation can read no other file.
    """

    NAME = re.compile(r"[0-9a-f]{32}")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.name is not None and not self.NAME.fullmatch(self.name):
            raise UploadMissing(self.name)

    def path(self) -> Path:
        return upload_folder() / self.name

    def save(self, data: bytes) -> None:
        folder = upload_folder()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_abandoned_uploads(now=time.time())
        self.name = uuid.uuid4().hex
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self) -> bytes:
        try:
            return self.path().read_bytes()
        except FileNotFoundError as error:
            raise UploadMissing(self.name) from error

    def remove(self) -> None:
        self.path().unlink(missing_ok=True)

    @classmethod
    def discard(cls, name: str | None) -> None:
        """Remove the upload of that name, if it is one of ours."""
        if name and cls.NAME.fullmatch(name):
            cls(name=name).remove()


def remove_abandoned_uploads(*, now: float) -> int:
    """Remove uploads older than UPLOAD_MAX_AGE_SECONDS; return how many."""
    folder = upload_folder()
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if ImportUploadStorage.NAME.fullmatch(path.name):
            try:
                if path.stat().st_mtime < now - UPLOAD_MAX_AGE_SECONDS:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # another process removed it first
    return removed


# --- The admin -----------------------------------------------------------------------


def permission_name(opts: Any, action: str) -> str:
    """``visits.import_visit``: the explicit permission an import or export needs."""
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def log_export(
    user: Any, *, model: type[models.Model], rows: int, file_format: str, personal_data: bool
) -> None:
    """One audit line per export: who, when, what and how much."""
    audit_log.info(
        "export of %s%s by %s (user id %s) at %s: %d rows, %s",
        model._meta.label,
        " (personal data)" if personal_data else "",
        user.get_username(),
        user.pk,
        timezone.now().isoformat(timespec="seconds"),
        rows,
        file_format,
        extra={"personal_data": personal_data, "user_id": user.pk, "model": model._meta.label},
    )


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export in the admin, for the holders of explicit permissions.

    Put it before ``admin.ModelAdmin`` and set ``resource_classes``. Without the
    ``import_<model>`` (or ``export_<model>``) permission there is no button and the pages
    answer 404.
    """

    formats = FORMATS
    import_form_class = SpreadsheetImportForm
    export_form_class = SpreadsheetExportForm
    tmp_storage_class = ImportUploadStorage
    import_error_display = ("message",)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(permission_name(self.opts, "import"))

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(permission_name(self.opts, "export"))

    def get_resource_kwargs(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        return {**kwargs, "user": request.user}

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
            return
        form.add_error(
            "import_file",
            gettext("The file could not be read. Check that it is a CSV or an Excel (.xlsx) file."),
        )

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not self.has_import_permission(request):
            raise Http404
        response = super().import_action(request, **kwargs)
        upload = request.FILES.get("import_file")
        context = getattr(response, "context_data", None) or {}
        if "confirm_form" not in context:  # refused or with errors: nothing to confirm
            ImportUploadStorage.discard(getattr(upload, "tmp_storage_name", None))
        return response

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not self.has_import_permission(request):
            raise Http404
        name = os.path.basename(request.POST.get("import_file_name", ""))
        if request.method == "POST" and "cancel" in request.POST:
            ImportUploadStorage.discard(name)
            messages.info(request, gettext("The import was cancelled: nothing was changed."))
            return redirect(self._admin_url("changelist"))
        try:
            return super().process_import(request, **kwargs)
        except UploadMissing:
            messages.error(
                request,
                gettext(
                    "The uploaded file is no longer here (a preview waits two hours at most). "
                    "Nothing was changed: upload the file again."
                ),
            )
            return redirect(self._admin_url("import"))
        finally:
            ImportUploadStorage.discard(name)

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # The data changed since the preview; the transaction was rolled back.
            messages.error(
                request, gettext("Nothing was imported: the file has errors. See them below.")
            )
            return self._import_page(request, result)
        audit_log.info(
            "import into %s by %s (user id %s) at %s from %r: %s",
            self.model._meta.label,
            request.user.get_username(),
            request.user.pk,
            timezone.now().isoformat(timespec="seconds"),
            getattr(result, "file_name", ""),
            dict(result.totals),
        )
        return super().process_result(result, request)

    def add_success_message(self, result: Result, request: HttpRequest) -> None:
        totals = result.totals
        messages.success(
            request,
            gettext(
                "Imported from “%(file)s”: new %(new)d, changed %(changed)d, "
                "unchanged %(unchanged)d."
            )
            % {
                "file": getattr(result, "file_name", ""),
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def generate_log_entries(self, result: Result, request: HttpRequest) -> None:
        """Each new or changed record's history says it came from this file, and a changed
        one which columns changed from which value to which."""
        if self.get_skip_admin_log():
            return
        totals = result.totals
        from_file = gettext(
            "Imported from the file “%(file)s” (rows: new %(new)d, changed %(changed)d, "
            "unchanged %(unchanged)d)."
        ) % {
            "file": getattr(result, "file_name", ""),
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
            "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
        }
        for import_type, flag in (
            (RowResult.IMPORT_TYPE_NEW, ADDITION),
            (RowResult.IMPORT_TYPE_DELETE, DELETION),
        ):
            instances = [row.instance for row in result if row.import_type == import_type]
            if instances:
                LogEntry.objects.log_actions(
                    request.user.pk,
                    instances,
                    flag,
                    change_message=from_file,
                    single_object=len(instances) == 1,
                )
        for row in result:
            if row.import_type == RowResult.IMPORT_TYPE_UPDATE:
                changes = getattr(row, "changes", [])
                message = f"{from_file} {describe_changes(changes)}" if changes else from_file
                LogEntry.objects.log_actions(
                    request.user.pk, [row.instance], CHANGE, change_message=message
                )

    def export_action(self, request: HttpRequest) -> HttpResponse:
        if not self.has_export_permission(request):
            raise Http404
        return super().export_action(request)

    def get_export_data(
        self, file_format: Any, request: HttpRequest, queryset: models.QuerySet, **kwargs: Any
    ) -> bytes:
        """The file, through the format's writer (platform_site.spreadsheets); logged."""
        if not self.has_export_permission(request):
            raise Http404
        kwargs.pop("encoding", None)
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        resource_class = self.choose_export_resource_class(kwargs.get("export_form"), request)
        log_export(
            request.user,
            model=self.model,
            rows=len(data),
            file_format=file_format.get_title(),
            personal_data=getattr(resource_class, "contains_personal_data", False),
        )
        return file_format.export_data(data)

    def get_export_filename(self, request: HttpRequest, queryset: Any, file_format: Any) -> str:
        """``vizites-un-sanaksmes-2026-11-25.xlsx``."""
        stem = slugify(str(self.model._meta.verbose_name_plural))
        today = timezone.localdate().isoformat()
        return f"{stem}-{today}.{file_format.get_extension()}"

    def _admin_url(self, view: str) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def _import_page(self, request: HttpRequest, result: Result) -> TemplateResponse:
        form = self.get_import_form_class(request)(
            self.get_import_formats(), self.get_import_resource_classes(request)
        )
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": gettext("Import"),
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "result": result,
            "fields_list": [
                (
                    resource_class.get_display_name(),
                    [field.column_name for field in resource_class().get_user_visible_fields()],
                )
                for resource_class in self.get_import_resource_classes(request)
            ],
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)
