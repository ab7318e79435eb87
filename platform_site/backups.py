"""Backups of everything the portal keeps: the database and the uploaded files.

One archive, ``lrp-backup-YYYYMMDD-HHMMSS.tar.gz``, holds:

- ``manifest.json``: what is inside, from which kind of database, when it was made;
- ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (a copy made
  with SQLite's online backup API, consistent while the portal keeps running);
- ``media/…``: every regular file under ``MEDIA_ROOT`` (uploaded attachments).

A backup is restored into a database of the same kind: PostgreSQL with ``pg_restore
--clean --if-exists --no-owner`` in one transaction (all or nothing), SQLite by copying the
saved database over the configured one with the backup API. The uploaded files are put
back under ``MEDIA_ROOT`` (files uploaded since the backup stay where they are).

The commands ``manage.py backup`` and ``manage.py restore`` are thin shells over
:func:`create_backup` and :func:`restore_backup`.
"""

import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

ARCHIVE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
MEDIA_FOLDER = "media"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
ARCHIVE_PATTERN = "lrp-backup-{stamp}.tar.gz"

# Rows every database has from its migrations (reference data and Django's own
# bookkeeping): they do not make a database "not empty".
REFERENCE_MODELS = frozenset(
    {
        "contenttypes.contenttype",
        "platform_site.contentgeneration",
        "auth.permission",
        "visits.municipality",
        "recommendations.recommendation",
    }
)

# Where pg_dump and pg_restore are looked for when PG_BIN is not set and they are not on PATH.
POSTGRES_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# The connection settings that libpq reads from the environment.
POSTGRES_ENVIRONMENT = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",  # noqa: S105 - the name of the variable, not a password
    "NAME": "PGDATABASE",
}
POSTGRES_OPTION_ENVIRONMENT = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or a restore that could not be done; the message says why, in Latvian."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    vendor: str
    media_files: int


@dataclass(frozen=True)
class RestoreResult:
    created_at: str
    vendor: str
    media_files: int


# --- Making a backup ------------------------------------------------------------------


def create_backup(
    output_dir: Path,
    *,
    now: dt.datetime,
    using: str = "default",
    media_root: Path | None = None,
) -> BackupResult:
    """Write one archive of the database and the uploaded files into ``output_dir``.

    The archive is readable by its owner only (it holds personal data) and appears
    under its final name only once complete.
    """
    connection = connections[using]
    vendor = _supported_vendor(connection.vendor)
    media_root = Path(settings.MEDIA_ROOT if media_root is None else media_root)
    output_dir = Path(output_dir)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = _free_archive_path(output_dir, now)

    with tempfile.TemporaryDirectory(prefix="lrp-backup-") as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        if vendor == "postgresql":
            _dump_postgresql(connection.settings_dict, dump)
        else:
            _dump_sqlite(using, dump)
        media_files = sorted(_media_files(media_root))
        manifest = {
            "format": ARCHIVE_FORMAT,
            "created_at": now.isoformat(),
            "database": {"vendor": vendor, "file": dump.name},
            "media_files": len(media_files),
            "migrations": _latest_migrations(using),
        }
        partial = target.with_name(f".{target.name}.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with (
                os.fdopen(descriptor, "wb") as stream,
                tarfile.open(fileobj=stream, mode="w:gz") as archive,
            ):
                _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=2).encode(), now=now)
                archive.add(dump, arcname=dump.name, recursive=False)
                for relative in media_files:
                    archive.add(
                        media_root / relative,
                        arcname=f"{MEDIA_FOLDER}/{relative.as_posix()}",
                        recursive=False,
                    )
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(path=target, vendor=vendor, media_files=len(media_files))


def _free_archive_path(output_dir: Path, now: dt.datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    path = output_dir / ARCHIVE_PATTERN.format(stamp=stamp)
    number = 1
    while path.exists():
        number += 1
        path = output_dir / ARCHIVE_PATTERN.format(stamp=f"{stamp}-{number}")
    return path


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, *, now: dt.datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(now.timestamp())
    archive.addfile(info, fileobj=io.BytesIO(data))


def _media_files(media_root: Path) -> Iterator[Path]:
    """Every regular file under the media folder, relative to it; links are not followed."""
    if not media_root.is_dir():
        return
    for folder, folder_names, file_names in os.walk(media_root):
        folder_names[:] = [name for name in folder_names if not (Path(folder) / name).is_symlink()]
        for name in file_names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(media_root)


def _latest_migrations(using: str) -> dict[str, str]:
    """The last migration applied in each app: which code version the backup belongs to."""
    latest: dict[str, str] = {}
    recorder = MigrationRecorder(connections[using])
    for app, name in sorted(recorder.applied_migrations()):
        latest[app] = name
    return latest


def _dump_sqlite(using: str, dump: Path) -> None:
    source = connections[using]
    source.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        source.connection.backup(target)
    finally:
        target.close()


def _dump_postgresql(db_settings: dict, dump: Path) -> None:
    _run_postgres_program(
        "pg_dump",
        ["--format=custom", f"--file={dump}", f"--dbname={db_settings['NAME']}"],
        db_settings,
        failure="pg_dump neizdevās izveidot datubāzes kopiju",
    )


# --- Restoring ------------------------------------------------------------------------


def read_manifest(archive_path: Path) -> dict:
    """The manifest of a backup archive; a BackupError if the file is not one of ours."""
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            member = archive.getmember(MANIFEST_NAME)
            stream = archive.extractfile(member)
            manifest = json.loads(stream.read()) if stream else None
    except FileNotFoundError as error:
        raise BackupError(f"Fails {archive_path} nav atrasts.") from error
    except (tarfile.TarError, KeyError, OSError, ValueError) as error:
        raise BackupError(
            f"Fails {archive_path} nav šī portāla rezerves kopija (trūkst {MANIFEST_NAME})."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"Fails {archive_path} ir nezināma formāta rezerves kopija.")
    return manifest


def database_has_content(using: str = "default") -> bool:
    """Whether the database holds any rows beyond what the migrations put there."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in REFERENCE_MODELS:
            continue
        if meta.db_table in tables and model._base_manager.using(using).exists():
            return True
    return False


def media_has_files(media_root: Path | None = None) -> bool:
    media_root = Path(settings.MEDIA_ROOT if media_root is None else media_root)
    return next(_media_files(media_root), None) is not None


def restore_backup(
    archive_path: Path,
    *,
    using: str = "default",
    media_root: Path | None = None,
) -> RestoreResult:
    """Put the database and the uploaded files back as the archive holds them.

    The caller decides whether overwriting is allowed (see :func:`database_has_content`);
    this replaces the database's tables and writes the files without asking.
    """
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    connection = connections[using]
    vendor = _supported_vendor(connection.vendor)
    saved_vendor = manifest["database"]["vendor"]
    if saved_vendor != vendor:
        raise BackupError(
            f"Kopija ir no {VENDOR_NAMES.get(saved_vendor, saved_vendor)} datubāzes, bet "
            f"konfigurētā datubāze ir {VENDOR_NAMES[vendor]}: kopiju var atjaunot tikai tāda "
            "paša veida datubāzē."
        )
    media_root = Path(settings.MEDIA_ROOT if media_root is None else media_root)
    with tempfile.TemporaryDirectory(prefix="lrp-restore-") as work:
        work_dir = Path(work)
        _extract(archive_path, work_dir)
        dump = work_dir / DUMP_NAMES[vendor]
        if not dump.is_file():
            raise BackupError(f"Kopijā trūkst datubāzes faila {dump.name}.")
        if connection.in_atomic_block:
            raise BackupError("Datubāzi nevar atjaunot atvērtas transakcijas laikā.")
        # Our own connection must hold nothing while the tables are replaced.
        connection.close()
        if vendor == "postgresql":
            _restore_postgresql(connection.settings_dict, dump)
        else:
            _restore_sqlite(using, dump)
        connection.close()
        media_files = _put_back_media(work_dir / MEDIA_FOLDER, media_root)
    return RestoreResult(
        created_at=str(manifest.get("created_at", "")), vendor=vendor, media_files=media_files
    )


def _extract(archive_path: Path, work_dir: Path) -> None:
    """Unpack the archive's own members only: no absolute paths, no '..', no links."""
    allowed = {MANIFEST_NAME, *DUMP_NAMES.values()}
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            members = []
            for member in archive.getmembers():
                name = PurePosixPath(member.name)
                inside = (
                    len(name.parts) > 1
                    and name.parts[0] == MEDIA_FOLDER
                    and ".." not in name.parts
                    and not name.is_absolute()
                )
                if not (member.isfile() or member.isdir()) or not (
                    member.name in allowed or inside
                ):
                    raise BackupError(f"Kopijā ir neparedzēts ieraksts: {member.name!r}.")
                members.append(member)
            archive.extractall(work_dir, members=members, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"Kopiju {archive_path} neizdevās atvērt: {error}") from error


def _restore_sqlite(using: str, dump: Path) -> None:
    target = connections[using]
    target.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(target.connection)
    finally:
        source.close()


def _restore_postgresql(db_settings: dict, dump: Path) -> None:
    _run_postgres_program(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={db_settings['NAME']}",
            str(dump),
        ],
        db_settings,
        failure="pg_restore neizdevās atjaunot datubāzi (nekas netika mainīts)",
    )


def _put_back_media(saved: Path, media_root: Path) -> int:
    count = 0
    if not saved.is_dir():
        return count
    for relative in _media_files(saved):
        destination = media_root / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved / relative, destination)
        count += 1
    return count


# --- PostgreSQL programs --------------------------------------------------------------


def _supported_vendor(vendor: str) -> str:
    if vendor not in DUMP_NAMES:
        raise BackupError(
            f"Datubāzes veids {vendor} netiek atbalstīts: tikai PostgreSQL un SQLite."
        )
    return vendor


def postgres_program(name: str) -> str:
    """The path of pg_dump or pg_restore: from PG_BIN, PATH, or the newest Debian folder."""
    if folder := os.environ.get("PG_BIN"):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    if found := shutil.which(name):
        return found
    folders = sorted(Path("/").glob(POSTGRES_BIN_GLOB.lstrip("/")), key=_version_key, reverse=True)
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return str(candidate)
    raise BackupError(
        f"Programma {name} nav atrasta: uzstādiet PostgreSQL klienta rīkus vai norādiet to mapi "
        "mainīgajā PG_BIN."
    )


def _version_key(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)


def postgres_environment(db_settings: dict) -> dict[str, str]:
    """The environment that gives libpq the connection of ``db_settings`` (password included).

    The password travels in the environment, never on the command line where other users
    of the machine could read it.
    """
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for setting, variable in POSTGRES_ENVIRONMENT.items():
        if value := db_settings.get(setting):
            environment[variable] = str(value)
    for option, variable in POSTGRES_OPTION_ENVIRONMENT.items():
        if value := db_settings.get("OPTIONS", {}).get(option):
            environment[variable] = str(value)
    return environment


def _run_postgres_program(name: str, arguments: list[str], db_settings: dict, failure: str) -> None:
    command = [postgres_program(name), *arguments]
    completed = subprocess.run(  # noqa: S603 - a fixed program, arguments from settings
        command,
        env=postgres_environment(db_settings),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        details = completed.stderr.strip() or completed.stdout.strip()
        raise BackupError(f"{failure}: {details}")
