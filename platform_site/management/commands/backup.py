"""`manage.py backup --output DIR`: one archive of the database and the uploaded files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from platform_site.backups import VENDOR_NAMES, BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Backs up everything the portal keeps, the database and the uploaded files, into one "
        "timestamped .tar.gz archive in the output folder (var/backups by default)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.BASE_DIR / "var" / "backups",
            help="The folder the archive is written to (created if missing).",
        )

    def handle(self, *args, output: Path, **options) -> None:
        try:
            result = create_backup(output, now=timezone.localtime())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Rezerves kopija izveidota: {result.path} "
                f"(datubāze: {VENDOR_NAMES[result.vendor]}; augšupielādētie faili: "
                f"{result.media_files})."
            )
        )
