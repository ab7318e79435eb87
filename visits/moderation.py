"""Moderating comments in the admin: one ModelAdmin base for comments on visits and actions.

Staff read every comment here, hide a comment from experts with a reason (a bulk action
with the reason typed beside it, or the "hidden" box on one comment) and show it again.
Nobody edits a comment's text here: only its author may, on the page, within 30 minutes.
Comments are written on the pages, never added here.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from visits.models import CommentBase


class HideActionForm(ActionForm):
    """The admin's action bar, with the reason the "hide" action needs."""

    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=300,
        required=False,
        help_text=_("Type it before running the action that hides comments."),
    )


class CommentModerationForm(forms.ModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("is_hidden") and not cleaned.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", _("Say why the comment is hidden."))
        return cleaned


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "stavoklis"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("shown", _("shown to experts")),
            ("hidden", _("hidden by a moderator")),
            ("deleted", _("deleted by the author")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "shown":
            return queryset.filter(is_hidden=False, deleted_at__isnull=True)
        if self.value() == "hidden":
            return queryset.filter(is_hidden=True)
        if self.value() == "deleted":
            return queryset.filter(deleted_at__isnull=False)
        return queryset


class ReplyFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "limenis"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("comments", _("comments")), ("replies", _("replies"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "comments":
            return queryset.filter(parent__isnull=True)
        if self.value() == "replies":
            return queryset.filter(parent__isnull=False)
        return queryset


class AuthorKindFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "autors"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("experts", _("experts")), ("staff", _("ministry staff"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "experts":
            return queryset.filter(Q(author__is_staff=False) | Q(author__isnull=True))
        if self.value() == "staff":
            return queryset.filter(author__is_staff=True)
        return queryset


class CommentModerationAdmin(admin.ModelAdmin):
    """Read, hide and show again; subclasses name the target in ``list_display`` etc."""

    form = CommentModerationForm
    action_form = HideActionForm
    actions = ["hide_comments", "unhide_comments"]
    list_display = (
        "__str__",
        "target_link",
        "author_display",
        "created_at",
        "is_reply_display",
        "is_hidden",
        "hidden_reason",
        "is_deleted_display",
        "is_sample",
    )
    list_filter = (StateFilter, ReplyFilter, AuthorKindFilter, "is_sample", "created_at")
    search_fields = ("body", "hidden_reason", "author__expert_profile__full_name", "author__email")
    date_hierarchy = "created_at"
    fields = (
        "target_link",
        "author_display",
        "parent_link",
        "body",
        "created_at",
        "edited_at",
        "deleted_at",
        "is_hidden",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
        "is_sample",
    )
    readonly_fields = (
        "target_link",
        "author_display",
        "parent_link",
        "body",
        "created_at",
        "edited_at",
        "deleted_at",
        "hidden_by",
        "hidden_at",
        "is_sample",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        target = self.model.target_field
        return (
            super()
            .get_queryset(request)
            .select_related("author", "author__expert_profile", "hidden_by", target)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments are written on the pages, by their authors

    def save_model(self, request: HttpRequest, obj: CommentBase, form, change: bool) -> None:
        """Hiding and showing again go through the model, which records who and when."""
        if "is_hidden" not in form.changed_data and "hidden_reason" not in form.changed_data:
            return
        if obj.is_hidden:
            obj.hide(by=request.user, reason=obj.hidden_reason, now=timezone.now())
        else:
            obj.unhide()

    @admin.display(description=pgettext_lazy("what a comment is on", "on"))
    def target_link(self, obj: CommentBase):
        target = obj.target
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), target)

    @admin.display(description=_("author"), ordering="author__email")
    def author_display(self, obj: CommentBase) -> str:
        if obj.author_is_ministry:
            return f"{obj.author_name} ({_('Ministry of Culture')})"
        return obj.author_name

    @admin.display(description=_("reply to"))
    def parent_link(self, obj: CommentBase):
        if obj.parent_id is None:
            return "—"
        url = reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.parent_id]
        )
        return format_html('<a href="{}">{}</a>', url, obj.parent)

    @admin.display(description=pgettext_lazy("comment", "reply"), boolean=True, ordering="parent")
    def is_reply_display(self, obj: CommentBase) -> bool:
        return obj.is_reply

    @admin.display(description=_("deleted by the author"), boolean=True, ordering="deleted_at")
    def is_deleted_display(self, obj: CommentBase) -> bool:
        return obj.is_deleted

    @admin.action(description=_("Hide from experts (type the reason beside)"))
    def hide_comments(self, request: HttpRequest, queryset: QuerySet) -> None:
        form = HideActionForm(request.POST)
        reason = form.data.get("reason", "").strip()
        if not reason or len(reason) > 300:
            self.message_user(
                request,
                _(
                    "Nothing was hidden: type the reason for hiding (up to 300 characters) "
                    "beside the action and run it again."
                ),
                messages.ERROR,
            )
            return
        now = timezone.now()
        comments = list(queryset.filter(is_hidden=False).order_by("id"))
        for comment in comments:
            comment.hide(by=request.user, reason=reason, now=now)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment is hidden from experts.",
                "%(count)d comments are hidden from experts.",
                len(comments),
            )
            % {"count": len(comments)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Show to experts again"))
    def unhide_comments(self, request: HttpRequest, queryset: QuerySet) -> None:
        comments = list(queryset.filter(is_hidden=True).order_by("id"))
        for comment in comments:
            comment.unhide()
        self.message_user(
            request,
            ngettext(
                "%(count)d comment is shown to experts again.",
                "%(count)d comments are shown to experts again.",
                len(comments),
            )
            % {"count": len(comments)},
            messages.SUCCESS,
        )
