"""The site's URLs, and three that fail on purpose: only for the error tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from platform_site.urls import handler403, handler429  # noqa: F401 - the site's handlers


def server_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug, on purpose")


def permission_denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("internal reason, not for the reader")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a forged request, on purpose")


urlpatterns = [
    path("testi/kluda/", server_error),
    path("testi/aizliegts/", permission_denied),
    path("testi/aizdomigs/", suspicious),
    path("", include("platform_site.urls")),
]
