"""Every admin page answers staff in Latvian, and sends anyone else to the login."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from experts.models import Invitation
from recommendations.models import ActionUpdate, Recommendation
from tests.factories import make_action, make_agenda_item, make_expert, make_user, make_visit
from visits.models import Attachment, Comment, GoodPractice, Participation

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.fixture
def one_of_each(django_user_model):
    """A record of every registered model, so each change page has something to show."""
    user = make_user()
    expert = make_expert(user=user)
    visit = make_visit()
    make_agenda_item(visit)
    practice = GoodPractice.objects.create(visit=visit, title="Skolotāja palīgs", description="…")
    Participation.objects.create(visit=visit, expert=expert)
    Comment.objects.create(visit=visit, author=user, body="Paldies!")
    Attachment.objects.create(visit=visit, title="Ziņojums", file="visits/attachments/x.pdf")
    Invitation.objects.create(email="jauna@example.invalid", full_name="Jauna Eksperte")
    action = make_action(recommendations=[Recommendation.objects.get(number=1)])
    ActionUpdate.objects.create(action=action, date=dt.date(2024, 1, 1), status_after="PLANNED")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Group.objects.create(name="Testa grupa")
    return practice


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def first_object(app_label: str, model_name: str):
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    return model._default_manager.order_by("pk").first()


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_add_and_change_pages_answer_staff(
    staff_client, one_of_each, app_label, model_name
):
    obj = first_object(app_label, model_name)
    urls = [
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        reverse(f"admin:{app_label}_{model_name}_add"),
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
    ]

    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_anonymous_users_are_sent_to_the_login(client, app_label, model_name):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_speaks_latvian(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert '<html lang="lv"' in response.content.decode()
    assert "Paroles maiņa" in response.content.decode()
    assert "Latvijas romu platforma" in response.content.decode()


def test_the_visit_form_prefills_the_slug_from_the_title(staff_client):
    response = staff_client.get(reverse("admin:visits_visit_add"))

    assert b"data-prepopulated-fields" in response.content
    assert b"&quot;id&quot;: &quot;#id_slug&quot;" in response.content
