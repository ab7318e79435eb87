"""`manage.py restore ARCHIVE [--yes]`: the database and the uploaded files back from a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from platform_site.backups import (
    VENDOR_NAMES,
    BackupError,
    database_has_content,
    media_has_files,
    read_manifest,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Restores the database and the uploaded files from an archive made by "
        "`manage.py backup`. A database that already holds data is replaced only with --yes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="The .tar.gz archive made by `backup`.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace the data the database already holds (it is lost).",
        )

    def handle(self, *args, archive: Path, yes: bool, **options) -> None:
        try:
            manifest = read_manifest(archive)
            if not yes and (database_has_content() or media_has_files()):
                raise CommandError(
                    "Datubāzē vai augšupielādēto failu mapē jau ir dati: atjaunojot kopiju, tie "
                    "tiks aizstāti un zaudēti. Ja tiešām to vēlaties, palaidiet komandu vēlreiz "
                    "ar --yes."
                )
            self.stdout.write(f"Atjauno kopiju, kas izveidota {manifest.get('created_at')}…")
            result = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Atjaunots: datubāze ({VENDOR_NAMES[result.vendor]}) un augšupielādētie faili "
                f"({result.media_files}) no kopijas {archive}."
            )
        )
