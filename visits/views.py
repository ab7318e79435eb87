from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from visits.forms import VisitFilterForm
from visits.map import visit_map_for
from visits.models import GoodPractice, Municipality, Visit

VISITS_PER_PAGE = 20


@require_GET
def visit_list(request: HttpRequest) -> HttpResponse:
    visible = Visit.objects.visible_to(request.user)
    form = VisitFilterForm(request.GET, visits=visible)
    filtered = form.filter(visible)
    page = Paginator(filtered.newest_first().with_municipalities(), VISITS_PER_PAGE).get_page(
        request.GET.get("lapa")
    )
    return render(
        request,
        "visits/visit_list.html",
        {"page": page, "form": form, "visit_map": visit_map_for(filtered)},
    )


@require_GET
def visit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    visible = Visit.objects.visible_to(request.user)
    visit = get_object_or_404(visible.with_details(), slug=slug)
    return render(
        request,
        "visits/visit_detail.html",
        {
            "visit": visit,
            "participation": visit.participation_counts(),
            "previous_visit": visible.previous_to(visit),
            "next_visit": visible.next_to(visit),
        },
    )


@require_GET
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    visits = municipality.visits.visible_to(request.user).newest_first().with_municipalities()
    practices = (
        GoodPractice.objects.visible_to(request.user)
        .of_municipality(municipality)
        .with_details()
        .newest_visit_first()
    )
    adopted_practices = (
        municipality.adopted_practices.visible_to(request.user).with_details().newest_visit_first()
    )
    # Follow-up actions live in the recommendations app, which visits may not import:
    # the reverse manager brings its queryset methods with it.
    actions = (
        municipality.actions.visible_to(request.user)
        .in_status_order()
        .prefetch_related("recommendations")
    )
    return render(
        request,
        "visits/municipality_detail.html",
        {
            "municipality": municipality,
            "visits": visits,
            "practices": practices,
            "adopted_practices": adopted_practices,
            "actions": actions,
        },
    )
