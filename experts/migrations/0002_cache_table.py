"""The table of the database cache, where allauth counts attempts for its rate limits.

Rate limits must be counted in a cache that every app process shares (allauth's
deployment requirements); with CACHES pointing at the database cache, this creates its
table in every database, the test database included. With another cache backend it
does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
