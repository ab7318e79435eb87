"""Uploaded attachments of a visit: the kind checked by content, the size limited, our name.

Staff attach documents (the visit's PDF report, a table, a photo) in the admin. What a
browser calls the file and the type it claims are not trusted: the first bytes say what
the file is, and the file is stored under a name we generate, so an uploaded name can
neither reach outside the media folder nor overwrite another file, nor say anything
about the people in it.

``Attachment.file`` uses both::

    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        validators=[validate_attachment],
        help_text=ATTACHMENT_HELP_TEXT,
    )
"""

import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
UPLOAD_FOLDER = "visits/attachments"
# Bytes read to recognise a file: enough for every signature below.
HEAD_BYTES = 16
ODF_MIMETYPE_MAX_BYTES = 100

ATTACHMENT_HELP_TEXT = _(
    "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), PNG or JPEG, up to 20 MB. "
    "The file is stored under a new name; the title is what readers see."
)


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", ("pdf",))
DOCX = FileKind("Word (DOCX)", ("docx",))
XLSX = FileKind("Excel (XLSX)", ("xlsx",))
ODT = FileKind("OpenDocument (ODT)", ("odt",))
ODS = FileKind("OpenDocument (ODS)", ("ods",))
PNG = FileKind("PNG", ("png",))
JPEG = FileKind("JPEG", ("jpg", "jpeg"))
KINDS = (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG)
KNOWN_EXTENSIONS = frozenset(extension for kind in KINDS for extension in kind.extensions)

# Office Open XML packages: the part that makes each kind what it is.
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
# OpenDocument packages name their kind in a first member called "mimetype".
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
# A macro in an Office file runs code on the reader's computer.
MACRO_PART = re.compile(r"(^|/)vbaProject\.bin$", re.IGNORECASE)


def detect_kind(file: File) -> FileKind | None:
    """What the file is by its content; None for anything we do not accept."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _package_kind(file)
        return None
    finally:
        file.seek(0)


def _package_kind(file: File) -> FileKind | None:
    """A DOCX, XLSX, ODT or ODS without macros; any other ZIP file is refused."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            if any(MACRO_PART.search(name) for name in names):
                return None
            if "[Content_Types].xml" in names:
                for part, kind in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return kind
                return None
            if names and names[0] == "mimetype":
                with package.open("mimetype") as mimetype:
                    return ODF_MIMETYPES.get(mimetype.read(ODF_MIMETYPE_MAX_BYTES).strip())
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def validate_attachment(file: File) -> None:
    """Refuse a file that is too large, empty, of a kind we do not accept, or misnamed.

    Only a new upload is checked: a file already stored was checked when it came.
    """
    if getattr(file, "_committed", False):
        return
    size = file.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; an attachment can be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(MAX_ATTACHMENT_BYTES),
            },
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _(
                "This kind of file cannot be attached. Attach a PDF, Word (DOCX), Excel "
                "(XLSX), OpenDocument (ODT, ODS), PNG or JPEG file."
            ),
            code="file_type",
        )
    extension = extension_of(file.name or "")
    if extension not in kind.extensions:
        raise ValidationError(
            _(
                "The file is a %(kind)s file, but its name ends in “%(extension)s”. Rename it "
                "to end in .%(expected)s and attach it again."
            ),
            code="extension_mismatch",
            params={
                "kind": kind.label,
                "extension": f".{extension}" if extension else "",
                "expected": kind.extensions[0],
            },
        )


def attachment_upload_to(instance: models.Model, filename: str) -> str:
    """``visits/attachments/<year>/<32 random hex digits>.<extension>``.

    The uploaded name is never used: only its extension, and only one we know (the
    validator has matched it to the content).
    """
    extension = extension_of(filename)
    if extension not in KNOWN_EXTENSIONS:
        extension = "bin"
    if extension == "jpeg":
        extension = "jpg"
    return f"{UPLOAD_FOLDER}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"
