"""The Atom feed of published visit summaries."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.urls import resolve, reverse

from tests.factories import make_user, make_visit
from visits.feeds import FEED_LENGTH, PublishedVisitsFeed
from visits.models import Visit

pytestmark = pytest.mark.django_db

FEED_URL = reverse("visits:feed")
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ElementTree.Element]:
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


def entry_titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries(response)]


def test_the_feed_has_its_own_address_before_the_visits_slugs():
    assert FEED_URL == "/vizites/feed/"
    assert resolve(FEED_URL).func.__class__ is PublishedVisitsFeed


def test_it_is_an_atom_feed_in_latvian(client):
    response = client.get(FEED_URL)

    feed = ElementTree.fromstring(response.content)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "lv"
    assert feed.findtext(f"{ATOM}author/{ATOM}name")


def test_it_carries_published_visits_only_newest_first(client):
    make_visit(
        title="Jūrmala 2016", start_date=dt.date(2016, 11, 24), status=Visit.Status.PUBLISHED
    )
    make_visit(
        title="Ventspils 2019", start_date=dt.date(2019, 10, 17), status=Visit.Status.PUBLISHED
    )
    make_visit(title="Pārskatīšanā", start_date=dt.date(2020, 1, 1), status=Visit.Status.REVIEW)
    make_visit(title="Melnraksts", start_date=dt.date(2021, 1, 1), status=Visit.Status.DRAFT)

    response = client.get(FEED_URL)

    assert entry_titles(response) == ["Ventspils 2019", "Jūrmala 2016"]
    assert "Pārskatīšanā" not in response.content.decode()
    assert "Melnraksts" not in response.content.decode()


def test_a_logged_in_expert_gets_no_visit_in_review_either(client):
    make_visit(title="Pārskatīšanā", status=Visit.Status.REVIEW)
    client.force_login(make_user())

    response = client.get(FEED_URL)

    assert entry_titles(response) == []


def test_it_stops_after_twenty_entries(client):
    for week in range(FEED_LENGTH + 3):
        make_visit(
            title=f"Vizīte {week}",
            start_date=dt.date(2020, 1, 1) + dt.timedelta(weeks=week),
            status=Visit.Status.PUBLISHED,
        )

    titles = entry_titles(client.get(FEED_URL))

    assert len(titles) == FEED_LENGTH == 20
    assert titles[0] == f"Vizīte {FEED_LENGTH + 2}"


def test_an_entry_links_to_the_visit_and_summarises_it_in_latvian(client):
    visit = make_visit(
        title="Labās prakses vizīte Ventspilī",
        start_date=dt.date(2019, 10, 17),
        end_date=dt.date(2019, 10, 18),
        lead="Speciālisti no 13 pašvaldībām apmeklēja skolas.",
        status=Visit.Status.PUBLISHED,
    )

    entry = entries(client.get(FEED_URL))[0]

    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{visit.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}summary") == (
        "2019. gada 17.–18. oktobris. Speciālisti no 13 pašvaldībām apmeklēja skolas."
    )
    assert entry.findtext(f"{ATOM}published")


def test_the_visit_list_links_to_the_feed(client):
    content = client.get(reverse("visits:list")).content.decode()

    assert f'href="{FEED_URL}" type="application/atom+xml"' in content
