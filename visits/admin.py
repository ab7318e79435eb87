from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from platform_site.imports import SpreadsheetAdminMixin
from visits.models import (
    AgendaItem,
    Attachment,
    Comment,
    GoodPractice,
    Municipality,
    Participation,
    Visit,
)
from visits.moderation import CommentModerationAdmin
from visits.resources import (
    AgendaItemResource,
    GoodPracticeResource,
    MunicipalityResource,
    ParticipationResource,
    VisitResource,
)
from visits.views import visit_preview


@admin.register(Municipality)
class MunicipalityAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [MunicipalityResource]
    list_display = ("name", "kind", "planning_region", "valid_until", "successor_name")
    list_filter = ("kind", "planning_region")
    search_fields = ("name", "centre", "places_visited", "successor_name")
    prepopulated_fields = {"slug": ("name",)}


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    ordering = ("day", "start_time", "order", "id")
    fields = ("day", "start_time", "end_time", "order", "kind", "place", "title", "is_sample")


class GoodPracticeInline(admin.StackedInline):
    model = GoodPractice
    extra = 0
    autocomplete_fields = ("municipality", "adopted_in")
    show_change_link = True


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("expert",)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class VisitAdminForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = (
            "title", "slug", "kind", "status", "is_sample", "municipalities", "places",
            "start_date", "end_date", "project", "lead", "summary", "source_url",
        )  # fmt: skip

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, municipalities = cleaned.get("kind"), cleaned.get("municipalities")
        if kind == Visit.Kind.GOOD_PRACTICE_VISIT and not municipalities:
            self.add_error(
                "municipalities", _("A good-practice visit needs at least one municipality.")
            )
        if kind == Visit.Kind.NETWORK_MEETING and municipalities:
            self.add_error(
                "municipalities", _("A network meeting is held online or in Riga: no municipality.")
            )
        return cleaned


@admin.register(Visit)
class VisitAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    form = VisitAdminForm
    resource_classes = [VisitResource]
    list_display = (
        "title",
        "kind",
        "start_date",
        "end_date",
        "project",
        "status",
        "participant_count",
        "is_sample",
    )
    list_filter = ("status", "kind", "project", "municipalities__planning_region", "is_sample")
    search_fields = ("title", "places", "lead", "summary", "municipalities__name")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("municipalities",)
    readonly_fields = ("preview_link", "published_at", "created_at", "updated_at")
    inlines = [AgendaItemInline, GoodPracticeInline, ParticipationInline, AttachmentInline]
    actions = ["make_draft", "send_to_review", "publish"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "status", "is_sample")}),
        (_("Where and when"), {"fields": ("municipalities", "places", "start_date", "end_date")}),
        (_("Content"), {"fields": ("project", "lead", "summary", "source_url")}),
        (_("Record"), {"fields": ("preview_link", "published_at", "created_at", "updated_at")}),
    )

    def get_urls(self) -> list:
        preview = path(
            "<path:object_id>/prieksskatijums/",
            self.admin_site.admin_view(self.preview_view),
            name="visits_visit_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The visit's public page, a draft too, exactly as it will look once published."""
        visit = self.get_object(request, object_id)
        if visit is None or not self.has_view_permission(request, visit):
            raise Http404
        return visit_preview(request, visit)

    @admin.display(description=_("preview"))
    def preview_link(self, visit: Visit) -> str:
        if not visit.pk:
            return "–"
        url = reverse("admin:visits_visit_preview", args=[visit.pk])
        return format_html('<a href="{}">{}</a>', url, _("See the page as it will be published"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Visit]:
        return super().get_queryset(request).annotate(participants=Count("participations"))

    @admin.display(description=_("participants"), ordering="participants")
    def participant_count(self, visit: Visit) -> int:
        return visit.participants

    def save_model(self, request: HttpRequest, visit: Visit, form, change: bool) -> None:
        visit.set_status(visit.status, now=timezone.now())
        super().save_model(request, visit, form, change)

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Visit], status: str) -> None:
        now = timezone.now()
        for visit in queryset:
            visit.set_status(status, now=now)
            visit.save(update_fields=["status", "published_at", "updated_at"])
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d visit is now: %(status)s.",
                "%(count)d visits are now: %(status)s.",
                count,
            )
            % {"count": count, "status": Visit.Status(status).label},
        )

    @admin.action(description=_("Return to draft"))
    def make_draft(self, request: HttpRequest, queryset: QuerySet[Visit]) -> None:
        self._set_status(request, queryset, Visit.Status.DRAFT)

    @admin.action(description=_("Share with experts for review"))
    def send_to_review(self, request: HttpRequest, queryset: QuerySet[Visit]) -> None:
        self._set_status(request, queryset, Visit.Status.REVIEW)

    @admin.action(description=_("Publish"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Visit]) -> None:
        self._set_status(request, queryset, Visit.Status.PUBLISHED)


@admin.register(AgendaItem)
class AgendaItemAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [AgendaItemResource]
    list_display = ("title", "visit", "day", "start_time", "end_time", "kind", "is_sample")
    list_filter = ("kind", "is_sample")
    search_fields = ("title", "place", "visit__title")
    list_select_related = ("visit",)
    autocomplete_fields = ("visit",)


@admin.register(GoodPractice)
class GoodPracticeAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [GoodPracticeResource]
    list_display = ("title", "visit", "municipality", "evidence_type", "is_sample")
    list_filter = ("evidence_type", "municipality", "is_sample")
    search_fields = ("title", "description", "run_by", "target_group")
    list_select_related = ("visit", "municipality")
    autocomplete_fields = ("visit", "municipality", "adopted_in")


@admin.register(Participation)
class ParticipationAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [ParticipationResource]
    list_display = ("expert", "visit", "role", "is_sample")
    list_filter = ("role", "is_sample")
    search_fields = ("expert__full_name", "visit__title")
    list_select_related = ("expert", "visit")
    autocomplete_fields = ("visit", "expert")


@admin.register(Comment)
class CommentAdmin(CommentModerationAdmin):
    """Comments on visit summaries: read, hide from experts with a reason, show again."""

    list_filter = (*CommentModerationAdmin.list_filter, "visit__status", "visit")
    search_fields = (*CommentModerationAdmin.search_fields, "visit__title")


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("title", "visit", "created_at")
    search_fields = ("title", "visit__title")
    list_select_related = ("visit",)
    autocomplete_fields = ("visit",)
