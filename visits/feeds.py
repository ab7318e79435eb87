"""An Atom feed of the published visit summaries (never drafts or visits in review)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from visits.models import Visit

FEED_LENGTH = 20


class PublishedVisitsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Latvian Roma Platform: visits and meetings")
    subtitle = _(
        "Published summaries of the regional expert network’s good-practice visits to "
        "municipalities and of its meetings."
    )
    description = subtitle
    link = reverse_lazy("visits:list")
    feed_url = reverse_lazy("visits:feed")
    author_name = _("Ministry of Culture")

    def items(self) -> list[Visit]:
        # Published only, whoever asks: a feed is read by programs, not by a logged-in expert.
        return list(Visit.objects.published().newest_first()[:FEED_LENGTH])

    def item_title(self, visit: Visit) -> str:
        return visit.title

    def item_description(self, visit: Visit) -> str:
        if not visit.lead:
            return visit.date_range_display
        return f"{visit.date_range_display}. {visit.lead}"

    def item_pubdate(self, visit: Visit) -> dt.datetime | None:
        return visit.published_at

    def item_updateddate(self, visit: Visit) -> dt.datetime:
        return visit.updated_at
