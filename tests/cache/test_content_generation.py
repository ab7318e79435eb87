"""Every change of public content, by any path, moves both generations on; changes only
logged-in readers see (comments, accounts, roles) move only the readers' one."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection

from platform_site.models import ContentGeneration
from tests.factories import make_action, make_agenda_item, make_expert, make_user, make_visit
from tests.factories import municipality as municipality_named
from visits.models import Comment, Municipality, Participation, Visit

pytestmark = pytest.mark.django_db

migration = importlib.import_module("platform_site.migrations.0002_content_generation")
readers_migration = importlib.import_module(
    "platform_site.migrations.0003_readers_tables_bump_the_generation"
)

#: Tables of the three apps that no public page reads.
NOT_PUBLIC_TABLES = {"visits_comment", "recommendations_actioncomment", "experts_invitation"}


def generation() -> int:
    return ContentGeneration.objects.get().number


def tables_with_the_trigger() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname LIKE '%%bumps_generation'"
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE '%bumps_generation'"
            )
        return {table for (table,) in cursor.fetchall()}


def content_tables() -> set[str]:
    tables = set()
    for label in ("experts", "visits", "recommendations"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return tables


def test_every_table_of_public_content_has_the_trigger():
    """A new model, or a migration that rebuilds a table on SQLite, must not slip past."""
    assert content_tables() - NOT_PUBLIC_TABLES == set(migration.PUBLIC_CONTENT_TABLES)
    assert NOT_PUBLIC_TABLES - {"experts_invitation"} <= set(readers_migration.READERS_ONLY_TABLES)
    assert tables_with_the_trigger() == set(migration.PUBLIC_CONTENT_TABLES) | set(
        readers_migration.READERS_ONLY_TABLES
    ) | {"auth_user"}


class TestChangesThatCount:
    def test_saving_a_record(self):
        visit = make_visit()
        before = generation()

        visit.title = "Cits nosaukums"
        visit.save()

        assert generation() > before

    def test_a_queryset_update(self):
        make_visit()
        before = generation()

        Visit.objects.update(summary="Jauns kopsavilkums")

        assert generation() > before

    def test_a_bulk_create(self):
        visit = make_visit()
        experts = [make_expert(), make_expert()]
        before = generation()

        Participation.objects.bulk_create(
            Participation(visit=visit, expert=expert) for expert in experts
        )

        assert generation() > before

    def test_a_deletion(self):
        make_action()
        before = generation()

        apps.get_model("recommendations", "FollowUpAction").objects.all().delete()

        assert generation() > before

    def test_a_link_between_records(self):
        visit = make_visit()
        before = generation()

        visit.municipalities.add(municipality_named("talsu-novads"))

        assert generation() > before

    def test_an_agenda_item(self):
        visit = make_visit()
        before = generation()

        make_agenda_item(visit)

        assert generation() > before

    def test_a_municipality_renamed(self):
        before = generation()

        Municipality.objects.filter(slug="jelgava").update(name="Jelgavas valstspilsēta")

        assert generation() > before

    def test_the_time_of_the_change_is_kept(self):
        before = ContentGeneration.objects.get()
        key_before = ContentGeneration.objects.current_key()

        make_visit()

        after = ContentGeneration.objects.get()
        assert after.changed_at >= before.changed_at
        assert ContentGeneration.objects.current_key() != key_before

    def test_the_same_number_at_another_time_is_another_key(self):
        """After a rollback or a restore the number can come round again."""
        key = ContentGeneration.objects.current_key()

        ContentGeneration.objects.update(changed_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))

        assert ContentGeneration.objects.current_key() != key


class TestWhatLoggedInReadersSee:
    """Comments, accounts and roles are on logged-in readers' pages: they count too."""

    def test_a_comment(self):
        visit = make_visit()
        author = make_user()
        before = generation()

        Comment.objects.create(visit=visit, author=author, body="Paldies par kopsavilkumu.")

        assert generation() > before

    def test_a_role_given(self):
        user = make_user()
        before = generation()

        user.groups.add(Group.objects.get(name="Ministrijas redaktors"))

        assert generation() > before

    def test_a_changed_address(self):
        user = make_user()
        before = generation()

        user.email = "jauna.adrese@example.invalid"
        user.save(update_fields=["email"])

        assert generation() > before

    def test_but_not_a_login(self):
        """Logins must not wait for the generation's row, nor empty every page cache."""
        user = make_user()
        before = generation()

        user.last_login = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        user.save(update_fields=["last_login"])

        assert generation() == before
