"""PostgreSQL features the apps rely on; each operation is a no-op on SQLite."""

from django.contrib.postgres.operations import CreateCollation, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        CreateCollation("lv", provider="icu", locale="lv-LV"),
    ]
