import datetime as dt

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from experts.invitations import email_has_account
from experts.models import ExpertProfile, ExpertProfileQuerySet, Invitation, expertise_model
from platform_site.regions import PlanningRegion


class ExpertiseChoiceField(forms.ModelChoiceField):
    """One recommendation, shown by its number and title."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.title}"

    def _check_values(self, value):
        """An id no database can hold is an invalid choice, not a server error."""
        for pk in value:
            if not (str(pk).isdigit() and int(pk) <= BIGGEST_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


BIGGEST_ID = 2**63 - 1  # the largest value of a BigAutoField


class ExpertiseMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Recommendations as areas of expertise, shown by their number and title."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.title}"

    def _check_values(self, value):
        """An id no database can hold is an invalid choice, not a server error."""
        for pk in value:
            if not (str(pk).isdigit() and int(pk) <= BIGGEST_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class AcceptInvitationForm(forms.Form):
    """The invited person chooses a password (checked by Django's password validators)."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, invitation: Invitation, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    @method_decorator(sensitive_variables("password1", "password2"))
    def clean(self) -> dict:
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            # An unsaved user, so that the similarity validator compares with the name and email.
            first_name, _space, last_name = self.invitation.full_name.rpartition(" ")
            user = get_user_model()(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=first_name,
                last_name=last_name,
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class ExpertProfileForm(forms.ModelForm):
    """What an expert edits on their own profile, consent to a public profile included."""

    is_public = forms.BooleanField(
        label=_("Show my profile to everyone"),
        required=False,
        help_text=_(
            "Without this, only logged-in members of the network and ministry staff see your "
            "profile. You can withdraw your consent at any time by clearing this box."
        ),
    )
    areas_of_expertise = ExpertiseMultipleChoiceField(
        label=_("Areas of expertise"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The recommendations of the platform you know most about."),
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "full_name",
            "organisation",
            "position",
            "home_area",
            "planning_region",
            "bio",
            "phone",
            "show_email",
            "show_phone",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        labels = {
            "show_email": _("Show my email address on my profile"),
            "show_phone": _("Show my phone number on my profile"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas_of_expertise"].queryset = expertise_model().objects.order_by("number")
        if self.instance.pk:
            self.fields["is_public"].initial = self.instance.is_public
            self.fields["areas_of_expertise"].initial = list(
                self.instance.areas_of_expertise.values_list("pk", flat=True)
            )

    @transaction.atomic
    def save_profile(self, *, now: dt.datetime) -> ExpertProfile:
        """Save the fields, date the consent given (or clear it when withdrawn)."""
        profile = super().save(commit=False)
        profile.set_public(self.cleaned_data["is_public"], now=now)
        profile.save()
        profile.areas_of_expertise.set(self.cleaned_data["areas_of_expertise"])
        return profile


class ExpertFilterForm(forms.Form):
    """The directory's filters: a GET form whose unknown values are ignored, never an error page."""

    regions = forms.ChoiceField(
        label=_("Planning region"),
        choices=[("", _("All regions")), *PlanningRegion.choices],
        required=False,
    )
    joma = ExpertiseChoiceField(
        label=_("Area of expertise"),
        queryset=None,
        to_field_name="number",
        empty_label=_("All areas"),
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["joma"].queryset = expertise_model().objects.order_by("number")

    def filter(self, experts: ExpertProfileQuerySet) -> ExpertProfileQuerySet:
        """The experts matching the valid filters; an invalid filter filters nothing."""
        if region := self.valid_value("regions"):
            experts = experts.in_region(region)
        if area := self.valid_value("joma"):
            experts = experts.with_expertise(area)
        return experts

    def valid_value(self, name: str):
        """The cleaned value of one filter, or None if it is missing or not understood."""
        if not self.is_bound or (not self.is_valid() and name in self.errors):
            return None
        return self.cleaned_data.get(name)

    @property
    def is_filtered(self) -> bool:
        return any(self.valid_value(name) for name in self.fields)


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "full_name", "expires_at"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if "email" in self.changed_data and email_has_account(email):
            raise forms.ValidationError(
                _(
                    "This address already has an account. The person can log in, or reset "
                    "their password from the login page."
                )
            )
        return email
