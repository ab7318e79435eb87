"""Logging in, out, resetting and changing a password, and what allauth tells a stranger."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.experts.accounts import PASSWORD, login_data, make_account, make_expert_account

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konts/login/"


def login_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestLogin:
    def test_it_logs_in_by_email_and_password(self, client):
        make_account(email="ilze@example.invalid")

        response = client.post(LOGIN_URL, login_data("ilze@example.invalid"))

        assert response.status_code == 302
        assert is_logged_in(client)

    def test_the_email_is_not_case_sensitive(self, client):
        make_account(email="ilze@example.invalid")

        client.post(LOGIN_URL, login_data("Ilze@Example.invalid"))

        assert is_logged_in(client)

    def test_a_wrong_password_says_the_same_as_an_unknown_email(self, client):
        make_account(email="ilze@example.invalid")

        wrong_password = client.post(LOGIN_URL, login_data("ilze@example.invalid", "nepareiza"))
        unknown_email = client.post(LOGIN_URL, login_data("nav@example.invalid"))

        assert wrong_password.status_code == unknown_email.status_code == 200
        assert login_errors(wrong_password) == login_errors(unknown_email) != []
        assert not is_logged_in(client)

    def test_an_inactive_account_with_a_wrong_password_says_the_same_as_an_unknown_email(
        self, client
    ):
        make_account(email="ilze@example.invalid", is_active=False)

        inactive = client.post(LOGIN_URL, login_data("ilze@example.invalid", "nepareiza"))
        unknown_email = client.post(LOGIN_URL, login_data("nav@example.invalid", "nepareiza"))

        assert login_errors(inactive) == login_errors(unknown_email)

    def test_an_inactive_account_cannot_log_in(self, client):
        make_account(email="ilze@example.invalid", is_active=False)

        response = client.post(LOGIN_URL, login_data("ilze@example.invalid"))

        assert response.url == reverse("account_inactive")
        assert not is_logged_in(client)

    def test_after_five_failures_even_the_right_password_is_refused(self, client):
        make_account(email="ilze@example.invalid")
        for _attempt in range(5):
            client.post(LOGIN_URL, login_data("ilze@example.invalid", "nepareiza"))

        response = client.post(LOGIN_URL, login_data("ilze@example.invalid"))

        assert not is_logged_in(client)
        assert response.status_code == 429
        assert "Pārāk daudz" in response.content.decode()

    def test_failures_for_one_email_do_not_lock_out_another(self, client):
        make_account(email="ilze@example.invalid")
        for _attempt in range(5):
            client.post(LOGIN_URL, login_data("uzbruceja-merkis@example.invalid", "nepareiza"))

        client.post(LOGIN_URL, login_data("ilze@example.invalid"))

        assert is_logged_in(client)

    def test_an_unverified_address_must_be_confirmed_first(self, client):
        make_account(email="ilze@example.invalid", verified=False)

        response = client.post(LOGIN_URL, login_data("ilze@example.invalid"))

        assert not is_logged_in(client)
        assert response.url == reverse("account_email_verification_sent")
        assert mail.outbox[0].to == ["ilze@example.invalid"]

    def test_the_login_page_offers_no_sign_up(self, client):
        response = client.get(LOGIN_URL)

        assert response.status_code == 200
        assert reverse("account_signup") not in response.text
        assert reverse("account_reset_password") in response.text

    def test_the_login_page_is_in_the_sites_look(self, client):
        response = client.get(LOGIN_URL)

        assert 'class="site-header"' in response.text
        assert 'id="saturs"' in response.text
        assert '<label for="id_login"' in response.text
        assert '<label for="id_password"' in response.text


class TestSignUp:
    def test_the_sign_up_page_says_accounts_are_by_invitation(self, client):
        response = client.get(reverse("account_signup"))

        assert response.status_code == 200
        assert "mailto:pasts@km.gov.lv" in response.text

    def test_posting_to_sign_up_creates_no_account(self, client):
        client.post(
            reverse("account_signup"),
            {"email": "jauns@example.invalid", "password1": PASSWORD, "password2": PASSWORD},
        )

        assert not get_user_model().objects.filter(email="jauns@example.invalid").exists()


class TestLogout:
    def test_logging_out_is_a_post(self, client):
        user = make_account()
        client.force_login(user)

        client.get(reverse("account_logout"))
        still_in = is_logged_in(client)
        client.post(reverse("account_logout"))

        assert still_in
        assert not is_logged_in(client)


class TestPasswordReset:
    def test_the_page_says_the_same_whether_the_email_exists_or_not(self, client):
        make_account(email="ilze@example.invalid")

        known = client.post(reverse("account_reset_password"), {"email": "ilze@example.invalid"})
        unknown = client.post(reverse("account_reset_password"), {"email": "nav@example.invalid"})

        assert known.status_code == unknown.status_code == 302
        assert known.url == unknown.url == reverse("account_reset_password_done")

    def test_only_the_known_address_gets_a_reset_link(self, client):
        make_account(email="ilze@example.invalid")

        client.post(reverse("account_reset_password"), {"email": "ilze@example.invalid"})
        client.post(reverse("account_reset_password"), {"email": "nav@example.invalid"})

        to_known, to_unknown = mail.outbox
        assert "/konts/password/reset/key/" in to_known.body
        assert "/konts/password/reset/key/" not in to_unknown.body
        assert "/konts/signup/" not in to_unknown.body

    def test_the_emails_name_the_portal_not_the_host(self, client):
        make_account(email="ilze@example.invalid")

        client.post(reverse("account_reset_password"), {"email": "ilze@example.invalid"})

        subject = mail.outbox[0].subject
        assert subject.startswith(("Latvian Roma Platform: ", "Latvijas romu platforma: "))
        assert "testserver" not in subject

    def test_a_fourth_request_within_the_hour_is_refused(self, client):
        make_account(email="ilze@example.invalid")
        for _attempt in range(3):
            client.post(reverse("account_reset_password"), {"email": "ilze@example.invalid"})

        response = client.post(reverse("account_reset_password"), {"email": "ilze@example.invalid"})

        assert response.status_code == 429
        assert len(mail.outbox) == 3

    def test_the_limit_is_the_same_for_an_unknown_address(self, client):
        for _attempt in range(3):
            client.post(reverse("account_reset_password"), {"email": "nav@example.invalid"})

        response = client.post(reverse("account_reset_password"), {"email": "nav@example.invalid"})

        assert response.status_code == 429


class TestPasswordChange:
    def change_password(self, client):
        return client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "Jauna-parole-Rezekne-9",
                "password2": "Jauna-parole-Rezekne-9",
            },
        )

    def test_changing_the_password_ends_this_session(self, client):
        user = make_account()
        client.post(LOGIN_URL, login_data(user.email))

        self.change_password(client)

        user.refresh_from_db()
        assert user.check_password("Jauna-parole-Rezekne-9")
        assert not is_logged_in(client)

    def test_changing_the_password_ends_the_other_sessions(self, client, django_user_model):
        from django.test import Client

        user = make_account()
        other_browser = Client()
        other_browser.post(LOGIN_URL, login_data(user.email))
        client.post(LOGIN_URL, login_data(user.email))

        self.change_password(client)
        response = other_browser.get(reverse("experts:edit"))

        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)


ANONYMOUS_PAGES = [
    "/konts/login/",
    "/konts/signup/",
    "/konts/password/reset/",
    "/konts/password/reset/done/",
    "/konts/confirm-email/",
    "/konts/uzaicinajums/nav-tada/",
]
ACCOUNT_PAGES = [
    "/konts/password/change/",
    "/konts/email/",
    "/konts/logout/",
    "/konts/reauthenticate/",
    "/konts/2fa/",
    "/eksperti/mans-profils/",
]


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_every_entrance_page_is_in_the_sites_look_without_sign_up(client, path):
    response = client.get(path)

    assert response.status_code in (200, 404)
    assert 'class="site-header"' in response.text
    assert 'href="/konts/signup/"' not in response.text


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_every_account_page_is_in_the_sites_look_without_sign_up(client, path):
    user, _profile = make_expert_account()
    client.post(LOGIN_URL, login_data(user.email))

    response = client.get(path)

    assert response.status_code == 200
    assert 'class="site-header"' in response.text
    assert 'href="/konts/signup/"' not in response.text
