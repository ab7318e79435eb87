"""Load the scale data: the platform after decades, for the benchmark (bench/run.py)."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from platform_site.scale_data import ScaleDataExists, ScaleSize, load_scale_data


class Command(BaseCommand):
    help = (
        "Generates invented data at national scale from a seed: today's 43 municipalities, "
        "2,000 visits with agendas and good practices, 1,000 experts, 100,000 comments, "
        "5,000 follow-up actions with 20,000 updates (times --scale). All marked as sample "
        "content. Refuses to run when scale data is there already, unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same rows.")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="A share of the full set, e.g. 0.01 for a small one (default 1).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete the scale data already there and load it again.",
        )

    def handle(self, *args, **options) -> None:
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        size = ScaleSize.at(scale)
        self.stdout.write(
            f"Scale data, seed {options['seed']}, scale {scale:g}: {size.visits} visits, "
            f"{size.experts} experts, {size.comments} comments, {size.actions} actions."
        )
        self.header_written = False
        started = time.perf_counter()
        try:
            counts = load_scale_data(
                seed=options["seed"], scale=scale, replace=options["force"], report=self._report
            )
        except ScaleDataExists:
            raise CommandError(
                "This database has scale data already; run with --force to replace it."
            ) from None
        total = sum(rows for table, rows in counts.items() if not table.startswith("("))
        self.stdout.write(
            self.style.SUCCESS(f"{'total':<50} {total:>8} {time.perf_counter() - started:>8.1f}")
        )

    def _report(self, table: str, rows: int, seconds: float) -> None:
        if not self.header_written:
            self.stdout.write(f"{'table':<50} {'rows':>8} {'seconds':>8}")
            self.header_written = True
        self.stdout.write(f"{table:<50} {rows:>8} {seconds:>8.1f}")
