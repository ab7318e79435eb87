"""/sitemap.xml lists every public page and nothing a reader may not see."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Recommendation
from tests.factories import make_action, make_expert, make_visit, municipality
from visits.models import Visit

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def sitemap(client) -> str:
    """Every section's sitemap that the index at /sitemap.xml lists, one after the other."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert index["Content-Type"] == "application/xml"
    sections = []
    for address in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        response = client.get(address.removeprefix(SITE))
        assert response.status_code == 200
        sections.append(response.content.decode())
    return "\n".join(sections)


def test_lists_the_site_pages(client):
    content = sitemap(client)

    for name in ["home", "about", "timeline", "accessibility", "privacy", "visits:list"]:
        assert f"<loc>{SITE}{reverse(name)}</loc>" in content


def test_lists_published_visits_with_their_last_change(client):
    visit = make_visit(status=Visit.Status.PUBLISHED)

    content = sitemap(client)

    assert f"<loc>{SITE}{visit.get_absolute_url()}</loc>" in content
    # The day in Riga: from 22:00 UTC in winter it is already the next day there.
    assert f"<lastmod>{timezone.localdate(visit.updated_at).isoformat()}</lastmod>" in content


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.REVIEW])
def test_leaves_out_visits_that_are_not_published(client, status):
    visit = make_visit(status=status)

    assert visit.get_absolute_url() not in sitemap(client)


def test_lists_municipalities_with_a_published_visit_only(client):
    make_visit(status=Visit.Status.PUBLISHED, municipalities=[municipality("ventspils")])
    make_visit(status=Visit.Status.DRAFT, municipalities=[municipality("jelgava")])

    content = sitemap(client)

    assert municipality("ventspils").get_absolute_url() in content
    assert municipality("jelgava").get_absolute_url() not in content


def test_a_municipality_is_listed_once_however_many_visits_it_had(client):
    for year in (2017, 2019):
        make_visit(
            status=Visit.Status.PUBLISHED,
            start_date=dt.date(year, 1, 10),
            municipalities=[municipality("daugavpils")],
        )

    assert sitemap(client).count(municipality("daugavpils").get_absolute_url()) == 1


def test_lists_every_recommendation(client):
    content = sitemap(client)

    for recommendation in Recommendation.objects.all():
        assert f"<loc>{SITE}{recommendation.get_absolute_url()}</loc>" in content


def test_lists_public_expert_profiles_only(client):
    public = make_expert(is_public=True, public_consent_at=timezone.now())
    private = make_expert()

    content = sitemap(client)

    assert public.get_absolute_url() in content
    assert private.get_absolute_url() not in content


def test_lists_public_follow_up_actions_only(client):
    public = make_action(is_public=True)
    internal = make_action(is_public=False)

    content = sitemap(client)

    assert public.get_absolute_url() in content
    assert internal.get_absolute_url() not in content


def test_sets_no_cookie(client):
    response = client.get("/sitemap.xml")

    assert dict(response.cookies) == {}
