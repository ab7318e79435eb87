"""Pages that belong to no single app: the home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from recommendations.models import Recommendation
from visits.models import Visit

LATEST_VISITS_ON_HOME = 8


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    visits = (
        Visit.objects.published()
        .newest_first()
        .prefetch_related("municipalities")[:LATEST_VISITS_ON_HOME]
    )
    return render(
        request,
        "home.html",
        {"visits": visits, "recommendations": Recommendation.objects.order_by("number")},
    )
