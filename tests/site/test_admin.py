"""Every admin page answers staff in Latvian, and sends anyone else to the login."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from experts.models import Invitation
from recommendations.models import ActionComment, ActionUpdate, Recommendation
from tests.experts.accounts import log_in_with_second_factor
from tests.factories import make_action, make_agenda_item, make_expert, make_user, make_visit
from visits.models import Attachment, Comment, GoodPractice, Municipality, Participation, Visit

pytestmark = pytest.mark.django_db

# Comments are written on the site's pages, never added in the admin.
WRITTEN_ON_THE_PAGES = {("visits", "comment"), ("recommendations", "actioncomment")}

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
    ActionComment.objects.create(action=action, author=user, body="Kā virzās darbs?")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Group.objects.create(name="Testa grupa")
    return practice


@pytest.fixture
def staff_client(client, admin_user):
    log_in_with_second_factor(client, admin_user)
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
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
    ]
    if (app_label, model_name) not in WRITTEN_ON_THE_PAGES:
        urls.append(reverse(f"admin:{app_label}_{model_name}_add"))

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


def visit_form_data(**overrides) -> dict:
    data = {
        "title": "Labās prakses vizīte Valmierā",
        "slug": "valmiera-2026",
        "kind": "GOOD_PRACTICE_VISIT",
        "status": "DRAFT",
        "start_date": "2026-05-06",
        "end_date": "2026-05-07",
        "places": "",
        "project": "",
        "lead": "",
        "summary": "",
        "source_url": "",
    }
    for prefix in ("agenda_items", "good_practices", "participations", "attachments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_a_good_practice_visit_without_a_municipality_is_refused(staff_client):
    response = staff_client.post(reverse("admin:visits_visit_add"), visit_form_data())

    assert response.status_code == 200
    assert "Labās prakses vizītei jānorāda vismaz viena pašvaldība." in response.content.decode()
    assert not Visit.objects.filter(slug="valmiera-2026").exists()


def test_a_network_meeting_with_a_municipality_is_refused(staff_client):
    jelgava = Municipality.objects.get(slug="jelgava")
    data = visit_form_data(kind="NETWORK_MEETING", municipalities=[jelgava.pk])

    response = staff_client.post(reverse("admin:visits_visit_add"), data)

    assert response.status_code == 200
    assert not Visit.objects.filter(slug="valmiera-2026").exists()


def test_staff_publish_a_visit_and_its_first_publishing_is_dated(staff_client):
    jelgava = Municipality.objects.get(slug="jelgava")
    data = visit_form_data(status="PUBLISHED", municipalities=[jelgava.pk])

    response = staff_client.post(reverse("admin:visits_visit_add"), data)

    assert response.status_code == 302
    visit = Visit.objects.get(slug="valmiera-2026")
    assert visit.published_at is not None
    assert list(visit.municipalities.all()) == [jelgava]


def test_the_bulk_publish_action_publishes_and_dates_the_visits(staff_client):
    visit = make_visit(status=Visit.Status.REVIEW)

    staff_client.post(
        reverse("admin:visits_visit_changelist"),
        {"action": "publish", "_selected_action": [visit.pk]},
    )

    visit.refresh_from_db()
    assert visit.status == Visit.Status.PUBLISHED
    assert visit.published_at is not None


def test_staff_preview_a_draft_as_it_will_look_once_published(staff_client):
    draft = make_visit(title="Vizītes melnraksts Valmierā", status=Visit.Status.DRAFT)

    response = staff_client.get(reverse("admin:visits_visit_preview", args=[draft.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Vizītes melnraksts Valmierā" in content
    assert "Priekšskatījums" in content
    assert "Projekts — tikai ekspertiem" not in content


def test_the_preview_is_not_public(client):
    draft = make_visit(status=Visit.Status.DRAFT)

    response = client.get(reverse("admin:visits_visit_preview", args=[draft.pk]))

    assert response.status_code == 302
    assert draft.get_absolute_url() not in response["Location"]


def test_the_history_of_a_change_names_the_values_before_and_after(staff_client):
    jelgava = Municipality.objects.get(slug="jelgava")
    visit = make_visit(title="Vecais nosaukums", municipalities=[jelgava])
    data = visit_form_data(
        title="Jaunais nosaukums", slug=visit.slug, municipalities=[jelgava.pk], status="REVIEW"
    )

    staff_client.post(reverse("admin:visits_visit_change", args=[visit.pk]), data)
    history = staff_client.get(reverse("admin:visits_visit_history", args=[visit.pk]))

    content = history.content.decode()
    assert "Vecais nosaukums → Jaunais nosaukums" in content
    assert "melnraksts → pārskatīšanā (tikai ekspertiem)" in content
