"""An expert's profile: who sees it, what it shows, and the expert's own edits."""

import datetime as dt

import pytest
from django.urls import reverse

from experts.models import ExpertProfile
from recommendations.models import Recommendation
from tests.experts.accounts import make_account, make_expert_account
from tests.factories import make_expert, make_visit
from visits.models import Participation, Visit

pytestmark = pytest.mark.django_db

EDIT_URL = "/eksperti/mans-profils/"


def profile_data(expert: ExpertProfile, **changes) -> dict:
    data = {
        "full_name": expert.full_name,
        "organisation": expert.organisation,
        "position": expert.position,
        "home_area": expert.home_area,
        "planning_region": expert.planning_region,
        "bio": expert.bio,
        "phone": expert.phone,
    }
    for flag in ("show_email", "show_phone", "is_public"):
        if getattr(expert, flag):
            data[flag] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


class TestWhoSeesAProfile:
    def test_a_public_profile_is_seen_by_everyone(self, client):
        expert = make_expert(
            is_public=True, public_consent_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        )

        response = client.get(expert.get_absolute_url())

        assert response.status_code == 200
        assert expert.full_name in response.text

    def test_a_profile_without_consent_is_not_found_by_the_public(self, client):
        expert = make_expert(is_public=False)

        response = client.get(expert.get_absolute_url())

        assert response.status_code == 404
        assert expert.full_name not in response.text

    def test_a_profile_without_consent_is_seen_by_a_logged_in_expert(self, client):
        expert = make_expert(is_public=False)
        reader, _profile = make_expert_account()
        client.force_login(reader)

        response = client.get(expert.get_absolute_url())

        assert response.status_code == 200
        assert "Network members only" in response.text or "Tikai tīkla dalībniekiem" in (
            response.text
        )


class TestWhatAProfileShows:
    def test_it_shows_the_areas_of_expertise(self, client):
        expert = make_expert(
            is_public=True, public_consent_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        )
        Recommendation.objects.get(number=9).experts.add(expert)

        response = client.get(expert.get_absolute_url())

        assert Recommendation.objects.get(number=9).title in response.text

    def test_it_lists_the_published_visits_taken_part_in_but_not_drafts(self, client):
        expert = make_expert(
            is_public=True, public_consent_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        )
        published = make_visit(title="Vizīte Talsos", status=Visit.Status.PUBLISHED)
        draft = make_visit(title="Melnraksts Rēzeknē", status=Visit.Status.DRAFT)
        for visit in (published, draft):
            Participation.objects.create(expert=expert, visit=visit)

        response = client.get(expert.get_absolute_url())

        assert "Vizīte Talsos" in response.text
        assert "Melnraksts Rēzeknē" not in response.text

    def test_contact_details_appear_only_where_the_expert_chose(self, client):
        expert = make_expert(
            email="ruta@example.invalid",
            phone="+371 20000000",
            show_email=True,
            show_phone=False,
            is_public=True,
            public_consent_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        )

        response = client.get(expert.get_absolute_url())

        assert "ruta@example.invalid" in response.text
        assert "20000000" not in response.text

    def test_hidden_contact_details_stay_hidden_from_members_too(self, client):
        expert = make_expert(email="ruta@example.invalid", show_email=False)
        reader, _profile = make_expert_account()
        client.force_login(reader)

        response = client.get(expert.get_absolute_url())

        assert "ruta@example.invalid" not in response.text

    def test_the_owner_gets_a_link_to_edit(self, client):
        user, expert = make_expert_account()
        client.force_login(user)

        response = client.get(expert.get_absolute_url())

        assert EDIT_URL in response.text


class TestEditingOwnProfile:
    def test_it_needs_a_login(self, client):
        response = client.get(EDIT_URL)

        assert response.status_code == 302
        assert response.url.startswith("/konts/login/")

    def test_the_form_edits_the_logged_in_experts_profile(self, client):
        user, expert = make_expert_account(organisation="Vecā biedrība")
        client.force_login(user)

        response = client.post(
            EDIT_URL,
            profile_data(expert, organisation="Jaunā biedrība", planning_region="LATGALE"),
        )

        assert response.status_code == 302
        expert.refresh_from_db()
        assert expert.organisation == "Jaunā biedrība"
        assert expert.planning_region == "LATGALE"

    def test_giving_consent_makes_the_profile_public_with_its_date(self, client):
        user, expert = make_expert_account(is_public=False)
        client.force_login(user)

        client.post(EDIT_URL, profile_data(expert, is_public="on"))

        expert.refresh_from_db()
        assert expert.is_public
        assert expert.public_consent_at is not None
        client.logout()
        assert client.get(expert.get_absolute_url()).status_code == 200

    def test_withdrawing_consent_clears_the_date_and_hides_the_profile(self, client):
        user, expert = make_expert_account(
            is_public=True, public_consent_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        )
        client.force_login(user)

        client.post(EDIT_URL, profile_data(expert, is_public=False))

        expert.refresh_from_db()
        assert not expert.is_public
        assert expert.public_consent_at is None
        client.logout()
        assert client.get(expert.get_absolute_url()).status_code == 404

    def test_saving_again_keeps_the_original_consent_date(self, client):
        given = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        user, expert = make_expert_account(is_public=True, public_consent_at=given)
        client.force_login(user)

        client.post(EDIT_URL, profile_data(expert, bio="Jauns apraksts"))

        expert.refresh_from_db()
        assert expert.public_consent_at == given

    def test_the_areas_of_expertise_are_chosen_from_the_recommendations(self, client):
        user, expert = make_expert_account()
        client.force_login(user)
        areas = Recommendation.objects.filter(number__in=[2, 11])

        client.post(EDIT_URL, profile_data(expert, areas_of_expertise=[area.pk for area in areas]))

        assert sorted(expert.areas_of_expertise.values_list("number", flat=True)) == [2, 11]

    def test_the_form_lists_all_thirteen_recommendations(self, client):
        user, _expert = make_expert_account()
        client.force_login(user)

        response = client.get(EDIT_URL)

        assert len(response.context["form"].fields["areas_of_expertise"].choices) == 13

    def test_another_experts_profile_cannot_be_reached(self, client):
        user, own = make_expert_account()
        other = make_expert(organisation="Nemainīt")
        client.force_login(user)

        client.post(
            EDIT_URL,
            {**profile_data(own, organisation="Mainīts"), "slug": other.slug, "id": other.pk},
        )

        other.refresh_from_db()
        own.refresh_from_db()
        assert other.organisation == "Nemainīt"
        assert own.organisation == "Mainīts"

    def test_an_account_without_a_profile_gets_not_found(self, client):
        client.force_login(make_account())

        response = client.get(EDIT_URL)

        assert response.status_code == 404

    def test_an_empty_name_is_refused(self, client):
        user, expert = make_expert_account()
        client.force_login(user)
        name = expert.full_name

        response = client.post(EDIT_URL, profile_data(expert, full_name=""))

        assert response.status_code == 200
        expert.refresh_from_db()
        assert expert.full_name == name

    def test_every_field_has_a_label(self, client):
        user, _expert = make_expert_account()
        client.force_login(user)

        response = client.get(EDIT_URL)

        form = response.context["form"]
        for field in form:
            if field.widget_type == "checkboxselectmultiple":
                assert "<legend" in response.text
            else:
                assert f'for="{field.id_for_label}"' in response.text


def test_the_edit_address_is_not_a_profile_address():
    assert ExpertProfile.unique_slug_for("Mans Profils") != "mans-profils"
    assert reverse("experts:edit") == EDIT_URL
