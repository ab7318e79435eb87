"""Comments of experts and staff: the forms, the posting rules, the page section, the views.

Comments on visit summaries (``visits.Comment``) and on follow-up actions
(``recommendations.ActionComment``) follow the same rules, kept on
``visits.models.CommentBase`` and here. Each app makes its comment views with
``comment_views``, giving a function that finds what is commented on (a 404 for whoever
may not see it) and one that renders its page around a ``CommentSection``; comments do
not exist for anonymous readers, who get a 404 from every comment view.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, wraps
from typing import Literal

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from visits.models import (
    COMMENT_EDIT_WINDOW,
    COMMENT_MAX_LENGTH,
    REPLY_TO_REPLY_MESSAGE,
    CommentBase,
    CommentQuerySet,
)

# Posting limit per user, over comments on visits and on actions together.
RATE_LIMIT_COUNT = 10
RATE_LIMIT_WINDOW = dt.timedelta(minutes=10)

HIDDEN_PARENT_MESSAGE = gettext_lazy("A hidden comment cannot be replied to.")

SECTION_ANCHOR = "komentari"
FORM_ANCHOR = "komentet"


# --- forms ------------------------------------------------------------------------------


class CommentTextField(forms.CharField):
    """Plain text; line breaks counted as one character, as the reader sees them."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(forms.Form):
    body = CommentTextField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Plain text, up to 5,000 characters; links become clickable. Only experts of "
            "the network and ministry staff see the comments. Never name or identify a "
            "family."
        ),
        error_messages={
            "required": gettext_lazy("Write the comment first: it cannot be empty."),
            "max_length": gettext_lazy(
                "A comment can be at most %(limit_value)d characters long; this one has "
                "%(show_value)d. Shorten it and send it again."
            ),
        },
    )

    def __init__(self, *args, label: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["body"].label = label


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for hiding"),
        max_length=300,
        help_text=gettext_lazy("Staff see the reason beside the hidden comment."),
        error_messages={"required": gettext_lazy("Say why the comment is hidden.")},
    )


def reply_form(comment_id: int, data: dict | None = None) -> CommentForm:
    return CommentForm(data, auto_id=f"atbilde-{comment_id}-%s", label=_("Your reply"))


def hide_form(comment_id: int, data: dict | None = None) -> HideForm:
    return HideForm(data, auto_id=f"paslept-{comment_id}-%s")


# --- rules ------------------------------------------------------------------------------


class TooManyComments(Exception):
    """The author has posted as many comments as the limit allows for now."""


def comment_models() -> list[type[CommentBase]]:
    """Every kind of comment there is (on visits, on actions)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, CommentBase) and not model._meta.abstract
    ]


def recent_comment_count(user, *, now: dt.datetime) -> int:
    """How many comments of any kind the user posted within the rate-limit window."""
    since = now - RATE_LIMIT_WINDOW
    return sum(model.objects.posted_by_since(user, since).count() for model in comment_models())


def rate_limit_message() -> str:
    return _(
        "You have posted %(count)d comments within %(minutes)d minutes, as many as the "
        "portal accepts. Please wait a few minutes and send it again: your text is kept."
    ) % {"count": RATE_LIMIT_COUNT, "minutes": RATE_LIMIT_WINDOW.seconds // 60}


def edit_window_message() -> str:
    minutes = COMMENT_EDIT_WINDOW.seconds // 60
    return ngettext(
        "A comment can be edited for %(minutes)d minute after it is posted; this time "
        "has passed, and the comment was not changed.",
        "A comment can be edited for %(minutes)d minutes after it is posted; this time "
        "has passed, and the comment was not changed.",
        minutes,
    ) % {"minutes": minutes}


@transaction.atomic
def post_comment(
    target: models.Model,
    *,
    author,
    body: str,
    parent: CommentBase | None = None,
    now: dt.datetime,
    link: str,
) -> CommentBase:
    """Save a comment (or a reply) on ``target`` and notify the staff once it is committed.

    Raises TooManyComments, saving nothing, when the author has reached the posting
    limit, and ValidationError for a reply to a reply. ``link`` is the absolute address
    of the comments on the target's page, for the email.
    """
    if parent is not None and parent.is_reply:
        raise forms.ValidationError(REPLY_TO_REPLY_MESSAGE)
    # Posts of one user wait for each other here (on PostgreSQL), so that two at once
    # cannot both slip under the limit.
    list(get_user_model().objects.select_for_update().filter(pk=author.pk).values_list("pk"))
    if recent_comment_count(author, now=now) >= RATE_LIMIT_COUNT:
        raise TooManyComments
    comment = target.comments.create(author=author, body=body, parent=parent)

    def notify() -> None:  # a function, not a partial: Django logs a failure by its name
        notify_staff(comment, link=link)

    transaction.on_commit(notify, robust=True)
    return comment


def notification_addresses(*, exclude) -> list[str]:
    """Who hears of a new comment: ``COMMENT_NOTIFICATION_EMAILS`` if set, else the staff.

    The staff are the active users with access to the administration (``is_staff``)
    and an email address, except the comment's author.
    """
    configured = getattr(settings, "COMMENT_NOTIFICATION_EMAILS", None)
    if configured:
        return list(configured)
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    if exclude is not None:
        staff = staff.exclude(pk=exclude.pk)
    return sorted(set(staff.values_list("email", flat=True)))


def notify_staff(comment: CommentBase, *, link: str) -> None:
    """Email the ministry staff that a comment was posted: who, where, and a link.

    The email does not quote the comment. A comment may say something about people
    (the network discusses families and pupils in municipalities); an email copy would
    live on in mailboxes beyond the portal's access rules, and hiding or deleting the
    comment could not recall it. The link leads to the comment behind the login.
    """
    addresses = notification_addresses(exclude=comment.author)
    if not addresses:
        return
    context = {
        "author_name": comment.author_name,
        "author_is_ministry": comment.author_is_ministry,
        "is_reply": comment.is_reply,
        "target_title": str(comment.target),
        "target_kind": comment.target._meta.verbose_name,
        "link": link,
    }
    subject = " ".join(render_to_string("visits/email/new_comment_subject.txt", context).split())
    body = render_to_string("visits/email/new_comment.txt", context)
    get_connection().send_messages(
        [EmailMessage(subject, body, to=[address]) for address in addresses]
    )


# --- the section on the page ------------------------------------------------------------


@dataclass
class CommentEntry:
    """One comment as the page shows it to this reader, with what they may do to it."""

    comment: CommentBase
    edit_url: str = ""
    delete_url: str = ""
    reply_url: str = ""
    reply_form: CommentForm | None = None
    hide_url: str = ""
    hide_form: HideForm | None = None
    unhide_url: str = ""
    replies: list["CommentEntry"] = field(default_factory=list)


@dataclass
class CommentSection:
    threads: list[CommentEntry]
    count: int  # comments with their text shown (not the "deleted" placeholders)
    form: CommentForm
    post_url: str
    form_anchor: str = FORM_ANCHOR
    anchor: str = SECTION_ANCHOR


@dataclass(frozen=True)
class BoundForm:
    """A submitted form to show again with its errors and text: where it belongs."""

    kind: Literal["new", "reply", "hide"]
    form: forms.Form
    comment_id: int | None = None


def comment_section(
    target: models.Model, user, *, now: dt.datetime, bound: BoundForm | None = None
) -> CommentSection | None:
    """The comments on ``target`` that ``user`` may see, ready for the page; None for the
    public, who see neither comments nor a form."""
    if not user.is_authenticated:
        return None
    model = target.comments.model
    url = partial(model.url_for, target=target)
    bound_forms = {(bound.kind, bound.comment_id): bound.form} if bound else {}

    def entry(comment: CommentBase) -> CommentEntry:
        shown = CommentEntry(comment=comment)
        if comment.is_deleted:
            return shown
        if comment.can_be_edited_by(user, now=now):
            shown.edit_url = url("edit", comment_id=comment.pk)
        if comment.can_be_deleted_by(user):
            shown.delete_url = url("delete", comment_id=comment.pk)
        if comment.accepts_replies:
            shown.reply_url = url("reply", comment_id=comment.pk)
            shown.reply_form = bound_forms.get(("reply", comment.pk)) or reply_form(comment.pk)
        if user.is_staff and comment.is_hidden:
            shown.unhide_url = url("unhide", comment_id=comment.pk)
        elif user.is_staff:
            shown.hide_url = url("hide", comment_id=comment.pk)
            shown.hide_form = bound_forms.get(("hide", comment.pk)) or hide_form(comment.pk)
        return shown

    threads = []
    count = 0
    for top in target.comments.threads_for(user):
        replies = [entry(reply) for reply in top.shown_replies]
        if top.is_deleted and not replies:
            continue
        thread = entry(top)
        thread.replies = replies
        threads.append(thread)
        count += len(replies) + (0 if top.is_deleted else 1)
    return CommentSection(
        threads=threads,
        count=count,
        form=bound_forms.get(("new", None)) or CommentForm(auto_id="jauns-komentars-%s"),
        post_url=url("create"),
    )


# --- the views ----------------------------------------------------------------------------

# Renders the target's page around the comment section, with an HTTP status.
PageRenderer = Callable[[CommentSection, int], HttpResponse]
# Finds what is commented on from the URL's arguments (``slug=…``, ``pk=…``): a 404 for
# whoever may not see it.
TargetFinder = Callable[..., models.Model]
# Renders ``target``'s page for ``request`` around the comment section, with a status.
TargetPage = Callable[[HttpRequest, models.Model, CommentSection | None, int], HttpResponse]
View = Callable[..., HttpResponse]
Step = Literal["create", "reply", "edit", "delete", "hide", "unhide"]


@dataclass(frozen=True)
class CommentViews:
    """The six comment views on one kind of target, for its app's urls.py."""

    create: View
    reply: View
    edit: View
    delete: View
    hide: View
    unhide: View

    def urls(self, prefix: str) -> list[URLPattern]:
        """The six addresses under ``prefix`` (the target's address + "komentari/")."""
        return [
            path(prefix, self.create, name="comment_create"),
            path(f"{prefix}<int:comment_id>/atbildet/", self.reply, name="comment_reply"),
            path(f"{prefix}<int:comment_id>/labot/", self.edit, name="comment_edit"),
            path(f"{prefix}<int:comment_id>/dzest/", self.delete, name="comment_delete"),
            path(f"{prefix}<int:comment_id>/paslept/", self.hide, name="comment_hide"),
            path(f"{prefix}<int:comment_id>/radit/", self.unhide, name="comment_unhide"),
        ]


def comment_views(*, find_target: TargetFinder, render_page: TargetPage) -> CommentViews:
    """The comment views on the targets ``find_target`` fetches, whose page
    ``render_page`` renders.

    Every view is a 404 to the public, whatever the method, before the method is checked
    (405 for a wrong one); then ``find_target`` fetches the target from the URL's
    arguments; then a step below does the work.
    """

    def view(step: Step, methods: list[str]) -> View:
        @for_logged_in_readers
        @require_http_methods(methods)
        def comment_view(
            request: HttpRequest, comment_id: int | None = None, **target_arguments
        ) -> HttpResponse:
            target = find_target(request, **target_arguments)
            render_target_page = partial(render_page, request, target)
            match step:
                case "create":
                    return create(request, target, render_target_page)
                case "reply":
                    return create(request, target, render_target_page, parent_id=comment_id)
                case "edit":
                    return edit(request, target, comment_id)
                case "delete":
                    return delete(request, target, comment_id)
                case "hide":
                    return hide(request, target, comment_id, render_target_page)
                case "unhide":
                    return unhide(request, target, comment_id)

        comment_view.__name__ = comment_view.__qualname__ = f"comment_{step}"
        return comment_view

    return CommentViews(
        create=view("create", ["POST"]),
        reply=view("reply", ["POST"]),
        edit=view("edit", ["GET", "POST"]),
        delete=view("delete", ["POST"]),
        hide=view("hide", ["POST"]),
        unhide=view("unhide", ["POST"]),
    )


def for_logged_in_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A comment view: a 404 to the public, whatever the method (comments do not exist for
    them), before the method is checked."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        _require_login(request)
        return view(request, *args, **kwargs)

    return wrapper


def _require_login(request: HttpRequest) -> None:
    """Comments do not exist for the public: every comment address is a 404 to them."""
    if not request.user.is_authenticated:
        raise Http404


def _visible_comment(request: HttpRequest, target: models.Model, comment_id: int) -> CommentBase:
    comments: CommentQuerySet = target.comments.visible_to(request.user)
    return get_object_or_404(comments.not_deleted(), pk=comment_id)


def _own_comment(request: HttpRequest, target: models.Model, comment_id: int) -> CommentBase:
    """The reader's own comment; anyone else's is a 404, as if it were not there."""
    comment = _visible_comment(request, target, comment_id)
    if not comment.is_own(request.user) or comment.is_hidden:
        raise Http404
    return comment


def _section_link(request: HttpRequest, target: models.Model) -> str:
    return request.build_absolute_uri(f"{target.get_absolute_url()}#{SECTION_ANCHOR}")


def create(
    request: HttpRequest,
    target: models.Model,
    render_page: PageRenderer,
    *,
    parent_id: int | None = None,
) -> HttpResponse:
    """Post a comment, or a reply to comment ``parent_id``; back to it on the page."""
    _require_login(request)
    now = timezone.now()
    parent = None
    if parent_id is None:
        form, kind = CommentForm(request.POST, auto_id="jauns-komentars-%s"), "new"
    else:
        parent = _visible_comment(request, target, parent_id)
        if parent.is_reply or parent.is_hidden:
            refusal = REPLY_TO_REPLY_MESSAGE if parent.is_reply else HIDDEN_PARENT_MESSAGE
            messages.error(request, refusal)
            return redirect(parent.get_absolute_url())
        form, kind = reply_form(parent.pk, request.POST), "reply"

    def again(status: int) -> HttpResponse:
        bound = BoundForm(kind=kind, form=form, comment_id=parent_id)
        return render_page(comment_section(target, request.user, now=now, bound=bound), status)

    if not form.is_valid():
        return again(200)
    try:
        comment = post_comment(
            target,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=parent,
            now=now,
            link=_section_link(request, target),
        )
    except TooManyComments:
        form.add_error(None, rate_limit_message())
        return again(429)
    messages.success(
        request, _("Your reply was published.") if parent else _("Your comment was published.")
    )
    return redirect(comment.get_absolute_url())


def edit(request: HttpRequest, target: models.Model, comment_id: int) -> HttpResponse:
    """The author's own comment, in its own form, within the editing time."""
    _require_login(request)
    now = timezone.now()
    comment = _own_comment(request, target, comment_id)
    if request.method == "GET" and not comment.is_editable_at(now):
        messages.error(request, edit_window_message())
        return redirect(comment.get_absolute_url())
    form = CommentForm(request.POST or None, initial={"body": comment.body}, auto_id="labot-%s")
    if request.method == "POST" and form.is_valid():
        if comment.is_editable_at(now):
            comment.edit(form.cleaned_data["body"], now=now)
            messages.success(request, _("Your comment was corrected."))
            return redirect(comment.get_absolute_url())
        form.add_error(None, edit_window_message())
    return render(
        request,
        "visits/comment_edit.html",
        {
            "form": form,
            "comment": comment,
            "target": target,
            "action_url": comment.url_for("edit", target, comment.pk),
        },
    )


def delete(request: HttpRequest, target: models.Model, comment_id: int) -> HttpResponse:
    """The author deletes their own comment: its text goes, its replies stay."""
    _require_login(request)
    comment = _own_comment(request, target, comment_id)
    comment.delete_by_author(now=timezone.now())
    messages.success(request, _("Your comment was deleted."))
    return redirect(f"{target.get_absolute_url()}#{SECTION_ANCHOR}")


def _staff_only(request: HttpRequest) -> None:
    _require_login(request)
    if not request.user.is_staff:
        raise Http404


def hide(
    request: HttpRequest, target: models.Model, comment_id: int, render_page: PageRenderer
) -> HttpResponse:
    """Staff hide a comment from experts, saying why."""
    _staff_only(request)
    now = timezone.now()
    comment = _visible_comment(request, target, comment_id)
    if comment.is_hidden:
        messages.info(request, _("The comment was already hidden."))
        return redirect(comment.get_absolute_url())
    form = hide_form(comment.pk, request.POST)
    if not form.is_valid():
        bound = BoundForm(kind="hide", form=form, comment_id=comment.pk)
        return render_page(comment_section(target, request.user, now=now, bound=bound), 200)
    comment.hide(by=request.user, reason=form.cleaned_data["reason"], now=now)
    messages.success(request, _("The comment is hidden from experts; staff still see it."))
    return redirect(comment.get_absolute_url())


def unhide(request: HttpRequest, target: models.Model, comment_id: int) -> HttpResponse:
    """Staff show a hidden comment to experts again."""
    _staff_only(request)
    comment = _visible_comment(request, target, comment_id)
    if comment.is_hidden:
        comment.unhide()
        messages.success(request, _("The comment is shown to experts again."))
    return redirect(comment.get_absolute_url())
