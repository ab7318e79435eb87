"""Load the platform's history (the 7 trips of 2016–2020 and the 2021 network meeting).

The facts ship with the project in ``platform_site/data/history.json`` so that every
database, from a laptop to production, gets the same published history. Loading is
idempotent: a second run finds every row as it should be and writes nothing, so
``updated_at`` and ``published_at`` stay as they were. Sample content (``is_sample``)
is never read or written.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils.translation import gettext as _

from recommendations.models import Recommendation
from visits.models import AgendaItem, Municipality, Visit

HISTORY_FILE = Path(__file__).resolve().parent / "data" / "history.json"

# The ministry's pages give no publishing time; noon in Riga on a visit's last day is a
# fixed, plausible value that never changes between runs.
RIGA = ZoneInfo("Europe/Riga")
PUBLISHED_AT_TIME = dt.time(12, 0)

M = TypeVar("M", bound=models.Model)


class HistoryError(Exception):
    """The data file or the database is not as the loader expects; nothing is loaded."""


@dataclass(frozen=True)
class HistoryCounts:
    """What one run loaded: visits and agenda items in the file, and the rows it wrote."""

    visits: int
    agenda_items: int
    created: int
    updated: int
    recommendation_links: int


@dataclass(frozen=True)
class AgendaRecord:
    day: int
    order: int
    kind: str
    title: str
    place: str
    description: str


@dataclass(frozen=True)
class VisitRecord:
    slug: str
    kind: str
    title: str
    municipality_slugs: tuple[str, ...]
    places: str
    start_date: dt.date
    end_date: dt.date
    project: str
    lead: str
    summary: str
    source_url: str
    agenda: tuple[AgendaRecord, ...]
    recommendation_numbers: tuple[int, ...]

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def published_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end_date, PUBLISHED_AT_TIME, tzinfo=RIGA)


def read_history(path: Path = HISTORY_FILE) -> list[VisitRecord]:
    """Parse and check the data file before anything touches the database."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source_url = data["source_url"]
    records = [_visit_record(raw, source_url) for raw in data["visits"]]
    slugs = [record.slug for record in records]
    if len(set(slugs)) != len(slugs):
        raise HistoryError(_("The history file lists a visit address name twice."))
    return records


def _visit_record(raw: dict[str, Any], source_url: str) -> VisitRecord:
    slug = raw["slug"]
    if raw["kind"] not in Visit.Kind.values:
        raise HistoryError(_("Visit %(slug)s has an unknown kind.") % {"slug": slug})
    start_date = dt.date.fromisoformat(raw["start_date"])
    end_date = dt.date.fromisoformat(raw["end_date"])
    if end_date < start_date:
        raise HistoryError(_("Visit %(slug)s ends before it starts.") % {"slug": slug})
    day_count = (end_date - start_date).days + 1
    agenda = []
    for order, item in enumerate(raw.get("agenda", []), start=1):
        if item["kind"] not in AgendaItem.Kind.values or not 1 <= item["day"] <= day_count:
            raise HistoryError(
                _("Agenda item %(order)d of visit %(slug)s has a wrong kind or day.")
                % {"order": order, "slug": slug}
            )
        agenda.append(
            AgendaRecord(
                day=item["day"],
                order=order,
                kind=item["kind"],
                title=item["title"],
                place=item.get("place", ""),
                description=item.get("description", ""),
            )
        )
    return VisitRecord(
        slug=slug,
        kind=raw["kind"],
        title=raw["title"],
        municipality_slugs=tuple(raw["municipalities"]),
        places=raw["places"],
        start_date=start_date,
        end_date=end_date,
        project=raw["project"],
        lead=raw["lead"],
        summary=raw["summary"],
        source_url=raw.get("source_url", source_url),
        agenda=tuple(agenda),
        recommendation_numbers=tuple(raw.get("recommendations", [])),
    )


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, str]:
    """Like ``update_or_create``, but an unchanged row is not saved again.

    ``update_or_create`` always saves, which would bump ``updated_at`` on every run;
    the history must be loadable any number of times without changing anything.
    Returns the object and "created", "updated" or "unchanged".
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    obj.save()
    return obj, "updated"


@transaction.atomic
def load_history(path: Path = HISTORY_FILE) -> HistoryCounts:
    """Create or update the history visits, their agenda and their recommendation links."""
    records = read_history(path)
    municipalities = Municipality.objects.in_bulk(field_name="slug")
    outcomes: list[str] = []
    links = 0
    for record in records:
        missing = set(record.municipality_slugs) - municipalities.keys()
        if missing:
            raise HistoryError(
                _("Municipalities not found: %(slugs)s.") % {"slugs": ", ".join(sorted(missing))}
            )
        if Visit.objects.filter(slug=record.slug, is_sample=True).exists():
            raise HistoryError(
                _("Sample visit %(slug)s has the address name of a history visit.")
                % {"slug": record.slug}
            )
        visit, outcome = _upsert(
            Visit,
            {"slug": record.slug},
            {
                "kind": record.kind,
                "title": record.title,
                "places": record.places,
                "start_date": record.start_date,
                "end_date": record.end_date,
                "project": record.project,
                "status": Visit.Status.PUBLISHED,
                "published_at": record.published_at,
                "lead": record.lead,
                "summary": record.summary,
                "source_url": record.source_url,
                "is_sample": False,
            },
        )
        outcomes.append(outcome)
        visit.municipalities.set([municipalities[slug] for slug in record.municipality_slugs])
        for item in record.agenda:
            # Times are not known: they are left empty on creation and never
            # overwritten, so staff can add them in the admin.
            _item, outcome = _upsert(
                AgendaItem,
                {"visit": visit, "day": item.day, "title": item.title, "is_sample": False},
                {
                    "order": item.order,
                    "kind": item.kind,
                    "place": item.place,
                    "description": item.description,
                },
            )
            outcomes.append(outcome)
        if record.recommendation_numbers:
            # Staff may merge recommendations later; link the ones that still exist.
            recommendations = Recommendation.objects.filter(
                number__in=record.recommendation_numbers
            )
            visit.recommendations.add(*recommendations)
            links += len(recommendations)
    return HistoryCounts(
        visits=len(records),
        agenda_items=sum(len(record.agenda) for record in records),
        created=outcomes.count("created"),
        updated=outcomes.count("updated"),
        recommendation_links=links,
    )
