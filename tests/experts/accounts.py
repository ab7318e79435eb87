"""Accounts as the invitation flow leaves them, and staff sessions as the admin requires.

A plain module (not a conftest) so that other test folders may import from it, e.g. a
``staff_client`` fixture: ``log_in_with_second_factor(client, admin_user)``.
"""

from allauth.account.models import EmailAddress

from experts.models import ExpertProfile
from tests.factories import make_expert, make_user

PASSWORD = "Ilga-parole-2026"  # the password tests.factories.make_user gives


def make_account(*, email: str | None = None, verified: bool = True, **fields):
    """A user who logs in by email, the address verified as an accepted invitation leaves it."""
    if email is not None:
        fields["email"] = email
    user = make_user(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def make_expert_account(**profile_fields) -> tuple:
    """An account with its expert profile: (user, profile)."""
    user = make_account()
    expert: ExpertProfile = make_expert(user=user, email=user.email, **profile_fields)
    return user, expert


def login_data(email: str, password: str = PASSWORD) -> dict:
    return {"login": email, "password": password}


def log_in_with_second_factor(client, user) -> None:
    """Log a staff member in as the admin requires: a session that passed the second factor.

    Gives the user an authenticator app if they have none and records in the session, as
    allauth does after a correct code, that the second factor was given.
    """
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    # "at" long ago: the session passed the second factor but has not just re-authenticated.
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
