from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from platform_site import health, security, views
from platform_site.sitemaps import SITEMAPS

admin.site.site_header = _("Latvian Roma Platform: administration")
admin.site.site_title = _("Latvian Roma Platform")
admin.site.index_title = _("Records of the platform")

urlpatterns = [
    path("", views.home, name="home"),
    path("vesture/", views.timeline, name="timeline"),
    path("par/", views.about, name="about"),
    path("pieejamiba/", views.accessibility, name="accessibility"),
    path("privatums/", views.privacy, name="privacy"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of one sitemap per section, each split into files of 1,000 addresses.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(".well-known/security.txt", security.security_txt, name="security_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("csp-zinojumi/", security.csp_report, name="csp_report"),
    path("", include("visits.urls")),
    path("ierosinajumi/", include("recommendations.urls")),
    path("eksperti/", include("experts.urls")),
    path("konts/uzaicinajums/", include("experts.invitation_urls")),
    path("konts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Latvian error pages (templates/400.html, 403.html, 404.html, 500.html); refusals are
# logged. allauth answers its rate limits with handler429.
handler403 = "platform_site.security.permission_denied"
handler429 = "platform_site.security.too_many_requests"
