"""Good-practice visits to municipalities and the network's own meetings."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Collate, Length
from django.db.models.lookups import LessThanOrEqual
from django.template.defaultfilters import filesizeformat, linebreaksbr, urlize
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from experts.models import ExpertProfile
from platform_site.markup import render_markdown
from platform_site.regions import PlanningRegion
from visits import search
from visits.attachments import ATTACHMENT_HELP_TEXT, attachment_upload_to, validate_attachment
from visits.dates import date_range_display


class MunicipalityQuerySet(models.QuerySet):
    def visited_in(self, visits: "VisitQuerySet") -> "MunicipalityQuerySet":
        """The municipalities at least one of these visits went to, in Latvian order."""
        return self.filter(Exists(visits.filter(municipalities=OuterRef("pk"))))


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
    # Folded name, centre, places and successor (visits/search.py), kept by save().
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    objects = MunicipalityQuerySet.as_manager()

    SEARCHED_FIELDS = ("name", "centre", "places_visited", "successor_name")

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        permissions = [
            ("import_municipality", _("Can import municipalities from a spreadsheet")),
            ("export_municipality", _("Can export municipalities to a spreadsheet")),
        ]
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

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        kwargs["update_fields"] = _with_search_text(kwargs.get("update_fields"), self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("visits:municipality", kwargs={"slug": self.slug})

    def refresh_search_text(self) -> None:
        """Recompute the folded text this municipality is found by (not saved here)."""
        self.search_text = search.search_text(
            getattr(self, field) for field in self.SEARCHED_FIELDS
        )

    @property
    def renamed_successor(self) -> str:
        """What the municipality is part of since the 2021 reform, if that has another name."""
        return self.successor_name if self.successor_name != self.name else ""


def _with_search_text(
    update_fields: Iterable[str] | None, record: "Municipality | Visit"
) -> Iterable[str] | None:
    """``update_fields`` with ``search_text`` added when a searched field is among them."""
    if update_fields is None or set(update_fields).isdisjoint(record.SEARCHED_FIELDS):
        return update_fields
    return {*update_fields, "search_text"}


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

    def with_municipalities(self) -> "VisitQuerySet":
        """What a list of visits shows beside each title."""
        return self.prefetch_related("municipalities")

    def with_details(self) -> "VisitQuerySet":
        """Everything the page of one visit shows, in a fixed number of queries."""
        return self.prefetch_related(
            "municipalities",
            Prefetch("agenda_items", queryset=AgendaItem.objects.in_day_order()),
            Prefetch("good_practices", queryset=GoodPractice.objects.with_details()),
            "recommendations",
            "attachments",
        )

    def search(self, query: str) -> "VisitQuerySet":
        """Visits with every word of the query in their text or their municipalities' names.

        Diacritics and case do not matter ("jurmala" finds "Jūrmala"): see visits/search.py.
        """
        visits = self
        for word in search.query_words(query):
            in_municipality = Municipality.objects.filter(
                visits=OuterRef("pk"), search_text__contains=word
            )
            visits = visits.filter(Q(search_text__contains=word) | Exists(in_municipality))
        return visits

    def in_year(self, year: int) -> "VisitQuerySet":
        return self.filter(start_date__year=year)

    def in_planning_region(self, region: str) -> "VisitQuerySet":
        in_region = Municipality.objects.filter(visits=OuterRef("pk"), planning_region=region)
        return self.filter(Exists(in_region))

    def in_municipality(self, municipality: Municipality) -> "VisitQuerySet":
        return self.filter(municipalities=municipality)

    def for_recommendation(self, number: int) -> "VisitQuerySet":
        """Visits a recommendation came from, directly or through one of their practices."""
        informed = Visit.objects.filter(
            Q(recommendations__number=number) | Q(good_practices__recommendations__number=number)
        )
        return self.filter(pk__in=informed.values("pk"))

    def years(self) -> list[int]:
        """The years these visits started in, newest first."""
        return [day.year for day in self.dates("start_date", "year", order="DESC")]

    def recommendation_choices(self) -> list[tuple[int, str]]:
        """(number, title) of the recommendations these visits or their practices informed.

        Read through the reverse relations: visits may not import recommendations.
        """
        direct = self.filter(recommendations__isnull=False).values_list(
            "recommendations__number", "recommendations__title"
        )
        through_practices = GoodPractice.objects.filter(
            visit__in=self, recommendations__isnull=False
        ).values_list("recommendations__number", "recommendations__title")
        return sorted({*direct, *through_practices})

    def previous_to(self, visit: "Visit") -> "Visit | None":
        """The visit just before this one by date, among these visits."""
        earlier = Q(start_date__lt=visit.start_date) | Q(
            start_date=visit.start_date, id__lt=visit.id
        )
        return self.filter(earlier).order_by("-start_date", "-id").first()

    def next_to(self, visit: "Visit") -> "Visit | None":
        """The visit just after this one by date, among these visits."""
        later = Q(start_date__gt=visit.start_date) | Q(start_date=visit.start_date, id__gt=visit.id)
        return self.filter(later).order_by("start_date", "id").first()


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
    # Folded title, places, lead, summary and project (visits/search.py), kept by save().
    # Nullable so that SQLite adds the column in place (ALTER TABLE ADD COLUMN) rather
    # than rebuilding visits_visit, which would drop the triggers of migration 0002.
    search_text = models.TextField(  # noqa: DJ001
        _("search text"), null=True, blank=True, editable=False
    )

    objects = VisitQuerySet.as_manager()

    SEARCHED_FIELDS = ("title", "places", "lead", "summary", "project")

    class Meta:
        verbose_name = _("visit or meeting")
        verbose_name_plural = _("visits and meetings")
        permissions = [
            ("import_visit", _("Can import visits from a spreadsheet")),
            ("export_visit", _("Can export visits to a spreadsheet")),
        ]
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
        indexes = [
            models.Index(fields=["status", "-start_date"], name="visit_status_start_idx"),
            # The order of every list of visits (``newest_first`` and the default ordering).
            models.Index(fields=["-start_date", "-id"], name="visit_newest_first_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        kwargs["update_fields"] = _with_search_text(kwargs.get("update_fields"), self)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("visits:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def refresh_search_text(self) -> None:
        """Recompute the folded text this visit is found by (not saved here).

        Municipality names are not part of it: the search looks them up in the
        municipalities' own ``search_text``, so linking, unlinking or renaming a
        municipality needs nothing here.
        """
        self.search_text = search.search_text(
            getattr(self, field) for field in self.SEARCHED_FIELDS
        )

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

    def participation_counts(self) -> "ParticipationCounts":
        """How many experts took part and from how many home areas, in one query.

        A home area is the municipality (or region) an expert works in, as recorded on
        the profile; experts without one count as experts only.
        """
        counts = self.participations.aggregate(
            experts=Count("expert", distinct=True),
            home_areas=Count("expert__home_area", distinct=True, filter=~Q(expert__home_area="")),
            samples=Count("id", filter=Q(is_sample=True)),
        )
        return ParticipationCounts(
            experts=counts["experts"],
            home_areas=counts["home_areas"],
            is_sample=counts["samples"] > 0,
        )

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
class ParticipationCounts:
    experts: int
    home_areas: int
    is_sample: bool  # counted from sample participations: the page says so


@dataclass(frozen=True)
class AgendaDay:
    number: int
    date: dt.date
    items: list["AgendaItem"]


class AgendaItemQuerySet(models.QuerySet):
    def in_day_order(self) -> "AgendaItemQuerySet":
        """By day; timed items in time order, then untimed ones in their set order."""
        return self.order_by("day", models.F("start_time").asc(nulls_last=True), "order", "id")


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

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        permissions = [
            ("import_agendaitem", _("Can import agenda items from a spreadsheet")),
            ("export_agendaitem", _("Can export agenda items to a spreadsheet")),
        ]
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


class GoodPracticeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "GoodPracticeQuerySet":
        """Practices from the visits this reader may see."""
        return self.filter(visit__status__in=visible_statuses(user))

    def of_municipality(self, municipality: Municipality) -> "GoodPracticeQuerySet":
        """Practices run in the municipality; one without a municipality belongs to its visit's."""
        # A subquery, not a join: a join through a visit of several municipalities would
        # repeat the practice once for each.
        visits_there = Visit.municipalities.through.objects.filter(
            municipality=municipality
        ).values("visit_id")
        return self.filter(
            Q(municipality=municipality) | Q(municipality__isnull=True, visit__in=visits_there)
        )

    def with_details(self) -> "GoodPracticeQuerySet":
        """What a practice shows: its municipality, visit, recommendations and adopters."""
        return self.select_related("municipality", "visit").prefetch_related(
            "recommendations", "adopted_in"
        )

    def newest_visit_first(self) -> "GoodPracticeQuerySet":
        return self.order_by("-visit__start_date", "-visit__id", "id")


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

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [
            ("import_goodpractice", _("Can import good practices from a spreadsheet")),
            ("export_goodpractice", _("Can export good practices to a spreadsheet")),
        ]
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
        permissions = [
            ("import_participation", _("Can import participations from a spreadsheet")),
            ("export_participation", _("Can export participations to a spreadsheet")),
        ]
        ordering = ["visit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "expert"], name="one_participation_per_expert"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.visit}"


COMMENT_MAX_LENGTH = 5000
# The author may correct a comment for this long after posting it.
COMMENT_EDIT_WINDOW = dt.timedelta(minutes=30)


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommentQuerySet":
        """Nothing for the public; hidden comments for staff only (who see them marked)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self.all()
        return self.filter(is_hidden=False)

    def top_level(self) -> "CommentQuerySet":
        return self.filter(parent__isnull=True)

    def not_deleted(self) -> "CommentQuerySet":
        return self.filter(deleted_at__isnull=True)

    def with_authors(self) -> "CommentQuerySet":
        """The author and their expert profile (if any): what the name shown is made of."""
        return self.select_related("author", "author__expert_profile")

    def in_order(self) -> "CommentQuerySet":
        return self.order_by("created_at", "id")

    def threads_for(self, user) -> "CommentQuerySet":
        """Top-level comments this reader may see, oldest first, with their replies.

        Each comment gets ``shown_replies``: its replies this reader may see, deleted ones
        left out, oldest first. Two queries, however many comments there are.
        """
        replies = self.model.objects.visible_to(user).not_deleted().with_authors().in_order()
        return (
            self.visible_to(user)
            .top_level()
            .with_authors()
            .in_order()
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        )

    def posted_by_since(self, user, since: dt.datetime) -> "CommentQuerySet":
        """Comments this user posted after ``since``, deleted ones included (rate limits)."""
        return self.filter(author=user, created_at__gt=since)


class CommentBase(models.Model):
    """What comments on visits and on follow-up actions share: the rules of the discussion.

    Seen only by logged-in experts and staff; one level of replies; plain text of up to
    5,000 characters; the author edits within 30 minutes and deletes (the text is erased
    and the row stays, so that the replies keep their place); staff hide a comment with a
    reason. A subclass adds the foreign key to what is commented on, named
    ``target_field``, with ``related_name="comments"``, and says where its pages are.
    """

    target_field: ClassVar[str]
    url_namespace: ClassVar[str]

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
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
    body = models.TextField(_("text"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(
        _("deleted by the author at"),
        null=True,
        blank=True,
        help_text=_("The text of a deleted comment is erased; its replies stay."),
    )
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample content"), default=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
        constraints = [
            # A live comment has text; a deleted one has none left.
            models.CheckConstraint(
                condition=(models.Q(deleted_at__isnull=True) & ~models.Q(body=""))
                | models.Q(deleted_at__isnull=False, body=""),
                name="%(app_label)s_%(class)s_text_unless_deleted",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                name="%(app_label)s_%(class)s_at_most_5000_characters",
            ),
            models.CheckConstraint(
                condition=models.Q(is_hidden=False) | ~models.Q(hidden_reason=""),
                name="%(app_label)s_%(class)s_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60] if not self.is_deleted else str(_("Comment deleted"))

    def get_absolute_url(self) -> str:
        """The comment in its place on the page of what it is about."""
        return f"{self.target.get_absolute_url()}#{self.anchor}"

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": REPLY_TO_REPLY_MESSAGE})

    @classmethod
    def target_url_kwargs(cls, target: models.Model) -> dict[str, Any]:
        """How the addresses of ``target``'s page and of its comments name it."""
        raise NotImplementedError

    @classmethod
    def url_for(cls, name: str, target: models.Model, comment_id: int | None = None) -> str:
        """The address of one of the comment views: create, reply, edit, delete, hide, unhide."""
        kwargs = cls.target_url_kwargs(target)
        if comment_id is not None:
            kwargs["comment_id"] = comment_id
        return reverse(f"{cls.url_namespace}:comment_{name}", kwargs=kwargs)

    @property
    def target(self) -> models.Model:
        return getattr(self, self.target_field)

    @property
    def anchor(self) -> str:
        return f"komentars-{self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def accepts_replies(self) -> bool:
        """Only a top-level comment that is shown can be replied to."""
        return not self.is_reply and not self.is_deleted and not self.is_hidden

    @property
    def body_html(self) -> SafeString:
        """The text as typed: escaped, links made clickable, line breaks kept."""
        return comment_html(self.body)

    @property
    def author_profile(self) -> ExpertProfile | None:
        if self.author is None:
            return None
        return getattr(self.author, "expert_profile", None)

    @property
    def author_name(self) -> str:
        """The expert's full name; a staff member's name; never the email address."""
        if self.author is None:
            return str(_("deleted user"))
        profile = self.author_profile
        if profile is not None:
            return profile.full_name
        return self.author.get_full_name() or self.author.email.partition("@")[0]

    @property
    def author_is_ministry(self) -> bool:
        return self.author is not None and self.author.is_staff

    def is_editable_at(self, now: dt.datetime) -> bool:
        return now - self.created_at <= COMMENT_EDIT_WINDOW

    def editable_until(self) -> dt.datetime:
        return self.created_at + COMMENT_EDIT_WINDOW

    def is_own(self, user) -> bool:
        return user.is_authenticated and self.author_id == user.pk

    def can_be_edited_by(self, user, *, now: dt.datetime) -> bool:
        return (
            self.is_own(user)
            and not self.is_deleted
            and not self.is_hidden
            and self.is_editable_at(now)
        )

    def can_be_deleted_by(self, user) -> bool:
        return self.is_own(user) and not self.is_deleted

    def edit(self, body: str, *, now: dt.datetime) -> None:
        """The author's correction: the new text, marked as edited."""
        self.body = body
        self.edited_at = now
        self.save(update_fields=["body", "edited_at"])

    def delete_by_author(self, *, now: dt.datetime) -> None:
        """Erase the text and keep the row, so that replies keep their place in the thread.

        The row also still counts towards the author's posting limit.
        """
        self.body = ""
        self.deleted_at = now
        self.save(update_fields=["body", "deleted_at"])

    def hide(self, *, by, reason: str, now: dt.datetime) -> None:
        """A moderator hides the comment from experts; staff still see it, with the reason."""
        self.is_hidden = True
        self.hidden_reason = reason.strip()
        self.hidden_by = by
        self.hidden_at = now
        self.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])

    def unhide(self) -> None:
        """Show the comment to experts again."""
        self.is_hidden = False
        self.hidden_reason = ""
        self.hidden_by = None
        self.hidden_at = None
        self.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])


REPLY_TO_REPLY_MESSAGE = _("You can reply to a comment, but not to a reply.")


def comment_html(text: str) -> SafeString:
    """Plain text as HTML: escaped, URLs linked (rel="nofollow noopener"), line breaks kept.

    Django's ``urlize`` escapes the text and links the URLs in it; ``linebreaksbr`` turns
    the line breaks into ``<br>``; nh3 then lets through nothing but those links and breaks
    and gives every link its ``rel``.
    """
    html = linebreaksbr(urlize(text, autoescape=True), autoescape=True)
    cleaned = nh3.clean(
        html,
        tags={"a", "br"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3


class Comment(CommentBase):
    """An expert's or staff member's comment on a visit summary, seen only by them."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="comments", verbose_name=_("visit")
    )

    target_field = "visit"
    url_namespace = "visits"

    class Meta(CommentBase.Meta):
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    @classmethod
    def target_url_kwargs(cls, target: models.Model) -> dict[str, Any]:
        return {"slug": target.slug}


class Attachment(models.Model):
    """A published document of a visit, such as its PDF report."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("visit")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        validators=[validate_attachment],
        help_text=ATTACHMENT_HELP_TEXT,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def size(self) -> int | None:
        """The file's size in bytes; None when the file is missing from the storage."""
        try:
            return self.file.size
        except (OSError, ValueError):
            return None

    @property
    def file_type(self) -> str:
        """The file's kind as readers know it, from its name: "PDF", "DOCX"."""
        _stem, dot, extension = self.file.name.rpartition(".")
        return extension.upper() if dot else ""

    @property
    def file_details(self) -> str:
        """The file's kind and size, as much as is known: "PDF, 1,2 MB"."""
        size = self.size
        parts = [self.file_type, filesizeformat(size) if size is not None else ""]
        return ", ".join(part for part in parts if part)
