"""One recommendation /ierosinajumi/<number>/ and one action /ierosinajumi/ricibas/<id>/."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recommendations.models import FollowUpAction
from tests.factories import make_action, make_expert, make_visit, municipality
from tests.recommendations.conftest import bulk_actions, make_update, recommendation
from visits.models import GoodPractice, Visit

pytestmark = pytest.mark.django_db


def published_visit(**fields) -> Visit:
    return make_visit(status=Visit.Status.PUBLISHED, **fields)


class TestRecommendationPage:
    def test_shows_the_description(self, client):
        first = recommendation(1)
        first.description = "Romu mediatori strādā skolās un sociālajos dienestos."
        first.save()

        response = client.get(first.get_absolute_url())

        assert "Romu mediatori strādā skolās" in response.content.decode()

    def test_groups_the_actions_in_progress_planned_done_cancelled(self, client):
        first = recommendation(1)
        make_action(title="Atceltā", recommendations=[first], status="CANCELLED")
        make_action(
            title="Īstenotā",
            recommendations=[first],
            status="DONE",
            done_date=dt.date(2024, 1, 1),
        )
        make_action(title="Plānotā", recommendations=[first])
        make_action(title="Procesā esošā", recommendations=[first], status="IN_PROGRESS")

        response = client.get(first.get_absolute_url())

        groups = response.context["status_groups"]
        assert [group.status for group in groups] == ["IN_PROGRESS", "PLANNED", "DONE", "CANCELLED"]
        assert [[a.title for a in group.actions] for group in groups] == [
            ["Procesā esošā"],
            ["Plānotā"],
            ["Īstenotā"],
            ["Atceltā"],
        ]
        content = response.content.decode()
        assert content.index("Procesā esošā") < content.index("Plānotā") < content.index("Atceltā")

    def test_shows_public_actions_only_to_the_public(self, client):
        first = recommendation(1)
        make_action(title="Iekšējā rīcība", recommendations=[first], is_public=False)

        response = client.get(first.get_absolute_url())

        assert "Iekšējā rīcība" not in response.content.decode()
        assert response.context["progress"].total == 0

    def test_shows_internal_actions_to_a_logged_in_expert(self, expert_client):
        first = recommendation(1)
        make_action(title="Iekšējā rīcība", recommendations=[first], is_public=False)

        response = expert_client.get(first.get_absolute_url())

        assert "Iekšējā rīcība" in response.content.decode()

    def test_lists_the_visits_it_came_from_that_the_public_may_see(self, client):
        first = recommendation(1)
        first.visits.set(
            [
                published_visit(title="Publicētā vizīte"),
                make_visit(title="Vizīte pārskatīšanā", status=Visit.Status.REVIEW),
                make_visit(title="Melnraksta vizīte"),
            ]
        )

        content = client.get(first.get_absolute_url()).content.decode()

        assert "Publicētā vizīte" in content
        assert "Vizīte pārskatīšanā" not in content
        assert "Melnraksta vizīte" not in content

    def test_lists_good_practices_only_from_visits_the_reader_may_see(self, client):
        first = recommendation(1)
        seen = GoodPractice.objects.create(
            visit=published_visit(), title="Skolotāja palīgs skolā", description="…"
        )
        unseen = GoodPractice.objects.create(
            visit=make_visit(status=Visit.Status.REVIEW), title="Slepenā prakse", description="…"
        )
        first.good_practices.set([seen, unseen])

        content = client.get(first.get_absolute_url()).content.decode()

        assert "Skolotāja palīgs skolā" in content
        assert "Slepenā prakse" not in content

    def test_names_only_consenting_experts_to_the_public(self, client):
        first = recommendation(1)
        first.experts.set(
            [
                make_expert(
                    full_name="Ilze Piekritusi", is_public=True, public_consent_at=timezone.now()
                ),
                make_expert(full_name="Anna Nepiekritusi"),
            ]
        )

        content = client.get(first.get_absolute_url()).content.decode()

        assert "Ilze Piekritusi" in content
        assert "Anna Nepiekritusi" not in content

    def test_names_every_expert_in_the_area_to_a_logged_in_expert(self, expert_client):
        first = recommendation(1)
        first.experts.set([make_expert(full_name="Anna Nepiekritusi")])

        content = expert_client.get(first.get_absolute_url()).content.decode()

        assert "Anna Nepiekritusi" in content

    @pytest.mark.parametrize("number", ["14", "0", "99999999999999999999999"])
    def test_an_unknown_number_is_not_found(self, client, number):
        assert client.get(f"/ierosinajumi/{number}/").status_code == 404

    def test_runs_as_many_queries_for_300_actions_as_for_10(self, client):
        first = recommendation(1)
        first.visits.set([published_visit(), published_visit()])
        bulk_actions(10)
        with CaptureQueriesContext(connection) as small:
            client.get(first.get_absolute_url())
        bulk_actions(290)

        with CaptureQueriesContext(connection) as large:
            response = client.get(first.get_absolute_url())

        assert response.context["progress"].total > 20
        assert len(large) == len(small)

    def test_runs_as_many_queries_for_80_visits_and_practices_as_for_8(self, client):
        first = recommendation(1)

        def link_visits(count: int) -> None:
            for _ in range(count):
                visit = published_visit(municipalities=[municipality("ventspils")])
                first.visits.add(visit)
                first.good_practices.add(
                    GoodPractice.objects.create(
                        visit=visit,
                        municipality=municipality("ventspils"),
                        title="Prakse",
                        description="…",
                    )
                )
                first.experts.add(
                    make_expert(
                        is_public=True, public_consent_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
                    )
                )

        link_visits(8)
        with CaptureQueriesContext(connection) as small:
            client.get(first.get_absolute_url())
        link_visits(72)

        with CaptureQueriesContext(connection) as large:
            response = client.get(first.get_absolute_url())

        assert response.context["visits"].total == 80  # the page shows the newest few
        assert len(large) == len(small)


class TestActionPage:
    def test_shows_the_action_and_its_history_as_a_timeline_in_date_order(self, client):
        action = make_action(title="Mediatoru apmācība", start_date=dt.date(2023, 1, 1))
        action.change_status("DONE", on=dt.date(2024, 6, 30), note="Apmācīti 12 mediatori")
        make_update(action, dt.date(2023, 9, 1), status="IN_PROGRESS", note="Sākta apmācība")

        response = client.get(action.get_absolute_url())

        content = response.content.decode()
        assert response.status_code == 200
        assert '<ol class="timeline">' in content
        assert content.index("Sākta apmācība") < content.index("Apmācīti 12 mediatori")
        assert '<time datetime="2024-06-30">2024. gada 30. jūnijs</time>' in content

    def test_an_internal_action_is_not_found_by_the_public(self, client):
        action = make_action(is_public=False)

        assert client.get(action.get_absolute_url()).status_code == 404

    def test_an_internal_action_is_shown_to_a_logged_in_expert(self, expert_client):
        action = make_action(title="Iekšējā rīcība", is_public=False)

        response = expert_client.get(action.get_absolute_url())

        assert response.status_code == 200
        assert "Iekšēja — tikai ekspertiem" in response.content.decode()

    def test_does_not_link_a_visit_the_reader_may_not_see(self, client):
        draft = make_visit(title="Melnraksta vizīte")
        action = make_action(origin_visit=draft)

        content = client.get(action.get_absolute_url()).content.decode()

        assert "Melnraksta vizīte" not in content

    def test_links_the_published_visit_it_came_from(self, client):
        visit = published_visit(title="Vizīte Ventspilī")
        action = make_action(origin_visit=visit)

        content = client.get(action.get_absolute_url()).content.decode()

        assert f'href="{visit.get_absolute_url()}"' in content

    def test_an_unknown_action_is_not_found(self, client):
        assert client.get("/ierosinajumi/ricibas/99999999999999999999999/").status_code == 404

    def test_runs_as_many_queries_with_a_long_history_as_with_a_short_one(self, client):
        action = make_action(start_date=dt.date(2020, 1, 1))
        make_update(action, dt.date(2020, 2, 1))
        with CaptureQueriesContext(connection) as short:
            client.get(action.get_absolute_url())
        for day in range(1, 29):
            make_update(action, dt.date(2021, 2, day))

        with CaptureQueriesContext(connection) as long:
            client.get(action.get_absolute_url())

        assert len(long) == len(short)
        assert FollowUpAction.objects.get(pk=action.pk).updates.count() == 29
