"""Accepting an invitation: once, before it expires, and to an account with a verified address."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from experts.invitations import accept_invitation
from experts.models import ExpertProfile, Invitation
from tests.experts.accounts import make_account
from tests.factories import make_expert

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zila-jura-pie-Liepajas-7"
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def make_invitation(**fields) -> Invitation:
    fields.setdefault("email", "anna.berzina@example.invalid")
    fields.setdefault("full_name", "Anna Bērziņa")
    return Invitation.objects.create(**fields)


def accept(client, invitation: Invitation, password: str = NEW_PASSWORD, **kwargs):
    return client.post(
        invitation.get_absolute_url(),
        {"password1": password, "password2": password},
        **kwargs,
    )


def test_the_invitation_page_asks_for_a_password(client):
    invitation = make_invitation()

    response = client.get(invitation.get_absolute_url())

    assert response.status_code == 200
    assert "Anna Bērziņa" in response.text
    assert 'name="password1"' in response.text
    assert 'name="password2"' in response.text


def test_accepting_creates_an_account_that_is_logged_in_on_its_profile(client):
    invitation = make_invitation()

    response = accept(client, invitation, follow=True)

    user = get_user_model().objects.get(email="anna.berzina@example.invalid")
    assert response.redirect_chain[-1][0] == reverse("experts:edit")
    assert response.context["user"] == user
    assert user.check_password(NEW_PASSWORD)
    assert user.expert_profile.full_name == "Anna Bērziņa"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_accepting_marks_the_invited_address_verified(client):
    invitation = make_invitation()

    accept(client, invitation)

    address = EmailAddress.objects.get(email="anna.berzina@example.invalid")
    assert address.verified
    assert address.primary


def test_a_new_profile_gets_an_address_name_from_the_name(client):
    accept(client, make_invitation(full_name="Jānis Čakste"))

    assert ExpertProfile.objects.get(email="anna.berzina@example.invalid").slug == "janis-cakste"


def test_a_taken_address_name_gets_a_number(client):
    make_expert(full_name="Jānis Čakste", slug="janis-cakste")

    accept(client, make_invitation(full_name="Jānis Čakste"))

    assert ExpertProfile.objects.get(email="anna.berzina@example.invalid").slug == "janis-cakste-2"


def test_a_profile_recorded_for_the_address_is_linked_not_duplicated(client):
    recorded = make_expert(
        full_name="Anna Bērziņa", email="Anna.Berzina@example.invalid", organisation="Talsu novads"
    )

    accept(client, make_invitation())

    recorded.refresh_from_db()
    assert recorded.user.email == "anna.berzina@example.invalid"
    assert recorded.organisation == "Talsu novads"
    assert ExpertProfile.objects.filter(email__iexact="anna.berzina@example.invalid").count() == 1


def test_a_second_use_is_refused_and_changes_nothing(client):
    invitation = make_invitation()
    accept(client, invitation)
    client.logout()
    user = get_user_model().objects.get(email="anna.berzina@example.invalid")
    accepted_at = Invitation.objects.get(pk=invitation.pk).accepted_at

    response = accept(client, invitation, password="Cita-parole-2026-x")

    assert response.status_code == 404
    assert "The invitation is not valid" in response.text or "nav derīgs" in response.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert get_user_model().objects.filter(email="anna.berzina@example.invalid").count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_at == accepted_at
    assert "_auth_user_id" not in client.session


def test_an_expired_invitation_is_refused_and_creates_no_account(client):
    invitation = make_invitation(expires_at=timezone.now() - dt.timedelta(minutes=1))

    shown = client.get(invitation.get_absolute_url())
    posted = accept(client, invitation)

    assert shown.status_code == 404
    assert posted.status_code == 404
    assert not get_user_model().objects.filter(email="anna.berzina@example.invalid").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_an_unknown_token_shows_the_same_page_as_a_used_one(client):
    used = make_invitation(accepted_at=timezone.now())

    unknown = client.get(reverse("invitations:accept", kwargs={"token": "nav-tada"}))
    used_response = client.get(used.get_absolute_url())

    assert unknown.status_code == used_response.status_code == 404
    assert unknown.text == used_response.text


def test_a_weak_password_is_refused_with_the_validators_message(client):
    invitation = make_invitation()

    response = accept(client, invitation, password="12345678")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not get_user_model().objects.filter(email="anna.berzina@example.invalid").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_two_different_passwords_are_refused(client):
    invitation = make_invitation()

    response = client.post(
        invitation.get_absolute_url(),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )

    assert response.context["form"].errors["password2"]
    assert not get_user_model().objects.filter(email="anna.berzina@example.invalid").exists()


def test_an_invitation_to_an_address_that_has_an_account_is_refused(client):
    make_account(email="anna.berzina@example.invalid")
    invitation = make_invitation()

    response = accept(client, invitation)

    assert response.status_code == 404
    assert get_user_model().objects.filter(email="anna.berzina@example.invalid").count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_accepting_after_the_expiry_returns_nothing_and_saves_nothing():
    invitation = make_invitation(expires_at=NOW)

    user = accept_invitation(invitation, password=NEW_PASSWORD, now=NOW + dt.timedelta(seconds=1))

    assert user is None
    assert not get_user_model().objects.filter(email="anna.berzina@example.invalid").exists()


def test_renewing_gives_a_new_link_valid_for_fourteen_days():
    invitation = make_invitation(expires_at=NOW)
    old_token = invitation.token

    invitation.renew(now=NOW)

    assert invitation.token != old_token
    assert invitation.expires_at == NOW + dt.timedelta(days=14)
