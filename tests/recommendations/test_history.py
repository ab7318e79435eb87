"""Every path that changes an action's status leaves an entry in its progress history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations.models import ActionUpdate, FollowUpAction
from tests.factories import make_action
from tests.recommendations.conftest import recommendation

pytestmark = pytest.mark.django_db

CANCELLATION_MESSAGE = "Norādiet, kāpēc rīcība atcelta."


def history(action: FollowUpAction) -> list[tuple]:
    return list(action.updates.order_by("date", "id").values_list("date", "status_after", "note"))


def action_form(action: FollowUpAction | None = None, **changes) -> dict:
    """What the admin's action form posts: the action as it is, with ``changes``."""
    data = {
        "title": "Mediatoru tīkla izveide",
        "description": "",
        "recommendations": [recommendation(1).pk],
        "responsible_institution": "Kultūras ministrija",
        "municipality": "",
        "origin_visit": "",
        "status": "PLANNED",
        "status_note": "",
        "status_date": "",
        "start_date": "",
        "due_date": "",
        "done_date": "",
        "evidence_url": "",
        "is_public": "on",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }
    if action is not None:
        count = str(action.updates.count())
        data.update(
            {
                "title": action.title,
                "description": action.description,
                "recommendations": [r.pk for r in action.recommendations.all()],
                "responsible_institution": action.responsible_institution,
                "status": action.status,
                "start_date": action.start_date.isoformat() if action.start_date else "",
                "due_date": action.due_date.isoformat() if action.due_date else "",
                "done_date": action.done_date.isoformat() if action.done_date else "",
                "updates-TOTAL_FORMS": count,
                "updates-INITIAL_FORMS": count,
            }
        )
        for index, update in enumerate(action.updates.order_by("date", "id")):
            data[f"updates-{index}-id"] = str(update.pk)
            data[f"updates-{index}-action"] = str(action.pk)
    data.update(changes)
    return data


def change_url(action: FollowUpAction) -> str:
    return reverse("admin:recommendations_followupaction_change", args=[action.pk])


class TestChangeStatus:
    def test_records_the_author_and_the_evidence(self, admin_user):
        action = make_action()

        action.change_status(
            "IN_PROGRESS",
            on=dt.date(2024, 3, 1),
            by=admin_user,
            note="Sākts",
            evidence_url="https://example.invalid/zinojums",
        )

        update = action.updates.get()
        assert (update.author, update.evidence_url) == (
            admin_user,
            "https://example.invalid/zinojums",
        )

    def test_a_note_without_a_change_of_status_is_recorded_as_progress(self):
        action = make_action(status="IN_PROGRESS")

        action.change_status("IN_PROGRESS", on=dt.date(2024, 4, 1), note="Notika otrā tikšanās")

        assert history(action) == [(dt.date(2024, 4, 1), "IN_PROGRESS", "Notika otrā tikšanās")]

    def test_reopening_a_done_action_clears_its_done_date(self):
        action = make_action(status="DONE", done_date=dt.date(2024, 1, 1))

        action.change_status("IN_PROGRESS", on=dt.date(2024, 2, 1), note="Atsākts")

        action.refresh_from_db()
        assert (action.status, action.done_date) == ("IN_PROGRESS", None)

    def test_refuses_a_done_date_before_the_start_and_changes_nothing(self):
        action = make_action(start_date=dt.date(2024, 5, 1))

        with pytest.raises(ValidationError):
            action.change_status("DONE", on=dt.date(2024, 4, 1))

        assert action.status == "PLANNED"
        action.refresh_from_db()
        assert (action.status, action.done_date, history(action)) == ("PLANNED", None, [])


class TestChangeStatusOfMany:
    def test_changes_every_action_and_writes_each_history(self):
        first, second = make_action(), make_action()

        changed = FollowUpAction.objects.filter(pk__in=[first.pk, second.pk]).change_status(
            "IN_PROGRESS", on=dt.date(2024, 3, 1), note="Sākts"
        )

        assert changed == 2
        assert history(first) == history(second) == [(dt.date(2024, 3, 1), "IN_PROGRESS", "Sākts")]

    def test_changes_none_when_one_refuses(self):
        fine = make_action(title="Labā")
        refusing = make_action(title="Sākas vēlāk", start_date=dt.date(2025, 1, 1))

        with pytest.raises(ValidationError, match="Sākas vēlāk"):
            FollowUpAction.objects.filter(pk__in=[fine.pk, refusing.pk]).change_status(
                "DONE", on=dt.date(2024, 3, 1)
            )

        assert list(FollowUpAction.objects.values_list("status", flat=True)) == ["PLANNED"] * 2
        assert ActionUpdate.objects.count() == 0


class TestAdminChangeForm:
    def test_a_new_action_starts_its_history(self, staff_client, admin_user):
        response = staff_client.post(
            reverse("admin:recommendations_followupaction_add"),
            action_form(status_date="2024-02-01"),
        )

        assert response.status_code == 302
        action = FollowUpAction.objects.get()
        assert history(action) == [(dt.date(2024, 2, 1), "PLANNED", "")]
        assert action.updates.get().author == admin_user

    def test_a_change_of_status_is_recorded_with_its_note_and_author(
        self, staff_client, admin_user
    ):
        action = make_action(recommendations=[recommendation(1)])

        response = staff_client.post(
            change_url(action),
            action_form(
                action,
                status="IN_PROGRESS",
                status_note="Līgums parakstīts",
                status_date="2024-03-15",
            ),
        )

        assert response.status_code == 302
        action.refresh_from_db()
        assert action.status == "IN_PROGRESS"
        assert history(action) == [(dt.date(2024, 3, 15), "IN_PROGRESS", "Līgums parakstīts")]
        assert action.updates.get().author == admin_user

    def test_marking_done_dates_the_entry_on_the_done_date(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])

        staff_client.post(
            change_url(action), action_form(action, status="DONE", done_date="2024-06-30")
        )

        assert history(action) == [(dt.date(2024, 6, 30), "DONE", "")]

    def test_marking_done_without_a_done_date_is_refused(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])

        response = staff_client.post(change_url(action), action_form(action, status="DONE"))

        assert response.status_code == 200
        assert "Īstenotai rīcībai jānorāda īstenošanas datums." in response.content.decode()
        assert history(action) == []

    def test_cancelling_without_a_note_is_refused_in_latvian(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])

        response = staff_client.post(change_url(action), action_form(action, status="CANCELLED"))

        assert response.status_code == 200
        assert CANCELLATION_MESSAGE in response.content.decode()
        action.refresh_from_db()
        assert (action.status, history(action)) == ("PLANNED", [])

    def test_cancelling_with_a_note_is_recorded(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])

        staff_client.post(
            change_url(action),
            action_form(action, status="CANCELLED", status_note="Finansējums netika piešķirts"),
        )

        action.refresh_from_db()
        assert action.status == "CANCELLED"
        assert history(action)[0][1:] == ("CANCELLED", "Finansējums netika piešķirts")

    def test_an_edit_that_keeps_the_status_writes_no_entry(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])

        staff_client.post(change_url(action), action_form(action, title="Jauns nosaukums"))

        action.refresh_from_db()
        assert (action.title, history(action)) == ("Jauns nosaukums", [])

    def test_the_history_inline_is_read_only(self, staff_client):
        action = make_action(recommendations=[recommendation(1)])
        action.change_status("IN_PROGRESS", on=dt.date(2024, 1, 1), note="Sākts")

        response = staff_client.get(change_url(action))

        inline = response.context["inline_admin_formsets"][0]
        assert not inline.has_add_permission
        assert not inline.has_change_permission
        assert 'name="updates-0-note"' not in response.content.decode()


class TestAdminUpdatePage:
    def test_adding_an_update_sets_the_actions_status(self, staff_client, admin_user):
        action = make_action()

        response = staff_client.post(
            reverse("admin:recommendations_actionupdate_add"),
            {
                "action": action.pk,
                "date": "2024-05-01",
                "status_after": "IN_PROGRESS",
                "note": "Sākts",
                "evidence_url": "",
            },
        )

        assert response.status_code == 302
        action.refresh_from_db()
        assert action.status == "IN_PROGRESS"
        assert history(action) == [(dt.date(2024, 5, 1), "IN_PROGRESS", "Sākts")]
        assert action.updates.get().author == admin_user

    def test_adding_a_cancellation_without_a_note_is_refused(self, staff_client):
        action = make_action()

        response = staff_client.post(
            reverse("admin:recommendations_actionupdate_add"),
            {"action": action.pk, "date": "2024-05-01", "status_after": "CANCELLED", "note": ""},
        )

        assert response.status_code == 200
        assert CANCELLATION_MESSAGE in response.content.decode()
        action.refresh_from_db()
        assert (action.status, history(action)) == ("PLANNED", [])

    def test_the_status_of_a_written_entry_cannot_be_changed(self, staff_client):
        action = make_action()
        update = action.change_status("IN_PROGRESS", on=dt.date(2024, 1, 1), note="Sākts")

        staff_client.post(
            reverse("admin:recommendations_actionupdate_change", args=[update.pk]),
            {"status_after": "DONE", "date": "2025-01-01", "note": "Labots", "evidence_url": ""},
        )

        update.refresh_from_db()
        assert (update.status_after, update.date, update.note) == (
            "IN_PROGRESS",
            dt.date(2024, 1, 1),
            "Labots",
        )
