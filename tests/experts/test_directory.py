"""The directory of experts: who is listed, in what order, and its filters."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from experts.models import ExpertProfile
from platform_site import page_cache
from recommendations.models import Recommendation
from tests.experts.accounts import make_expert_account
from tests.factories import make_expert, make_visit
from visits.models import Participation, Visit

pytestmark = pytest.mark.django_db

DIRECTORY = "/eksperti/"
CONSENT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def public_expert(**fields) -> ExpertProfile:
    return make_expert(is_public=True, public_consent_at=CONSENT, **fields)


def listed_names(response) -> list[str]:
    return [expert.full_name for expert in response.context["page"]]


@pytest.fixture
def member(client):
    user, _profile = make_expert_account(full_name="Lasītāja")
    client.force_login(user)
    return user


class TestWhoIsListed:
    def test_the_public_sees_only_consenting_experts(self, client):
        public_expert(full_name="Publiskā")
        make_expert(full_name="Slēptā")

        response = client.get(DIRECTORY)

        assert listed_names(response) == ["Publiskā"]
        assert "Slēptā" not in response.text

    def test_a_logged_in_expert_sees_the_whole_network(self, client, member):
        public_expert(full_name="Publiskā")
        make_expert(full_name="Slēptā")

        response = client.get(DIRECTORY)

        assert set(listed_names(response)) == {"Lasītāja", "Publiskā", "Slēptā"}


class TestOrder:
    def test_names_are_in_latvian_alphabetical_order(self, client):
        for name in ["Žagars", "Šteins", "Zariņš", "Čakste", "Sproģis", "Cīrulis"]:
            public_expert(full_name=name)

        response = client.get(DIRECTORY)

        assert listed_names(response) == [
            "Cīrulis",
            "Čakste",
            "Sproģis",
            "Šteins",
            "Zariņš",
            "Žagars",
        ]


class TestFilters:
    def test_it_filters_by_planning_region(self, client, member):
        make_expert(full_name="Latgalē", planning_region="LATGALE")
        make_expert(full_name="Kurzemē", planning_region="KURZEME")

        response = client.get(DIRECTORY, {"regions": "LATGALE"})

        assert listed_names(response) == ["Latgalē"]

    def test_it_filters_by_area_of_expertise(self, client, member):
        mediator = make_expert(full_name="Mediatore")
        make_expert(full_name="Skolotāja")
        Recommendation.objects.get(number=1).experts.add(mediator)

        response = client.get(DIRECTORY, {"joma": "1"})

        assert listed_names(response) == ["Mediatore"]

    def test_filters_combine(self, client, member):
        both = make_expert(full_name="Abi", planning_region="LATGALE")
        region_only = make_expert(full_name="Reģions", planning_region="LATGALE")
        area = Recommendation.objects.get(number=5)
        area.experts.add(both)
        area.experts.add(make_expert(full_name="Joma", planning_region="VIDZEME"))

        response = client.get(DIRECTORY, {"regions": "LATGALE", "joma": "5"})

        assert listed_names(response) == ["Abi"]
        assert region_only.full_name not in listed_names(response)

    def test_an_expert_in_several_areas_is_listed_once(self, client, member):
        expert = make_expert(full_name="Daudzpusīgā")
        for number in (1, 2, 3):
            Recommendation.objects.get(number=number).experts.add(expert)

        response = client.get(DIRECTORY)

        assert listed_names(response).count("Daudzpusīgā") == 1

    @pytest.mark.parametrize(
        "query",
        [
            {"regions": "MARSS"},
            {"joma": "99"},
            {"joma": "nav-skaitlis"},
            {"joma": "1' OR 1=1"},
            {"lapa": "999999"},
            {"lapa": "-1"},
            {"lapa": "x"},
        ],
    )
    def test_bad_values_give_a_clean_page(self, client, query):
        public_expert(full_name="Publiskā")

        response = client.get(DIRECTORY, query)

        assert response.status_code == 200
        assert listed_names(response) == ["Publiskā"]

    def test_the_filter_fields_have_labels(self, client):
        response = client.get(DIRECTORY)

        assert '<label for="id_regions"' in response.text
        assert '<label for="id_joma"' in response.text

    def test_the_region_filter_is_shown_with_the_regions(self, client):
        response = client.get(DIRECTORY)

        assert 'value="LATGALE"' in response.text


class TestPages:
    def test_fifty_experts_to_a_page(self, client):
        for n in range(51):
            public_expert(full_name=f"Eksperts {n:02d}")

        first = client.get(DIRECTORY)
        second = client.get(DIRECTORY, {"lapa": "2"})

        assert len(listed_names(first)) == 50
        assert listed_names(second) == ["Eksperts 50"]
        assert "lapa=2" in first.text


def count_queries(client, **query) -> int:
    page_cache.clear()  # the queries of rendering the page, not of a stored one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DIRECTORY, query)
    assert response.status_code == 200
    return len(queries)


def make_network(size: int) -> None:
    areas = list(Recommendation.objects.order_by("number"))
    for n in range(size):
        expert = public_expert(full_name=f"Eksperts {n}", planning_region="LATGALE")
        areas[n % len(areas)].experts.add(expert)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_number_of_queries_does_not_grow_with_the_network(client, logged_in):
    if logged_in:
        user, _profile = make_expert_account()
        client.force_login(user)
    make_network(10)
    small = count_queries(client, regions="LATGALE", joma="1")
    make_network(190)
    large = count_queries(client, regions="LATGALE", joma="1")

    assert small == large
    assert count_queries(client) == count_queries(client)


def test_the_number_of_queries_does_not_grow_on_a_profile(client):
    expert = public_expert(full_name="Skaitītā")
    Recommendation.objects.get(number=1).experts.add(expert)
    Participation.objects.create(expert=expert, visit=make_visit(status=Visit.Status.PUBLISHED))
    small = len_profile_queries(client, expert)
    for number in range(2, 14):
        Recommendation.objects.get(number=number).experts.add(expert)
    for _n in range(10):
        Participation.objects.create(expert=expert, visit=make_visit(status=Visit.Status.PUBLISHED))

    assert len_profile_queries(client, expert) == small


def len_profile_queries(client, expert: ExpertProfile) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(expert.get_absolute_url()).status_code == 200
    return len(queries)
