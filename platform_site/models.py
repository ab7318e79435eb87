"""The one record the whole site shares about its content: which generation it is at."""

from django.db import connections, models
from django.utils.translation import gettext_lazy as _


class ContentGenerationQuerySet(models.QuerySet):
    def current_key(self) -> str | None:
        """The generation now, as a key unique even if a rolled-back or restored database
        counts the same number again; None where the row is missing (a flushed test
        database).

        Asked on every anonymous request, so in plain SQL: compiling the ORM's query costs
        several times what the query itself does.
        """
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT number, changed_at FROM {table} WHERE id = %s",
                [ContentGeneration.THE_ONE],
            )
            row = cursor.fetchone()
        return None if row is None else f"{row[0]}-{row[1]}"


class ContentGeneration(models.Model):
    """A number that every change of what a page shows increases, in the same transaction.

    Database triggers on every table a page reads do the increase (see the migrations),
    so no path of change can miss it: the admin, a bulk action, an import,
    ``QuerySet.update()``, a restore or SQL by hand. Every worker on every host reads the
    same row, so a page cached under an older number is never served again anywhere.

    The row is locked from the first change of a transaction until it commits: writers
    that change pages take turns, which is the price of no stale page anywhere (a long
    import holds comments and edits back for its duration).
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
