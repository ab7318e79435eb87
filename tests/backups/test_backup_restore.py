"""A backup restored into an empty database holds every record and every uploaded file."""

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from experts.models import ExpertProfile, Invitation
from platform_site.backups import (
    BackupError,
    create_backup,
    read_manifest,
    restore_backup,
)
from tests.factories import make_user
from visits.models import Attachment, Comment, Visit

pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)
PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture
def portal(reference_data, media_root: Path) -> dict:
    """A database like a real one: history, sample content, an account, a comment, a file."""
    call_command("load_history", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    user = make_user(email="janis@example.invalid", first_name="Jānis")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    ExpertProfile.objects.create(
        user=user, full_name="Jānis Bērziņš", slug="janis-berzins", email=user.email
    )
    Invitation.objects.create(email="anna@example.invalid", full_name="Anna Kalniņa")
    visit = Visit.objects.published().order_by("start_date", "id").first()
    comment = Comment.objects.create(visit=visit, author=user, body="Ļoti noderīga vizīte.")
    attachment = Attachment(visit=visit, title="Vizītes ziņojums")
    attachment.file.save("zinojums.pdf", ContentFile(PDF_BYTES), save=True)
    return {"user": user, "visit": visit, "comment": comment, "attachment": attachment}


def row_counts(using: str) -> dict[str, int]:
    """The number of rows of every model (many-to-many tables included) in one database."""
    return {
        model._meta.label: model._base_manager.using(using).count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def assert_everything_restored(portal: dict, target: str, restored_media: Path) -> None:
    counts = row_counts("default")
    assert row_counts(target) == counts
    assert counts["visits.Visit"] > 0 and counts["visits.Participation"] > 0
    assert list(
        Visit.objects.using(target).order_by("id").values_list("slug", "title", "status")
    ) == list(Visit.objects.order_by("id").values_list("slug", "title", "status"))
    restored_comment = Comment.objects.using(target).get(pk=portal["comment"].pk)
    assert restored_comment.body == "Ļoti noderīga vizīte."
    assert restored_comment.author_id == portal["user"].pk
    restored_user = get_user_model().objects.using(target).get(email="janis@example.invalid")
    assert restored_user.check_password("Ilga-parole-2026")
    assert ExpertProfile.objects.using(target).get(slug="janis-berzins").user_id == restored_user.pk
    name = Attachment.objects.using(target).get(pk=portal["attachment"].pk).file.name
    assert (restored_media / name).read_bytes() == PDF_BYTES


class TestRestoreIntoAnEmptyDatabase:
    def test_sqlite_backup_restored_into_a_new_database_has_every_record_and_file(
        self, portal, empty_sqlite_database, media_root, tmp_path
    ):
        archive = create_backup(tmp_path / "backups", now=NOW).path
        restored_media = tmp_path / "restored-media"

        restore_backup(archive, using=empty_sqlite_database, media_root=restored_media)

        assert_everything_restored(portal, empty_sqlite_database, restored_media)

    def test_postgres_backup_restored_into_a_new_database_has_every_record_and_file(
        self, portal, empty_postgres_database, media_root, tmp_path
    ):
        archive = create_backup(tmp_path / "backups", now=NOW).path
        restored_media = tmp_path / "restored-media"

        restore_backup(archive, using=empty_postgres_database, media_root=restored_media)

        assert_everything_restored(portal, empty_postgres_database, restored_media)

    def test_the_restored_database_takes_new_records_without_clashing_ids(
        self, portal, empty_database, media_root, tmp_path
    ):
        archive = create_backup(tmp_path / "backups", now=NOW).path
        restore_backup(archive, using=empty_database, media_root=tmp_path / "m")

        new = Visit.objects.using(empty_database).create(
            title="Jauna vizīte",
            slug="jauna-vizite",
            start_date=dt.date(2026, 5, 4),
            end_date=dt.date(2026, 5, 5),
        )

        assert new.pk > max(Visit.objects.values_list("pk", flat=True))


class TestCommands:
    def test_backup_writes_one_timestamped_archive_only_its_owner_can_read(self, portal, tmp_path):
        output = tmp_path / "backups"
        stdout = io.StringIO()

        call_command("backup", "--output", str(output), stdout=stdout)

        [archive] = list(output.iterdir())
        assert archive.name.startswith("lrp-backup-") and archive.name.endswith(".tar.gz")
        assert archive.stat().st_mode & 0o077 == 0
        assert "Rezerves kopija izveidota" in stdout.getvalue()
        with tarfile.open(archive) as contents:
            names = contents.getnames()
        assert "manifest.json" in names
        assert any(name.startswith("media/visits/attachments/") for name in names)

    def test_restore_refuses_to_overwrite_a_database_with_data_without_yes(self, portal, tmp_path):
        call_command("backup", "--output", str(tmp_path / "b"), stdout=io.StringIO())
        [archive] = list((tmp_path / "b").iterdir())
        Visit.objects.filter(pk=portal["visit"].pk).update(title="Mainīts pēc kopijas")

        with pytest.raises(CommandError, match="--yes") as refusal:
            call_command("restore", str(archive), stdout=io.StringIO())

        assert "jau ir dati" in str(refusal.value)
        assert Visit.objects.get(pk=portal["visit"].pk).title == "Mainīts pēc kopijas"

    def test_restore_with_yes_brings_back_what_was_deleted_since_the_backup(
        self, portal, media_root, tmp_path
    ):
        call_command("backup", "--output", str(tmp_path / "b"), stdout=io.StringIO())
        [archive] = list((tmp_path / "b").iterdir())
        visits = Visit.objects.count()
        Visit.objects.filter(pk=portal["visit"].pk).delete()
        (media_root / portal["attachment"].file.name).unlink()

        call_command("restore", str(archive), "--yes", stdout=io.StringIO())

        connections["default"].close()
        assert Visit.objects.count() == visits
        assert Comment.objects.filter(body="Ļoti noderīga vizīte.").exists()
        assert (media_root / portal["attachment"].file.name).read_bytes() == PDF_BYTES


class TestArchivesThatAreRefused:
    def test_a_file_that_is_not_a_backup_is_refused(self, tmp_path):
        path = tmp_path / "not-a-backup.tar.gz"
        path.write_bytes(b"hello")

        with pytest.raises(BackupError, match="nav šī portāla rezerves kopija"):
            read_manifest(path)

    def test_a_backup_of_another_kind_of_database_is_refused(self, tmp_path, media_root):
        vendor = "postgresql" if connections["default"].vendor == "sqlite" else "sqlite"
        archive = tmp_path / "other.tar.gz"
        write_archive(archive, {"manifest.json": manifest(vendor)})

        with pytest.raises(BackupError, match="tāda paša veida datubāzē"):
            restore_backup(archive)

    def test_an_archive_reaching_outside_its_folders_is_refused_and_writes_nothing(
        self, tmp_path, media_root
    ):
        vendor = connections["default"].vendor
        dump = "database.sqlite3" if vendor == "sqlite" else "database.pgdump"
        archive = tmp_path / "evil.tar.gz"
        before = row_counts("default")
        write_archive(
            archive,
            {
                "manifest.json": manifest(vendor),
                dump: b"",
                "media/../../escaped.txt": b"gotcha",
            },
        )

        with pytest.raises(BackupError, match="neparedzēts ieraksts"):
            restore_backup(archive, media_root=media_root)

        assert not (tmp_path / "escaped.txt").exists()
        assert row_counts("default") == before


def manifest(vendor: str) -> bytes:
    file = "database.sqlite3" if vendor == "sqlite" else "database.pgdump"
    return json.dumps(
        {"format": 1, "created_at": NOW.isoformat(), "database": {"vendor": vendor, "file": file}}
    ).encode()


def write_archive(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
