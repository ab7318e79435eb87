"""/healthz: 200 "ok" while the database answers, 503 with nothing to learn when not."""

import socket

import pytest
from django.db import connections
from django.db.utils import load_backend

pytestmark = pytest.mark.django_db

HEALTHZ = "/healthz"


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database(tmp_path):
    """The default connection pointed at a database that cannot be reached.

    PostgreSQL: a closed port on 127.0.0.1. SQLite: a file in a folder that is not there.
    """
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "postgresql":
        settings_dict |= {"HOST": "127.0.0.1", "PORT": str(closed_port())}
        detail = str(settings_dict["PORT"])
    else:
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
        detail = "no-such-folder"
    unreachable = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = unreachable
    try:
        yield detail
    finally:
        connections["default"] = original
        unreachable.close()


def test_it_answers_ok_when_the_database_answers(client):
    response = client.get(HEALTHZ)

    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_it_answers_503_when_the_database_does_not(client, unreachable_database):
    response = client.get(HEALTHZ)

    assert response.status_code == 503
    assert response.content.decode().strip() == "unavailable"


def test_the_503_tells_nothing_about_why(client, unreachable_database):
    body = client.get(HEALTHZ).content.decode().lower()

    for detail in [unreachable_database, "error", "connect", "sqlite", "postgres", "127.0.0.1"]:
        assert detail.lower() not in body


def test_the_reason_goes_to_the_log(client, unreachable_database, caplog):
    client.get(HEALTHZ)

    assert "Health check: the database does not answer (OperationalError)" in caplog.text


def test_it_is_never_cached_and_sets_no_cookie(client):
    response = client.get(HEALTHZ)

    assert "no-store" in response["Cache-Control"]
    assert response.cookies == {}


def test_a_head_request_is_enough(client):
    assert client.head(HEALTHZ).status_code == 200


def test_it_accepts_no_post(client):
    assert client.post(HEALTHZ).status_code == 405
