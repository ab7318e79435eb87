"""The tracker's public pages: the dashboard, one recommendation, one action, the export."""

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from platform_site.excerpts import Excerpt
from recommendations import exports, tracker
from recommendations.forms import TrackerFilterForm
from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from visits import comments
from visits.comments import CommentSection
from visits.models import Municipality, visible_statuses

ACTIONS_PER_PAGE = 25


def _filter_form(
    request: HttpRequest,
    actions: QuerySet[FollowUpAction],
    municipalities: list[Municipality],
    *,
    today: dt.date,
) -> TrackerFilterForm:
    """The filters, offering the municipalities, institutions and years there are."""
    span = actions.year_span()
    years = list(range(max(span[1], today.year), span[0] - 1, -1)) if span else []
    return TrackerFilterForm(
        request.GET or None,
        municipalities=municipalities,
        institutions=actions.institutions(),
        years=years,
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("lapa", None)
    return query.urlencode()


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    visible = FollowUpAction.objects.visible_to(request.user)
    municipalities = list(Municipality.objects.all())
    form = _filter_form(request, visible, municipalities, today=today)
    actions = visible.matching(**form.filters())
    recommendations = list(Recommendation.objects.order_by("number"))
    listing = actions.for_listing(today=today).in_status_order()
    page = Paginator(listing, ACTIONS_PER_PAGE).get_page(request.GET.get("lapa"))
    return render(
        request,
        "recommendations/dashboard.html",
        {
            "form": form,
            "today": today,
            "overall": tracker.overall_progress(actions, today=today),
            "progress": tracker.progress_by_recommendation(recommendations, actions, today=today),
            "matrix": tracker.recommendation_matrix(recommendations, municipalities, actions),
            "page": page,
            "is_filtered": any(value not in ("", None) for value in form.filters().values()),
            "export_query": _query_without_page(request),
        },
    )


@require_safe
def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The dashboard's actions as CSV or XLSX: public ones only, whoever asks."""
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    today = timezone.localdate()
    public = FollowUpAction.objects.public()
    form = _filter_form(request, public, list(Municipality.objects.all()), today=today)
    actions = public.matching(**form.filters())
    return exports.tracker_response(actions, file_format=file_format, today=today)


@require_safe
def recommendation_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One recommendation: its progress, its actions a page at a time (in one status if
    the reader chose one), and the most recent of the visits, practices and experts."""
    today = timezone.localdate()
    recommendation = get_object_or_404(Recommendation, number=number)
    visible = recommendation.actions.visible_to(request.user)
    progress = tracker.overall_progress(visible, today=today)
    status = request.GET.get("statuss", "")
    if status not in FollowUpAction.Status.values:
        status = ""
    listing = (visible.filter(status=status) if status else visible).for_listing(today=today)
    page = Paginator(listing.in_status_order(), ACTIONS_PER_PAGE).get_page(request.GET.get("lapa"))
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "progress": progress,
            "status": status,
            "page": page,
            "status_groups": tracker.group_by_status(page, totals=progress),
            "visits": Excerpt.of(recommendation.visible_visits(request.user)),
            "good_practices": Excerpt.of(recommendation.visible_good_practices(request.user)),
            "experts": Excerpt.of(recommendation.visible_experts(request.user)),
        },
    )


def _visible_action(request: HttpRequest, pk: int, *, today: dt.date) -> FollowUpAction:
    """An action with what its page shows; an internal action is not found by the public."""
    return get_object_or_404(
        FollowUpAction.objects.visible_to(request.user)
        .for_listing(today=today)
        .select_related("origin_visit")
        .prefetch_related(
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("date", "id"))
        ),
        pk=pk,
    )


def _action_page(
    request: HttpRequest, action: FollowUpAction, section: CommentSection | None, status: int = 200
) -> HttpResponse:
    """The page of one action; the comments (for logged-in readers) as ``section`` has them."""
    origin_visit = action.origin_visit
    if origin_visit is not None and origin_visit.status not in visible_statuses(request.user):
        origin_visit = None
    return render(
        request,
        "recommendations/action_detail.html",
        {
            "action": action,
            "history": action.history(),
            "origin_visit": origin_visit,
            "comments": section,
        },
        status=status,
    )


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action, its history and, for experts and staff, the comments on its progress."""
    action = _visible_action(request, pk, today=timezone.localdate())
    section = comments.comment_section(action, request.user, now=timezone.now())
    return _action_page(request, action, section)


def _commented_action(request: HttpRequest, pk: int) -> FollowUpAction:
    """An action whose comments this reader may see: not an internal one."""
    return _visible_action(request, pk, today=timezone.localdate())


# The comments on an action's progress (the rules, the steps and the 404s: visits/comments.py).
comment_views = comments.comment_views(find_target=_commented_action, render_page=_action_page)
