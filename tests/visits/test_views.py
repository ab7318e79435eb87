"""The public visit pages: the list with its filters, one visit, one municipality."""

import datetime as dt
import itertools
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from experts.models import ExpertProfile
from platform_site import page_cache
from recommendations.models import FollowUpAction, Recommendation
from tests.factories import make_action, make_agenda_item, make_expert, make_user, make_visit
from tests.factories import municipality as get_municipality
from visits.models import AgendaItem, Attachment, GoodPractice, Municipality, Participation, Visit

pytestmark = pytest.mark.django_db

PUBLISHED = Visit.Status.PUBLISHED
REVIEW = Visit.Status.REVIEW
DRAFT = Visit.Status.DRAFT
LIST_URL = reverse("visits:list")

_numbers = itertools.count(1)


# --- builders (only these tests need them) -------------------------------------------


def make_practice(visit: Visit, **fields) -> GoodPractice:
    recommendations = fields.pop("recommendations", [])
    adopted_in = fields.pop("adopted_in", [])
    fields.setdefault("title", f"Prakse Nr. {next(_numbers)}")
    fields.setdefault("description", "Apraksts.")
    practice = GoodPractice.objects.create(visit=visit, **fields)
    practice.recommendations.set(recommendations)
    practice.adopted_in.set(adopted_in)
    return practice


def recommendation(number: int) -> Recommendation:
    return Recommendation.objects.get(number=number)


def bulk_visits(count: int, *, start: dt.date, status: str = PUBLISHED, **fields) -> list[Visit]:
    """Many visits in a few queries, one a week back from ``start``; searchable."""
    now = timezone.now()
    visits = []
    for n in range(count):
        number = next(_numbers)
        day = start - dt.timedelta(weeks=n)
        visit = Visit(
            title=f"Vizīte Nr. {number}",
            slug=f"masveida-vizite-{number}",
            start_date=day,
            end_date=day + dt.timedelta(days=1),
            status=status,
            published_at=now if status == PUBLISHED else None,
            **fields,
        )
        visit.refresh_search_text()
        visits.append(visit)
    return Visit.objects.bulk_create(visits)


def link_municipalities(visits: list[Visit], *municipalities: Municipality) -> None:
    Visit.municipalities.through.objects.bulk_create(
        Visit.municipalities.through(visit_id=visit.pk, municipality_id=place.pk)
        for visit in visits
        for place in municipalities
    )


def bulk_experts(count: int) -> list[ExpertProfile]:
    experts = []
    for _ in range(count):
        number = next(_numbers)
        experts.append(
            ExpertProfile(
                full_name=f"Eksperts Nr. {number}",
                slug=f"masveida-eksperts-{number}",
                email=f"masveida{number}@example.invalid",
                home_area=f"Novads Nr. {number % 7}",
            )
        )
    return ExpertProfile.objects.bulk_create(experts)


def enrich(visit: Visit, count: int) -> None:
    """Give a visit ``count`` of everything its page shows."""
    AgendaItem.objects.bulk_create(
        AgendaItem(visit=visit, day=1 + n % 2, order=n, title=f"Punkts {n}") for n in range(count)
    )
    practices = GoodPractice.objects.bulk_create(
        GoodPractice(visit=visit, title=f"Prakse {next(_numbers)}", description="Apraksts.")
        for _ in range(count)
    )
    places = list(Municipality.objects.all())
    numbers = list(Recommendation.objects.values_list("pk", flat=True))
    GoodPractice.recommendations.through.objects.bulk_create(
        GoodPractice.recommendations.through(goodpractice_id=p.pk, recommendation_id=r)
        for p in practices
        for r in numbers[:3]
    )
    GoodPractice.adopted_in.through.objects.bulk_create(
        GoodPractice.adopted_in.through(goodpractice_id=p.pk, municipality_id=m.pk)
        for p in practices
        for m in places[:2]
    )
    Participation.objects.bulk_create(
        Participation(visit=visit, expert=expert) for expert in bulk_experts(count)
    )
    Attachment.objects.bulk_create(
        Attachment(visit=visit, title=f"Pārskats {n}", file=f"visits/attachments/2019/{n}.pdf")
        for n in range(count)
    )
    Recommendation.visits.through.objects.bulk_create(
        [
            Recommendation.visits.through(visit_id=visit.pk, recommendation_id=r)
            for r in numbers[: min(count, 13)]
        ],
        ignore_conflicts=True,
    )


def bulk_actions(count: int, place: Municipality) -> None:
    actions = FollowUpAction.objects.bulk_create(
        FollowUpAction(
            title=f"Rīcība {next(_numbers)}",
            responsible_institution="Kultūras ministrija",
            municipality=place,
        )
        for _ in range(count)
    )
    first = Recommendation.objects.order_by("number").first()
    FollowUpAction.recommendations.through.objects.bulk_create(
        FollowUpAction.recommendations.through(followupaction_id=a.pk, recommendation_id=first.pk)
        for a in actions
    )


def query_count(client, url: str, data: dict | None = None) -> int:
    page_cache.clear()  # the queries of rendering the page, not of a kept one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(queries.captured_queries)


def listed_titles(response) -> list[str]:
    return [visit.title for visit in response.context["page"].object_list]


# --- the list -------------------------------------------------------------------------


class TestVisitList:
    def test_it_lists_published_visits_newest_first(self, client):
        make_visit(title="Jūrmala 2016", start_date=dt.date(2016, 11, 24), status=PUBLISHED)
        make_visit(title="Ventspils 2019", start_date=dt.date(2019, 10, 17), status=PUBLISHED)
        make_visit(title="Daugavpils 2017", start_date=dt.date(2017, 1, 26), status=PUBLISHED)

        response = client.get(LIST_URL)

        assert listed_titles(response) == ["Ventspils 2019", "Daugavpils 2017", "Jūrmala 2016"]

    def test_an_anonymous_reader_sees_neither_drafts_nor_visits_in_review(self, client):
        make_visit(title="Publicētā vizīte", status=PUBLISHED)
        make_visit(title="Vizīte pārskatīšanā", status=REVIEW)
        make_visit(title="Vizītes melnraksts", status=DRAFT)

        response = client.get(LIST_URL)

        content = response.content.decode()
        assert listed_titles(response) == ["Publicētā vizīte"]
        assert "Vizīte pārskatīšanā" not in content
        assert "Vizītes melnraksts" not in content

    def test_an_expert_also_sees_visits_in_review_marked_but_never_drafts(self, client):
        make_visit(title="Publicētā vizīte", start_date=dt.date(2019, 1, 1), status=PUBLISHED)
        make_visit(title="Vizīte pārskatīšanā", start_date=dt.date(2020, 1, 1), status=REVIEW)
        make_visit(title="Vizītes melnraksts", start_date=dt.date(2021, 1, 1), status=DRAFT)
        client.force_login(make_user())

        response = client.get(LIST_URL)

        assert listed_titles(response) == ["Vizīte pārskatīšanā", "Publicētā vizīte"]
        assert 'class="status-marker"' in response.content.decode()

    def test_the_year_filter_keeps_only_visits_that_started_that_year(self, client):
        make_visit(title="2019. gada vizīte", start_date=dt.date(2019, 10, 17), status=PUBLISHED)
        make_visit(title="2020. gada vizīte", start_date=dt.date(2020, 7, 2), status=PUBLISHED)

        response = client.get(LIST_URL, {"gads": "2019"})

        assert listed_titles(response) == ["2019. gada vizīte"]

    def test_the_region_filter_keeps_only_visits_to_that_planning_region(self, client):
        make_visit(
            title="Latgalē", municipalities=[get_municipality("daugavpils")], status=PUBLISHED
        )
        make_visit(
            title="Kurzemē", municipalities=[get_municipality("ventspils")], status=PUBLISHED
        )
        make_visit(title="Tiešsaistē", status=PUBLISHED)

        response = client.get(LIST_URL, {"regions": "latgale"})

        assert listed_titles(response) == ["Latgalē"]

    def test_the_region_filter_counts_a_visit_to_two_of_its_municipalities_once(self, client):
        make_visit(
            title="Divos reģionos",
            municipalities=[
                get_municipality("rezeknes-novads"),
                get_municipality("vilakas-novads"),
            ],
            status=PUBLISHED,
        )

        response = client.get(LIST_URL, {"regions": "LATGALE"})

        assert listed_titles(response) == ["Divos reģionos"]
        assert response.context["page"].paginator.count == 1

    def test_the_municipality_filter_keeps_only_visits_to_that_municipality(self, client):
        talsi = get_municipality("talsu-novads")
        make_visit(title="Talsos", municipalities=[talsi], status=PUBLISHED)
        make_visit(title="Jelgavā", municipalities=[get_municipality("jelgava")], status=PUBLISHED)

        response = client.get(LIST_URL, {"pasvaldiba": "talsu-novads"})

        assert listed_titles(response) == ["Talsos"]

    def test_the_recommendation_filter_finds_visits_directly_or_through_a_practice(self, client):
        direct = make_visit(title="Tieši", status=PUBLISHED)
        direct.recommendations.add(recommendation(11))
        through = make_visit(title="Caur praksi", status=PUBLISHED)
        make_practice(through, recommendations=[recommendation(11)])
        other = make_visit(title="Cits ierosinājums", status=PUBLISHED)
        other.recommendations.add(recommendation(1))

        response = client.get(LIST_URL, {"ierosinajums": "11"})

        assert sorted(listed_titles(response)) == ["Caur praksi", "Tieši"]

    def test_filters_and_search_combine(self, client):
        ventspils = get_municipality("ventspils")
        make_visit(
            title="Ventspils skolas",
            start_date=dt.date(2019, 10, 17),
            municipalities=[ventspils],
            status=PUBLISHED,
        )
        make_visit(
            title="Ventspils bibliotēka",
            start_date=dt.date(2019, 10, 17),
            municipalities=[ventspils],
            status=PUBLISHED,
        )
        make_visit(
            title="Ventspils skolas vēlāk",
            start_date=dt.date(2021, 3, 1),
            municipalities=[ventspils],
            status=PUBLISHED,
        )

        response = client.get(
            LIST_URL,
            {"gads": "2019", "regions": "kurzeme", "pasvaldiba": "ventspils", "q": "skolas"},
        )

        assert listed_titles(response) == ["Ventspils skolas"]

    def test_only_the_years_and_municipalities_of_visible_visits_are_offered(self, client):
        make_visit(
            start_date=dt.date(2019, 10, 17),
            municipalities=[get_municipality("ventspils")],
            status=PUBLISHED,
        )
        make_visit(
            start_date=dt.date(2026, 12, 10),
            municipalities=[get_municipality("jelgava")],
            status=DRAFT,
        )

        form = client.get(LIST_URL).context["form"]

        assert [value for value, _label in form.fields["gads"].choices] == ["", 2019]
        assert [m.slug for m in form.fields["pasvaldiba"].queryset] == ["ventspils"]

    def test_every_filter_field_has_a_label(self, client):
        content = client.get(LIST_URL).content.decode()

        for name in ("q", "gads", "regions", "pasvaldiba", "ierosinajums"):
            assert f'<label for="id_{name}">' in content
            assert f'id="id_{name}"' in content

    @pytest.mark.parametrize(
        "query",
        [
            {"gads": "abc"},
            {"gads": "1900"},
            {"gads": "99999999999999999999999"},
            {"regions": "marss"},
            {"pasvaldiba": "nav-tadas"},
            {"ierosinajums": "99"},
            {"ierosinajums": "-1"},
            {"ierosinajums": "1.5"},
            {"q": "\x00"},
            {"q": "x" * 1000},
            {"lapa": "abc"},
            {"lapa": "0"},
            {"lapa": "-3"},
            {"lapa": "99999999999999999999"},
        ],
    )
    def test_a_bad_parameter_shows_the_whole_list_never_an_error(self, client, query):
        make_visit(title="Vienīgā vizīte", start_date=dt.date(2019, 10, 17), status=PUBLISHED)

        response = client.get(LIST_URL, query)

        assert response.status_code == 200
        assert listed_titles(response) == ["Vienīgā vizīte"]

    def test_a_value_that_is_not_understood_is_reported_on_its_field(self, client):
        make_visit(start_date=dt.date(2019, 10, 17), status=PUBLISHED)

        response = client.get(LIST_URL, {"gads": "1900", "regions": "kurzeme"})

        form = response.context["form"]
        assert list(form.errors) == ["gads"]
        assert 'class="message message--error"' in response.content.decode()

    def test_a_bad_filter_is_left_out_while_the_good_ones_apply(self, client):
        make_visit(title="2019", start_date=dt.date(2019, 10, 17), status=PUBLISHED)
        make_visit(title="2020", start_date=dt.date(2020, 7, 2), status=PUBLISHED)

        response = client.get(LIST_URL, {"gads": "2019", "ierosinajums": "abc"})

        assert listed_titles(response) == ["2019"]


class TestVisitListPages:
    def test_it_shows_twenty_visits_a_page_and_the_rest_on_the_last(self, client):
        bulk_visits(45, start=dt.date(2020, 1, 1))

        first = client.get(LIST_URL)
        last = client.get(LIST_URL, {"lapa": "3"})

        assert len(first.context["page"].object_list) == 20
        assert len(last.context["page"].object_list) == 5
        assert first.context["page"].paginator.count == 45

    def test_a_page_beyond_the_last_shows_the_last(self, client):
        bulk_visits(25, start=dt.date(2020, 1, 1))

        response = client.get(LIST_URL, {"lapa": "999"})

        assert response.status_code == 200
        assert response.context["page"].number == 2

    def test_a_page_that_is_not_a_number_shows_the_first(self, client):
        bulk_visits(25, start=dt.date(2020, 1, 1))

        response = client.get(LIST_URL, {"lapa": "otrā"})

        assert response.context["page"].number == 1

    def test_the_page_links_keep_the_search_and_filters(self, client):
        bulk_visits(25, start=dt.date(2020, 1, 1), places="Sabile")

        content = client.get(LIST_URL, {"q": "sabile", "gads": "2019"}).content.decode()

        next_link = re.search(r'<a href="([^"]+)" rel="next"', content).group(1)
        assert "q=sabile" in next_link
        assert "gads=2019" in next_link
        assert "lapa=2" in next_link


class TestVisitListCount:
    """The count uses Latvian plural forms (expects the merged lv catalog)."""

    @pytest.mark.parametrize(
        ("count", "text"),
        [
            (0, "0 vizīšu"),
            (1, "1 vizīte"),
            (2, "2 vizītes"),
            (10, "10 vizīšu"),
            (11, "11 vizīšu"),
            (21, "21 vizīte"),
            (22, "22 vizītes"),
        ],
    )
    def test_it_says_how_many_visits_in_latvian(self, client, count, text):
        bulk_visits(count, start=dt.date(2020, 1, 1))

        content = client.get(LIST_URL).content.decode()

        assert f'class="count">{text}</h2>' in content


# --- one visit ------------------------------------------------------------------------


class TestVisitDetail:
    def test_it_shows_the_municipalities_linked_places_and_latvian_dates(self, client):
        visit = make_visit(
            title="Labās prakses vizīte Ventspilī",
            start_date=dt.date(2019, 10, 17),
            end_date=dt.date(2019, 10, 18),
            places="Ventspils skolas",
            municipalities=[get_municipality("ventspils")],
            status=PUBLISHED,
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "2019. gada 17.–18. oktobris" in content
        assert '<a href="/pasvaldibas/ventspils/">Ventspils</a>' in content
        assert "Ventspils skolas" in content

    def test_a_three_day_visit_shows_its_latvian_date_range(self, client):
        visit = make_visit(
            start_date=dt.date(2019, 1, 23), end_date=dt.date(2019, 1, 25), status=PUBLISHED
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "2019. gada 23.–25. janvāris" in content

    def test_the_agenda_is_shown_day_by_day_in_time_order_with_latvian_dates(self, client):
        visit = make_visit(
            start_date=dt.date(2019, 10, 17), end_date=dt.date(2019, 10, 18), status=PUBLISHED
        )
        make_agenda_item(visit, day=2, title="Tikšanās ar domi", start_time=dt.time(10, 0))
        make_agenda_item(
            visit,
            day=1,
            title="Sociālais dienests",
            start_time=dt.time(14, 0),
            place="Ventspils sociālais dienests",
            kind=AgendaItem.Kind.INSTITUTION_VISIT,
        )
        make_agenda_item(visit, day=1, title="Skolas apmeklējums", start_time=dt.time(9, 30))

        content = client.get(visit.get_absolute_url()).content.decode()

        positions = [
            content.index(text)
            for text in (
                "2019. gada 17. oktobris</time>",
                "Skolas apmeklējums",
                "Sociālais dienests",
                "2019. gada 18. oktobris</time>",
                "Tikšanās ar domi",
            )
        ]
        assert positions == sorted(positions)
        assert '<time datetime="09:30">09:30</time>' in content
        assert "Ventspils sociālais dienests" in content
        assert 'id="diena-1"' in content and 'id="diena-2"' in content

    def test_it_renders_the_summary_sanitised(self, client):
        visit = make_visit(
            summary="## Apmeklētās vietas\n\n- Skola\n\n<script>alert(1)</script>",
            status=PUBLISHED,
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "<h2>Apmeklētās vietas</h2>" in content
        assert "<li>Skola</li>" in content
        assert "<script>alert(1)" not in content

    def test_it_shows_each_practice_with_its_recommendations_needs_and_adopters(self, client):
        visit = make_visit(municipalities=[get_municipality("ventspils")], status=PUBLISHED)
        make_practice(
            visit,
            title="Individuālie atbalsta plāni",
            municipality=get_municipality("ventspils"),
            adoption_requirements="Atbildīgais pedagogs katrā skolā.",
            recommendations=[recommendation(2), recommendation(12)],
            adopted_in=[get_municipality("talsu-novads")],
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "Individuālie atbalsta plāni" in content
        assert '<a href="/ierosinajumi/2/">2. Izglītības veicināšana kā prioritāte</a>' in content
        assert "/ierosinajumi/12/" in content
        assert "Atbildīgais pedagogs katrā skolā." in content
        assert '<a href="/pasvaldibas/talsu-novads/">Talsu novads</a>' in content

    def test_it_lists_the_attachments_with_their_type_and_size(self, client, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        visit = make_visit(status=PUBLISHED)
        Attachment.objects.create(
            visit=visit,
            title="Vizītes pārskats",
            file=SimpleUploadedFile("parskats.pdf", b"%PDF-1.4 " + b"x" * 2039),
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        # Stored under a generated name, never the uploaded one.
        assert re.search(r'<a href="/media/visits/attachments/\d{4}/[0-9a-f]{32}\.pdf">', content)
        assert "Vizītes pārskats" in content
        assert "(PDF, 2,0\xa0KB)" in content

    def test_an_attachment_whose_file_is_missing_still_shows(self, client, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        visit = make_visit(status=PUBLISHED)
        Attachment.objects.create(visit=visit, title="Pazudis", file="visits/attachments/x.pdf")

        response = client.get(visit.get_absolute_url())

        assert response.status_code == 200
        assert "(PDF)" in response.content.decode()

    def test_it_links_the_source_page(self, client):
        visit = make_visit(
            source_url="https://www.km.gov.lv/lv/latvijas-romu-platforma", status=PUBLISHED
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert '<a href="https://www.km.gov.lv/lv/latvijas-romu-platforma">' in content

    def test_it_counts_the_experts_and_their_home_areas_in_one_query(
        self, django_assert_num_queries
    ):
        visit = make_visit(status=PUBLISHED)
        for home_area in ("Ventspils", "Ventspils", "Talsu novads", ""):
            Participation.objects.create(visit=visit, expert=make_expert(home_area=home_area))

        with django_assert_num_queries(1):
            counts = visit.participation_counts()

        assert (counts.experts, counts.home_areas, counts.is_sample) == (4, 2, False)

    def test_it_says_how_many_experts_from_how_many_municipalities_took_part(self, client):
        """Expects the merged lv catalog."""
        visit = make_visit(status=PUBLISHED)
        for home_area in ("Ventspils", "Ventspils", "Talsu novads"):
            Participation.objects.create(visit=visit, expert=make_expert(home_area=home_area))

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "Piedalījās 3 eksperti no 2 pašvaldībām." in content

    def test_sample_participations_are_marked_as_sample(self, client):
        visit = make_visit(status=PUBLISHED)
        Participation.objects.create(visit=visit, expert=make_expert(), is_sample=True)

        response = client.get(visit.get_absolute_url())

        assert response.context["participation"].is_sample is True
        assert "badge--sample" in response.content.decode()

    def test_it_has_no_participants_line_when_nobody_is_recorded(self, client):
        visit = make_visit(status=PUBLISHED)

        response = client.get(visit.get_absolute_url())

        assert response.context["participation"].experts == 0
        assert "took part" not in response.content.decode()

    def test_it_links_the_previous_and_next_visible_visits_skipping_hidden_ones(self, client):
        older = make_visit(title="Vecākā", start_date=dt.date(2017, 1, 26), status=PUBLISHED)
        make_visit(title="Melnraksts", start_date=dt.date(2018, 1, 1), status=DRAFT)
        make_visit(title="Pārskatīšanā", start_date=dt.date(2018, 6, 1), status=REVIEW)
        visit = make_visit(title="Vidējā", start_date=dt.date(2019, 1, 23), status=PUBLISHED)
        newer = make_visit(title="Jaunākā", start_date=dt.date(2019, 10, 17), status=PUBLISHED)

        response = client.get(visit.get_absolute_url())

        content = response.content.decode()
        assert response.context["previous_visit"] == older
        assert response.context["next_visit"] == newer
        assert f'<a href="{older.get_absolute_url()}" rel="prev">' in content
        assert f'<a href="{newer.get_absolute_url()}" rel="next">' in content
        assert "Melnraksts" not in content and "Pārskatīšanā" not in content

    def test_an_expert_is_led_to_a_visit_in_review_as_the_previous_one(self, client):
        in_review = make_visit(start_date=dt.date(2018, 6, 1), status=REVIEW)
        visit = make_visit(start_date=dt.date(2019, 1, 23), status=PUBLISHED)
        client.force_login(make_user())

        response = client.get(visit.get_absolute_url())

        assert response.context["previous_visit"] == in_review

    def test_visits_on_the_same_day_are_still_ordered_one_after_another(self, client):
        first = make_visit(start_date=dt.date(2019, 1, 23), status=PUBLISHED)
        second = make_visit(start_date=dt.date(2019, 1, 23), status=PUBLISHED)

        response = client.get(first.get_absolute_url())

        assert response.context["previous_visit"] is None
        assert response.context["next_visit"] == second

    @pytest.mark.parametrize("status", [DRAFT, REVIEW])
    def test_an_unpublished_visit_is_not_found_by_the_public(self, client, status):
        visit = make_visit(status=status)

        assert client.get(visit.get_absolute_url()).status_code == 404

    def test_a_draft_is_not_found_even_by_a_logged_in_expert(self, client):
        visit = make_visit(status=DRAFT)
        client.force_login(make_user())

        assert client.get(visit.get_absolute_url()).status_code == 404

    def test_an_expert_reads_a_visit_in_review_with_its_marker(self, client):
        visit = make_visit(status=REVIEW)
        client.force_login(make_user())

        response = client.get(visit.get_absolute_url())

        assert response.status_code == 200
        assert 'class="status-marker"' in response.content.decode()

    def test_the_title_and_description_describe_the_visit(self, client):
        visit = make_visit(
            title="Labās prakses vizīte Talsu novadā",
            start_date=dt.date(2020, 7, 2),
            lead="Vizītē speciālisti apmeklēja Sabili.",
            status=PUBLISHED,
        )

        content = client.get(visit.get_absolute_url()).content.decode()

        assert "<title>Labās prakses vizīte Talsu novadā, 2020. gada 2.–3. jūlijs" in content
        assert '<meta name="description" content="Vizītē speciālisti apmeklēja Sabili.">' in content


# --- one municipality -----------------------------------------------------------------


class TestMunicipalityPage:
    def test_it_lists_the_municipalitys_visible_visits_only(self, client):
        talsi = get_municipality("talsu-novads")
        make_visit(title="Publicēta", municipalities=[talsi], status=PUBLISHED)
        make_visit(title="Pārskatīšanā", municipalities=[talsi], status=REVIEW)
        make_visit(title="Melnraksts", municipalities=[talsi], status=DRAFT)
        make_visit(title="Citur", municipalities=[get_municipality("jelgava")], status=PUBLISHED)

        response = client.get(talsi.get_absolute_url())

        assert [visit.title for visit in response.context["visits"]] == ["Publicēta"]
        content = response.content.decode()
        assert "Pārskatīšanā" not in content and "Melnraksts" not in content

    def test_it_shows_good_practices_from_visible_visits_only(self, client):
        talsi = get_municipality("talsu-novads")
        published = make_visit(municipalities=[talsi], status=PUBLISHED)
        draft = make_visit(municipalities=[talsi], status=DRAFT)
        make_practice(published, title="Kultūras nams kā tikšanās vieta", municipality=talsi)
        make_practice(published, title="Bez pašvaldības norādes")
        make_practice(draft, title="Slepena prakse", municipality=talsi)

        response = client.get(talsi.get_absolute_url())

        content = response.content.decode()
        assert "Kultūras nams kā tikšanās vieta" in content
        assert "Bez pašvaldības norādes" in content  # belongs to its visit's municipality
        assert "Slepena prakse" not in content
        assert f'<a href="{published.get_absolute_url()}">' in content

    def test_it_shows_practices_adopted_there_from_elsewhere(self, client):
        talsi = get_municipality("talsu-novads")
        ventspils_visit = make_visit(
            municipalities=[get_municipality("ventspils")], status=PUBLISHED
        )
        make_practice(ventspils_visit, title="Atbalsta plāni", adopted_in=[talsi])

        content = client.get(talsi.get_absolute_url()).content.decode()

        assert "Atbalsta plāni" in content

    def test_the_public_sees_public_actions_only_and_experts_see_internal_ones(self, client):
        talsi = get_municipality("talsu-novads")
        make_action(
            title="Publiska rīcība", municipality=talsi, recommendations=[recommendation(1)]
        )
        make_action(title="Iekšēja rīcība", municipality=talsi, is_public=False)
        make_action(title="Rīcība citur", municipality=get_municipality("jelgava"))

        public = client.get(talsi.get_absolute_url()).content.decode()
        client.force_login(make_user())
        internal = client.get(talsi.get_absolute_url()).content.decode()

        assert "Publiska rīcība" in public
        assert "/ierosinajumi/1/" in public
        assert "Iekšēja rīcība" not in public
        assert "Rīcība citur" not in public
        assert "Iekšēja rīcība" in internal

    def test_it_names_the_successor_when_the_reform_renamed_it(self, client):
        response = client.get(get_municipality("vilakas-novads").get_absolute_url())

        content = response.content.decode()
        assert "<h1>Viļakas novads</h1>" in content
        assert "<dt>Pēc 2021. gada administratīvi teritoriālās reformas</dt>" in content
        assert "<dd>Balvu novads</dd>" in content
        assert "<dd>Latgale</dd>" in content

    def test_it_does_not_repeat_a_successor_with_the_same_name(self, client):
        limbazi = get_municipality("limbazu-novads")

        content = client.get(limbazi.get_absolute_url()).content.decode()

        assert limbazi.renamed_successor == ""
        assert "Pēc 2021. gada administratīvi teritoriālās reformas" not in content

    def test_an_unknown_municipality_is_not_found(self, client):
        response = client.get(reverse("visits:municipality", kwargs={"slug": "nav-tadas"}))

        assert response.status_code == 404


# --- the same number of queries at 8 and at 800 visits (issue 3, item 14) ---


class TestQueriesDoNotGrowWithTheData:
    def test_the_list_page(self, client):
        ventspils = get_municipality("ventspils")
        filters = {"q": "vizite", "regions": "kurzeme", "pasvaldiba": "ventspils", "gads": "2019"}
        link_municipalities(bulk_visits(8, start=dt.date(2019, 12, 1)), ventspils)
        small = query_count(client, LIST_URL), query_count(client, LIST_URL, filters)

        more = bulk_visits(792, start=dt.date(2019, 11, 1))
        link_municipalities(more, ventspils, get_municipality("talsu-novads"))
        for visit in more[:20]:
            enrich(visit, 2)
        large = query_count(client, LIST_URL), query_count(client, LIST_URL, filters)

        assert small == large

    def test_a_visit_page(self, client):
        visit = bulk_visits(1, start=dt.date(2019, 10, 17))[0]
        link_municipalities([visit], get_municipality("ventspils"))
        bulk_visits(7, start=dt.date(2019, 10, 10))
        enrich(visit, 2)
        small = query_count(client, visit.get_absolute_url())

        bulk_visits(792, start=dt.date(2019, 10, 16))
        link_municipalities([visit], get_municipality("talsu-novads"))
        enrich(visit, 30)
        large = query_count(client, visit.get_absolute_url())

        assert small == large

    def test_a_municipality_page(self, client):
        talsi = get_municipality("talsu-novads")
        visits = bulk_visits(8, start=dt.date(2019, 10, 17))
        link_municipalities(visits, talsi)
        enrich(visits[0], 2)
        GoodPractice.objects.filter(visit=visits[0]).update(municipality=talsi)
        bulk_actions(2, talsi)
        small = query_count(client, talsi.get_absolute_url())

        more = bulk_visits(792, start=dt.date(2018, 1, 1))
        link_municipalities(more, talsi, get_municipality("ventspils"))
        for visit in more[:30]:
            enrich(visit, 3)
        GoodPractice.objects.update(municipality=talsi)
        bulk_actions(50, talsi)
        large = query_count(client, talsi.get_absolute_url())

        assert small == large

    def test_the_pages_of_a_logged_in_expert_too(self, client):
        client.force_login(make_user())
        visit = bulk_visits(1, start=dt.date(2019, 10, 17), status=REVIEW)[0]
        bulk_visits(7, start=dt.date(2019, 10, 10))
        enrich(visit, 1)
        small = query_count(client, LIST_URL), query_count(client, visit.get_absolute_url())

        bulk_visits(792, start=dt.date(2019, 10, 16), status=REVIEW)
        enrich(visit, 20)
        large = query_count(client, LIST_URL), query_count(client, visit.get_absolute_url())

        assert small == large
