"""An index in the order every list of visits is read: newest first (issue 8, item 4).

Only an index is added (CREATE INDEX): the table is not rebuilt, so the agenda triggers
of 0002 stay in place on SQLite.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0008_attachment_file_checks"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(fields=["-start_date", "-id"], name="visit_newest_first_idx"),
        ),
    ]
