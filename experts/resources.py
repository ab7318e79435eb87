"""The expert network as a spreadsheet: personal data, handled as such.

Decisions:

- An expert is known by the address name of the profile (``slug``), a key that is not a
  contact detail; an import also finds an expert by email, and a new expert without an
  address name gets one made from the name.
- The email and phone of an expert who did not choose to show them are left out of the
  export, unless a superuser exports; a blank email or phone cell on import therefore
  leaves the stored one as it is.
- Consent (public profile, showing the email or phone) is the expert's own choice: it is
  exported for information and never changed by an import.
- Every export is logged as one of personal data (``contains_personal_data``), and only
  holders of the ``experts.export_expertprofile`` permission may export at all.
"""

from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from import_export.instance_loaders import ModelInstanceLoader

from experts.models import RESERVED_SLUGS, ExpertProfile
from platform_site.imports import (
    BooleanWidget,
    ChoiceWidget,
    Column,
    KeepIfBlankTextWidget,
    ManyNaturalKeyWidget,
    NaturalKeyWidget,
    SpreadsheetResource,
    cell_text,
    find_by_key,
)
from platform_site.regions import PlanningRegion


def find_expert(key: str) -> ExpertProfile:
    """An expert by the address name of the profile or, if the key is an address, by email."""
    if "@" not in key:
        return find_by_key(ExpertProfile, "slug", key)
    matches = list(ExpertProfile.objects.filter(email__iexact=key)[:2])
    if len(matches) == 1:
        return matches[0]
    raise ValueError(
        gettext("Not found: %(model)s “%(value)s”.")
        % {"model": ExpertProfile._meta.verbose_name, "value": key}
    )


class ExpertKeyWidget(NaturalKeyWidget):
    """One expert: written as the profile's address name, read as that or an email."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(ExpertProfile, "slug", **kwargs)

    def find(self, key: str) -> ExpertProfile:
        return find_expert(key)


class ExpertKeysWidget(ManyNaturalKeyWidget):
    """Several experts in one cell: ``ludmila-zagare; janis-berzins``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(ExpertProfile, "slug", **kwargs)

    def find(self, key: str) -> ExpertProfile:
        return find_expert(key)


class ExpertInstanceLoader(ModelInstanceLoader):
    """The row's expert: by address name if the row has one, else by email, else new."""

    def get_instance(self, row: dict[str, Any]) -> ExpertProfile | None:
        fields = self.resource.fields
        slug = cell_text(row.get(fields["slug"].column_name)).strip()
        if slug:
            return ExpertProfile.objects.filter(slug=slug).first()
        email = cell_text(row.get(fields["email"].column_name)).strip()
        if email:
            return ExpertProfile.objects.filter(email__iexact=email).order_by("id").first()
        return None


class ExpertResource(SpreadsheetResource):
    contains_personal_data = True

    slug = Column("slug", pgettext_lazy("spreadsheet column", "Address name"))
    full_name = Column("full_name", pgettext_lazy("spreadsheet column", "Full name"))
    email = Column(
        "email",
        pgettext_lazy("spreadsheet column", "Email"),
        KeepIfBlankTextWidget(),
        keep_if_blank=True,
    )
    phone = Column(
        "phone",
        pgettext_lazy("spreadsheet column", "Phone"),
        KeepIfBlankTextWidget(),
        keep_if_blank=True,
    )
    organisation = Column("organisation", pgettext_lazy("spreadsheet column", "Organisation"))
    position = Column("position", pgettext_lazy("spreadsheet column", "Position"))
    home_area = Column("home_area", pgettext_lazy("spreadsheet column", "Municipality or region"))
    planning_region = Column(
        "planning_region",
        pgettext_lazy("spreadsheet column", "Planning region"),
        ChoiceWidget(PlanningRegion),
    )
    bio = Column("bio", pgettext_lazy("spreadsheet column", "Short bio"))
    is_public = Column(
        "is_public",
        pgettext_lazy("spreadsheet column", "Public profile"),
        BooleanWidget(),
        readonly=True,
    )
    show_email = Column(
        "show_email",
        pgettext_lazy("spreadsheet column", "Shows email"),
        BooleanWidget(),
        readonly=True,
    )
    show_phone = Column(
        "show_phone",
        pgettext_lazy("spreadsheet column", "Shows phone"),
        BooleanWidget(),
        readonly=True,
    )
    is_sample = Column(
        "is_sample", pgettext_lazy("spreadsheet column", "Sample content"), BooleanWidget()
    )

    class Meta:
        model = ExpertProfile
        name = pgettext_lazy("spreadsheet", "Experts")
        import_id_fields = ["slug"]
        instance_loader_class = ExpertInstanceLoader
        fields = (
            "slug", "full_name", "email", "phone", "organisation", "position", "home_area",
            "planning_region", "bio", "is_public", "show_email", "show_phone", "is_sample",
        )  # fmt: skip

    # -- contacts only with consent, unless a superuser exports

    def shows_all_contacts(self) -> bool:
        return bool(self.user is not None and self.user.is_superuser)

    def dehydrate_email(self, expert: ExpertProfile) -> str:
        return expert.email if expert.show_email or self.shows_all_contacts() else ""

    def dehydrate_phone(self, expert: ExpertProfile) -> str:
        return expert.phone if expert.show_phone or self.shows_all_contacts() else ""

    # -- the key: address name, else email

    def get_instance(self, instance_loader: Any, row: dict[str, Any]) -> ExpertProfile | None:
        return instance_loader.get_instance(row)

    def _check_import_id_fields(self, headers: Any) -> None:
        """An address name column is not needed: experts are found by email too."""

    def key_column_sets(self) -> list[list[str]]:
        return [[self.fields["slug"].column_name], [self.fields["email"].column_name]]

    def missing_columns(self, headers: list[str]) -> list[str]:
        name, slug, email = (
            self.fields[field].column_name for field in ("full_name", "slug", "email")
        )
        missing = [] if name in headers else [name]
        if slug not in headers and email not in headers:
            missing.append(email)
        return missing

    def complete_instance(self, expert: ExpertProfile) -> None:
        """A new expert without an address name gets one made from the name."""
        if not expert.pk and not expert.slug and expert.full_name:
            expert.slug = ExpertProfile.unique_slug_for(expert.full_name)

    def row_errors(self, expert: ExpertProfile, row: dict[str, Any]) -> dict[str, list[str]]:
        if expert.slug in RESERVED_SLUGS:
            return {"slug": [gettext("This address name is taken by a page of the portal.")]}
        return {}
