"""A second generation, for the pages logged-in readers see: every change of public content
moves it on too, and so does everything else such a page shows (comments, the reader's own
account and roles).

Row 1 stays the public pages' generation; row 2 is the readers'. The public tables'
triggers now bump both rows; the tables below bump row 2 only.
"""

import importlib

from django.db import migrations

public = importlib.import_module("platform_site.migrations.0002_content_generation")

READERS_ONLY_TABLES = [
    "visits_comment",
    "recommendations_actioncomment",
    "auth_user",
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group_permissions",
]

BUMP = (
    "UPDATE platform_site_contentgeneration SET number = number + 1, changed_at = {now} "
    "WHERE id IN ({ids})"
)
SQLITE_NOW = public.SQLITE_NOW
EVENTS = public.EVENTS


def _sqlite_triggers(tables: list[str], ids: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_{event}_bumps_generation AFTER {event.upper()} ON {table} "
        f"BEGIN {BUMP.format(now=SQLITE_NOW, ids=ids)}; END"
        for table in tables
        for event in EVENTS
    ]


def sqlite_forwards() -> list[str]:
    return (
        public.sqlite_drop()
        + _sqlite_triggers(public.PUBLIC_CONTENT_TABLES, "1, 2")
        + _sqlite_triggers(READERS_ONLY_TABLES, "2")
    )


def sqlite_backwards() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_generation"
        for table in READERS_ONLY_TABLES
        for event in EVENTS
    ] + public.sqlite_drop() + public.sqlite_create()


def _postgres_function(name: str, ids: str) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
    BEGIN
      {BUMP.format(now="clock_timestamp()", ids=ids)};
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """


def postgres_forwards() -> list[str]:
    return [
        _postgres_function("platform_site_bump_content_generation", "1, 2"),
        _postgres_function("platform_site_bump_readers_generation", "2"),
    ] + [
        f"CREATE TRIGGER {table}_bumps_generation "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION platform_site_bump_readers_generation()"
        for table in READERS_ONLY_TABLES
    ]


def postgres_backwards() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_bumps_generation ON {table}"
        for table in READERS_ONLY_TABLES
    ] + [
        "DROP FUNCTION IF EXISTS platform_site_bump_readers_generation()",
        _postgres_function("platform_site_bump_content_generation", "1"),
    ]


def load(apps, schema_editor) -> None:
    """The readers' row (also re-run by browser tests after a flush empties the table)."""
    ContentGeneration = apps.get_model("platform_site", "ContentGeneration")
    for pk in (1, 2):
        ContentGeneration.objects.get_or_create(pk=pk)


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, list)():
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("platform_site", "0002_content_generation"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": sqlite_forwards, "postgresql": postgres_forwards}),
            _run({"sqlite": sqlite_backwards, "postgresql": postgres_backwards}),
        ),
    ]
