"""`manage.py load_history`: the platform's history as published visits, safe to rerun."""

from django.core.management.base import BaseCommand, CommandError

from platform_site.history import HistoryError, load_history


def latvian_plural(count: int, one: str, other: str) -> str:
    """Latvian agrees with the last digit: 1, 21, 31 … take the singular, 11 does not."""
    form = one if count % 10 == 1 and count % 100 != 11 else other
    return f"{count} {form}"


class Command(BaseCommand):
    help = (
        "Loads the platform's history: the 7 good-practice visits of 2016–2020 and the "
        "expert network meeting of 27 May 2021, published. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        try:
            counts = load_history()
        except HistoryError as error:
            raise CommandError(str(error)) from error
        visits = latvian_plural(counts.visits, "vizīte vai sanāksme", "vizītes un sanāksmes")
        items = latvian_plural(
            counts.agenda_items, "darba kārtības punkts", "darba kārtības punkti"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Vēsture ielādēta: {visits}, {items} "
                f"(jauni ieraksti: {counts.created}, mainīti: {counts.updated})."
            )
        )
