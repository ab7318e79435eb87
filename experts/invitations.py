"""Invitations: the only way an account comes to exist.

Staff create an invitation in the admin and the email goes out; the invited person
opens the link, sets a password and has an account with a verified email address and
an expert profile (the one already recorded for that address, or a new one).
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.views.decorators.debug import sensitive_variables

from experts.models import ExpertProfile, Invitation


def email_has_account(email: str) -> bool:
    """Whether an account (or a profile that belongs to one) already uses this address."""
    User = get_user_model()
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
        or ExpertProfile.objects.filter(email__iexact=email, user__isnull=False).exists()
    )


def send_invitation(invitation: Invitation, *, accept_url: str) -> None:
    """Email the invitation link; `accept_url` is the absolute address of its page."""
    context = {"invitation": invitation, "accept_url": accept_url}
    subject = " ".join(render_to_string("experts/email/invitation_subject.txt", context).split())
    body = render_to_string("experts/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])


@sensitive_variables("password")
def accept_invitation(
    invitation: Invitation, *, password: str, now: dt.datetime
) -> AbstractBaseUser | None:
    """Create the account in one transaction; None if the invitation can no longer be used.

    The invitation row is locked, so two simultaneous acceptances create one account.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().usable(now=now).filter(pk=invitation.pk).first()
        )
        if invitation is None or email_has_account(invitation.email):
            return None
        email = invitation.email.lower()
        first_name, _space, last_name = invitation.full_name.rpartition(" ")
        user = get_user_model().objects.create_user(
            username=email[:150],
            email=email,
            password=password,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        # The invitation reached this address: it is proven.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile = ExpertProfile.objects.unlinked_with_email(email).order_by("id").first()
        if profile is None:
            profile = ExpertProfile(
                full_name=invitation.full_name,
                slug=ExpertProfile.unique_slug_for(invitation.full_name),
                email=email,
            )
        profile.user = user
        profile.save()
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
    return user
