"""Pages that belong to no single app: home, timeline, the static pages, robots.txt."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from platform_site.stats import headline_numbers, recommendations_with_progress
from platform_site.timeline import platform_timeline
from visits.map import visit_map_for
from visits.models import Visit

LATEST_VISITS_ON_HOME = 3


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    visits = (
        Visit.objects.published()
        .newest_first()
        .prefetch_related("municipalities")[:LATEST_VISITS_ON_HOME]
    )
    return render(
        request,
        "home.html",
        {
            "visits": visits,
            "recommendations": recommendations_with_progress(),
            "numbers": headline_numbers(),
            "visit_map": visit_map_for(Visit.objects.published()),
        },
    )


@require_safe
def timeline(request: HttpRequest) -> HttpResponse:
    """The history; the visits of one year (``?gads=2021``), else of the latest year."""
    year = request.GET.get("gads", "")
    chosen = int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else None
    return render(request, "pages/timeline.html", {"timeline": platform_timeline(chosen)})


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    site_url = request.build_absolute_uri(reverse("home"))
    return render(request, "pages/accessibility.html", {"site_url": site_url})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request,
        "pages/robots.txt",
        {"sitemap_url": sitemap_url},
        content_type="text/plain; charset=utf-8",
    )
