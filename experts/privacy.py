"""An expert's rights over their data: a copy of it, and its erasure (GDPR Art. 15, 17, 20).

``personal_data`` gathers what the portal keeps about one person, and nothing about
anyone else: not who invited them, not who hid a comment of theirs, not the texts they
replied to. ``erase_expert`` removes the account and the profile; the comments stay
(their author becomes "deleted user") so that the discussions keep their sense.

experts imports nothing from visits or recommendations (they import experts), so the
participations are reached through the profile's reverse relation and the comments
through ``apps.get_model``.
"""

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext

from experts.models import ExpertProfile, Invitation

EXPORT_FORMAT = "latvijas-romu-platforma/personal-data/1"
# Every kind of comment an expert may write; a model not installed is left out.
COMMENT_MODELS = ("visits.Comment", "recommendations.ActionComment")
# Fields of the profile that are the database's bookkeeping, not data about the person.
PROFILE_FIELDS_LEFT_OUT = frozenset({"id", "user"})

audit_log = logging.getLogger("platform_site.audit")


def comment_models() -> list[type[models.Model]]:
    found = []
    for label in COMMENT_MODELS:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


# --- the copy -------------------------------------------------------------------------


def profile_of(user) -> ExpertProfile | None:
    try:
        return user.expert_profile
    except ExpertProfile.DoesNotExist:
        return None


def personal_data(user, *, now: dt.datetime) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, for a JSON download.

    Values are what the database holds (dates as ISO 8601 once encoded); choices keep
    their codes, as stored. Secrets (the password's hash, invitation tokens, two-factor
    keys) are left out: they are not information about the person.
    """
    profile = profile_of(user)
    addresses = list(
        EmailAddress.objects.filter(user=user)
        .order_by("email", "id")
        .values("email", "verified", "primary")
    )
    emails = {user.email, *(address["email"] for address in addresses)}
    if profile is not None:
        emails.add(profile.email)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now,
        "account": _account(user),
        "email_addresses": addresses,
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user)
            .order_by("created_at", "id")
            .values("type", "created_at", "last_used_at")
        ),
        "profile": _profile(profile) if profile is not None else None,
        "areas_of_expertise": _areas_of_expertise(profile),
        "participations": _participations(profile),
        "comments": _comments(user),
        "invitations": _invitations(emails),
    }


def _account(user) -> dict[str, Any]:
    return {
        "email": user.email,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _profile(profile: ExpertProfile) -> dict[str, Any]:
    data = {
        field.name: field.value_from_object(profile)
        for field in ExpertProfile._meta.concrete_fields
        if field.name not in PROFILE_FIELDS_LEFT_OUT
    }
    data["address"] = profile.get_absolute_url()
    return data


def _areas_of_expertise(profile: ExpertProfile | None) -> list[dict[str, Any]]:
    if profile is None:
        return []
    return [
        {"number": area.number, "title": area.title}
        for area in profile.areas_of_expertise.order_by("number")
    ]


def _participations(profile: ExpertProfile | None) -> list[dict[str, Any]]:
    if profile is None:
        return []
    participations = profile.participations.select_related("visit").order_by(
        "visit__start_date", "visit__id"
    )
    return [
        {
            "visit": participation.visit.title,
            "visit_address": participation.visit.get_absolute_url(),
            "start_date": participation.visit.start_date,
            "end_date": participation.visit.end_date,
            "role": participation.role,
        }
        for participation in participations
    ]


def _comments(user) -> list[dict[str, Any]]:
    """The person's comments: their own text and its dates, and what each is about."""
    found = []
    for model in comment_models():
        target = model.target_field
        for comment in (
            model.objects.filter(author=user).select_related(target).order_by("created_at", "id")
        ):
            found.append(
                {
                    "id": comment.pk,
                    "on": str(getattr(comment, target)),
                    "address": comment.get_absolute_url(),
                    "reply_to_comment": comment.parent_id,
                    "text": comment.body,
                    "created_at": comment.created_at,
                    "edited_at": comment.edited_at,
                    "deleted_at": getattr(comment, "deleted_at", None),
                    "hidden_by_a_moderator": comment.is_hidden,
                    "reason_for_hiding": comment.hidden_reason,
                }
            )
    return sorted(found, key=lambda comment: (comment["created_at"], comment["id"]))


def _invitations(emails: set[str]) -> list[dict[str, Any]]:
    return list(
        _invitations_for(emails)
        .order_by("created_at", "id")
        .values("email", "full_name", "created_at", "expires_at", "accepted_at")
    )


def _invitations_for(emails: set[str]) -> models.QuerySet[Invitation]:
    matches = Q()
    for email in emails:
        if email:
            matches |= Q(email__iexact=email)
    return Invitation.objects.filter(matches) if matches else Invitation.objects.none()


# --- erasure --------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureSummary:
    """What one erasure removed, and how many comments it left (without their author)."""

    profile_id: int
    user_id: int | None
    participations: int
    invitations: int
    comments_kept: int


def erasure_preview(profile: ExpertProfile) -> ErasureSummary:
    """What ``erase_expert`` would do, for the confirmation page."""
    user = profile.user
    return ErasureSummary(
        profile_id=profile.pk,
        user_id=user.pk if user else None,
        participations=profile.participations.count(),
        invitations=_invitations_for(_addresses_of(profile)).count(),
        comments_kept=_comment_count(user),
    )


@transaction.atomic
def erase_expert(profile: ExpertProfile, *, by) -> ErasureSummary:
    """Remove the expert's account and profile for good (the right to erasure).

    - the account goes, with its email addresses and two-factor methods;
    - the profile goes, with its participations in visits (a visit's page then lists
      one participant fewer: no anonymous count is kept) and its areas of expertise;
    - invitations sent to the person's addresses go;
    - the comments stay, their text unchanged, their author empty ("deleted user");
    - the admin's history of changes to the profile and the account keeps its entries,
      with the name replaced by "deleted user";
    - the audit log records which profile and account were erased, and by whom: ids, no
      name.
    """
    summary = erasure_preview(profile)
    user = profile.user
    _invitations_for(_addresses_of(profile)).delete()
    _forget_name_in_admin_history(profile, user)
    profile.delete()
    if user is not None:
        user.delete()
    audit_log.info(
        "Expert erased: profile %s, account %s, by user %s",
        summary.profile_id,
        summary.user_id,
        by.pk,
    )
    return summary


def _addresses_of(profile: ExpertProfile) -> set[str]:
    emails = {profile.email}
    if profile.user is not None:
        emails.add(profile.user.email)
        emails.update(
            EmailAddress.objects.filter(user=profile.user).values_list("email", flat=True)
        )
    return emails


def _comment_count(user) -> int:
    if user is None:
        return 0
    return sum(model.objects.filter(author=user).count() for model in comment_models())


def _forget_name_in_admin_history(profile: ExpertProfile, user) -> None:
    """The admin's "history" names each object it changed; the name goes, the entry stays."""
    entries = Q(
        content_type=ContentType.objects.get_for_model(ExpertProfile),
        object_id=str(profile.pk),
    )
    if user is not None:
        entries |= Q(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id=str(user.pk),
        )
    LogEntry.objects.filter(entries).update(object_repr=gettext("deleted user"))


# --- logs -----------------------------------------------------------------------------

# Addresses whose last part is a secret: an invitation token, a password-reset or an
# email-confirmation key. Whoever reads the logs must not be able to use them.
SECRET_IN_ADDRESS = re.compile(r"(/(?:uzaicinajums|password/reset/key|confirm-email)/)[^/?#\s'\"]+")
REDACTED = "[…]"


class RedactSecretsFilter(logging.Filter):
    """A logging filter that blanks the secret part of such addresses in every record.

    Django logs refused requests with their address ("Not Found: /konts/uzaicinajums/…/",
    "Forbidden (CSRF cookie not set.): …"). Attach it to the handlers in LOGGING:
    ``"filters": {"redact_secrets": {"()": "experts.privacy.RedactSecretsFilter"}}``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = SECRET_IN_ADDRESS.sub(rf"\g<1>{REDACTED}", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
