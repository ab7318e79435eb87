"""Prepare a local portal for `make run`: content on an empty database, and an admin."""

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from visits.models import Visit

LOCAL_ADMIN_EMAIL = "admin@example.invalid"


class Command(BaseCommand):
    help = "Loads history and sample content into an empty database and creates a local admin."

    def handle(self, *args, **options) -> None:
        if not Visit.objects.exists():
            call_command("load_history", stdout=self.stdout)
            call_command("load_sample_content", stdout=self.stdout)
        else:
            self.stdout.write("Datubāzē jau ir saturs: vēsture un parauga saturs netiek ielādēti.")

        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Administratora konts jau ir (parole tika parādīta tā izveidē).")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=LOCAL_ADMIN_EMAIL, email=LOCAL_ADMIN_EMAIL, password=password
        )
        EmailAddress.objects.create(user=user, email=LOCAL_ADMIN_EMAIL, verified=True, primary=True)
        self.stdout.write(
            self.style.SUCCESS(
                "Izveidots lokālais administrators (parole tiek parādīta tikai šoreiz):\n"
                f"  e-pasts: {LOCAL_ADMIN_EMAIL}\n  parole:  {password}\n"
                "Pirmajā ieejā administrēšanā būs jāieslēdz divpakāpju pieteikšanās "
                "(autentifikatora lietotne)."
            )
        )
