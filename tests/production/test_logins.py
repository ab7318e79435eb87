"""Failed logins: the 6th for one account within 5 minutes is answered 429, on the public
login and on the way to the admin alike; the per-address limit counts the address our
proxies saw, never one the client wrote; refusals are logged without personal data."""

import logging

import pytest

from tests.experts.accounts import PASSWORD, log_in_with_second_factor, make_account

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konts/login/"
ADMIN_LOGIN_URL = "/konts/login/?next=/admin/"
WRONG_PASSWORD = "nepareiza-parole-123"
SECURITY_LOGGER = "platform_site.security"


def attempt(client, email: str, password: str = WRONG_PASSWORD, url: str = LOGIN_URL, **extra):
    return client.post(url, {"login": email, "password": password}, **extra)


def fail_five_times(client, email: str, url: str = LOGIN_URL) -> list[int]:
    return [attempt(client, email, url=url).status_code for _ in range(5)]


def security_messages(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == SECURITY_LOGGER]


class TestTheSixthFailure:
    def test_five_failures_show_the_form_again(self, client):
        make_account(email="ilze@example.invalid")

        assert fail_five_times(client, "ilze@example.invalid") == [200] * 5

    def test_the_sixth_is_answered_429_with_the_sites_page(self, client):
        make_account(email="ilze@example.invalid")
        fail_five_times(client, "ilze@example.invalid")

        response = attempt(client, "ilze@example.invalid")

        assert response.status_code == 429
        assert [t.name for t in response.templates][:2] == ["429.html", "base.html"]
        assert '<html lang="lv">' in response.text
        assert response["Retry-After"] == "300"

    def test_even_the_right_password_is_refused_then(self, client):
        make_account(email="ilze@example.invalid")
        fail_five_times(client, "ilze@example.invalid")

        response = attempt(client, "ilze@example.invalid", PASSWORD)

        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_the_limit_is_per_account(self, client):
        make_account(email="ilze@example.invalid")
        make_account(email="janis@example.invalid")
        fail_five_times(client, "ilze@example.invalid")

        response = attempt(client, "janis@example.invalid", PASSWORD)

        assert response.status_code == 302
        assert "_auth_user_id" in client.session

    def test_an_unknown_address_is_limited_the_same_way(self, client):
        fail_five_times(client, "nav@example.invalid")

        assert attempt(client, "nav@example.invalid").status_code == 429

    def test_the_way_to_the_admin_is_limited_the_same_way(self, client):
        staff = make_account(email="redaktore@example.invalid", is_staff=True)
        log_in_with_second_factor(client, staff)  # gives the account its authenticator app
        client.logout()
        sent_to = client.get("/admin/", follow=True).redirect_chain[-1][0]
        assert sent_to == ADMIN_LOGIN_URL
        fail_five_times(client, staff.email, url=sent_to)

        response = attempt(client, staff.email, PASSWORD, url=sent_to)

        assert response.status_code == 429

    def test_the_count_is_kept_in_the_shared_database_cache(self, settings):
        assert settings.CACHES["default"]["BACKEND"] == (
            "django.core.cache.backends.db.DatabaseCache"
        )


class TestTheClientsAddress:
    """The per-address limit: 10 failures a minute from one address, for any accounts."""

    def fail_for_ten_accounts(self, client, **extra) -> list[int]:
        return [attempt(client, f"cits{n}@example.invalid", **extra).status_code for n in range(10)]

    def test_without_trusted_proxies_it_is_the_connecting_address(self, client):
        statuses = [
            attempt(
                client,
                f"cits{n}@example.invalid",
                REMOTE_ADDR="198.51.100.7",
                headers={"X-Forwarded-For": f"203.0.113.{n}"},  # forged: ignored
            ).status_code
            for n in range(10)
        ]

        eleventh = attempt(
            client,
            "vel-cits@example.invalid",
            REMOTE_ADDR="198.51.100.7",
            headers={"X-Forwarded-For": "203.0.113.99"},
        )

        assert statuses == [200] * 10
        assert eleventh.status_code == 429

    def test_behind_one_proxy_it_is_the_address_that_proxy_added(self, client, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        for n in range(10):
            attempt(
                client,
                f"cits{n}@example.invalid",
                REMOTE_ADDR="10.0.0.2",  # the proxy
                headers={"X-Forwarded-For": f"192.0.2.{n}, 198.51.100.7"},
            )

        same_client = attempt(
            client,
            "vel-cits@example.invalid",
            REMOTE_ADDR="10.0.0.2",
            headers={"X-Forwarded-For": "192.0.2.200, 198.51.100.7"},
        )
        other_client = attempt(
            client,
            "vel-cits@example.invalid",
            REMOTE_ADDR="10.0.0.2",
            headers={"X-Forwarded-For": "198.51.100.8"},
        )

        assert same_client.status_code == 429
        assert other_client.status_code == 200

    def test_it_is_configured_from_the_environment(self, monkeypatch):
        from tests.production.conftest import PRODUCTION_ENVIRONMENT, settings_from_environment

        production = settings_from_environment(
            monkeypatch, PRODUCTION_ENVIRONMENT | {"TRUSTED_PROXY_COUNT": "2"}
        )
        default = settings_from_environment(monkeypatch, PRODUCTION_ENVIRONMENT)

        assert production.ALLAUTH_TRUSTED_PROXY_COUNT == 2
        assert default.ALLAUTH_TRUSTED_PROXY_COUNT == 0
        assert not hasattr(production, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER")


class TestTheLog:
    def test_a_failed_login_is_logged_without_the_address_or_password(self, client, caplog):
        make_account(email="ilze@example.invalid")

        with caplog.at_level(logging.WARNING, logger=SECURITY_LOGGER):
            attempt(client, "ilze@example.invalid", REMOTE_ADDR="198.51.100.7")

        (message,) = security_messages(caplog)
        assert "Login refused (wrong email or password)" in message
        assert "198.51.100.7" in message
        assert "ilze" not in message
        assert WRONG_PASSWORD not in message

    def test_the_same_account_has_the_same_pseudonym(self, client, caplog):
        with caplog.at_level(logging.WARNING, logger=SECURITY_LOGGER):
            attempt(client, "ilze@example.invalid")
            attempt(client, "Ilze@Example.invalid")
            attempt(client, "janis@example.invalid")

        first, second, other = (m.split("account ")[1][:12] for m in security_messages(caplog))
        assert first == second != other

    def test_the_429_is_logged(self, client, caplog):
        fail_five_times(client, "ilze@example.invalid")
        caplog.clear()

        with caplog.at_level(logging.WARNING, logger=SECURITY_LOGGER):
            attempt(client, "ilze@example.invalid", PASSWORD)

        (message,) = security_messages(caplog)
        assert "Login refused (too many failed attempts)" in message
        assert "ilze" not in message
        assert PASSWORD not in message

    def test_another_rate_limit_is_logged_too(self, client, caplog):
        for _ in range(3):
            client.post("/konts/password/reset/", {"email": "ilze@example.invalid"})
        caplog.clear()

        with caplog.at_level(logging.WARNING, logger=SECURITY_LOGGER):
            response = client.post("/konts/password/reset/", {"email": "ilze@example.invalid"})

        assert response.status_code == 429
        (message,) = security_messages(caplog)
        assert "Refused with 429" in message
        assert "ilze" not in message
