"""Plain factory functions: the least a valid record needs, overridable by keyword."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from experts.models import ExpertProfile
from recommendations.models import FollowUpAction
from visits.models import AgendaItem, Municipality, Visit

_sequence = itertools.count(1)


def make_user(**fields):
    n = next(_sequence)
    fields.setdefault("email", f"user{n}@example.invalid")
    fields.setdefault("username", fields["email"])
    password = fields.pop("password", "Ilga-parole-2026")
    return get_user_model().objects.create_user(password=password, **fields)


def make_expert(**fields) -> ExpertProfile:
    n = next(_sequence)
    fields.setdefault("full_name", f"Eksperte Nr. {n}")
    fields.setdefault("slug", f"eksperte-{n}")
    fields.setdefault("email", f"eksperte{n}@example.invalid")
    return ExpertProfile.objects.create(**fields)


def make_visit(**fields) -> Visit:
    n = next(_sequence)
    municipalities = fields.pop("municipalities", [])
    fields.setdefault("title", f"Vizīte Nr. {n}")
    fields.setdefault("slug", f"vizite-{n}")
    fields.setdefault("start_date", dt.date(2024, 5, 6))
    fields.setdefault("end_date", fields["start_date"] + dt.timedelta(days=1))
    if fields.get("status") == Visit.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    visit = Visit.objects.create(**fields)
    visit.municipalities.set(municipalities)
    return visit


def make_agenda_item(visit: Visit, **fields) -> AgendaItem:
    fields.setdefault("day", 1)
    fields.setdefault("title", "Tikšanās")
    return AgendaItem.objects.create(visit=visit, **fields)


def make_action(**fields) -> FollowUpAction:
    recommendations = fields.pop("recommendations", [])
    fields.setdefault("title", f"Rīcība Nr. {next(_sequence)}")
    fields.setdefault("responsible_institution", "Kultūras ministrija")
    action = FollowUpAction.objects.create(**fields)
    action.recommendations.set(recommendations)
    return action


def municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)
