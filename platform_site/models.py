"""The one record the whole site shares about its content: which generation it is at."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGenerationQuerySet(models.QuerySet):
    def current(self) -> "ContentGeneration | None":
        """The generation now, or None where the row is missing (a flushed test database)."""
        return self.filter(pk=ContentGeneration.THE_ONE).first()


class ContentGeneration(models.Model):
    """A number that every change of public content increases, in the same transaction.

    Database triggers on every table a public page reads do the increase (see the
    migration), so no path of change can miss it: the admin, a bulk action, an import,
    ``QuerySet.update()``, a restore or SQL by hand. Every worker on every host reads the
    same row, so a page cached under an older number is never served again anywhere.
    """

    THE_ONE = 1

    number = models.BigIntegerField(_("number"), default=1)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    objects = ContentGenerationQuerySet.as_manager()

    class Meta:
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def key(self) -> str:
        """Unique even if a rolled-back or restored database counts the same number again."""
        changed_at: dt.datetime = self.changed_at
        return f"{self.number}-{changed_at.timestamp():.6f}"
