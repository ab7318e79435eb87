from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from recommendations.models import ActionUpdate, FollowUpAction, Recommendation


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction.recommendations.through
    extra = 0
    autocomplete_fields = ("followupaction",)
    verbose_name = _("follow-up action")
    verbose_name_plural = _("follow-up actions")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "action_count", "open_action_count")
    search_fields = ("title", "description")
    filter_horizontal = ("visits", "good_practices", "experts")
    inlines = [FollowUpActionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Recommendation]:
        open_statuses = [FollowUpAction.Status.PLANNED, FollowUpAction.Status.IN_PROGRESS]
        return (
            super()
            .get_queryset(request)
            .annotate(
                actions_total=Count("actions", distinct=True),
                actions_open=Count(
                    "actions", filter=Q(actions__status__in=open_statuses), distinct=True
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
    model = ActionUpdate
    extra = 0
    fields = ("date", "status_after", "note", "evidence_url", "author", "is_sample")
    readonly_fields = ("author",)
    ordering = ("date", "id")


@admin.register(FollowUpAction)
class FollowUpActionAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "responsible_institution",
        "municipality",
        "status",
        "due_date",
        "done_date",
        "is_public",
        "is_sample",
    )
    list_filter = ("status", "recommendations", "municipality", "is_public", "is_sample")
    search_fields = ("title", "description", "responsible_institution")
    date_hierarchy = "due_date"
    filter_horizontal = ("recommendations",)
    autocomplete_fields = ("municipality", "origin_visit")
    list_select_related = ("municipality",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [ActionUpdateInline]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin):
    list_display = ("action", "date", "status_after", "author", "is_sample")
    list_filter = ("status_after", "is_sample")
    search_fields = ("note", "action__title")
    date_hierarchy = "date"
    list_select_related = ("action", "author")
    autocomplete_fields = ("action",)
    readonly_fields = ("author",)

    def save_model(self, request: HttpRequest, update: ActionUpdate, form, change: bool) -> None:
        if not change:
            update.author = request.user
        super().save_model(request, update, form, change)
