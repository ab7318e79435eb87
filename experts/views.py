from allauth.account import app_settings as account_settings
from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from experts.forms import AcceptInvitationForm, ExpertFilterForm, ExpertProfileForm
from experts.invitations import accept_invitation, email_has_account
from experts.models import ExpertProfile, Invitation
from experts.privacy import personal_data

EXPERTS_PER_PAGE = 50


@require_safe
def expert_list(request: HttpRequest) -> HttpResponse:
    filters = ExpertFilterForm(request.GET)
    experts = filters.filter(ExpertProfile.objects.visible_to(request.user).for_directory())
    page = Paginator(experts, EXPERTS_PER_PAGE).get_page(request.GET.get("lapa"))
    return render(request, "experts/expert_list.html", {"page": page, "filters": filters})


@require_safe
def expert_detail(request: HttpRequest, slug: str) -> HttpResponse:
    expert = get_object_or_404(ExpertProfile.objects.visible_to(request.user), slug=slug)
    # Only the visits this reader may see: a draft's title is not public.
    participations = expert.participations.visible_to(request.user)
    is_own_profile = request.user.is_authenticated and expert.user_id == request.user.pk
    return render(
        request,
        "experts/expert_detail.html",
        {"expert": expert, "participations": participations, "is_own_profile": is_own_profile},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    """The logged-in expert's own profile; there is no address to edit anyone else's."""
    profile = get_object_or_404(ExpertProfile, user=request.user)
    form = ExpertProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save_profile(now=timezone.now())
        messages.success(request, _("Your profile was saved."))
        return redirect("experts:edit")
    return render(request, "experts/profile_form.html", {"form": form, "profile": profile})


@login_required
@never_cache
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    """A copy of what the portal keeps about the logged-in person, as a JSON file (GDPR).

    Only the person's own data: there is no address for anyone else's.
    """
    response = JsonResponse(
        personal_data(request.user, now=timezone.now()),
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="mani-dati.json"'
    return response


def invalid_invitation(request: HttpRequest) -> HttpResponse:
    """The same page for an unknown, expired or used link: it says nothing more.

    Django logs every 404 with its address, and this address holds an invitation token:
    the response is marked as logged, so the token never reaches the logs.
    """
    response = render(request, "experts/invitation_invalid.html", status=404)
    response._has_been_logged = True
    return response


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    try:
        invitation = Invitation.objects.usable(now=now).get(token=token)
    except Invitation.DoesNotExist:
        return invalid_invitation(request)
    if email_has_account(invitation.email):
        return invalid_invitation(request)
    form = AcceptInvitationForm(invitation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accept_invitation(invitation, password=form.cleaned_data["password1"], now=now)
        if user is None:
            return invalid_invitation(request)
        messages.success(request, _("Welcome to the network. Please complete your profile below."))
        return perform_login(
            request,
            user,
            email_verification=account_settings.EMAIL_VERIFICATION,
            redirect_url=reverse("experts:edit"),
            email=user.email,
        )
    return render(
        request, "experts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
