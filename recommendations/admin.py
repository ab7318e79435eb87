"""The tracker in the admin: status changes always go through ``FollowUpAction.change_status``.

Decision on the history inline: the progress history shown under an action is read-only.
A status changes through the action's status field (with the note and date beside it),
through the bulk action "Change the status of the selected actions", or by adding a
progress update on its own page, which also goes through ``change_status``: so the action's
status and its history never disagree, and a history entry is never edited or deleted.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from platform_site.imports import SpreadsheetAdminMixin
from recommendations import exports
from recommendations.forms import (
    ActionUpdateAdminForm,
    FollowUpActionAdminForm,
    StatusChangeForm,
)
from recommendations.models import (
    OPEN_STATUSES,
    ActionComment,
    ActionUpdate,
    FollowUpAction,
    Recommendation,
    overdue_condition,
)
from recommendations.resources import FollowUpActionResource, RecommendationResource
from visits.moderation import CommentModerationAdmin


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction.recommendations.through
    extra = 0
    autocomplete_fields = ("followupaction",)
    verbose_name = _("follow-up action")
    verbose_name_plural = _("follow-up actions")


@admin.register(Recommendation)
class RecommendationAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [RecommendationResource]
    list_display = ("number", "title", "action_count", "open_action_count")
    search_fields = ("title", "description")
    filter_horizontal = ("visits", "good_practices", "experts")
    inlines = [FollowUpActionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Recommendation]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                actions_total=Count("actions", distinct=True),
                actions_open=Count(
                    "actions", filter=Q(actions__status__in=OPEN_STATUSES), distinct=True
                ),
            )
        )

    @admin.display(description=_("actions"), ordering="actions_total")
    def action_count(self, recommendation: Recommendation) -> int:
        return recommendation.actions_total

    @admin.display(description=_("open actions"), ordering="actions_open")
    def open_action_count(self, recommendation: Recommendation) -> int:
        return recommendation.actions_open


class ActionUpdateInline(admin.TabularInline):
    """The progress history, read-only: it is written by ``change_status`` alone."""

    model = ActionUpdate
    extra = 0
    fields = ("date", "status_after", "note", "evidence_url", "author", "is_sample")
    readonly_fields = fields
    ordering = ("date", "id")
    can_delete = False
    verbose_name_plural = _("progress history (written with each change of status)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "nokavetas"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ja", _("overdue")), ("ne", _("not overdue"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        condition = overdue_condition(timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(condition)
        if self.value() == "ne":
            return queryset.exclude(condition)
        return None


class StaleFilter(admin.SimpleListFilter):
    title = _("no news for 12 months")
    parameter_name = "bez_jaunumiem"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ja", _("no news for 12 months"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        if self.value() == "ja":
            return queryset.stale(today=timezone.localdate())
        return None


@admin.register(FollowUpAction)
class FollowUpActionAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    form = FollowUpActionAdminForm
    resource_classes = [FollowUpActionResource]
    list_display = (
        "title",
        "recommendation_numbers",
        "responsible_institution",
        "municipality",
        "status",
        "due_date",
        "overdue",
        "done_date",
        "is_public",
        "is_sample",
    )
    list_filter = (
        "status",
        OverdueFilter,
        StaleFilter,
        "recommendations",
        "municipality",
        "is_public",
        "is_sample",
    )
    search_fields = ("title", "description", "responsible_institution")
    date_hierarchy = "due_date"
    filter_horizontal = ("recommendations",)
    autocomplete_fields = ("municipality", "origin_visit")
    list_select_related = ("municipality",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [ActionUpdateInline]
    actions = ["change_status_of_selected", "export_selected_xlsx", "export_selected_csv"]
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "title",
                    "description",
                    "recommendations",
                    "responsible_institution",
                    "municipality",
                    "origin_visit",
                )
            },
        ),
        (
            _("Status and dates"),
            {
                "fields": (
                    "status",
                    "status_note",
                    "status_date",
                    "start_date",
                    "due_date",
                    "done_date",
                    "evidence_url",
                )
            },
        ),
        (_("Publishing"), {"fields": ("is_public", "is_sample", "created_at", "updated_at")}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUpAction]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("recommendations", queryset=Recommendation.objects.order_by("number"))
            )
        )

    @admin.display(description=_("recommendations"))
    def recommendation_numbers(self, action: FollowUpAction) -> str:
        return action.recommendation_numbers()

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, action: FollowUpAction) -> bool:
        return action.is_overdue(today=timezone.localdate())

    def save_model(
        self, request: HttpRequest, action: FollowUpAction, form: Any, change: bool
    ) -> None:
        """A new action, a change of status or a note is saved through ``change_status``."""
        if not form.writes_history():
            super().save_model(request, action, form, change)
            return
        action.change_status(
            action.status,
            on=form.history_date(today=timezone.localdate()),
            by=request.user,
            note=form.cleaned_data.get("status_note", ""),
            done_date=action.done_date,
        )

    @admin.action(
        description=_("Change the status of the selected actions"), permissions=["change"]
    )
    def change_status_of_selected(
        self, request: HttpRequest, queryset: QuerySet[FollowUpAction]
    ) -> HttpResponse | None:
        """Ask for the new status, its date and a note, then change them all or none."""
        actions = list(queryset.order_by("id"))
        if "apply" in request.POST:
            form = StatusChangeForm(request.POST)
            if form.is_valid():
                try:
                    changed = queryset.change_status(
                        form.cleaned_data["status"],
                        on=form.cleaned_data["date"],
                        note=form.cleaned_data["note"],
                        by=request.user,
                    )
                except ValidationError as refusal:
                    form.add_error(None, refusal)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "The status of %(count)d action was changed and recorded in its "
                            "history.",
                            "The status of %(count)d actions was changed and recorded in their "
                            "history.",
                            changed,
                        )
                        % {"count": changed},
                        messages.SUCCESS,
                    )
                    return None
        else:
            form = StatusChangeForm(initial={"date": timezone.localdate()})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the status of the selected actions"),
            "opts": self.model._meta,
            "form": form,
            "actions": actions,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "recommendations/admin/change_status.html", context)

    # The same explicit permission as the full export (SpreadsheetAdminMixin).
    @admin.action(description=_("Export the selected actions (XLSX)"), permissions=["export"])
    def export_selected_xlsx(
        self, request: HttpRequest, queryset: QuerySet[FollowUpAction]
    ) -> HttpResponse:
        return exports.tracker_response(
            _unordered(queryset), file_format="xlsx", today=timezone.localdate()
        )

    @admin.action(description=_("Export the selected actions (CSV)"), permissions=["export"])
    def export_selected_csv(
        self, request: HttpRequest, queryset: QuerySet[FollowUpAction]
    ) -> HttpResponse:
        return exports.tracker_response(
            _unordered(queryset), file_format="csv", today=timezone.localdate()
        )


def _unordered(queryset: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    """The admin's selection without its list prefetches (the export brings its own)."""
    return FollowUpAction.objects.filter(pk__in=queryset.values("pk"))


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    """Progress updates. Adding one goes through ``change_status`` (it sets the action's
    status); once written, only its note and evidence link can be corrected."""

    form = ActionUpdateAdminForm
    list_display = ("action", "date", "status_after", "author", "is_sample")
    list_filter = ("status_after", "is_sample")
    search_fields = ("note", "action__title")
    date_hierarchy = "date"
    list_select_related = ("action", "author")
    autocomplete_fields = ("action",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("author",)
        return ("action", "date", "status_after", "author", "is_sample")

    def save_model(
        self, request: HttpRequest, update: ActionUpdate, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, update, form, change)
            return
        written = update.action.change_status(
            update.status_after,
            on=update.date,
            by=request.user,
            note=update.note,
            evidence_url=update.evidence_url,
            is_sample=update.is_sample,
        )
        # The form's instance becomes the entry just written, for the admin's log and redirect.
        update.pk, update.author, update.created_at = written.pk, written.author, written.created_at
        update._state.adding = False


@admin.register(ActionComment)
class ActionCommentAdmin(CommentModerationAdmin):
    """Comments on follow-up actions: the same moderation as comments on visits."""

    list_filter = (*CommentModerationAdmin.list_filter, "action__is_public")
    search_fields = (*CommentModerationAdmin.search_fields, "action__title")
