from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from experts.models import ExpertProfile


@require_GET
def expert_list(request: HttpRequest) -> HttpResponse:
    experts = ExpertProfile.objects.visible_to(request.user)
    return render(request, "experts/expert_list.html", {"experts": experts})


@require_GET
def expert_detail(request: HttpRequest, slug: str) -> HttpResponse:
    expert = get_object_or_404(ExpertProfile.objects.visible_to(request.user), slug=slug)
    # Only the visits this reader may see: a draft's title is not public.
    participations = expert.participations.visible_to(request.user)
    return render(
        request,
        "experts/expert_detail.html",
        {"expert": expert, "participations": participations},
    )
