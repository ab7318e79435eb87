"""A folded copy of each visit's and municipality's text, for search without diacritics.

The visit's column is nullable on purpose: SQLite then adds it with ALTER TABLE ADD
COLUMN; a NOT NULL column (or one with a default) would make Django rebuild
visits_visit, and the rebuild would drop the triggers of 0002_agenda_day_trigger.
The municipality table has no triggers, so its column is an ordinary NOT NULL one.

The data step fills both columns for the rows that exist, with the fields the models
use at the time of writing (listed here, so that the step stays what it was).
"""

from django.db import migrations, models

from visits.search import search_text

MUNICIPALITY_FIELDS = ("name", "centre", "places_visited", "successor_name")
VISIT_FIELDS = ("title", "places", "lead", "summary", "project")


def fill_search_text(apps, schema_editor):
    for model_name, fields in (("Municipality", MUNICIPALITY_FIELDS), ("Visit", VISIT_FIELDS)):
        model = apps.get_model("visits", model_name)
        rows = list(model.objects.using(schema_editor.connection.alias).order_by("pk"))
        for row in rows:
            row.search_text = search_text(getattr(row, field) for field in fields)
        model.objects.using(schema_editor.connection.alias).bulk_update(
            rows, ["search_text"], batch_size=200
        )


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0004_agenda_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search text"
            ),
        ),
        migrations.AddField(
            model_name="visit",
            name="search_text",
            field=models.TextField(
                blank=True, editable=False, null=True, verbose_name="search text"
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
