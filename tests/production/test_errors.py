"""Error pages in Latvian, each error logged with the request's id, a 500 emailed to ADMINS."""

import io
import logging

import pytest
from django.test import Client

from platform_site.request_id import RequestIdFilter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.production.urls")]

ADMINS = [("Sistēmas administratore", "admini@example.invalid")]


@pytest.fixture
def raising_client(client):
    """A client that gets the 500 page, as a browser would, instead of the exception."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def console():
    """What the site's console log handler writes (it is the one with the request id)."""
    (handler,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def page_title(response) -> str:
    text = response.content.decode()
    return text[text.index("<title>") + len("<title>") : text.index("</title>")]


class TestLatvianPages:
    def test_400(self, client):
        response = client.get("/testi/aizdomigs/")

        assert response.status_code == 400
        assert '<html lang="lv">' in response.text
        assert [t.name for t in response.templates][0] == "400.html"

    def test_400_for_a_host_that_is_not_ours_does_not_fail_again(self, client):
        response = client.get("/par/", headers={"Host": "uzbrucejs.example"})

        assert response.status_code == 400
        assert '<html lang="lv">' in response.text
        assert "uzbrucejs.example" not in response.text

    def test_403(self, client):
        response = client.get("/testi/aizliegts/")

        assert response.status_code == 403
        assert '<html lang="lv">' in response.text
        assert [t.name for t in response.templates][0] == "403.html"
        assert "internal reason" not in response.text

    def test_403_for_a_form_without_its_csrf_token(self):
        client = Client(enforce_csrf_checks=True)

        response = client.post("/konts/login/", {"login": "a@example.invalid", "password": "x"})

        assert response.status_code == 403
        assert [t.name for t in response.templates][0] == "403.html"
        assert response.context["csrf_failure"] is True

    def test_404(self, client):
        response = client.get("/nav-tadas-lapas/")

        assert response.status_code == 404
        assert '<html lang="lv">' in response.text

    def test_500(self, raising_client):
        response = raising_client.get("/testi/kluda/")

        assert response.status_code == 500
        assert '<html lang="lv">' in response.text
        assert "a bug, on purpose" not in response.text


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/testi/aizdomigs/", 400, "Nepareizs pieprasījums"),
        ("/testi/aizliegts/", 403, "Piekļuve liegta"),
        ("/nav-tadas-lapas/", 404, "Lapa nav atrasta"),
        ("/testi/kluda/", 500, "Servera kļūda"),
    ],
)
def test_each_error_page_is_headed_in_latvian(raising_client, path, status, heading):
    response = raising_client.get(path)

    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in response.text


class TestRequestId:
    def test_every_answer_carries_one(self, client):
        first = client.get("/par/")["X-Request-ID"]
        second = client.get("/par/")["X-Request-ID"]

        assert len(first) == 32
        assert first != second

    def test_the_proxys_id_is_kept(self, client):
        response = client.get("/par/", headers={"X-Request-ID": "nginx-4f2a9c"})

        assert response["X-Request-ID"] == "nginx-4f2a9c"

    @pytest.mark.parametrize(
        "given", ["", "a" * 65, "id with spaces", "id\nWARNING forged log line", "<script>"]
    )
    def test_an_id_that_does_not_look_like_one_is_replaced(self, client, given):
        response = client.get("/par/", headers={"X-Request-ID": given})

        assert response["X-Request-ID"] != given
        assert len(response["X-Request-ID"]) == 32

    def test_a_server_error_is_logged_with_it(self, raising_client, console):
        response = raising_client.get("/testi/kluda/")

        log = console.getvalue()
        assert f"ERROR django.request [{response['X-Request-ID']}] Internal Server Error" in log
        assert "RuntimeError: a bug, on purpose" in log

    def test_a_refusal_is_logged_with_it(self, client, console):
        response = client.get("/testi/aizliegts/")

        line = f"WARNING platform_site.security [{response['X-Request-ID']}] Refused with 403"
        assert line in console.getvalue()

    def test_a_form_refused_for_its_csrf_token_is_logged_with_it(self, console):
        client = Client(enforce_csrf_checks=True)

        response = client.post("/konts/login/", {"login": "a@example.invalid", "password": "x"})

        log = console.getvalue()
        assert f"[{response['X-Request-ID']}] Refused with 403 (CSRF: CSRF cookie not set.)" in log
        assert "a@example.invalid" not in log

    def test_a_secret_in_the_address_is_masked_in_the_log(self, console):
        client = Client(enforce_csrf_checks=True)

        client.post("/konts/uzaicinajums/slepenais-zetons-42/", {"password1": "x"})

        log = console.getvalue()
        assert "Forbidden (CSRF cookie not set.): /konts/uzaicinajums/[…]/" in log
        assert "slepenais-zetons-42" not in log

    def test_a_not_found_is_logged_with_it(self, client, console):
        response = client.get("/nav-tadas-lapas/")

        assert f"[{response['X-Request-ID']}] Not Found: /nav-tadas-lapas/" in console.getvalue()


class TestAdminsAreEmailed:
    def test_on_a_server_error(self, raising_client, settings, mailoutbox):
        settings.ADMINS = ADMINS

        response = raising_client.get("/testi/kluda/")

        (message,) = mailoutbox
        assert message.to == ["admini@example.invalid"]
        assert "/testi/kluda/" in message.subject
        assert response["X-Request-ID"] in message.body
        assert "a bug, on purpose" in message.body

    def test_not_on_a_refusal_or_a_page_not_found(self, client, settings, mailoutbox):
        settings.ADMINS = ADMINS

        client.get("/testi/aizliegts/")
        client.get("/nav-tadas-lapas/")
        client.get("/par/", headers={"Host": "uzbrucejs.example"})

        assert mailoutbox == []

    def test_admins_come_from_the_environment(self, monkeypatch):
        from tests.production.conftest import PRODUCTION_ENVIRONMENT, settings_from_environment

        production = settings_from_environment(
            monkeypatch,
            PRODUCTION_ENVIRONMENT
            | {"ADMINS": "Ilze Bērziņa <ilze@example.invalid>, janis@example.invalid"},
        )

        assert production.ADMINS == [
            ("Ilze Bērziņa", "ilze@example.invalid"),
            ("janis@example.invalid", "janis@example.invalid"),
        ]
