"""The admin's list of actions: the bulk status change, the filters and the export."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from recommendations.models import ActionUpdate, FollowUpAction
from tests.factories import make_action
from tests.recommendations.conftest import recommendation

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:recommendations_followupaction_changelist")


def run_action(client, name: str, actions, **form):
    data = {"action": name, "index": "0", "_selected_action": [a.pk for a in actions], **form}
    return client.post(CHANGELIST, data)


def apply_status(client, actions, **form):
    return run_action(client, "change_status_of_selected", actions, apply="1", **form)


class TestBulkStatusChange:
    def test_asks_for_the_new_status_date_and_note_first(self, staff_client):
        first, second = make_action(title="Pirmā"), make_action(title="Otrā")

        response = run_action(staff_client, "change_status_of_selected", [first, second])

        assert response.status_code == 200
        content = response.content.decode()
        assert "Pirmā" in content and "Otrā" in content
        assert 'name="status"' in content and 'name="date"' in content and 'name="note"' in content
        assert FollowUpAction.objects.filter(status="PLANNED").count() == 2

    def test_changes_every_selected_action_and_writes_each_history(self, staff_client, admin_user):
        first, second, untouched = make_action(), make_action(), make_action()

        response = apply_status(
            staff_client, [first, second], status="IN_PROGRESS", date="2024-04-01", note="Sākts"
        )

        assert response.status_code == 302
        for action in (first, second):
            action.refresh_from_db()
            assert action.status == "IN_PROGRESS"
            update = action.updates.get()
            assert (update.date, update.status_after, update.note, update.author) == (
                dt.date(2024, 4, 1),
                "IN_PROGRESS",
                "Sākts",
                admin_user,
            )
        untouched.refresh_from_db()
        assert (untouched.status, untouched.updates.count()) == ("PLANNED", 0)

    def test_marking_done_dates_actions_without_a_done_date(self, staff_client):
        action = make_action()

        apply_status(staff_client, [action], status="DONE", date="2024-06-30", note="")

        action.refresh_from_db()
        assert (action.status, action.done_date) == ("DONE", dt.date(2024, 6, 30))

    def test_cancelling_without_a_note_is_refused_and_changes_nothing(self, staff_client):
        first, second = make_action(), make_action()

        response = apply_status(
            staff_client, [first, second], status="CANCELLED", date="2024-04-01", note="  "
        )

        assert response.status_code == 200
        assert "Norādiet, kāpēc rīcība atcelta." in response.content.decode()
        assert set(FollowUpAction.objects.values_list("status", flat=True)) == {"PLANNED"}
        assert ActionUpdate.objects.count() == 0

    def test_one_action_refusing_changes_none_of_them(self, staff_client):
        fine = make_action(title="Labā")
        refusing = make_action(title="Sākas 2025. gadā", start_date=dt.date(2025, 1, 1))

        response = apply_status(
            staff_client, [fine, refusing], status="DONE", date="2024-04-01", note=""
        )

        assert response.status_code == 200
        assert "Sākas 2025. gadā" in response.content.decode()
        assert set(FollowUpAction.objects.values_list("status", flat=True)) == {"PLANNED"}
        assert ActionUpdate.objects.count() == 0

    def test_a_bad_date_is_refused(self, staff_client):
        action = make_action()

        response = apply_status(staff_client, [action], status="DONE", date="vakar", note="")

        assert response.status_code == 200
        action.refresh_from_db()
        assert action.status == "PLANNED"


class TestListFilters:
    def test_the_overdue_filter_keeps_open_actions_past_their_due_date(self, staff_client):
        make_action(title="Nokavētā", due_date=dt.date(2000, 1, 1))
        make_action(title="Laikā", due_date=dt.date(2999, 1, 1))
        make_action(
            title="Īstenotā",
            status="DONE",
            due_date=dt.date(2000, 1, 1),
            done_date=dt.date(2000, 2, 1),
        )

        response = staff_client.get(CHANGELIST, {"nokavetas": "ja"})

        assert [a.title for a in response.context["cl"].result_list] == ["Nokavētā"]

    def test_the_not_overdue_choice_keeps_the_rest(self, staff_client):
        make_action(title="Nokavētā", due_date=dt.date(2000, 1, 1))
        make_action(title="Bez termiņa")

        response = staff_client.get(CHANGELIST, {"nokavetas": "ne"})

        assert [a.title for a in response.context["cl"].result_list] == ["Bez termiņa"]

    def test_filters_by_recommendation_and_shows_the_numbers(self, staff_client):
        make_action(title="Pirmā", recommendations=[recommendation(1), recommendation(4)])
        make_action(title="Otrā", recommendations=[recommendation(2)])

        response = staff_client.get(
            CHANGELIST, {"recommendations__id__exact": recommendation(4).pk}
        )

        assert [a.title for a in response.context["cl"].result_list] == ["Pirmā"]
        assert "1; 4" in response.content.decode()


class TestAdminExport:
    def test_exports_the_selected_actions_internal_ones_included_as_xlsx(self, staff_client):
        public = make_action(title="Publiskā")
        internal = make_action(title="Iekšējā", is_public=False)
        make_action(title="Neatlasītā")

        response = run_action(staff_client, "export_selected_xlsx", [public, internal])

        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        titles = [row[1] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
        assert sorted(titles) == ["Iekšējā", "Publiskā"]

    def test_exports_the_selected_actions_as_csv(self, staff_client):
        action = make_action(title='=HYPERLINK("http://example.invalid")')

        response = run_action(staff_client, "export_selected_csv", [action])

        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1][1] == '\'=HYPERLINK("http://example.invalid")'

    def test_someone_not_staff_cannot_export(self, expert_client):
        action = make_action()

        response = run_action(expert_client, "export_selected_csv", [action])

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
