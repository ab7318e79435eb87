"""allauth adapter: accounts exist only through an invitation; too many failed logins
are answered 429; refused logins are logged."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.http import HttpRequest
from django.utils.encoding import force_str
from django.utils.translation import gettext

from platform_site.security import log_refused_login, too_many_requests_page

# allauth re-shows the form for its login limit ("login_failed" in ACCOUNT_RATE_LIMITS);
# this site answers 429, also on the way to the admin, whose login is this one.
LOGIN_WINDOW_SECONDS = 5 * 60


def login_of(credentials: dict[str, Any]) -> str:
    return force_str(credentials.get("email") or credentials.get("username") or "")


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def format_email_subject(self, subject: str) -> str:
        """The portal's name before the subject, instead of the host name."""
        return f"{gettext('Latvian Roma Platform')}: {force_str(subject)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Past the limit of failed logins (per account, per address), answer 429."""
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            log_refused_login(request, login_of(credentials), "too many failed attempts")
            response = too_many_requests_page(request)
            response["Retry-After"] = str(LOGIN_WINDOW_SECONDS)
            raise ImmediateHttpResponse(response) from error

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        log_refused_login(request, login_of(credentials), "wrong email or password")
        super().authentication_failed(request, **credentials)
