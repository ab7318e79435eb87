"""Forms of the tracker: the dashboard's filters and the staff's status changes."""

import datetime as dt
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from recommendations.models import ActionUpdate, FollowUpAction
from visits.models import Municipality

CANCELLATION_NEEDS_A_NOTE = _("Say why the action was cancelled.")


class TrackerFilterForm(forms.Form):
    """The dashboard's filters, from the address (GET); a bad value is an error, never a 500.

    The field names are the address's parameters, in Latvian.
    """

    statuss = forms.ChoiceField(label=_("Status"), required=False)
    pasvaldiba = forms.ChoiceField(label=_("Municipality"), required=False)
    iestade = forms.ChoiceField(label=_("Responsible institution"), required=False)
    gads = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Actions under way at some time in that year."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        municipalities: list[Municipality],
        institutions: list[str],
        years: list[int],
    ) -> None:
        super().__init__(data)
        self._municipalities = {municipality.slug: municipality for municipality in municipalities}
        self.fields["statuss"].choices = [
            ("", _("All statuses")),
            *((value, capfirst(label)) for value, label in FollowUpAction.Status.choices),
        ]
        self.fields["pasvaldiba"].choices = [
            ("", _("All municipalities")),
            *((municipality.slug, municipality.name) for municipality in municipalities),
        ]
        self.fields["iestade"].choices = [
            ("", _("All institutions")),
            *((name, name) for name in institutions),
        ]
        self.fields["gads"].choices = [
            ("", _("All years")),
            *((year, str(year)) for year in years),
        ]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``FollowUpActionQuerySet.matching``: the valid fields only."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = self.cleaned_data
        slug = cleaned.get("pasvaldiba") or ""
        return {
            "status": cleaned.get("statuss") or "",
            "municipality": self._municipalities.get(slug),
            "institution": cleaned.get("iestade") or "",
            "year": cleaned.get("gads"),
        }


class FollowUpActionAdminForm(forms.ModelForm):
    """The admin's action form, with the note that goes into the history with a change."""

    status_note = forms.CharField(
        label=_("Note for the progress history"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with a change of status, or on its own as news of progress. "
            "Required when cancelling: say why."
        ),
    )
    status_date = forms.DateField(
        label=_("Date of the change"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Today if left empty; for a done action, its done date."),
    )

    class Meta:
        model = FollowUpAction
        fields = [
            "title",
            "description",
            "recommendations",
            "responsible_institution",
            "municipality",
            "origin_visit",
            "status",
            "start_date",
            "due_date",
            "done_date",
            "evidence_url",
            "is_public",
            "is_sample",
        ]

    def status_changed(self) -> bool:
        return self.instance._state.adding or "status" in self.changed_data

    def writes_history(self) -> bool:
        """A new action, a change of status or a note: each leaves a history entry."""
        return self.status_changed() or bool(self.cleaned_data.get("status_note", "").strip())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cancelling = cleaned.get("status") == FollowUpAction.Status.CANCELLED
        if cancelling and self.status_changed() and not cleaned.get("status_note", "").strip():
            self.add_error("status_note", CANCELLATION_NEEDS_A_NOTE)
        return cleaned

    def history_date(self, *, today: dt.date) -> dt.date:
        """The date of the history entry this save writes."""
        if self.cleaned_data.get("status_date"):
            return self.cleaned_data["status_date"]
        done_date = self.cleaned_data.get("done_date")
        if self.cleaned_data.get("status") == FollowUpAction.Status.DONE and done_date:
            return done_date
        return today


class StatusChangeForm(forms.Form):
    """The admin's bulk status change: one new status, date and note for all the selected."""

    status = forms.ChoiceField(label=_("New status"), choices=FollowUpAction.Status.choices)
    date = forms.DateField(
        label=_("Date of the change"),
        widget=AdminDateWidget,
        help_text=_("Also the done date of actions marked done that have none."),
    )
    note = forms.CharField(
        label=_("Note for the progress history"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when cancelling: say why."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cancelling = cleaned.get("status") == FollowUpAction.Status.CANCELLED
        if cancelling and not cleaned.get("note", "").strip():
            self.add_error("note", CANCELLATION_NEEDS_A_NOTE)
        return cleaned


class ActionUpdateAdminForm(forms.ModelForm):
    """A progress update added on its own: refused as ``change_status`` would refuse it."""

    class Meta:
        model = ActionUpdate
        fields = ["action", "date", "status_after", "note", "evidence_url", "is_sample"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action, status, on = cleaned.get("action"), cleaned.get("status_after"), cleaned.get("date")
        if self.instance._state.adding and action and status and on:
            try:
                action.check_status_change(status, on=on, note=cleaned.get("note", ""))
            except ValidationError as refusal:
                for field, problems in refusal.message_dict.items():
                    self.add_error(field if field == "note" else None, problems)
        return cleaned
