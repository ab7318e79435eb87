"""``/sitemap.xml``: every page the public may read, and nothing else.

Published visits only (never a draft or one in review), the municipalities with a
published visit, every recommendation and public follow-up action, and the experts
who agreed to a public profile.

``/sitemap.xml`` is an index of one sitemap per section (``/sitemap-vizites.xml`` …),
each of at most ``PER_FILE`` addresses (then ``?p=2`` and on).
"""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from experts.models import ExpertProfile
from recommendations.models import FollowUpAction, Recommendation
from visits.models import Municipality, Visit

# Addresses in one sitemap file; a longer section is split into pages ``?p=2`` and on.
PER_FILE = 1000

PAGES = [
    "home",
    "about",
    "timeline",
    "accessibility",
    "privacy",
    "visits:list",
    "recommendations:list",
    "experts:list",
]


class SectionSitemap(Sitemap):
    limit = PER_FILE


class PageSitemap(SectionSitemap):
    def items(self) -> list[str]:
        return PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class VisitSitemap(SectionSitemap):
    def items(self) -> QuerySet[Visit]:
        return Visit.objects.published().order_by("start_date", "id")

    def lastmod(self, visit: Visit) -> dt.datetime:
        return visit.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        """For the index, in one query (Django's default fetches every item)."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class MunicipalitySitemap(SectionSitemap):
    def items(self) -> QuerySet[Municipality]:
        # The filter comes first, so the latest change is taken over published visits only.
        return (
            Municipality.objects.filter(visits__in=Visit.objects.published())
            .annotate(last_visit_change=Max("visits__updated_at"))
            .order_by("slug", "id")
        )

    def lastmod(self, municipality: Municipality) -> dt.datetime:
        return municipality.last_visit_change


class RecommendationSitemap(SectionSitemap):
    def items(self) -> QuerySet[Recommendation]:
        return Recommendation.objects.annotate(
            last_action_change=Max("actions__updated_at", filter=Q(actions__is_public=True))
        ).order_by("number", "id")

    def lastmod(self, recommendation: Recommendation) -> dt.datetime | None:
        return recommendation.last_action_change


class ActionSitemap(SectionSitemap):
    def items(self) -> QuerySet[FollowUpAction]:
        return FollowUpAction.objects.public().order_by("id")

    def lastmod(self, action: FollowUpAction) -> dt.datetime:
        return action.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ExpertSitemap(SectionSitemap):
    def items(self) -> QuerySet[ExpertProfile]:
        return ExpertProfile.objects.public().order_by("slug", "id")

    def lastmod(self, expert: ExpertProfile) -> dt.datetime:
        return expert.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "lapas": PageSitemap,
    "vizites": VisitSitemap,
    "pasvaldibas": MunicipalitySitemap,
    "ierosinajumi": RecommendationSitemap,
    "ricibas": ActionSitemap,
    "eksperti": ExpertSitemap,
}
