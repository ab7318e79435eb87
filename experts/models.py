"""The regional expert network: people, and the invitations that bring them in."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from platform_site.regions import PlanningRegion

INVITATION_VALIDITY = dt.timedelta(days=14)
# Addresses under /eksperti/ that are pages, not profiles.
RESERVED_SLUGS = frozenset({"mans-profils", "uzaicinajums"})


class ExpertProfileQuerySet(models.QuerySet):
    def public(self) -> "ExpertProfileQuerySet":
        return self.filter(is_public=True)

    def visible_to(self, user) -> "ExpertProfileQuerySet":
        """Consenting experts for everyone; the whole network for experts and staff."""
        if user.is_authenticated:
            return self.all()
        return self.public()

    def in_region(self, region: str) -> "ExpertProfileQuerySet":
        return self.filter(planning_region=region)

    def with_expertise(self, area: models.Model) -> "ExpertProfileQuerySet":
        """Experts who named this recommendation among their areas of expertise."""
        return self.filter(areas_of_expertise=area)

    def for_directory(self) -> "ExpertProfileQuerySet":
        """In Latvian alphabetical order, with what a directory card shows."""
        return self.order_by(Collate("full_name", "lv"), "id").prefetch_related(
            models.Prefetch(
                "areas_of_expertise",
                queryset=expertise_model().objects.order_by("number"),
            )
        )

    def unlinked_with_email(self, email: str) -> "ExpertProfileQuerySet":
        """A profile recorded for this address (e.g. from a past visit) with no account yet."""
        return self.filter(email__iexact=email, user__isnull=True)


def expertise_model() -> type[models.Model]:
    """The model of the areas of expertise: the recommendations.

    The link is defined on the recommendations' side (experts import nothing from
    there), so the model is found through the reverse relation.
    """
    return ExpertProfile._meta.get_field("areas_of_expertise").related_model


class ExpertProfile(models.Model):
    """One member of the regional expert network.

    A profile can exist without an account (an expert recorded from a past visit);
    the account is linked when the expert accepts an invitation.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profile",
        verbose_name=_("user account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=200, unique=True)
    email = models.EmailField(_("email"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show email on the profile"), default=False)
    show_phone = models.BooleanField(_("show phone on the profile"), default=False)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    home_area = models.CharField(
        _("municipality or region"),
        max_length=200,
        blank=True,
        help_text=_("The municipality or region the expert works in, as they write it."),
    )
    planning_region = models.CharField(
        _("planning region"), max_length=20, choices=PlanningRegion, blank=True
    )
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("The expert agrees that anyone may see this profile."),
    )
    public_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample content"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ExpertProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        permissions = [
            ("import_expertprofile", _("Can import experts from a spreadsheet")),
            ("export_expertprofile", _("Can export experts to a spreadsheet")),
        ]
        ordering = [Collate("full_name", "lv"), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_public=False) | models.Q(public_consent_at__isnull=False),
                name="public_profile_has_consent_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("experts:detail", kwargs={"slug": self.slug})

    def set_public(self, is_public: bool, *, now: dt.datetime) -> None:
        """Record the expert's consent (or its withdrawal) with its date."""
        if is_public and not self.is_public:
            self.public_consent_at = now
        if not is_public:
            self.public_consent_at = None
        self.is_public = is_public

    @classmethod
    def unique_slug_for(cls, full_name: str) -> str:
        """An address name from the person's name, numbered if the name is taken."""
        base = slugify(full_name)[:190] or "eksperts"
        taken = set(cls.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        taken.update(RESERVED_SLUGS)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug


class InvitationQuerySet(models.QuerySet):
    def usable(self, *, now: dt.datetime) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, expires_at__gt=now)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry() -> dt.datetime:
    return timezone.now() + INVITATION_VALIDITY


class Invitation(models.Model):
    """An invitation to join the network: the only way an account comes to exist."""

    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=200)
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def get_absolute_url(self) -> str:
        return reverse("invitations:accept", kwargs={"token": self.token})

    def is_usable(self, *, now: dt.datetime) -> bool:
        return self.accepted_at is None and self.expires_at > now

    def renew(self, *, now: dt.datetime) -> None:
        """A new link valid for another full period; the old link stops working."""
        self.token = new_invitation_token()
        self.expires_at = now + INVITATION_VALIDITY
