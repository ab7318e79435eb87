from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from platform_site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("visits.urls")),
    path("ierosinajumi/", include("recommendations.urls")),
    path("eksperti/", include("experts.urls")),
    path("konts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
