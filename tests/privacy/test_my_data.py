"""An expert downloads a copy of their own data, and nobody else's."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from experts.models import Invitation
from recommendations.models import Recommendation
from tests.experts.accounts import make_account, make_expert_account
from tests.factories import make_expert, make_visit
from visits.models import Comment, Participation, Visit

pytestmark = pytest.mark.django_db

URL = "/eksperti/mans-profils/dati.json"


@pytest.fixture
def expert():
    user, profile = make_expert_account(
        full_name="Ilze Kalniņa",
        organisation="Talsu novada pašvaldība",
        phone="+371 20000001",
        bio="Strādāju ar romu ģimenēm kopš 2015. gada.",
    )
    profile.areas_of_expertise.set([Recommendation.objects.get(number=3)])
    return user, profile


@pytest.fixture
def other():
    """Another expert, whose data must never be in the first one's file."""
    user, profile = make_expert_account(full_name="Pēteris Citādais", phone="+371 29999999")
    return user, profile


@pytest.fixture
def visit():
    return make_visit(
        title="Vizīte Talsos",
        status=Visit.Status.PUBLISHED,
        start_date=dt.date(2024, 5, 6),
    )


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return json.loads(response.content)


class TestTheDownload:
    def test_the_address_is_the_one_the_profile_page_links_to(self):
        assert reverse("experts:my_data") == URL

    def test_it_is_a_json_file_to_save_not_a_page(self, client, expert):
        client.force_login(expert[0])

        response = client.get(URL)

        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"] == 'attachment; filename="mani-dati.json"'
        assert "no-store" in response["Cache-Control"]

    def test_it_holds_the_profile_and_account(self, client, expert):
        user, profile = expert

        data = download(client, user)

        assert data["account"]["email"] == user.email
        assert data["profile"]["full_name"] == "Ilze Kalniņa"
        assert data["profile"]["organisation"] == "Talsu novada pašvaldība"
        assert data["profile"]["phone"] == "+371 20000001"
        assert data["profile"]["bio"] == "Strādāju ar romu ģimenēm kopš 2015. gada."
        assert data["areas_of_expertise"] == [
            {"number": 3, "title": Recommendation.objects.get(number=3).title}
        ]

    def test_it_holds_the_participations_and_comments(self, client, expert, visit):
        user, profile = expert
        Participation.objects.create(visit=visit, expert=profile, role="SPEAKER")
        Comment.objects.create(visit=visit, author=user, body="Mans komentārs par vizīti.")

        data = download(client, user)

        assert data["participations"] == [
            {
                "visit": "Vizīte Talsos",
                "visit_address": visit.get_absolute_url(),
                "start_date": "2024-05-06",
                "end_date": "2024-05-07",
                "role": "SPEAKER",
            }
        ]
        [comment] = data["comments"]
        assert comment["text"] == "Mans komentārs par vizīti."
        assert comment["on"] == "Vizīte Talsos"

    def test_it_holds_the_invitation_but_not_its_token(self, client, expert):
        user, _profile = expert
        invitation = Invitation.objects.create(email=user.email, full_name="Ilze Kalniņa")

        data = download(client, user)

        assert [item["email"] for item in data["invitations"]] == [user.email]
        assert invitation.token not in json.dumps(data)

    def test_it_holds_no_password_hash(self, client, expert):
        user, _profile = expert

        client.force_login(user)
        content = client.get(URL).content.decode()

        assert user.password not in content
        assert "pbkdf2" not in content and "md5$" not in content


class TestOnlyTheirOwn:
    def test_another_experts_data_is_never_in_the_file(self, client, expert, other, visit):
        user, _profile = expert
        other_user, other_profile = other
        Participation.objects.create(visit=visit, expert=other_profile)
        mine = Comment.objects.create(visit=visit, author=user, body="Mans teksts.")
        Comment.objects.create(
            visit=visit, author=other_user, parent=mine, body="Citas personas atbilde."
        )

        client.force_login(user)
        content = client.get(URL).content.decode()

        assert "Pēteris Citādais" not in content
        assert other_user.email not in content
        assert "+371 29999999" not in content
        assert "Citas personas atbilde." not in content

    def test_there_is_no_address_for_someone_elses_data(self, client, expert, other):
        client.force_login(expert[0])

        response = client.get(URL, {"id": other[1].pk, "user": other[0].pk})

        assert other[0].email not in response.content.decode()

    def test_anonymous_readers_are_sent_to_log_in(self, client):
        response = client.get(URL)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_an_account_without_a_profile_gets_its_account_and_comments(self, client, visit):
        staff = make_account(is_staff=True)
        Comment.objects.create(visit=visit, author=staff, body="Ministrijas komentārs.")

        data = download(client, staff)

        assert data["profile"] is None
        assert data["account"]["is_staff"] is True
        assert [comment["text"] for comment in data["comments"]] == ["Ministrijas komentārs."]

    def test_it_is_read_only(self, client, expert):
        client.force_login(expert[0])

        response = client.post(URL)

        assert response.status_code == 405


class TestTheProfilePage:
    def test_it_links_to_the_download(self, client, expert):
        client.force_login(expert[0])

        content = client.get(reverse("experts:edit")).content.decode()

        assert f'href="{URL}"' in content


def test_a_profile_without_an_account_is_not_anyones_download(client):
    make_expert(full_name="Bez Konta", email="bez.konta@example.invalid")
    user = make_account()
    client.force_login(user)

    content = client.get(URL).content.decode()

    assert "Bez Konta" not in content
