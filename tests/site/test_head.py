"""Link checkers and monitors ask with HEAD: every public page answers it as it answers GET,
without a body."""

import pytest

from recommendations.models import Recommendation
from tests.factories import make_action, make_visit, municipality
from visits.models import Visit

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/",
    "/vizites/",
    "/vizites/?q=jurmala",
    "/vesture/",
    "/par/",
    "/pieejamiba/",
    "/privatums/",
    "/ierosinajumi/",
    "/eksperti/",
    "/vizites/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_public_page_answers_head(client, address):
    got = client.get(address)

    head = client.head(address)

    assert (head.status_code, got.status_code) == (200, 200)
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]


def test_the_pages_of_records_answer_head(client):
    visit = make_visit(status=Visit.Status.PUBLISHED, municipalities=[municipality("jelgava")])
    action = make_action(recommendations=[Recommendation.objects.get(number=1)], is_public=True)

    for address in (
        visit.get_absolute_url(),
        municipality("jelgava").get_absolute_url(),
        action.get_absolute_url(),
        Recommendation.objects.get(number=1).get_absolute_url(),
    ):
        assert client.head(address).status_code == 200, address


def test_head_does_not_open_what_get_keeps_closed(client):
    draft = make_visit(status=Visit.Status.REVIEW)

    assert client.head(draft.get_absolute_url()).status_code == 404
