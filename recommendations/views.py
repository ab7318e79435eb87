from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from recommendations.models import Recommendation


@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    recommendations = Recommendation.objects.order_by("number")
    return render(
        request, "recommendations/recommendation_list.html", {"recommendations": recommendations}
    )


@require_GET
def recommendation_detail(request: HttpRequest, number: int) -> HttpResponse:
    recommendation = get_object_or_404(Recommendation, number=number)
    actions = recommendation.actions.visible_to(request.user).in_status_order()
    visits = recommendation.visits.visible_to(request.user).newest_first()
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {"recommendation": recommendation, "actions": actions, "visits": visits},
    )
