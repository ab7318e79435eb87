"""The recommendations (IEROSINĀJUMI) and what institutions do about them."""

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce, Collate, TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertProfile
from platform_site.collation import lv_sort_key
from visits.models import CommentBase, GoodPractice, Municipality, Visit

# An open action with no news for this long is flagged as stale on the dashboard.
STALE_AFTER_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier; the month's last day where it is shorter (29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_cutoff(today: dt.date) -> dt.date:
    """An open action last heard of on or before this day is stale."""
    return months_before(today, STALE_AFTER_MONTHS)


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
        permissions = [
            ("import_recommendation", _("Can import recommendations from a spreadsheet")),
            ("export_recommendation", _("Can export recommendations to a spreadsheet")),
        ]
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

    def visible_visits(self, user) -> models.QuerySet[Visit]:
        """The visits it came from, directly or through one of their good practices, that
        this reader may see, newest first: those the visit list's filter by recommendation
        finds, so that the page's "all N visits" link shows the same N."""
        return (
            Visit.objects.visible_to(user)
            .for_recommendation(self.number)
            .newest_first()
            .with_municipalities()
        )

    def visible_good_practices(self, user) -> models.QuerySet[GoodPractice]:
        """The good practices it came from, only from visits this reader may see."""
        return (
            self.good_practices.filter(visit__in=Visit.objects.visible_to(user))
            .select_related("visit", "municipality")
            .order_by("-visit__start_date", "visit_id", "id")
        )

    def visible_experts(self, user) -> models.QuerySet[ExpertProfile]:
        """Experts in its area: the consenting ones for the public, all for logged-in users."""
        return self.experts.visible_to(user).order_by(Collate("full_name", "lv"), "id")


class FollowUpActionQuerySet(models.QuerySet):
    def public(self) -> "FollowUpActionQuerySet":
        return self.filter(is_public=True)

    def visible_to(self, user) -> "FollowUpActionQuerySet":
        """Public actions for everyone; internal ones too for experts and staff."""
        if user.is_authenticated:
            return self.all()
        return self.public()

    def open(self) -> "FollowUpActionQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

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
        """Open actions whose due date is before ``today`` (pass the day in Europe/Riga)."""
        return self.filter(overdue_condition(today))

    def with_last_activity(self) -> "FollowUpActionQuerySet":
        """Annotate ``last_activity``: the latest history entry, else the start, else creation."""
        latest_update = (
            ActionUpdate.objects.filter(action=models.OuterRef("pk"))
            .order_by("-date", "-id")
            .values("date")[:1]
        )
        return self.annotate(
            last_activity=Coalesce(
                models.Subquery(latest_update, output_field=models.DateField()),
                "start_date",
                TruncDate("created_at"),
                output_field=models.DateField(),
            )
        )

    def stale(self, *, today: dt.date) -> "FollowUpActionQuerySet":
        """Open actions with no news for STALE_AFTER_MONTHS months."""
        return self.open().with_last_activity().filter(last_activity__lte=stale_cutoff(today))

    def with_flags(self, *, today: dt.date) -> "FollowUpActionQuerySet":
        """Annotate the display flags ``overdue`` and ``stale`` as of ``today``."""
        return self.with_last_activity().annotate(
            overdue=models.ExpressionWrapper(
                overdue_condition(today), output_field=models.BooleanField()
            ),
            stale=models.ExpressionWrapper(
                models.Q(status__in=OPEN_STATUSES)
                & models.Q(last_activity__lte=stale_cutoff(today)),
                output_field=models.BooleanField(),
            ),
        )

    def under_way_in(self, year: int) -> "FollowUpActionQuerySet":
        """Actions under way at some time in ``year``.

        An action runs from its start (else its due or done date) to its done date (else its
        due date, else its start); an open action runs on until it is closed. Actions with no
        date at all belong to no year.
        """
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return (
            self.annotate(
                period_start=Coalesce("start_date", "due_date", "done_date"),
                period_end=Coalesce("done_date", "due_date", "start_date"),
            )
            .filter(period_start__lte=last)
            .filter(models.Q(status__in=OPEN_STATUSES) | models.Q(period_end__gte=first))
        )

    def matching(
        self,
        *,
        status: str = "",
        municipality: Municipality | None = None,
        institution: str = "",
        year: int | None = None,
    ) -> "FollowUpActionQuerySet":
        """The dashboard's filters; an empty value leaves that filter off."""
        actions = self
        if status:
            actions = actions.filter(status=status)
        if municipality is not None:
            actions = actions.filter(municipality=municipality)
        if institution:
            actions = actions.filter(responsible_institution=institution)
        if year is not None:
            actions = actions.under_way_in(year)
        return actions

    def for_listing(self, *, today: dt.date) -> "FollowUpActionQuerySet":
        """What a list of actions shows: flags, municipality and recommendations in one go."""
        return (
            self.with_flags(today=today)
            .select_related("municipality")
            .prefetch_related(
                models.Prefetch(
                    "recommendations", queryset=Recommendation.objects.order_by("number")
                )
            )
        )

    def progress_by_recommendation(self, *, today: dt.date) -> dict[int, dict[str, int]]:
        """Counts per recommendation id: by status, overdue and stale, in one grouped query.

        An action serving two recommendations counts under both.
        """
        links = FollowUpAction.recommendations.through.objects.filter(
            followupaction__in=self.values("pk")
        )
        counts = {
            status.lower(): models.Count("id", filter=models.Q(followupaction__status=status))
            for status in FollowUpAction.Status.values
        }
        rows = links.values("recommendation_id").annotate(
            **counts,
            overdue=models.Count("id", filter=overdue_condition(today, "followupaction__")),
            stale=models.Count(
                "id", filter=models.Q(followupaction__in=self.stale(today=today).values("pk"))
            ),
        )
        return {row.pop("recommendation_id"): row for row in rows}

    def count_by_recommendation_and_municipality(self) -> dict[tuple[int, int | None], int]:
        """Actions per (recommendation id, municipality id or None), in one grouped query."""
        rows = (
            FollowUpAction.recommendations.through.objects.filter(
                followupaction__in=self.values("pk")
            )
            .values("recommendation_id", "followupaction__municipality_id")
            .annotate(count=models.Count("id"))
        )
        return {
            (row["recommendation_id"], row["followupaction__municipality_id"]): row["count"]
            for row in rows
        }

    def totals(self, *, today: dt.date) -> dict[str, int]:
        """Each action once: how many, by status, overdue and stale."""
        counts = {
            status.lower(): models.Count("id", filter=models.Q(status=status))
            for status in FollowUpAction.Status.values
        }
        return self.with_last_activity().aggregate(
            total=models.Count("id"),
            **counts,
            overdue=models.Count("id", filter=overdue_condition(today)),
            stale=models.Count(
                "id",
                filter=models.Q(status__in=OPEN_STATUSES)
                & models.Q(last_activity__lte=stale_cutoff(today)),
            ),
        )

    @transaction.atomic
    def change_status(self, status: str, *, on: dt.date, by: Any = None, note: str = "") -> int:
        """Change the status of every action here through ``FollowUpAction.change_status``.

        All or nothing: if one action refuses, a ValidationError naming it is raised and no
        action changes. Returns the number of actions changed.
        """
        actions = list(self.order_by("id"))
        for action in actions:
            try:
                action.change_status(status, on=on, by=by, note=note)
            except ValidationError as error:
                raise ValidationError(
                    _("Nothing was changed. “%(action)s”: %(problems)s")
                    % {"action": action.title, "problems": " ".join(error.messages)}
                ) from error
        return len(actions)

    def year_span(self) -> tuple[int, int] | None:
        """The first and the last year any of these actions has a date in, if any."""
        span = self.aggregate(
            first=models.Min(Coalesce("start_date", "due_date", "done_date")),
            last=models.Max(Coalesce("done_date", "due_date", "start_date")),
        )
        if span["first"] is None:
            return None
        return span["first"].year, span["last"].year

    def institutions(self) -> list[str]:
        """The responsible institutions named, each once, in Latvian order."""
        names = self.order_by().values_list("responsible_institution", flat=True).distinct()
        return sorted(names, key=lv_sort_key)


STATUS_DISPLAY_ORDER = ["IN_PROGRESS", "PLANNED", "DONE", "CANCELLED"]
OPEN_STATUSES = ["PLANNED", "IN_PROGRESS"]


def overdue_condition(today: dt.date, prefix: str = "") -> models.Q:
    """Open and due before ``today``; ``prefix`` reaches an action through a relation."""
    return models.Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}due_date__lt": today})


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
        permissions = [
            ("import_followupaction", _("Can import follow-up actions from a spreadsheet")),
            ("export_followupaction", _("Can export follow-up actions to a spreadsheet")),
        ]
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

    def get_absolute_url(self) -> str:
        return reverse("recommendations:action", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.status == self.Status.DONE and not self.done_date:
            raise ValidationError({"done_date": _("A done action needs its done date.")})
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})
        if self.start_date and self.done_date and self.done_date < self.start_date:
            raise ValidationError(
                {"done_date": _("The done date cannot be before the start date.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, *, today: dt.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    def recommendation_numbers(self) -> str:
        """The numbers of the recommendations it serves, as "1; 4" (uses a prefetch if present)."""
        numbers = sorted(recommendation.number for recommendation in self.recommendations.all())
        return "; ".join(str(number) for number in numbers)

    def history(self) -> list["ActionUpdate"]:
        """The progress history, oldest first (uses a prefetched ``updates`` if present)."""
        return sorted(self.updates.all(), key=lambda update: (update.date, update.pk))

    def check_status_change(
        self, status: str, *, on: dt.date, note: str = "", done_date: dt.date | None = None
    ) -> None:
        """Raise ValidationError if ``change_status`` would refuse these; change nothing."""
        if status not in self.Status.values:
            raise ValidationError({"status": _("Choose one of the statuses.")})
        if status == self.Status.CANCELLED and not note.strip():
            raise ValidationError({"note": _("Say why the action was cancelled.")})
        previous = (self.status, self.done_date)
        self._set_status(status, on=on, done_date=done_date)
        try:
            self.full_clean(exclude=["recommendations"])
        finally:
            self.status, self.done_date = previous

    def _set_status(self, status: str, *, on: dt.date, done_date: dt.date | None) -> None:
        self.status = status
        # Only a done action has a done date: reopening or cancelling one clears it.
        self.done_date = (done_date or self.done_date or on) if status == self.Status.DONE else None

    @transaction.atomic
    def change_status(
        self,
        status: str,
        *,
        on: dt.date,
        by: Any = None,
        note: str = "",
        done_date: dt.date | None = None,
        evidence_url: str = "",
        is_sample: bool = False,
    ) -> "ActionUpdate":
        """Change the status and write the history entry: the one path every change takes.

        The admin's change form, its bulk action, the sample content and any import call
        this. Unsaved changes to other fields are saved with it. A note without a change of
        status records progress. Only a done action keeps a done date (``done_date``, else
        the one it has, else ``on``). Raises ValidationError (and saves nothing) for a
        cancellation without a note or an action that fails its own validation.
        """
        self.check_status_change(status, on=on, note=note, done_date=done_date)
        self._set_status(status, on=on, done_date=done_date)
        self.save()
        return self.updates.create(
            date=on,
            note=note.strip(),
            status_after=status,
            evidence_url=evidence_url,
            author=by,
            is_sample=is_sample,
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
        indexes = [
            # An action's latest entry (with_last_activity: every listing, the stale
            # counts) is the first row of this index, and its history reads in its order.
            models.Index(fields=["action", "-date", "-id"], name="actionupdate_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_after_display()}"

    def clean(self) -> None:
        if self.status_after == FollowUpAction.Status.CANCELLED and not self.note.strip():
            raise ValidationError({"note": _("Say why the action was cancelled.")})


class ActionComment(CommentBase):
    """An expert's or staff member's comment on an action's progress: the rules of visits'."""

    action = models.ForeignKey(
        FollowUpAction,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("follow-up action"),
    )

    target_field = "action"
    url_namespace = "recommendations"

    class Meta(CommentBase.Meta):
        verbose_name = _("comment on an action")
        verbose_name_plural = _("comments on actions")

    @classmethod
    def target_url_kwargs(cls, target: models.Model) -> dict[str, Any]:
        return {"pk": target.pk}
