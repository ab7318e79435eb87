"""Home, timeline and the static pages: Latvian, findable, shareable, cookie-free, and
with the same number of queries however much data there is."""

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from recommendations.models import FollowUpAction, Recommendation
from tests.factories import make_action, make_expert, make_visit, municipality
from visits.models import Municipality, Participation, Visit

pytestmark = pytest.mark.django_db

SITE_PAGES = ["home", "about", "timeline", "accessibility", "privacy"]

LATVIAN_TITLES = {
    "home": "Latvijas romu platforma · Kultūras ministrija",
    "about": "Par platformu · Latvijas romu platforma",
    "timeline": "Platformas vēsture · Latvijas romu platforma",
    "accessibility": "Piekļūstamības paziņojums · Latvijas romu platforma",
    "privacy": "Privātuma paziņojums · Latvijas romu platforma",
}


def page(client, name: str, **params) -> str:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


class TestEverySitePage:
    @pytest.mark.parametrize("name", SITE_PAGES)
    def test_answers_in_latvian(self, client, name):
        content = page(client, name)

        assert '<html lang="lv">' in content
        assert f"<title>{LATVIAN_TITLES[name]}</title>" in content

    @pytest.mark.parametrize("name", SITE_PAGES)
    def test_has_a_canonical_link_and_open_graph_tags(self, client, name):
        content = page(client, name)
        url = f"http://testserver{reverse(name)}"

        assert f'<link rel="canonical" href="{url}">' in content
        assert f'<meta property="og:url" content="{url}">' in content
        assert '<meta property="og:title" content="' in content
        assert '<meta property="og:title" content="">' not in content
        assert '<meta property="og:locale" content="lv_LV">' in content
        assert '<meta property="og:site_name" content="Latvijas romu platforma">' in content

    def test_the_canonical_link_leaves_out_the_query_string(self, client):
        content = page(client, "about", utm_source="zinas")

        assert '<link rel="canonical" href="http://testserver/par/">' in content

    def test_the_open_graph_title_is_the_page_title(self, client):
        content = page(client, "privacy")

        assert '<meta property="og:title" content="Privātuma paziņojums">' in content

    @pytest.mark.parametrize("name", SITE_PAGES)
    def test_the_footer_names_the_ministry_the_eu_programme_and_the_site_pages(self, client, name):
        content = page(client, name)
        footer = content[content.index('<footer class="site-footer">') :]

        assert "pasts@km.gov.lv" in footer
        assert "„Tiesības, vienlīdzība un pilsonība 2014–2020”" in footer
        for target in ["about", "timeline", "accessibility", "privacy"]:
            assert f'href="{reverse(target)}"' in footer

    def test_every_page_offers_the_feed_of_visit_summaries(self, client):
        content = page(client, "about")

        assert '<link rel="alternate" type="application/atom+xml" href="/vizites/feed/"' in content


class TestNoCookiesForReaders:
    @pytest.fixture
    def published(self):
        visit = make_visit(status=Visit.Status.PUBLISHED, municipalities=[municipality("jelgava")])
        expert = make_expert(is_public=True, public_consent_at=timezone.now())
        return visit, expert

    def test_anonymous_reading_of_every_public_page_sets_no_cookie(self, client, published):
        visit, expert = published
        urls = [reverse(name) for name in SITE_PAGES] + [
            reverse("visits:list"),
            visit.get_absolute_url(),
            municipality("jelgava").get_absolute_url(),
            reverse("recommendations:list"),
            Recommendation.objects.get(number=1).get_absolute_url(),
            reverse("experts:list"),
            expert.get_absolute_url(),
            reverse("robots_txt"),
        ]

        for url in urls:
            response = client.get(url)

            assert response.status_code == 200, url
            assert dict(response.cookies) == {}, url

    def test_an_anonymous_page_carries_no_form_token(self, client):
        assert "csrfmiddlewaretoken" not in page(client, "home")


class TestHome:
    def test_shows_the_numbers_in_latvian_format(self, client):
        experts = [make_expert() for _ in range(4)]
        for slug, group in [
            ("jurmala", experts[:1]),
            ("jelgava", experts[1:2]),
            ("ventspils", experts[2:]),
        ]:
            visit = make_visit(status=Visit.Status.PUBLISHED, municipalities=[municipality(slug)])
            for expert in group:
                Participation.objects.create(visit=visit, expert=expert)

        content = page(client, "home")

        assert '<span class="stats__number">1,3</span>' in content
        assert '<span class="stats__number">4</span>' in content

    def test_shows_each_recommendations_public_actions_and_how_many_are_done(self, client):
        first = Recommendation.objects.get(number=1)
        make_action(recommendations=[first])
        make_action(
            recommendations=[first],
            status=FollowUpAction.Status.DONE,
            done_date=dt.date(2024, 3, 1),
        )
        make_action(recommendations=[first], is_public=False)

        content = page(client, "home")

        assert "2 rīcības, 1 īstenota" in content
        assert "publisku rīcību vēl nav" in content

    def test_has_a_place_for_the_map(self, client):
        template = get_template("home.html").template.source

        assert '{% include "visits/_map.html" with visit_map=visit_map only %}' in template

    def test_runs_as_many_queries_with_800_visits_as_with_8(self, client):
        assert home_queries(client, visits=8) == home_queries(client, visits=800)


class TestTimeline:
    def test_links_every_published_visit_and_no_unpublished_one(self, client):
        visit = make_visit(title="Labās prakses vizīte Ventspilī", status=Visit.Status.PUBLISHED)
        draft = make_visit(title="Vizītes melnraksts", status=Visit.Status.DRAFT)

        content = page(client, "timeline")

        assert f'href="{visit.get_absolute_url()}"' in content
        assert draft.title not in content

    def test_leads_from_2012_to_the_recommendations_and_the_actions(self, client):
        make_action(status=FollowUpAction.Status.DONE, done_date=dt.date(2024, 3, 1))

        content = page(client, "timeline")

        assert content.index("2012") < content.index("2014") < content.index("2021. gada 27. maijs")
        assert f'href="{reverse("recommendations:list")}"' in content
        assert "1 rīcība, 1 īstenota" in content

    def test_runs_as_many_queries_with_800_visits_as_with_8(self, client):
        assert page_queries(client, "timeline", visits=8) == page_queries(
            client, "timeline", visits=800
        )


class TestStaticPages:
    def test_the_accessibility_statement_says_partial_conformance_and_how_it_was_checked(
        self, client
    ):
        content = page(client, "accessibility")

        assert "daļēji atbilst" in content
        assert "2026. gada 25. novembris" in content
        assert "axe-core" in content
        assert "pasts@km.gov.lv" in content

    def test_the_privacy_notice_names_the_controller_basis_retention_and_cookies(self, client):
        content = page(client, "privacy")

        assert "K. Valdemāra iela 11a, Rīga, LV-1050" in content
        assert "6. panta 1. punkta e) apakšpunkts" in content
        assert "Servera žurnāli: 30 dienas." in content
        assert "Datu valsts inspekcij" in content
        assert "sessionid" in content

    def test_the_about_page_names_the_projects_and_the_ministry(self, client):
        content = page(client, "about")

        for project in ["LRP I", "LRP II", "LRP III", "LRP IV", "LRP V"]:
            assert f"<dt>{project}</dt>" in content
        assert "Kultūras ministrija" in content


class TestRobotsTxt:
    def test_points_at_the_sitemap_and_keeps_robots_out_of_admin_and_accounts(self, client):
        response = client.get("/robots.txt")

        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert "Disallow: /admin/" in lines
        assert "Disallow: /konts/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines


class TestErrorPages:
    def test_an_unknown_address_answers_404_in_latvian(self, client):
        response = client.get("/nav-tadas-lapas/")

        assert response.status_code == 404
        content = response.content.decode()
        assert '<html lang="lv">' in content
        assert "Lapa nav atrasta" in content
        assert 'rel="canonical"' not in content

    def test_the_server_error_page_is_latvian_and_needs_no_context(self):
        response = server_error(RequestFactory().get("/"))

        assert response.status_code == 500
        content = response.content.decode()
        assert '<html lang="lv">' in content
        assert "Servera kļūda" in content
        assert "pasts@km.gov.lv" in content

    def test_the_server_error_page_has_the_footer_of_every_page(self, client):
        def footer(content: str) -> str:
            return content[content.index('<footer class="site-footer">') :]

        error_page = server_error(RequestFactory().get("/")).content.decode()

        assert footer(error_page) == footer(page(client, "about"))


# --- query counts at two sizes ------------------------------------------------------------


def make_published_history(count: int) -> None:
    """``count`` published visits across the municipalities, each with two experts, and a
    public action for every recommendation."""
    municipalities = list(Municipality.objects.order_by("id"))
    start = dt.date(2016, 1, 4)
    visits = Visit.objects.bulk_create(
        Visit(
            title=f"Vizīte {n}",
            slug=f"vizite-{n}",
            start_date=start + dt.timedelta(days=7 * n),
            end_date=start + dt.timedelta(days=7 * n + 1),
            status=Visit.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(count)
    )
    through = Visit.municipalities.through
    through.objects.bulk_create(
        through(visit=visit, municipality=municipalities[n % len(municipalities)])
        for n, visit in enumerate(visits)
    )
    experts = [make_expert() for _ in range(3)]
    Participation.objects.bulk_create(
        Participation(visit=visit, expert=experts[(n + k) % 3])
        for n, visit in enumerate(visits)
        for k in range(2)
    )
    for recommendation in Recommendation.objects.all():
        make_action(recommendations=[recommendation], origin_visit=visits[0])


def page_queries(client, name: str, *, visits: int) -> int:
    Visit.objects.all().delete()
    make_published_history(visits)
    with CaptureQueriesContext(connection) as queries:
        page(client, name)
    return len(queries)


def home_queries(client, *, visits: int) -> int:
    return page_queries(client, "home", visits=visits)
