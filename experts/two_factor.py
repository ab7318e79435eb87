"""Two-factor sign-in (allauth's MFA app): optional for experts, required for staff.

Any expert can turn on an authenticator app (TOTP, with recovery codes) from their
account pages. Staff reach the admin only in a session that passed the second factor
(see experts.admin_site), and cannot turn it off.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest


class PlatformMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff cannot turn their authenticator app off: the admin requires it."""
        if authenticator.type == Authenticator.Type.TOTP and authenticator.user.is_staff:
            return False
        return super().can_delete_authenticator(authenticator)


def has_authenticator_app(user: AbstractBaseUser) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session's user gave a code (app or recovery code) since logging in."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
