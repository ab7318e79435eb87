from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from experts.forms import InvitationAdminForm
from experts.invitations import send_invitation
from experts.models import ExpertProfile, Invitation
from experts.privacy import erase_expert, erasure_preview
from experts.resources import ExpertResource
from platform_site.imports import SpreadsheetAdminMixin


@admin.register(ExpertProfile)
class ExpertProfileAdmin(SpreadsheetAdminMixin, admin.ModelAdmin):
    resource_classes = [ExpertResource]

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
    actions = ["erase_experts"]

    @admin.display(boolean=True, description=_("account"))
    def has_account(self, expert: ExpertProfile) -> bool:
        return expert.user_id is not None

    def has_erase_permission(self, request: HttpRequest) -> bool:
        """Only a superuser erases an expert (the right to erasure): staff are not offered it."""
        return request.user.is_active and request.user.is_superuser

    @admin.action(description=_("Erase the expert's account and profile"), permissions=["erase"])
    def erase_experts(
        self, request: HttpRequest, queryset: QuerySet[ExpertProfile]
    ) -> TemplateResponse | None:
        """A confirmation page first; on "yes", each expert is erased (experts/privacy.py)."""
        if not self.has_erase_permission(request):
            raise PermissionDenied
        profiles = list(queryset.select_related("user").order_by("id"))
        if request.POST.get("post") == "yes":
            for profile in profiles:
                erase_expert(profile, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)d expert was erased: the account and the profile are gone, the "
                    "comments stay as by a deleted user.",
                    "%(count)d experts were erased: the accounts and the profiles are gone, the "
                    "comments stay as by a deleted user.",
                    len(profiles),
                )
                % {"count": len(profiles)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase the expert's account and profile"),
            "opts": self.model._meta,
            "rows": [
                {"profile": profile, "summary": erasure_preview(profile)} for profile in profiles
            ],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "erase_experts",
        }
        return TemplateResponse(
            request, "admin/experts/expertprofile/erase_confirmation.html", context
        )


def send_after_commit(request: HttpRequest, invitation: Invitation) -> None:
    """Email the link once the invitation is saved for good."""
    accept_url = request.build_absolute_uri(invitation.get_absolute_url())
    transaction.on_commit(lambda: send_invitation(invitation, accept_url=accept_url))


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationAdminForm
    list_display = ("email", "full_name", "invited_by", "created_at", "expires_at", "accepted_at")
    list_select_related = ("invited_by",)
    search_fields = ("email", "full_name")
    date_hierarchy = "created_at"
    readonly_fields = ("invited_by", "created_at", "accepted_at")
    fields = ("email", "full_name", "expires_at", "invited_by", "created_at", "accepted_at")
    actions = ["send_again"]

    def save_model(self, request: HttpRequest, invitation: Invitation, form, change: bool) -> None:
        if not change:
            invitation.invited_by = request.user
        super().save_model(request, invitation, form, change)
        if not change:
            send_after_commit(request, invitation)
            self.message_user(
                request,
                _("The invitation was sent to %(email)s.") % {"email": invitation.email},
                messages.SUCCESS,
            )

    @admin.action(description=_("Send again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        """A new link with a new expiry for each invitation not yet accepted."""
        now = timezone.now()
        sent = 0
        for invitation in queryset.filter(accepted_at__isnull=True):
            invitation.renew(now=now)
            invitation.save(update_fields=["token", "expires_at"])
            send_after_commit(request, invitation)
            sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation was sent again with a new link.",
                    "%(count)d invitations were sent again with new links.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if skipped := queryset.filter(accepted_at__isnull=False).count():
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation was already accepted and was not sent.",
                    "%(count)d invitations were already accepted and were not sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
