"""pg_dump and pg_restore get the connection from the settings, the password privately."""

from platform_site.backups import postgres_environment


def test_the_database_password_goes_through_the_environment_not_the_command_line():
    environment = postgres_environment(
        {
            "NAME": "portal",
            "USER": "portal",
            "PASSWORD": "slepena-parole",
            "HOST": "db.internal",
            "PORT": 5432,
            "OPTIONS": {"sslmode": "require"},
        }
    )

    assert environment["PGPASSWORD"] == "slepena-parole"
    assert environment["PGHOST"] == "db.internal"
    assert environment["PGPORT"] == "5432"
    assert environment["PGSSLMODE"] == "require"
