import pytest
from django.urls import reverse

from tests.factories import make_visit
from visits.models import Visit

pytestmark = pytest.mark.django_db


def test_the_home_page_is_latvian(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert '<html lang="lv"' in response.content.decode()
    assert "Latvijas romu platforma" in response.content.decode()


def test_the_home_page_lists_the_thirteen_recommendations(client):
    content = client.get(reverse("home")).content.decode()

    assert "Romu mediācijas prakses attīstība" in content
    assert "Ekspertu dalība pasākumos par romu jautājumiem" in content


def test_the_home_page_shows_published_visits_only(client):
    make_visit(title="Publicētā vizīte Ventspilī", status=Visit.Status.PUBLISHED)
    make_visit(title="Vizīte pārskatīšanā Talsos", status=Visit.Status.REVIEW)
    make_visit(title="Vizītes melnraksts Jelgavā", status=Visit.Status.DRAFT)

    content = client.get(reverse("home")).content.decode()

    assert "Publicētā vizīte Ventspilī" in content
    assert "Vizīte pārskatīšanā Talsos" not in content
    assert "Vizītes melnraksts Jelgavā" not in content


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.REVIEW])
def test_an_unpublished_visit_is_not_found_by_the_public(client, status):
    visit = make_visit(status=status)

    response = client.get(visit.get_absolute_url())

    assert response.status_code == 404


def test_a_visit_in_review_is_shown_to_a_logged_in_expert(client, django_user_model):
    visit = make_visit(title="Vizīte pārskatīšanā", status=Visit.Status.REVIEW)
    client.force_login(
        django_user_model.objects.create_user("e@example.invalid", "e@example.invalid")
    )

    response = client.get(visit.get_absolute_url())

    assert response.status_code == 200
    assert "Projekts — tikai ekspertiem" in response.content.decode()
