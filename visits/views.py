from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from platform_site.excerpts import Excerpt
from visits import comments
from visits.comments import CommentSection
from visits.forms import VisitFilterForm
from visits.map import visit_map_for
from visits.models import GoodPractice, Municipality, Visit

VISITS_PER_PAGE = 20


@require_safe
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


@require_safe
def visit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    visit = get_object_or_404(Visit.objects.visible_to(request.user).with_details(), slug=slug)
    section = comments.comment_section(visit, request.user, now=timezone.now())
    return _visit_page(request, visit, section)


def visit_preview(request: HttpRequest, visit: Visit) -> HttpResponse:
    """The public page of any visit, a draft too, as the public will see it once published.

    Called from the admin, which has checked that the user is staff and may view visits.
    """
    visit = get_object_or_404(Visit.objects.with_details(), pk=visit.pk)
    return _visit_page(request, visit, None, neighbours=Visit.objects.published(), preview=True)


def _visit_page(
    request: HttpRequest,
    visit: Visit,
    section: CommentSection | None,
    status: int = 200,
    neighbours: QuerySet[Visit] | None = None,
    preview: bool = False,
) -> HttpResponse:
    """The page of one visit; the comments (for logged-in readers) as ``section`` has them."""
    visible = Visit.objects.visible_to(request.user) if neighbours is None else neighbours
    return render(
        request,
        "visits/visit_detail.html",
        {
            "visit": visit,
            "participation": visit.participation_counts(),
            "previous_visit": visible.previous_to(visit),
            "next_visit": visible.next_to(visit),
            "comments": section,
            "preview": preview,
        },
        status=status,
    )


def _commented_visit(request: HttpRequest, slug: str) -> Visit:
    """A visit whose comments this reader may see: no drafts."""
    return get_object_or_404(Visit.objects.visible_to(request.user), slug=slug)


# The comments on a visit's summary (the rules, the steps and the 404s: visits/comments.py).
comment_views = comments.comment_views(find_target=_commented_visit, render_page=_visit_page)


@require_safe
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    # A municipality's lists grow with the years: the most recent few of each, and a link
    # to the full list (the visit list or the tracker, filtered by the municipality).
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
        .for_listing(today=timezone.localdate())
        .in_status_order()
    )
    return render(
        request,
        "visits/municipality_detail.html",
        {
            "municipality": municipality,
            "visits": Excerpt.of(visits),
            "practices": Excerpt.of(practices),
            "adopted_practices": Excerpt.of(adopted_practices),
            "actions": Excerpt.of(actions),
        },
    )
