from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from visits.models import Municipality, Visit

VISITS_PER_PAGE = 20


@require_GET
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = (
        Visit.objects.visible_to(request.user).newest_first().prefetch_related("municipalities")
    )
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("lapa"))
    return render(request, "visits/visit_list.html", {"page": page})


@require_GET
def visit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    visit = get_object_or_404(
        Visit.objects.visible_to(request.user).prefetch_related(
            "municipalities", "agenda_items", "good_practices__recommendations", "recommendations"
        ),
        slug=slug,
    )
    return render(request, "visits/visit_detail.html", {"visit": visit})


@require_GET
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    visits = (
        municipality.visits.visible_to(request.user)
        .newest_first()
        .prefetch_related("municipalities")
    )
    return render(
        request,
        "visits/municipality_detail.html",
        {"municipality": municipality, "visits": visits},
    )
