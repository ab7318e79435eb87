from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from visits import comments
from visits.comments import CommentSection
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
    """A visit whose comments this reader may see: none for the public, no drafts."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(Visit.objects.visible_to(request.user), slug=slug)


def _page_renderer(request: HttpRequest, visit: Visit) -> comments.PageRenderer:
    return lambda section, status: _visit_page(request, visit, section, status)


@comments.for_logged_in_readers
@require_POST
def comment_create(request: HttpRequest, slug: str) -> HttpResponse:
    visit = _commented_visit(request, slug)
    return comments.create(request, visit, _page_renderer(request, visit))


@comments.for_logged_in_readers
@require_POST
def comment_reply(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    visit = _commented_visit(request, slug)
    return comments.create(request, visit, _page_renderer(request, visit), parent_id=comment_id)


@comments.for_logged_in_readers
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    return comments.edit(request, _commented_visit(request, slug), comment_id)


@comments.for_logged_in_readers
@require_POST
def comment_delete(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    return comments.delete(request, _commented_visit(request, slug), comment_id)


@comments.for_logged_in_readers
@require_POST
def comment_hide(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    visit = _commented_visit(request, slug)
    return comments.hide(request, visit, comment_id, _page_renderer(request, visit))


@comments.for_logged_in_readers
@require_POST
def comment_unhide(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    return comments.unhide(request, _commented_visit(request, slug), comment_id)


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
