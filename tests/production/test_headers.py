"""Production answers with the security headers on every kind of page, and scores A+ as
the HTTP Observatory scores.

The site is asked over https as the reverse proxy forwards it (``secure=True`` is what
``X-Forwarded-Proto: https`` makes of a request), with the settings production reads from
its environment (the ``production`` fixture).
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.experts.accounts import PASSWORD, log_in_with_second_factor, make_account
from tests.production import observatory
from tests.production.conftest import PRODUCTION_ENVIRONMENT, settings_from_environment

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 60 * 60

PUBLIC_PAGE = "/par/"
ACCOUNT_PAGE = "/konts/login/"
ADMIN_LOGIN = "/admin/login/"
ADMIN_INDEX = "/admin/"

EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": ["/csp-zinojumi/"],
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]


def answer(client, path: str):
    return client.get(path, secure=True)


@pytest.fixture
def every_kind_of_page(production, client) -> dict:
    """A public page, an account page, the admin's login (a redirect) and an admin page."""
    staff = Client()
    log_in_with_second_factor(staff, make_account(is_staff=True, is_superuser=True))
    return {
        "public": answer(client, PUBLIC_PAGE),
        "account": answer(client, ACCOUNT_PAGE),
        "admin login": answer(client, ADMIN_LOGIN),
        "admin": answer(staff, ADMIN_INDEX),
    }


class TestEveryKindOfPage:
    def test_they_answer_as_a_reader_expects(self, every_kind_of_page):
        statuses = {kind: response.status_code for kind, response in every_kind_of_page.items()}

        assert statuses == {"public": 200, "account": 200, "admin login": 302, "admin": 200}

    def test_browsers_keep_to_https_for_a_year_on_every_subdomain(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            hsts = response["Strict-Transport-Security"]
            max_age = int(hsts.split(";")[0].removeprefix("max-age="))
            assert max_age >= ONE_YEAR, kind
            assert "includeSubDomains" in hsts, kind

    def test_the_content_security_policy_allows_only_this_site(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            directives = observatory.csp_directives(response["Content-Security-Policy"])
            assert directives == EXPECTED_CSP, kind

    def test_no_script_may_run_inline_or_from_eval(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            policy = response["Content-Security-Policy"]
            assert "unsafe-inline" not in policy, kind
            assert "unsafe-eval" not in policy, kind

    def test_no_page_can_be_framed(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            assert response["X-Frame-Options"] == "DENY", kind
            assert "frame-ancestors 'none'" in response["Content-Security-Policy"], kind

    def test_the_other_protective_headers_are_there(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            assert response["X-Content-Type-Options"] == "nosniff", kind
            assert response["Referrer-Policy"] == "same-origin", kind
            assert response["Cross-Origin-Opener-Policy"] == "same-origin", kind

    def test_the_browser_features_the_site_never_uses_are_denied(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            policy = [part.strip() for part in response["Permissions-Policy"].split(",")]
            for feature in DENIED_FEATURES:
                assert f"{feature}=()" in policy, (kind, feature)

    def test_each_scores_a_plus_as_the_observatory_scores(self, every_kind_of_page):
        for kind, response in every_kind_of_page.items():
            points = observatory.score(response.headers, set_cookie_headers(response))
            assert observatory.grade(points) == "A+", (kind, points)


def set_cookie_headers(response) -> list[str]:
    return [morsel.OutputString() for morsel in response.cookies.values()]


class TestCookies:
    def test_the_login_forms_csrf_cookie_is_host_only_secure_httponly_and_lax(
        self, production, client
    ):
        response = answer(client, ACCOUNT_PAGE)

        (cookie,) = response.cookies.values()
        assert cookie.key == "__Host-csrftoken"
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""

    def test_the_session_cookie_is_host_only_secure_httponly_and_lax(self, production, client):
        user = make_account()

        response = client.post(
            ACCOUNT_PAGE, {"login": user.email, "password": PASSWORD}, secure=True
        )

        assert response.status_code == 302
        cookie = response.cookies["__Host-sessionid"]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""

    def test_the_cookies_of_logging_in_score_a_plus(self, production, client):
        user = make_account()
        login_page = answer(client, ACCOUNT_PAGE)

        logged_in = client.post(
            ACCOUNT_PAGE, {"login": user.email, "password": PASSWORD}, secure=True
        )

        cookies = set_cookie_headers(login_page) + set_cookie_headers(logged_in)
        assert observatory.cookies_modifier(cookies) == 5
        assert observatory.grade(observatory.score(logged_in.headers, cookies)) == "A+"

    def test_make_run_keeps_plain_cookie_names_for_plain_http(self, monkeypatch):
        local = settings_from_environment(monkeypatch, {"DEBUG": "1"})

        assert (local.SESSION_COOKIE_NAME, local.CSRF_COOKIE_NAME) == ("sessionid", "csrftoken")
        assert local.SESSION_COOKIE_SECURE is False
        assert local.SECURE_SSL_REDIRECT is False


class TestRedirection:
    def test_plain_http_is_sent_to_https_on_the_same_host(self, production, client):
        response = client.get(f"{PUBLIC_PAGE}?q=1")

        assert response.status_code == 301
        assert response["Location"] == f"https://testserver{PUBLIC_PAGE}?q=1"

    def test_what_the_proxy_forwards_as_https_is_not_redirected(self, production, client):
        response = client.get(PUBLIC_PAGE, headers={"X-Forwarded-Proto": "https"})

        assert response.status_code == 200
        assert "Strict-Transport-Security" in response

    def test_the_health_check_answers_plain_http(self, production, client):
        response = client.get("/healthz")

        assert response.status_code == 200

    def test_production_redirects_unless_told_otherwise(self, production_settings):
        assert production_settings.SECURE_SSL_REDIRECT is True
        assert production_settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_the_deploy_check_passes_with_the_production_environment():
    """`manage.py check --deploy --fail-level WARNING`, as CI runs it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"}
        and key != "DJANGO_ALLOW_ASYNC_UNSAFE"  # the browser tests' setting, never production's
    }
    environment |= PRODUCTION_ENVIRONMENT | {"ALLOWED_HOSTS": "romu-platforma.example"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
