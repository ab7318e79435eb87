"""Logs hold no passwords, no tokens and no comment texts, even at DEBUG level."""

import logging

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from experts.models import Invitation
from experts.privacy import RedactSecretsFilter
from tests.experts.accounts import login_data, make_account, make_expert_account
from tests.factories import make_visit
from visits.models import Comment, Visit

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konts/login/"
PASSWORD = "Ilga-parole-2026"  # what tests.factories.make_user gives
WRONG_PASSWORD = "Nepareiza-Parole-Zilonis-93"
NEW_PASSWORD = "Jauna-Slepena-Parole-Kaija-41"
COMMENT_TEXT = "Slepens komentāra teksts par Talsu skolu 4f7c"
LOGGERS = ["", "django", "allauth", "experts", "visits", "recommendations", "platform_site"]


@pytest.fixture
def logs(caplog):
    """Every record of every logger the portal uses, at DEBUG level."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def everything_logged(caplog) -> str:
    """The messages, their arguments and every attribute a handler could print."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.extend(repr(value) for value in vars(record).values())
    parts.append(caplog.text)
    return "\n".join(parts)


def test_a_login_and_a_failed_login_leave_no_password_in_the_logs(client, logs):
    user = make_account(email="ilze@example.invalid")

    client.post(LOGIN_URL, login_data(user.email, WRONG_PASSWORD))
    client.post(LOGIN_URL, login_data(user.email, PASSWORD))

    logged = everything_logged(logs)
    assert WRONG_PASSWORD not in logged
    assert PASSWORD not in logged


def test_accepting_an_invitation_leaves_neither_token_nor_password_in_the_logs(client, logs):
    invitation = Invitation.objects.create(email="anna@example.invalid", full_name="Anna Bērziņa")
    url = invitation.get_absolute_url()

    client.get(url)
    client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    used_link = client.get(url)

    assert used_link.status_code == 404
    logged = everything_logged(logs)
    assert invitation.token not in logged
    assert NEW_PASSWORD not in logged


def test_a_mistyped_invitation_link_is_not_logged_with_its_token(client, logs):
    token = "mistyped-TOKEN-value-0123456789abcdefghij"

    response = client.get(f"/konts/uzaicinajums/{token}/")

    assert response.status_code == 404
    assert token not in everything_logged(logs)


def test_posting_a_comment_leaves_no_text_in_the_logs(client, logs, settings):
    settings.COMMENT_NOTIFICATION_EMAILS = ["ministrija@example.invalid"]
    user, _profile = make_expert_account()
    visit = make_visit(status=Visit.Status.REVIEW)
    client.force_login(user)

    response = client.post(
        reverse("visits:comment_create", kwargs={"slug": visit.slug}), {"body": COMMENT_TEXT}
    )

    assert response.status_code == 302
    assert Comment.objects.filter(body=COMMENT_TEXT).exists()
    assert COMMENT_TEXT not in everything_logged(logs)


class TestRedactingAddressesWithSecrets:
    @pytest.mark.parametrize(
        "path",
        [
            "/konts/uzaicinajums/Abc123_-xyz/",
            "/konts/password/reset/key/1-Abc123_-xyz/",
            "/konts/confirm-email/Abc123_-xyz/",
        ],
    )
    def test_the_secret_part_of_an_address_is_blanked(self, path):
        record = logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None
        )

        RedactSecretsFilter().filter(record)

        assert "Abc123_-xyz" not in record.getMessage()
        assert record.getMessage().startswith("Not Found: /konts/")

    def test_other_addresses_are_left_as_they_are(self):
        record = logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/vizites/x/",), None
        )

        RedactSecretsFilter().filter(record)

        assert record.getMessage() == "Not Found: /vizites/x/"

    def test_the_portals_log_handlers_use_it(self):
        """Django logs refused requests (405, CSRF failures) with the address: every
        handler of the portal's logging settings passes them through the filter."""
        logging_settings = django_settings.LOGGING
        names = {
            name
            for name, spec in logging_settings.get("filters", {}).items()
            if spec.get("()")
            in {
                RedactSecretsFilter,
                "experts.privacy.RedactSecretsFilter",
                "platform_site.request_id.SecretPathFilter",
            }
        }

        assert names
        for handler in logging_settings["handlers"].values():
            assert names & set(handler.get("filters", []))
