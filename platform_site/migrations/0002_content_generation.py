"""The content generation, and the triggers that count every change of public content.

Each table a public page reads gets a trigger that increases the one row's number in the
same transaction as the change (PostgreSQL: once per statement; SQLite: once per row, as
SQLite has no statement triggers). Comments, invitations and everything about accounts are
left out: the public never sees them, and logins must not empty the page cache.

On SQLite a migration that rebuilds one of these tables drops its triggers:
tests/cache/test_content_generation.py fails if a table loses them.
"""

from django.db import migrations, models

PUBLIC_CONTENT_TABLES = [
    "experts_expertprofile",
    "visits_municipality",
    "visits_visit",
    "visits_visit_municipalities",
    "visits_agendaitem",
    "visits_goodpractice",
    "visits_goodpractice_adopted_in",
    "visits_participation",
    "visits_attachment",
    "recommendations_recommendation",
    "recommendations_recommendation_visits",
    "recommendations_recommendation_good_practices",
    "recommendations_recommendation_experts",
    "recommendations_followupaction",
    "recommendations_followupaction_recommendations",
    "recommendations_actionupdate",
]

BUMP = "UPDATE platform_site_contentgeneration SET number = number + 1, changed_at = {now} WHERE id = 1"
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
EVENTS = ["insert", "update", "delete"]


def sqlite_create() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_{event}_bumps_generation AFTER {event.upper()} ON {table} "
        f"BEGIN {BUMP.format(now=SQLITE_NOW)}; END"
        for table in PUBLIC_CONTENT_TABLES
        for event in EVENTS
    ]


def sqlite_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_{event}_bumps_generation"
        for table in PUBLIC_CONTENT_TABLES
        for event in EVENTS
    ]


def postgres_create() -> list[str]:
    function = f"""
    CREATE FUNCTION platform_site_bump_content_generation() RETURNS trigger AS $$
    BEGIN
      {BUMP.format(now="clock_timestamp()")};
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """
    return [function] + [
        f"CREATE TRIGGER {table}_bumps_generation "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION platform_site_bump_content_generation()"
        for table in PUBLIC_CONTENT_TABLES
    ]


def postgres_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_bumps_generation ON {table}"
        for table in PUBLIC_CONTENT_TABLES
    ] + ["DROP FUNCTION IF EXISTS platform_site_bump_content_generation()"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, list)():
            schema_editor.execute(statement)

    return run


def load(apps, schema_editor) -> None:
    """The one row (also re-run by browser tests after a flush empties the table)."""
    ContentGeneration = apps.get_model("platform_site", "ContentGeneration")
    ContentGeneration.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("platform_site", "0001_database_features"),
        ("experts", "0003_spreadsheet_permissions"),
        ("visits", "0008_attachment_file_checks"),
        ("recommendations", "0006_editor_role"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=1, verbose_name="number")),
                ("changed_at", models.DateTimeField(auto_now_add=True, verbose_name="changed at")),
            ],
            options={
                "verbose_name": "content generation",
                "verbose_name_plural": "content generations",
            },
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": sqlite_create, "postgresql": postgres_create}),
            _run({"sqlite": sqlite_drop, "postgresql": postgres_drop}),
        ),
    ]
