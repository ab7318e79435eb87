"""The recommendations (IEROSINĀJUMI) and what institutions do about them."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertProfile
from visits.models import GoodPractice, Municipality, Visit


class Recommendation(models.Model):
    """One of the recommendations that came out of the visits (13 at first; the list is data)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    visits = models.ManyToManyField(
        Visit, related_name="recommendations", blank=True, verbose_name=_("visits it came from")
    )
    good_practices = models.ManyToManyField(
        GoodPractice,
        related_name="recommendations",
        blank=True,
        verbose_name=_("good practices it came from"),
    )
    experts = models.ManyToManyField(
        ExpertProfile,
        related_name="areas_of_expertise",
        blank=True,
        verbose_name=_("experts in this area"),
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="recommendation_number_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", kwargs={"number": self.number})


class FollowUpActionQuerySet(models.QuerySet):
    def public(self) -> "FollowUpActionQuerySet":
        return self.filter(is_public=True)

    def visible_to(self, user) -> "FollowUpActionQuerySet":
        """Public actions for everyone; internal ones too for experts and staff."""
        if user.is_authenticated:
            return self.all()
        return self.public()

    def open(self) -> "FollowUpActionQuerySet":
        return self.exclude(
            status__in=[FollowUpAction.Status.DONE, FollowUpAction.Status.CANCELLED]
        )

    def in_status_order(self) -> "FollowUpActionQuerySet":
        """In progress first, then planned, done and cancelled; soonest due first within each."""
        rank = models.Case(
            *(
                models.When(status=status, then=models.Value(position))
                for position, status in enumerate(STATUS_DISPLAY_ORDER)
            ),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, models.F("due_date").asc(nulls_last=True), "id")

    def overdue(self, *, today: dt.date) -> "FollowUpActionQuerySet":
        return self.open().filter(due_date__lt=today)


STATUS_DISPLAY_ORDER = ["IN_PROGRESS", "PLANNED", "DONE", "CANCELLED"]


class FollowUpAction(models.Model):
    """Something an institution or municipality does about one or more recommendations."""

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("planned")
        IN_PROGRESS = "IN_PROGRESS", _("in progress")
        DONE = "DONE", _("done")
        CANCELLED = "CANCELLED", _("cancelled")

    recommendations = models.ManyToManyField(
        Recommendation, related_name="actions", verbose_name=_("recommendations")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible_institution = models.CharField(_("responsible institution"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("municipality"),
    )
    origin_visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("visit it came from"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_date = models.DateField(_("done date"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Internal actions are seen by experts and staff only."),
    )
    is_sample = models.BooleanField(_("sample content"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="DONE") | models.Q(done_date__isnull=False),
                name="done_action_has_done_date",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(due_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="action_due_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(done_date__isnull=True)
                | models.Q(done_date__gte=models.F("start_date")),
                name="action_done_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="action_status_due_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == self.Status.DONE and not self.done_date:
            raise ValidationError({"done_date": _("A done action needs its done date.")})
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})
        if self.start_date and self.done_date and self.done_date < self.start_date:
            raise ValidationError(
                {"done_date": _("The done date cannot be before the start date.")}
            )

    def is_overdue(self, *, today: dt.date) -> bool:
        open_statuses = {self.Status.PLANNED, self.Status.IN_PROGRESS}
        return self.status in open_statuses and self.due_date is not None and self.due_date < today

    @transaction.atomic
    def change_status(
        self,
        status: str,
        *,
        on: dt.date,
        by=None,
        note: str = "",
        done_date: dt.date | None = None,
        is_sample: bool = False,
    ) -> "ActionUpdate":
        """Change the status and write the history entry: the one path every change takes."""
        if status == self.Status.CANCELLED and not note.strip():
            raise ValidationError({"note": _("Say why the action was cancelled.")})
        self.status = status
        if status == self.Status.DONE:
            self.done_date = done_date or self.done_date or on
        self.full_clean(exclude=["recommendations"])
        self.save()
        return self.updates.create(
            date=on, note=note, status_after=status, author=by, is_sample=is_sample
        )


class ActionUpdate(models.Model):
    """One entry in an action's progress history."""

    action = models.ForeignKey(
        FollowUpAction, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    status_after = models.CharField(_("status after"), max_length=20, choices=FollowUpAction.Status)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    is_sample = models.BooleanField(_("sample content"), default=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress history")
        ordering = ["action", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status_after="CANCELLED") | ~models.Q(note=""),
                name="cancellation_has_a_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_after_display()}"
