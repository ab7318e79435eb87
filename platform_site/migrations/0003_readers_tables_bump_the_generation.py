"""What only logged-in readers' pages show moves the content generation on too: comments,
and the accounts and roles that decide what a reader sees.

One generation for both page caches, on purpose: two rows, one bumped by public content
and both by the rest, deadlocked on PostgreSQL when a transaction took them in the other
order (accepting an invitation writes a user, then a profile). A comment now also renews
the public pages, which costs one render each. A user's row counts only for the columns a
page shows, so that a login (``last_login``) does not hold the generation's row.
"""

import importlib

from django.db import migrations

public = importlib.import_module("platform_site.migrations.0002_content_generation")

READERS_ONLY_TABLES = [
    "visits_comment",
    "recommendations_actioncomment",
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group_permissions",
]
# auth_user: only what pages show or what decides what a reader may see.
USER_COLUMNS = "email, username, first_name, last_name, is_active, is_staff, is_superuser"
BUMP = public.BUMP


def sqlite_create() -> list[str]:
    statements = [
        f"CREATE TRIGGER {table}_{event}_bumps_generation AFTER {event.upper()} ON {table} "
        f"BEGIN {BUMP.format(now=public.SQLITE_NOW)}; END"
        for table in READERS_ONLY_TABLES
        for event in public.EVENTS
    ]
    for event, on in (
        ("insert", "INSERT"),
        ("update", f"UPDATE OF {USER_COLUMNS}"),
        ("delete", "DELETE"),
    ):
        statements.append(
            f"CREATE TRIGGER auth_user_{event}_bumps_generation AFTER {on} ON auth_user "
            f"BEGIN {BUMP.format(now=public.SQLITE_NOW)}; END"
        )
    return statements


def sqlite_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_generation"
        for table in [*READERS_ONLY_TABLES, "auth_user"]
        for event in public.EVENTS
    ]


def postgres_create() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_bumps_generation "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION platform_site_bump_content_generation()"
        for table in READERS_ONLY_TABLES
    ] + [
        "CREATE TRIGGER auth_user_bumps_generation "
        f"AFTER INSERT OR UPDATE OF {USER_COLUMNS} OR DELETE OR TRUNCATE ON auth_user "
        "FOR EACH STATEMENT EXECUTE FUNCTION platform_site_bump_content_generation()"
    ]


def postgres_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_bumps_generation ON {table}"
        for table in [*READERS_ONLY_TABLES, "auth_user"]
    ]


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
        migrations.RunPython(
            _run({"sqlite": sqlite_create, "postgresql": postgres_create}),
            _run({"sqlite": sqlite_drop, "postgresql": postgres_drop}),
        ),
    ]
