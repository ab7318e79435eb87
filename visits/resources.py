"""Municipalities, visits, agendas, good practices and participations as spreadsheets.

Rows name each other by keys people can read: a municipality by its name, a visit by its
address name (slug), an expert by the address name of the profile (or the email). The
key of each table is its ``Meta.import_id_fields``.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext, pgettext_lazy

from experts.resources import ExpertKeyWidget
from platform_site.imports import (
    BooleanWidget,
    ChoiceWidget,
    Column,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
    ManyNaturalKeyWidget,
    NaturalKeyWidget,
    SpreadsheetResource,
    TextWidget,
    TimeWidget,
)
from platform_site.regions import PlanningRegion
from visits.models import AgendaItem, GoodPractice, Municipality, Participation, Visit

ADDRESS_NAME = pgettext_lazy("spreadsheet column", "Address name")
TITLE = pgettext_lazy("spreadsheet column", "Title")
KIND = pgettext_lazy("spreadsheet column", "Kind")
DESCRIPTION = pgettext_lazy("spreadsheet column", "Description")
SAMPLE = pgettext_lazy("spreadsheet column", "Sample content")
VISIT_KEY = pgettext_lazy("spreadsheet column", "Visit (address name)")


def visit_key() -> NaturalKeyWidget:
    return NaturalKeyWidget(Visit, "slug")


def municipality_key() -> NaturalKeyWidget:
    return NaturalKeyWidget(Municipality, "name")


class MunicipalityResource(SpreadsheetResource):
    slug = Column("slug", ADDRESS_NAME)
    name = Column("name", pgettext_lazy("spreadsheet column", "Name"))
    kind = Column("kind", KIND, ChoiceWidget(Municipality.Kind))
    planning_region = Column(
        "planning_region",
        pgettext_lazy("spreadsheet column", "Planning region"),
        ChoiceWidget(PlanningRegion),
    )
    centre = Column("centre", pgettext_lazy("spreadsheet column", "Centre"))
    latitude = Column("latitude", pgettext_lazy("spreadsheet column", "Latitude"), DecimalWidget())
    longitude = Column(
        "longitude", pgettext_lazy("spreadsheet column", "Longitude"), DecimalWidget()
    )
    places_visited = Column("places_visited", pgettext_lazy("spreadsheet column", "Places visited"))
    valid_until = Column(
        "valid_until", pgettext_lazy("spreadsheet column", "Valid until"), DateWidget()
    )
    successor_name = Column(
        "successor_name", pgettext_lazy("spreadsheet column", "Successor since the 2021 reform")
    )

    class Meta:
        model = Municipality
        name = pgettext_lazy("spreadsheet", "Municipalities")
        import_id_fields = ["slug"]
        fields = (
            "slug", "name", "kind", "planning_region", "centre", "latitude", "longitude",
            "places_visited", "valid_until", "successor_name",
        )  # fmt: skip


class VisitResource(SpreadsheetResource):
    """Visits and meetings. Publishing through an import dates it as the admin does."""

    slug = Column("slug", ADDRESS_NAME)
    title = Column("title", TITLE)
    kind = Column("kind", KIND, ChoiceWidget(Visit.Kind))
    status = Column(
        "status", pgettext_lazy("spreadsheet column", "Status"), ChoiceWidget(Visit.Status)
    )
    municipalities = Column(
        "municipalities",
        pgettext_lazy("spreadsheet column", "Municipalities"),
        ManyNaturalKeyWidget(Municipality, "name"),
    )
    places = Column("places", pgettext_lazy("spreadsheet column", "Places visited"))
    start_date = Column(
        "start_date", pgettext_lazy("spreadsheet column", "Start date"), DateWidget()
    )
    end_date = Column("end_date", pgettext_lazy("spreadsheet column", "End date"), DateWidget())
    project = Column("project", pgettext_lazy("spreadsheet column", "Project"))
    lead = Column("lead", pgettext_lazy("spreadsheet column", "Lead"))
    summary = Column("summary", pgettext_lazy("spreadsheet column", "Summary"))
    source_url = Column("source_url", pgettext_lazy("spreadsheet column", "Source page"))
    is_sample = Column("is_sample", SAMPLE, BooleanWidget())

    class Meta:
        model = Visit
        name = pgettext_lazy("spreadsheet", "Visits and meetings")
        import_id_fields = ["slug"]
        fields = (
            "slug", "title", "kind", "status", "municipalities", "places", "start_date",
            "end_date", "project", "lead", "summary", "source_url", "is_sample",
        )  # fmt: skip

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.prefetch_related("municipalities")

    def complete_instance(self, visit: Visit) -> None:
        """The first publishing is dated, as in the admin (a published visit must have the
        date). Visit.save() refreshes ``search_text``: the library saves with save()."""
        visit.set_status(visit.status, now=self.current_time())

    def row_errors(self, visit: Visit, row: dict[str, Any]) -> dict[str, list[str]]:
        """The admin's rule: a good-practice visit goes somewhere, a meeting nowhere."""
        field = self.fields["municipalities"]
        if field.column_name in row:
            try:
                municipalities = field.clean(row)
            except ValueError:
                return {}  # already an error of that column
        elif visit.pk:
            municipalities = list(visit.municipalities.all())
        else:
            municipalities = []
        if visit.kind == Visit.Kind.GOOD_PRACTICE_VISIT and not municipalities:
            return {
                "municipalities": [
                    gettext("A good-practice visit needs at least one municipality.")
                ]
            }
        if visit.kind == Visit.Kind.NETWORK_MEETING and municipalities:
            message = gettext("A network meeting is held online or in Riga: no municipality.")
            return {"municipalities": [message]}
        return {}


class AgendaItemResource(SpreadsheetResource):
    """Agenda items: a point is known by its visit, day and title."""

    visit = Column("visit", VISIT_KEY, visit_key())
    day = Column("day", pgettext_lazy("spreadsheet column", "Day"), IntegerWidget())
    order = Column("order", pgettext_lazy("spreadsheet column", "Order"), IntegerWidget())
    start_time = Column(
        "start_time", pgettext_lazy("spreadsheet column", "Start time"), TimeWidget()
    )
    end_time = Column("end_time", pgettext_lazy("spreadsheet column", "End time"), TimeWidget())
    kind = Column("kind", KIND, ChoiceWidget(AgendaItem.Kind))
    place = Column("place", pgettext_lazy("spreadsheet column", "Place"))
    title = Column("title", TITLE)
    description = Column("description", DESCRIPTION)
    is_sample = Column("is_sample", SAMPLE, BooleanWidget())

    class Meta:
        model = AgendaItem
        name = pgettext_lazy("spreadsheet", "Agenda items")
        import_id_fields = ["visit", "day", "title"]
        fields = (
            "visit", "day", "order", "start_time", "end_time", "kind", "place", "title",
            "description", "is_sample",
        )  # fmt: skip

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.select_related("visit")


class GoodPracticeResource(SpreadsheetResource):
    """Good practices: a practice is known by its visit and title (unique together)."""

    visit = Column("visit", VISIT_KEY, visit_key())
    title = Column("title", TITLE)
    municipality = Column(
        "municipality", pgettext_lazy("spreadsheet column", "Municipality"), municipality_key()
    )
    description = Column("description", DESCRIPTION)
    run_by = Column("run_by", pgettext_lazy("spreadsheet column", "Who runs it"))
    target_group = Column("target_group", pgettext_lazy("spreadsheet column", "Target group"))
    results = Column("results", pgettext_lazy("spreadsheet column", "Results and their evidence"))
    evidence_type = Column(
        "evidence_type",
        pgettext_lazy("spreadsheet column", "Evidence type"),
        ChoiceWidget(GoodPractice.Evidence),
    )
    adoption_requirements = Column(
        "adoption_requirements",
        pgettext_lazy("spreadsheet column", "What another municipality needs to adopt it"),
    )
    adopted_in = Column(
        "adopted_in",
        pgettext_lazy("spreadsheet column", "Adopted since in"),
        ManyNaturalKeyWidget(Municipality, "name"),
    )
    is_sample = Column("is_sample", SAMPLE, BooleanWidget())

    class Meta:
        model = GoodPractice
        name = pgettext_lazy("spreadsheet", "Good practices")
        import_id_fields = ["visit", "title"]
        fields = (
            "visit", "title", "municipality", "description", "run_by", "target_group",
            "results", "evidence_type", "adoption_requirements", "adopted_in", "is_sample",
        )  # fmt: skip

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.select_related("visit", "municipality").prefetch_related("adopted_in")


class ParticipationResource(SpreadsheetResource):
    """Who took part in which visit: personal data, so its exports are logged as such.

    The expert is written as the address name of the profile, never the email (a contact
    detail the expert may not share); an import accepts either.
    """

    contains_personal_data = True

    visit = Column("visit", VISIT_KEY, visit_key())
    expert = Column(
        "expert",
        pgettext_lazy("spreadsheet column", "Expert (address name or email)"),
        ExpertKeyWidget(),
    )
    expert_name = Column(
        "expert__full_name",
        pgettext_lazy("spreadsheet column", "Full name"),
        TextWidget(),
        readonly=True,
    )
    role = Column(
        "role", pgettext_lazy("spreadsheet column", "Role"), ChoiceWidget(Participation.Role)
    )
    is_sample = Column("is_sample", SAMPLE, BooleanWidget())

    class Meta:
        model = Participation
        name = pgettext_lazy("spreadsheet", "Participants")
        import_id_fields = ["visit", "expert"]
        fields = ("visit", "expert", "expert_name", "role", "is_sample")

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.select_related("visit", "expert")
