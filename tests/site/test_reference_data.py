"""Every database, production included, has the facts after `migrate`."""

from decimal import Decimal

import pytest
from django.db.models.functions import Collate

from recommendations.models import Recommendation
from visits.models import Municipality

pytestmark = pytest.mark.django_db

THE_THIRTEEN = {
    1: "Romu mediācijas prakses attīstība",
    2: "Izglītības veicināšana kā prioritāte",
    3: "Jāveicina un jāpopularizē labā prakse",
    4: "Motivācijas un atbalsta pasākumi romiem",
    5: "Romu vecāku izglītošana un dialoga veicināšana",
    6: "Aktivizēt un iesaistīt romu jauniešus",
    7: "Prakses romu iesaistei darba tirgū",
    8: "Pasākumi par romu kultūru un sociālo stāvokli",
    9: "Aizspriedumu mazināšana",
    10: "Profesionālais atbalsts sociālo jautājumu risināšanai romu ģimenēs",
    11: "Skolotāja palīga roma prakse",
    12: "Esošo atbalsta pasākumu izmantošana romiem",
    13: "Ekspertu dalība pasākumos par romu jautājumiem",
}


def test_the_thirteen_recommendations_have_their_exact_titles():
    assert dict(Recommendation.objects.values_list("number", "title")) == THE_THIRTEEN


def test_the_eight_municipalities_are_there_in_latvian_order():
    names = list(
        Municipality.objects.order_by(Collate("name", "lv")).values_list("name", flat=True)
    )

    assert names == [
        "Daugavpils",
        "Jelgava",
        "Jūrmala",
        "Limbažu novads",
        "Rēzeknes novads",
        "Talsu novads",
        "Ventspils",
        "Viļakas novads",
    ]


def test_vilakas_novads_points_to_its_successor():
    vilaka = Municipality.objects.get(slug="vilakas-novads")

    assert vilaka.successor_name == "Balvu novads"
    assert vilaka.planning_region == "LATGALE"
    assert vilaka.valid_until is not None


def test_state_cities_are_not_marked_as_reformed():
    jurmala = Municipality.objects.get(name="Jūrmala")

    assert (jurmala.kind, jurmala.valid_until, jurmala.latitude) == (
        "STATE_CITY",
        None,
        Decimal("56.968"),
    )
