from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    default = True
    name = "experts"
    verbose_name = _("Expert network")


class PlatformAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site: logging in goes through allauth.

    Listed in INSTALLED_APPS in place of "django.contrib.admin" (Django's documented way
    to replace the default admin site).
    """

    default = False
    default_site = "experts.admin_site.PlatformAdminSite"
