"""Inviting experts from the admin: the email goes out, and can be sent again."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from experts.models import Invitation
from tests.experts.accounts import log_in_with_second_factor, make_account

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/experts/invitation/"


@pytest.fixture
def staff_client(client):
    staff = make_account(is_staff=True, is_superuser=True)
    log_in_with_second_factor(client, staff)
    client.staff = staff
    return client


def invite(client, email="ruta@example.invalid", full_name="Ruta Kalniņa"):
    return client.post(
        reverse("admin:experts_invitation_add"),
        {
            "email": email,
            "full_name": full_name,
            "expires_at_0": "2099-01-01",
            "expires_at_1": "12:00:00",
        },
    )


def link_in(message) -> str:
    return re.search(r"http://testserver(/konts/uzaicinajums/[^/\s]+/)", message.body).group(1)


def test_saving_an_invitation_emails_the_link(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(staff_client)

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="ruta@example.invalid")
    assert invitation.invited_by == staff_client.staff
    (message,) = mail.outbox
    assert message.to == ["ruta@example.invalid"]
    assert link_in(message) == invitation.get_absolute_url()
    assert "Ruta Kalniņa" in message.body


def test_the_emailed_link_opens_the_invitation(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(staff_client)
    staff_client.logout()

    response = staff_client.get(link_in(mail.outbox[0]))

    assert response.status_code == 200


def test_an_address_that_has_an_account_cannot_be_invited(staff_client):
    make_account(email="ruta@example.invalid")

    response = invite(staff_client)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_sending_again_gives_a_new_link_and_expiry(
    staff_client, django_capture_on_commit_callbacks
):
    invitation = Invitation.objects.create(
        email="ruta@example.invalid",
        full_name="Ruta Kalniņa",
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    old_token = invitation.token

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(ADD_URL, {"action": "send_again", "_selected_action": [invitation.pk]})

    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert invitation.is_usable(now=timezone.now())
    assert link_in(mail.outbox[0]) == invitation.get_absolute_url()
    assert staff_client.get(f"/konts/uzaicinajums/{old_token}/").status_code == 404


def test_an_accepted_invitation_is_not_sent_again(staff_client, django_capture_on_commit_callbacks):
    accepted_at = timezone.now()
    invitation = Invitation.objects.create(
        email="ruta@example.invalid", full_name="Ruta Kalniņa", accepted_at=accepted_at
    )
    token = invitation.token

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(ADD_URL, {"action": "send_again", "_selected_action": [invitation.pk]})

    invitation.refresh_from_db()
    assert invitation.token == token
    assert mail.outbox == []


def test_the_invitation_list_opens(staff_client):
    Invitation.objects.create(email="ruta@example.invalid", full_name="Ruta Kalniņa")

    response = staff_client.get(ADD_URL)

    assert response.status_code == 200
    assert "ruta@example.invalid" in response.text


def test_experts_are_not_created_by_the_admin_invitation_alone(staff_client):
    invite(staff_client)

    assert not get_user_model().objects.filter(email="ruta@example.invalid").exists()
