"""The recommendations and the follow-up actions as spreadsheets.

A recommendation is known by its number; its visits by their address names, its good
practices as "visit address name: practice title" (one a line), its experts by the
address names of their profiles. An action is known by its title together with its
responsible institution (decision: titles alone repeat across institutions, and there is
no other readable key); it names its recommendations by number ("1; 4"). A status changed
by an import goes through ``FollowUpAction.change_status``, so it is written in the
action's history like any other change.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext, pgettext_lazy

from experts.resources import ExpertKeysWidget
from platform_site.imports import (
    BooleanWidget,
    ChoiceWidget,
    Column,
    DateWidget,
    IntegerWidget,
    ManyNaturalKeyWidget,
    NaturalKeyWidget,
    SpreadsheetResource,
)
from recommendations.models import FollowUpAction, Recommendation
from visits.models import GoodPractice, Municipality, Visit


class GoodPracticeKeysWidget(ManyNaturalKeyWidget):
    """Good practices, one a line: ``visit-address-name: Title of the practice``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(GoodPractice, "title", **kwargs)

    def keys(self, value: Any) -> list[str]:
        lines = str(value or "").splitlines()
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))

    def find(self, key: str) -> GoodPractice:
        slug, _colon, title = key.partition(":")
        practice = GoodPractice.objects.filter(visit__slug=slug.strip(), title=title.strip())
        found = list(practice[:2])
        if len(found) == 1:
            return found[0]
        raise ValueError(
            gettext("Not found: %(model)s “%(value)s”.")
            % {"model": GoodPractice._meta.verbose_name, "value": key}
        )

    def key_of(self, practice: GoodPractice) -> str:
        return f"{practice.visit.slug}: {practice.title}"

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return "\n".join(self.key_of(practice) for practice in value.all())


class RecommendationResource(SpreadsheetResource):
    # It names experts (by the address names of their profiles): personal data.
    contains_personal_data = True

    number = Column("number", pgettext_lazy("spreadsheet column", "No."), IntegerWidget())
    title = Column("title", pgettext_lazy("spreadsheet column", "Title"))
    description = Column("description", pgettext_lazy("spreadsheet column", "Description"))
    visits = Column(
        "visits",
        pgettext_lazy("spreadsheet column", "Visits (address names)"),
        ManyNaturalKeyWidget(Visit, "slug"),
    )
    good_practices = Column(
        "good_practices",
        pgettext_lazy("spreadsheet column", "Good practices (visit: title)"),
        GoodPracticeKeysWidget(),
    )
    experts = Column(
        "experts",
        pgettext_lazy("spreadsheet column", "Experts in this area (address names)"),
        ExpertKeysWidget(),
    )

    class Meta:
        model = Recommendation
        name = pgettext_lazy("spreadsheet", "Recommendations")
        import_id_fields = ["number"]
        fields = ("number", "title", "description", "visits", "good_practices", "experts")

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.prefetch_related(
            models.Prefetch("visits", queryset=Visit.objects.order_by("start_date", "id")),
            models.Prefetch(
                "good_practices",
                queryset=GoodPractice.objects.select_related("visit").order_by("visit", "id"),
            ),
            "experts",
        )


class FollowUpActionResource(SpreadsheetResource):
    title = Column("title", pgettext_lazy("spreadsheet column", "Title"))
    responsible_institution = Column(
        "responsible_institution", pgettext_lazy("spreadsheet column", "Responsible institution")
    )
    recommendations = Column(
        "recommendations",
        pgettext_lazy("spreadsheet column", "Recommendations"),
        ManyNaturalKeyWidget(Recommendation, "number"),
    )
    description = Column("description", pgettext_lazy("spreadsheet column", "Description"))
    municipality = Column(
        "municipality",
        pgettext_lazy("spreadsheet column", "Municipality"),
        NaturalKeyWidget(Municipality, "name"),
    )
    origin_visit = Column(
        "origin_visit",
        pgettext_lazy("spreadsheet column", "Visit it came from (address name)"),
        NaturalKeyWidget(Visit, "slug"),
    )
    status = Column(
        "status", pgettext_lazy("spreadsheet column", "Status"), ChoiceWidget(FollowUpAction.Status)
    )
    start_date = Column("start_date", pgettext_lazy("spreadsheet column", "Start"), DateWidget())
    due_date = Column("due_date", pgettext_lazy("spreadsheet column", "Due"), DateWidget())
    done_date = Column("done_date", pgettext_lazy("spreadsheet column", "Done"), DateWidget())
    evidence_url = Column("evidence_url", pgettext_lazy("spreadsheet column", "Evidence"))
    is_public = Column("is_public", pgettext_lazy("spreadsheet column", "Public"), BooleanWidget())
    is_sample = Column(
        "is_sample", pgettext_lazy("spreadsheet column", "Sample content"), BooleanWidget()
    )

    class Meta:
        model = FollowUpAction
        name = pgettext_lazy("spreadsheet", "Follow-up actions")
        import_id_fields = ["title", "responsible_institution"]
        fields = (
            "title", "responsible_institution", "recommendations", "description", "municipality",
            "origin_visit", "status", "start_date", "due_date", "done_date", "evidence_url",
            "is_public", "is_sample",
        )  # fmt: skip

    def export_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.select_related("municipality", "origin_visit").prefetch_related(
            models.Prefetch("recommendations", queryset=Recommendation.objects.order_by("number"))
        )

    def after_init_instance(
        self, instance: FollowUpAction, new: bool, row: dict[str, Any], **kwargs: Any
    ) -> None:
        instance.status_before_import = None if new else instance.status

    def do_instance_save(self, action: FollowUpAction, is_create: bool) -> None:
        """A new action, or a change of its status, is saved through ``change_status``: the
        history records it, with the file it came from and who imported it."""
        if not is_create and action.status == action.status_before_import:
            action.save()
            return
        if is_create:
            note = gettext("Added by importing the file “%(file)s”.")
        else:
            note = gettext("Status changed by importing the file “%(file)s”.")
        action.change_status(
            action.status,
            on=self.today(),
            by=self.user if getattr(self.user, "pk", None) else None,
            note=note % {"file": self.file_name},
            done_date=action.done_date,
        )
