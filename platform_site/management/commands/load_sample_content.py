"""Load the demonstration's sample content (after ``load_history``; safe to run again)."""

from django.core.management.base import BaseCommand

from platform_site.sample_content import load_sample_content, summary_line


class Command(BaseCommand):
    help = (
        "Loads sample experts, agendas, participations, good practices, follow-up actions "
        "and comments, all marked as sample content. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        counts = load_sample_content()
        self.stdout.write(self.style.SUCCESS(summary_line(counts)))
