"""The visit list's filters and search, read from the address (GET) so they can be shared."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from platform_site.regions import PlanningRegion
from visits.models import Municipality, VisitQuerySet

QUERY_MAX_LENGTH = 200


def _region_choices() -> list[tuple[str, str]]:
    """Lower-case codes in the address ("?regions=latgale"), the names on the page."""
    return [("", _("All regions"))] + [
        (region.value.lower(), region.label) for region in PlanningRegion
    ]


class LowerCaseChoiceField(forms.ChoiceField):
    """A choice typed in the address in any case ("?regions=LATGALE") is still understood."""

    def to_python(self, value: str | None) -> str:
        return super().to_python(value).lower()


class VisitFilterForm(forms.Form):
    """Search and filters; a value it does not know is an error on that field, not a crash.

    The choices come from the visits the reader may see, so a reader is offered only
    the years, municipalities and recommendations that would find something.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        strip=True,
        help_text=_("Words from the title, places, summary or municipality; diacritics optional."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    gads = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    regions = LowerCaseChoiceField(label=_("Planning region"), required=False)
    pasvaldiba = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    ierosinajums = forms.TypedChoiceField(
        label=_("Recommendation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: QueryDict, *, visits: VisitQuerySet) -> None:
        super().__init__(data)
        self.fields["gads"].choices = [("", _("All years"))] + [
            (year, str(year)) for year in visits.years()
        ]
        self.fields["regions"].choices = _region_choices()
        self.fields["pasvaldiba"].queryset = Municipality.objects.visited_in(visits)
        self.fields["ierosinajums"].choices = [("", _("All recommendations"))] + [
            (number, f"{number}. {title}") for number, title in visits.recommendation_choices()
        ]

    def filter(self, visits: VisitQuerySet) -> VisitQuerySet:
        """The visits that match the valid fields; a field with an error is left out."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("gads"):
            visits = visits.in_year(data["gads"])
        if data.get("regions"):
            visits = visits.in_planning_region(data["regions"].upper())
        if data.get("pasvaldiba"):
            visits = visits.in_municipality(data["pasvaldiba"])
        if data.get("ierosinajums"):
            visits = visits.for_recommendation(data["ierosinajums"])
        if data.get("q"):
            visits = visits.search(data["q"])
        return visits

    @property
    def is_filtered(self) -> bool:
        """Whether any filter or search narrows the list (for the page's wording)."""
        self.is_valid()
        return any(self.cleaned_data.get(name) for name in self.fields)
