"""Keep every agenda item within its visit's days, in the database itself.

A check constraint cannot look at another table, so a trigger on each side does:
an agenda item may not fall after the visit's last day, and a visit may not be
shortened so that its agenda falls outside it. The error is an integrity error on
both SQLite and PostgreSQL.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER visits_agenda_day_within_visit_insert
    BEFORE INSERT ON visits_agendaitem
    WHEN NEW.day > (SELECT CAST(julianday(end_date) - julianday(start_date) AS INTEGER) + 1
                    FROM visits_visit WHERE id = NEW.visit_id)
    BEGIN SELECT RAISE(ABORT, 'agenda_day_within_visit'); END
    """,
    """
    CREATE TRIGGER visits_agenda_day_within_visit_update
    BEFORE UPDATE OF day, visit_id ON visits_agendaitem
    WHEN NEW.day > (SELECT CAST(julianday(end_date) - julianday(start_date) AS INTEGER) + 1
                    FROM visits_visit WHERE id = NEW.visit_id)
    BEGIN SELECT RAISE(ABORT, 'agenda_day_within_visit'); END
    """,
    """
    CREATE TRIGGER visits_visit_days_cover_agenda
    BEFORE UPDATE OF start_date, end_date ON visits_visit
    WHEN EXISTS (SELECT 1 FROM visits_agendaitem WHERE visit_id = NEW.id
                 AND day > CAST(julianday(NEW.end_date) - julianday(NEW.start_date) AS INTEGER) + 1)
    BEGIN SELECT RAISE(ABORT, 'agenda_day_within_visit'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS visits_agenda_day_within_visit_insert",
    "DROP TRIGGER IF EXISTS visits_agenda_day_within_visit_update",
    "DROP TRIGGER IF EXISTS visits_visit_days_cover_agenda",
]

POSTGRES_CREATE = [
    """
    CREATE FUNCTION visits_agenda_day_within_visit() RETURNS trigger AS $$
    BEGIN
      IF NEW.day > (SELECT end_date - start_date + 1 FROM visits_visit WHERE id = NEW.visit_id) THEN
        RAISE EXCEPTION 'agenda_day_within_visit' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER visits_agenda_day_within_visit
    BEFORE INSERT OR UPDATE OF day, visit_id ON visits_agendaitem
    FOR EACH ROW EXECUTE FUNCTION visits_agenda_day_within_visit()
    """,
    """
    CREATE FUNCTION visits_visit_days_cover_agenda() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM visits_agendaitem WHERE visit_id = NEW.id
                 AND day > NEW.end_date - NEW.start_date + 1) THEN
        RAISE EXCEPTION 'agenda_day_within_visit' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER visits_visit_days_cover_agenda
    BEFORE UPDATE OF start_date, end_date ON visits_visit
    FOR EACH ROW EXECUTE FUNCTION visits_visit_days_cover_agenda()
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS visits_visit_days_cover_agenda ON visits_visit",
    "DROP FUNCTION IF EXISTS visits_visit_days_cover_agenda()",
    "DROP TRIGGER IF EXISTS visits_agenda_day_within_visit ON visits_agendaitem",
    "DROP FUNCTION IF EXISTS visits_agenda_day_within_visit()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
