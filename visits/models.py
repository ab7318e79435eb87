"""Good-practice visits to municipalities and the network's own meetings."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from experts.models import ExpertProfile
from platform_site.markup import render_markdown
from platform_site.regions import PlanningRegion
from visits.dates import date_range_display


class Municipality(models.Model):
    """A municipality as it was named at the time of a visit.

    The 2021 administrative reform merged or re-bordered several novadi; the record
    keeps the old name and says what it belongs to now.
    """

    class Kind(models.TextChoices):
        STATE_CITY = "STATE_CITY", _("state city")
        MUNICIPALITY = "MUNICIPALITY", _("municipality (novads)")

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    planning_region = models.CharField(_("planning region"), max_length=20, choices=PlanningRegion)
    centre = models.CharField(_("centre"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=6, decimal_places=3)
    longitude = models.DecimalField(_("longitude"), max_digits=6, decimal_places=3)
    places_visited = models.CharField(_("places visited"), max_length=300, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Last day the municipality existed within these borders."),
    )
    successor_name = models.CharField(
        _("successor since the 2021 reform"), max_length=100, blank=True
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = [Collate("name", "lv"), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=55.6, latitude__lte=58.1)
                & models.Q(longitude__gte=20.9, longitude__lte=28.3),
                name="municipality_is_in_latvia",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("visits:municipality", kwargs={"slug": self.slug})


def visible_statuses(user) -> list[str]:
    """Drafts are seen only in the admin; review is shared with logged-in experts and staff."""
    if user.is_authenticated:
        return [Visit.Status.PUBLISHED, Visit.Status.REVIEW]
    return [Visit.Status.PUBLISHED]


class VisitQuerySet(models.QuerySet):
    def published(self) -> "VisitQuerySet":
        return self.filter(status=Visit.Status.PUBLISHED)

    def visible_to(self, user) -> "VisitQuerySet":
        """Published visits for everyone; visits in review too for experts and staff."""
        return self.filter(status__in=visible_statuses(user))

    def newest_first(self) -> "VisitQuerySet":
        return self.order_by("-start_date", "-id")


class Visit(models.Model):
    """A good-practice visit (one or more municipalities, usually two days) or a network meeting."""

    class Kind(models.TextChoices):
        GOOD_PRACTICE_VISIT = "GOOD_PRACTICE_VISIT", _("good-practice visit")
        NETWORK_MEETING = "NETWORK_MEETING", _("expert network meeting")

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("draft")
        REVIEW = "REVIEW", _("in review (experts only)")
        PUBLISHED = "PUBLISHED", _("published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind, default=Kind.GOOD_PRACTICE_VISIT
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="visits",
        blank=True,
        verbose_name=_("municipalities"),
        help_text=_("None for a network meeting held online or in Riga."),
    )
    places = models.CharField(
        _("places visited"),
        max_length=300,
        blank=True,
        help_text=_("For example: Talsi, Sabile. For a meeting: online, or the venue in Riga."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    project = models.CharField(
        _("project"), max_length=40, blank=True, help_text=_("For example: LRP IV.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    lead = models.TextField(
        _("lead"), max_length=500, blank=True, help_text=_("One or two sentences for lists.")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Headings, lists and links in Markdown. Never name or identify a family."),
    )
    source_url = models.URLField(_("source page"), blank=True)
    is_sample = models.BooleanField(_("sample content"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit or meeting")
        verbose_name_plural = _("visits and meetings")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="visit_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="PUBLISHED") | models.Q(published_at__isnull=False),
                name="published_visit_has_published_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "-start_date"], name="visit_status_start_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("visits:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def date_range_display(self) -> str:
        return date_range_display(self.start_date, self.end_date)

    @property
    def summary_html(self) -> SafeString:
        return mark_safe(render_markdown(self.summary))  # noqa: S308 - sanitised by nh3

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def date_of_day(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day - 1)

    def set_status(self, status: str, *, now: dt.datetime) -> None:
        """Move between draft, review and published; the first publishing is dated."""
        self.status = status
        if status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = now

    def agenda_days(self) -> list["AgendaDay"]:
        """The agenda grouped by day, in order; uses a prefetched ``agenda_items`` if present."""
        days: dict[int, list[AgendaItem]] = {}
        for item in self.agenda_items.all():
            days.setdefault(item.day, []).append(item)
        return [
            AgendaDay(number=day, date=self.date_of_day(day), items=items)
            for day, items in sorted(days.items())
        ]


@dataclass(frozen=True)
class AgendaDay:
    number: int
    date: dt.date
    items: list["AgendaItem"]


class AgendaItem(models.Model):
    """One point of a visit's programme, on day 1, 2, … of the visit."""

    class Kind(models.TextChoices):
        INSTITUTION_VISIT = "INSTITUTION_VISIT", _("visit to an institution")
        FAMILY_MEETING = "FAMILY_MEETING", _("meeting with Roma families")
        COUNCIL_MEETING = "COUNCIL_MEETING", _("meeting with the council")
        DISCUSSION = "DISCUSSION", _("discussion")
        OTHER = "OTHER", _("other")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("visit")
    )
    day = models.PositiveSmallIntegerField(_("day"), help_text=_("1 for the first day."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.OTHER)
    place = models.CharField(_("place"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(_("sample content"), default=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        # Timed items in time order; untimed ones (history without known times) after them.
        ordering = ["visit", "day", models.F("start_time").asc(nulls_last=True), "order", "id"]
        constraints = [
            # The upper bound (no later than the visit's last day) spans two tables; a
            # database trigger enforces it (migration 0002_agenda_day_trigger).
            models.CheckConstraint(condition=models.Q(day__gte=1), name="agenda_day_from_one"),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gte=models.F("start_time")),
                name="agenda_item_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.visit_id and self.day and self.day > self.visit.day_count:
            count = self.visit.day_count
            message = ngettext(
                "The visit has only %(count)d day.", "The visit has only %(count)d days.", count
            )
            raise ValidationError({"day": message % {"count": count}})


class GoodPractice(models.Model):
    """A practice seen on a visit that other municipalities might adopt."""

    class Evidence(models.TextChoices):
        DEMONSTRATED = "DEMONSTRATED", _("demonstrated")
        PROMISING = "PROMISING", _("promising")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="good_practices", verbose_name=_("visit")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    run_by = models.CharField(_("who runs it"), max_length=200, blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    results = models.TextField(_("results and their evidence"), blank=True)
    evidence_type = models.CharField(
        _("evidence"), max_length=20, choices=Evidence, default=Evidence.PROMISING
    )
    adoption_requirements = models.TextField(
        _("what another municipality needs to adopt it"), blank=True
    )
    adopted_in = models.ManyToManyField(
        Municipality,
        related_name="adopted_practices",
        blank=True,
        verbose_name=_("adopted since in"),
    )
    is_sample = models.BooleanField(_("sample content"), default=False)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["visit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "title"], name="good_practice_title_per_visit"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ParticipationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ParticipationQuerySet":
        """Participations in the visits this reader may see, newest visit first."""
        return (
            self.filter(visit__status__in=visible_statuses(user))
            .select_related("visit")
            .order_by("-visit__start_date", "-visit__id")
        )


class Participation(models.Model):
    """An expert who took part in a visit or meeting."""

    class Role(models.TextChoices):
        PARTICIPANT = "PARTICIPANT", _("participant")
        ORGANISER = "ORGANISER", _("organiser")
        SPEAKER = "SPEAKER", _("speaker")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="participations", verbose_name=_("visit")
    )
    expert = models.ForeignKey(
        ExpertProfile,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("expert"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
    is_sample = models.BooleanField(_("sample content"), default=False)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participants")
        ordering = ["visit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "expert"], name="one_participation_per_expert"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.visit}"


class Comment(models.Model):
    """An expert's or staff member's comment on a visit summary, seen only by them."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="comments", verbose_name=_("visit")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="visit_comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    body = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample content"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="visit_comment_is_not_empty"),
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""),
                name="hidden_visit_comment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("Replies can only be made to a top-level comment.")})


class Attachment(models.Model):
    """A published document of a visit, such as its PDF report."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("visit")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="visits/attachments/%Y/")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return self.title
