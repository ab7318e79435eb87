from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertProfile, Invitation


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = (
        "full_name",
        "email",
        "organisation",
        "planning_region",
        "is_public",
        "has_account",
        "is_sample",
    )
    list_filter = ("planning_region", "is_public", "is_sample")
    search_fields = ("full_name", "email", "organisation", "position", "home_area")
    prepopulated_fields = {"slug": ("full_name",)}
    readonly_fields = ("public_consent_at", "created_at", "updated_at")
    raw_id_fields = ("user",)
    list_select_related = ("user",)

    @admin.display(boolean=True, description=_("account"))
    def has_account(self, expert: ExpertProfile) -> bool:
        return expert.user_id is not None


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "full_name", "invited_by", "created_at", "expires_at", "accepted_at")
    search_fields = ("email", "full_name")
    date_hierarchy = "created_at"
    readonly_fields = ("invited_by", "created_at", "accepted_at")
    fields = ("email", "full_name", "expires_at", "invited_by", "created_at", "accepted_at")

    def save_model(self, request: HttpRequest, invitation: Invitation, form, change: bool) -> None:
        if not change:
            invitation.invited_by = request.user
        super().save_model(request, invitation, form, change)
