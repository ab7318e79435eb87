"""Two-factor sign-in: optional for experts, required for staff before the admin."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.experts.accounts import PASSWORD, login_data, make_account, make_expert_account

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konts/login/"
ADMIN_URL = "/admin/"


def current_code(secret: str) -> str:
    """The code an authenticator app shows now, by allauth's own TOTP helpers."""
    counter = list(yield_hotp_counters_from_time())[0]
    return format_hotp_value(hotp_value(secret, counter))


def with_authenticator_app(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def make_staff(**fields):
    return make_account(is_staff=True, **fields)


def reauthenticate(client) -> None:
    """allauth asks for the password again before changing the second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestStaff:
    def test_the_admin_sends_an_anonymous_visitor_to_the_sites_login(self, client):
        response = client.get(ADMIN_URL, follow=True)

        assert response.redirect_chain[-1][0] == f"{LOGIN_URL}?next=/admin/"
        assert response.status_code == 200

    def test_the_admins_own_login_page_sends_to_the_sites_login(self, client):
        response = client.get(reverse("admin:login"))

        assert response.status_code == 302
        assert response.url.startswith(LOGIN_URL)

    def test_staff_without_an_authenticator_app_must_set_one_up_first(self, client):
        staff = make_staff()

        response = client.post(
            LOGIN_URL, {**login_data(staff.email), "next": ADMIN_URL}, follow=True
        )

        # allauth asks for the password again before a second factor is added.
        visited = [url for url, _status in response.redirect_chain]
        assert visited[:3] == [
            ADMIN_URL,
            "/admin/login/?next=/admin/",
            reverse("mfa_activate_totp"),
        ]
        assert response.status_code == 200
        assert client.get(ADMIN_URL).status_code == 302

    def test_staff_with_an_authenticator_app_are_asked_for_the_code(self, client):
        staff = make_staff()
        with_authenticator_app(staff)

        response = client.post(LOGIN_URL, {**login_data(staff.email), "next": ADMIN_URL})

        assert response.url == reverse("mfa_authenticate")
        assert not is_logged_in(client)

    def test_with_the_code_staff_reach_the_admin(self, client):
        staff = make_staff()
        secret = with_authenticator_app(staff)
        client.post(LOGIN_URL, {**login_data(staff.email), "next": ADMIN_URL})

        response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

        assert response.url == ADMIN_URL
        assert client.get(ADMIN_URL).status_code == 200

    def test_a_wrong_code_keeps_staff_out(self, client):
        staff = make_staff()
        secret = with_authenticator_app(staff)
        client.post(LOGIN_URL, {**login_data(staff.email), "next": ADMIN_URL})
        wrong = f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"

        response = client.post(reverse("mfa_authenticate"), {"code": wrong})

        assert response.status_code == 200
        assert not is_logged_in(client)

    def test_a_session_without_the_second_factor_is_sent_to_give_the_code(self, client):
        staff = make_staff()
        secret = with_authenticator_app(staff)
        client.force_login(staff)

        redirected = client.get(ADMIN_URL, follow=True)
        client.post(f"{reverse('mfa_reauthenticate')}?next=/admin/", {"code": current_code(secret)})

        assert redirected.redirect_chain[-1][0] == f"{reverse('mfa_reauthenticate')}?next=/admin/"
        assert client.get(ADMIN_URL).status_code == 200

    def test_staff_cannot_turn_the_authenticator_app_off(self, client):
        staff = make_staff()
        secret = with_authenticator_app(staff)
        client.post(LOGIN_URL, login_data(staff.email))
        client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
        reauthenticate(client)

        response = client.post(reverse("mfa_deactivate_totp"))

        assert response.status_code == 200
        assert response.context["form"].errors
        assert Authenticator.objects.filter(user=staff, type="totp").exists()

    def test_the_admins_password_change_is_the_accounts(self, client):
        staff = make_staff()
        secret = with_authenticator_app(staff)
        client.post(LOGIN_URL, login_data(staff.email))
        client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

        response = client.get(reverse("admin:password_change"))

        assert response.url == reverse("account_change_password")


class TestExperts:
    def test_an_expert_never_reaches_the_admin(self, client):
        user, _profile = make_expert_account()
        client.post(LOGIN_URL, login_data(user.email))

        response = client.get(ADMIN_URL, follow=True)

        assert response.status_code == 404
        assert "site-header" in response.text

    def test_an_expert_with_an_authenticator_app_still_never_reaches_the_admin(self, client):
        user, _profile = make_expert_account()
        secret = with_authenticator_app(user)
        client.post(LOGIN_URL, login_data(user.email))
        client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

        response = client.get(ADMIN_URL, follow=True)

        assert response.status_code == 404

    def test_an_expert_can_turn_on_an_authenticator_app(self, client):
        user, _profile = make_expert_account()
        client.post(LOGIN_URL, login_data(user.email))
        reauthenticate(client)
        page = client.get(reverse("mfa_activate_totp"))
        secret = client.session["mfa.totp.secret"]

        response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

        assert page.status_code == 200
        assert "<img" in page.text
        assert response.url == reverse("mfa_view_recovery_codes")
        assert Authenticator.objects.filter(user=user, type="totp").exists()
        assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()

    def test_an_expert_can_turn_the_authenticator_app_off(self, client):
        user, _profile = make_expert_account()
        secret = with_authenticator_app(user)
        client.post(LOGIN_URL, login_data(user.email))
        client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
        reauthenticate(client)

        client.post(reverse("mfa_deactivate_totp"))

        assert not Authenticator.objects.filter(user=user, type="totp").exists()

    def test_two_factor_sign_in_is_optional_for_experts(self, client):
        user, _profile = make_expert_account()

        client.post(LOGIN_URL, login_data(user.email))

        assert is_logged_in(client)

    def test_a_recovery_code_works_instead_of_the_app(self, client):
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        user, _profile = make_expert_account()
        with_authenticator_app(user)
        codes = RecoveryCodes.activate(user).generate_codes()
        client.post(LOGIN_URL, login_data(user.email))

        client.post(reverse("mfa_authenticate"), {"code": codes[0]})

        assert is_logged_in(client)

    def test_the_two_factor_pages_are_in_the_sites_look(self, client):
        user, _profile = make_expert_account()
        client.force_login(user)

        response = client.get(reverse("mfa_index"))

        assert response.status_code == 200
        assert 'class="site-header"' in response.text
        assert reverse("mfa_activate_totp") in response.text
