from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from platform_site.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
