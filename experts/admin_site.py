"""The admin site: its login goes through allauth, and staff need a second factor.

Logging in to the admin is logging in to the portal (/konts/login/), so allauth's rate
limits and two-factor step apply. A staff member reaches the admin only in a session
that passed the second factor; without an authenticator app they are sent to set one
up first. Anyone else who is logged in gets a 404: the admin is not there for them.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from platform_site.admin_history import ValuesInHistoryMixin


class PlatformAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Every model's history records the values before and after a change (the audit)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ValuesInHistoryMixin):
            admin_class = type(admin_class.__name__, (ValuesInHistoryMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request: HttpRequest) -> bool:
        from experts.two_factor import has_authenticator_app, session_passed_second_factor

        return (
            super().has_permission(request)
            and session_passed_second_factor(request)
            and has_authenticator_app(request.user)
        )

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        from allauth.account.utils import get_next_redirect_url

        from experts.two_factor import has_authenticator_app, session_passed_second_factor

        next_url = get_next_redirect_url(request) or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, resolve_url(settings.LOGIN_URL))
        if not (user.is_active and user.is_staff):
            raise Http404
        if not has_authenticator_app(user):
            messages.info(
                request,
                _(
                    "To use the administration, first turn on two-factor sign-in with an "
                    "authenticator app."
                ),
            )
            return redirect("mfa_activate_totp")
        if not session_passed_second_factor(request):
            return redirect_to_login(next_url, reverse("mfa_reauthenticate"))
        return HttpResponseRedirect(next_url)

    def password_change(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        """One place to change a password: the account page (which ends the sessions)."""
        return redirect("account_change_password")
