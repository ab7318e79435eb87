"""allauth adapter: accounts exist only through an invitation."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.encoding import force_str
from django.utils.translation import gettext


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def format_email_subject(self, subject: str) -> str:
        """The portal's name before the subject, instead of the host name."""
        return f"{gettext('Latvian Roma Platform')}: {force_str(subject)}"
