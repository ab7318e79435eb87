"""Attachments: the kind checked by content, the size limited, stored under our own name."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.payloads import hostile_settings, hostile_text
from visits.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachment_upload_to,
    detect_kind,
    validate_attachment,
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GENERATED_NAME = re.compile(
    r"visits/attachments/\d{4}/[0-9a-f]{32}\.(pdf|docx|xlsx|odt|ods|png|jpg|bin)"
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def refusal(file) -> str:
    with pytest.raises(ValidationError) as error:
        validate_attachment(file)
    return error.value.code


class TestAcceptedFiles:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("zinojums.pdf", PDF),
            ("ZINOJUMS.PDF", PDF),
            ("tabula.xlsx", XLSX),
            ("apraksts.docx", DOCX),
            ("apraksts.odt", ODT),
            ("foto.png", PNG),
            ("foto.jpeg", JPEG),
            ("foto.jpg", JPEG),
        ],
    )
    def test_a_document_of_a_known_kind_with_its_own_extension(self, name, content):
        validate_attachment(upload(name, content))

    def test_a_file_of_exactly_the_limit(self):
        validate_attachment(upload("liels.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF))))


class TestRefusedFiles:
    def test_a_web_page_named_like_a_pdf(self):
        assert refusal(upload("zinojums.pdf", b"<html><script>alert(1)</script></html>")) == (
            "file_type"
        )

    def test_an_svg_image(self):
        assert refusal(upload("karte.svg", b'<svg onload="alert(1)"/>')) == "file_type"

    def test_a_program(self):
        assert refusal(upload("zinojums.pdf", b"MZ\x90\x00" + b"\x00" * 60)) == "file_type"

    def test_a_pdf_named_like_a_web_page(self):
        assert refusal(upload("zinojums.html", PDF)) == "extension_mismatch"

    def test_a_pdf_without_an_extension(self):
        assert refusal(upload("zinojums", PDF)) == "extension_mismatch"

    def test_a_word_file_with_macros(self):
        macro = package(
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<w:document/>",
                "word/vbaProject.bin": b"\x00",
            }
        )

        assert refusal(upload("apraksts.docx", macro)) == "file_type"

    def test_any_other_zip_archive(self):
        assert refusal(upload("arhivs.docx", package({"a.txt": b"x"}))) == "file_type"

    def test_a_file_over_20_mb(self):
        big = upload("liels.pdf", PDF + b"0" * (MAX_ATTACHMENT_BYTES + 1 - len(PDF)))

        assert refusal(big) == "too_large"

    def test_an_empty_file(self):
        assert refusal(upload("tukss.pdf", b"")) == "empty"


@hostile_settings
@given(content=st.binary(max_size=2_000), name=hostile_text)
def test_any_bytes_under_any_name_are_accepted_only_as_a_known_kind(content, name):
    file = ContentFile(content, name=name)  # not cleaned as Django cleans upload names
    try:
        validate_attachment(file)
    except ValidationError:
        return
    kind = detect_kind(file)
    assert kind is not None
    assert content[:5] == b"%PDF-" or content[:3] in {b"\x89PN", b"\xff\xd8\xff", b"PK\x03"}


class TestStoredNames:
    @pytest.mark.parametrize(
        "uploaded",
        [
            "../../etc/passwd.pdf",
            "/etc/cron.d/job.pdf",
            "..\\..\\boot.ini.pdf",
            "Romu ģimene Kalniņi, Talsi.pdf",
            "zinojums.pdf\x00.html",
            ".htaccess",
            "x.PHP",
        ],
    )
    def test_the_uploaded_name_is_never_part_of_the_stored_one(self, uploaded):
        stored = attachment_upload_to(None, uploaded)

        assert GENERATED_NAME.fullmatch(stored), stored
        assert ".." not in stored and "Kalni" not in stored

    def test_the_extension_of_a_known_kind_is_kept(self):
        assert attachment_upload_to(None, "Zinojums.PDF").endswith(".pdf")
        assert attachment_upload_to(None, "foto.jpeg").endswith(".jpg")

    def test_two_uploads_of_one_name_get_two_names(self):
        assert attachment_upload_to(None, "a.pdf") != attachment_upload_to(None, "a.pdf")

    @hostile_settings
    @given(uploaded=hostile_text)
    def test_any_name_becomes_a_safe_one(self, uploaded):
        assert GENERATED_NAME.fullmatch(attachment_upload_to(None, uploaded))
