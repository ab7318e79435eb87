"""The dashboard /ierosinajumi/: counts, shares, overdue and stale flags, the matrix, filters."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from platform_site import page_cache
from recommendations import tracker
from recommendations.models import FollowUpAction, months_before
from tests.factories import make_action, municipality
from tests.recommendations.conftest import bulk_actions, make_update, recommendation

pytestmark = pytest.mark.django_db

DONE, PLANNED, IN_PROGRESS, CANCELLED = "DONE", "PLANNED", "IN_PROGRESS", "CANCELLED"
TODAY = dt.date(2025, 3, 2)
URL = reverse("recommendations:list")


def progress_of(number: int, *, today: dt.date = TODAY) -> tracker.Progress:
    rows = tracker.progress_by_recommendation(
        [recommendation(number)], FollowUpAction.objects.all(), today=today
    )
    return rows[0].progress


def done(**fields) -> FollowUpAction:
    fields.setdefault("done_date", dt.date(2024, 5, 1))
    return make_action(status=DONE, **fields)


class TestCounts:
    def test_with_no_actions_at_all_every_recommendation_counts_zero_and_has_no_share(self):
        rows = tracker.progress_by_recommendation(
            [recommendation(n) for n in range(1, 14)], FollowUpAction.objects.all(), today=TODAY
        )

        assert [row.progress.total for row in rows] == [0] * 13
        assert {row.progress.percent_done for row in rows} == {None}

    def test_with_no_actions_at_all_the_dashboard_lists_the_13_with_nothing_to_measure(
        self, client
    ):
        response = client.get(URL)

        assert response.status_code == 200
        assert [row.progress.total for row in response.context["progress"]] == [0] * 13
        assert response.content.decode().count('<span aria-hidden="true">—</span>') >= 13 * 10

    def test_counts_the_actions_of_a_recommendation_by_status(self):
        first = recommendation(1)
        make_action(recommendations=[first])
        make_action(recommendations=[first], status=IN_PROGRESS)
        done(recommendations=[first])
        make_action(recommendations=[first], status=CANCELLED)
        make_action(recommendations=[recommendation(2)])

        progress = progress_of(1)

        assert (progress.planned, progress.in_progress, progress.done, progress.cancelled) == (
            1,
            1,
            1,
            1,
        )
        assert progress.total == 4

    def test_an_action_serving_two_recommendations_counts_under_both(self):
        done(recommendations=[recommendation(1), recommendation(4)])

        assert progress_of(1).done == 1
        assert progress_of(4).done == 1
        assert progress_of(2).total == 0

    def test_the_overall_numbers_count_an_action_serving_two_recommendations_once(self):
        done(recommendations=[recommendation(1), recommendation(4)])

        overall = tracker.overall_progress(FollowUpAction.objects.all(), today=TODAY)

        assert (overall.total, overall.done) == (1, 1)


class TestShareDone:
    def test_is_done_against_all_but_the_cancelled(self):
        first = recommendation(1)
        done(recommendations=[first])
        make_action(recommendations=[first])
        make_action(recommendations=[first], status=CANCELLED)

        progress = progress_of(1)

        assert (progress.done, progress.counted, progress.percent_done) == (1, 2, 50)

    def test_rounds_half_up(self):
        assert tracker.Progress(done=1, planned=7).percent_done == 13  # 12.5 %
        assert tracker.Progress(done=2, planned=1).percent_done == 67

    def test_has_none_when_every_action_is_cancelled(self):
        make_action(recommendations=[recommendation(1)], status=CANCELLED)

        assert progress_of(1).percent_done is None

    def test_is_shown_as_a_percentage_and_as_text(self, client):
        first = recommendation(1)
        done(recommendations=[first])
        make_action(recommendations=[first])

        content = client.get(URL).content.decode()

        assert "<strong>50%</strong>" in content or "<strong>50 %</strong>" in content
        assert "(1 " in content and " 2 " in content


class TestOverdue:
    def test_counts_an_open_action_past_its_due_date(self):
        make_action(recommendations=[recommendation(1)], due_date=dt.date(2025, 3, 1))

        assert progress_of(1, today=dt.date(2025, 3, 2)).overdue == 1

    def test_does_not_count_an_action_due_today(self):
        make_action(recommendations=[recommendation(1)], due_date=dt.date(2025, 3, 2))

        assert progress_of(1, today=dt.date(2025, 3, 2)).overdue == 0

    def test_does_not_count_a_done_or_cancelled_action(self):
        first = recommendation(1)
        make_action(
            recommendations=[first],
            status=DONE,
            due_date=dt.date(2025, 1, 1),
            done_date=dt.date(2025, 2, 1),
        )
        make_action(recommendations=[first], status=CANCELLED, due_date=dt.date(2025, 1, 1))

        assert progress_of(1, today=dt.date(2025, 3, 2)).overdue == 0

    def test_today_is_the_day_in_riga_not_in_utc(self, client, monkeypatch):
        make_action(recommendations=[recommendation(1)], due_date=dt.date(2025, 3, 1))
        # 22:30 UTC on 1 March is 00:30 on 2 March in Riga (UTC+2): the due day is past.
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 1, 22, 30, tzinfo=dt.UTC))

        response = client.get(URL)

        assert response.context["today"] == dt.date(2025, 3, 2)
        assert response.context["overall"].overdue == 1

    def test_an_action_due_today_in_riga_is_not_yet_overdue(self, client, monkeypatch):
        make_action(recommendations=[recommendation(1)], due_date=dt.date(2025, 3, 1))
        # 21:30 UTC on 1 March is 23:30 on 1 March in Riga: still the due day.
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 1, 21, 30, tzinfo=dt.UTC))

        response = client.get(URL)

        assert response.context["overall"].overdue == 0

    def test_an_overdue_action_is_flagged_with_text(self, client, monkeypatch):
        make_action(title="Nokavētā rīcība", due_date=dt.date(2025, 3, 1))
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 5, 12, tzinfo=dt.UTC))

        response = client.get(URL)

        [action] = response.context["page"].object_list
        assert action.overdue is True
        assert 'class="status-marker"' in response.content.decode()


class TestStale:
    def test_counts_an_open_action_whose_last_update_is_twelve_months_old(self):
        action = make_action(recommendations=[recommendation(1)], start_date=dt.date(2023, 1, 1))
        make_update(action, dt.date(2024, 3, 1))

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 1

    def test_does_not_count_one_updated_a_day_less_than_twelve_months_ago(self):
        action = make_action(recommendations=[recommendation(1)], start_date=dt.date(2023, 1, 1))
        make_update(action, dt.date(2024, 3, 2))

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 0

    def test_the_latest_update_counts_not_the_first(self):
        action = make_action(recommendations=[recommendation(1)], start_date=dt.date(2020, 1, 1))
        make_update(action, dt.date(2021, 1, 1))
        make_update(action, dt.date(2025, 1, 1))

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 0

    def test_an_action_never_updated_is_measured_from_its_start(self):
        make_action(recommendations=[recommendation(1)], start_date=dt.date(2024, 3, 1))
        make_action(recommendations=[recommendation(2)], start_date=dt.date(2024, 3, 2))

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 1
        assert progress_of(2, today=dt.date(2025, 3, 1)).stale == 0

    def test_an_action_with_no_date_is_measured_from_its_creation(self):
        action = make_action(recommendations=[recommendation(1)])
        FollowUpAction.objects.filter(pk=action.pk).update(
            created_at=dt.datetime(2024, 2, 29, 23, 30, tzinfo=dt.UTC)  # 1 March in Riga
        )

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 1
        assert progress_of(1, today=dt.date(2025, 2, 28)).stale == 0

    def test_a_done_action_is_never_stale(self):
        done(recommendations=[recommendation(1)], start_date=dt.date(2020, 1, 1))

        assert progress_of(1, today=dt.date(2025, 3, 1)).stale == 0

    def test_twelve_months_before_a_leap_day_is_the_last_day_of_february(self):
        assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
        assert months_before(dt.date(2025, 1, 15), 12) == dt.date(2024, 1, 15)


class TestMatrix:
    def test_counts_actions_per_recommendation_and_municipality(self, client):
        first, fourth = recommendation(1), recommendation(4)
        ventspils = municipality("ventspils")
        make_action(recommendations=[first], municipality=ventspils)
        make_action(recommendations=[first, fourth], municipality=ventspils)
        make_action(recommendations=[first])

        matrix = client.get(URL).context["matrix"]

        row_one = next(row for row in matrix.rows if row.recommendation == first)
        cells = {cell.municipality: cell.count for cell in row_one.cells}
        assert cells[ventspils] == 2
        assert cells[None] == 1
        assert cells[municipality("jelgava")] == 0
        row_four = next(row for row in matrix.rows if row.recommendation == fourth)
        assert {cell.municipality: cell.count for cell in row_four.cells}[ventspils] == 1

    def test_is_a_table_with_headers_and_says_where_nothing_happens(self, client):
        content = client.get(URL).content.decode()

        assert '<th scope="col">Ventspils</th>' in content
        assert '<th scope="row"><a href="/ierosinajumi/1/">' in content
        assert '<span aria-hidden="true">—</span><span class="visually-hidden">' in content


class TestFilters:
    def test_by_status(self, client):
        done(title="Īstenotā")
        make_action(title="Plānotā")

        response = client.get(URL, {"statuss": DONE})

        assert [a.title for a in response.context["page"].object_list] == ["Īstenotā"]
        assert response.context["overall"].total == 1

    def test_by_municipality(self, client):
        make_action(title="Ventspilī", municipality=municipality("ventspils"))
        make_action(title="Jelgavā", municipality=municipality("jelgava"))

        response = client.get(URL, {"pasvaldiba": "ventspils"})

        assert [a.title for a in response.context["page"].object_list] == ["Ventspilī"]

    def test_by_institution(self, client):
        make_action(title="Ministrijas", responsible_institution="Kultūras ministrija")
        make_action(title="Dienesta", responsible_institution="Ventspils sociālais dienests")

        response = client.get(URL, {"iestade": "Ventspils sociālais dienests"})

        assert [a.title for a in response.context["page"].object_list] == ["Dienesta"]

    def test_by_year_keeps_the_actions_under_way_that_year(self, client):
        make_action(title="Ilgstošā", start_date=dt.date(2019, 1, 1), due_date=dt.date(2023, 1, 1))
        done(title="Pabeigtā agrāk", start_date=dt.date(2019, 1, 1), done_date=dt.date(2020, 5, 1))
        make_action(title="Vēlākā", start_date=dt.date(2022, 1, 1))
        make_action(title="Bez datumiem")

        response = client.get(URL, {"gads": "2021"})

        assert {a.title for a in response.context["page"].object_list} == {"Ilgstošā"}

    @pytest.mark.parametrize(
        "query",
        [
            {"statuss": "NAV"},
            {"pasvaldiba": "atlantida"},
            {"iestade": "<script>"},
            {"gads": "divtūkstoši"},
            {"gads": "99999999999999999999"},
            {"lapa": "999999"},
            {"lapa": "-1"},
        ],
    )
    def test_a_bad_value_gives_a_clean_page_with_the_filter_left_off(self, client, query):
        make_action(title="Redzamā")

        response = client.get(URL, query)

        assert response.status_code == 200
        assert [a.title for a in response.context["page"].object_list] == ["Redzamā"]


class TestWhoSeesWhat:
    def test_the_public_sees_public_actions_only(self, client):
        make_action(title="Publiskā", recommendations=[recommendation(1)])
        make_action(title="Iekšējā", recommendations=[recommendation(1)], is_public=False)

        response = client.get(URL)

        assert "Publiskā" in response.content.decode()
        assert "Iekšējā" not in response.content.decode()
        assert response.context["overall"].total == 1

    def test_a_logged_in_expert_sees_internal_actions_marked(self, expert_client):
        make_action(title="Iekšējā", recommendations=[recommendation(1)], is_public=False)

        response = expert_client.get(URL)

        content = response.content.decode()
        assert "Iekšējā" in content
        assert "Iekšēja — tikai ekspertiem" in content
        assert response.context["overall"].total == 1


def queries_for(client, url: str) -> int:
    page_cache.clear()  # the queries of rendering the page, not of a kept one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


class TestQueries:
    def test_the_dashboard_runs_as_many_queries_for_300_actions_as_for_10(self, client):
        bulk_actions(10)
        small = queries_for(client, URL)
        bulk_actions(290)

        assert queries_for(client, URL) == small

    def test_the_same_holds_with_filters_for_a_logged_in_expert(self, expert_client):
        query = f"{URL}?statuss=IN_PROGRESS&gads=2022&iestade=Iest%C4%81de+1"
        bulk_actions(10, is_public=False)
        small = queries_for(expert_client, query)
        bulk_actions(290, is_public=False)

        assert queries_for(expert_client, query) == small
