"""Latvia's planning regions: shared by experts (home region) and visits (municipalities)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanningRegion(models.TextChoices):
    RIGA = "RIGA", _("Riga")
    KURZEME = "KURZEME", _("Kurzeme")
    ZEMGALE = "ZEMGALE", _("Zemgale")
    VIDZEME = "VIDZEME", _("Vidzeme")
    LATGALE = "LATGALE", _("Latgale")
