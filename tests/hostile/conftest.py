"""A small portal for the hostile-input tests: something behind every address."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from experts.models import ExpertProfile
from recommendations.models import FollowUpAction, Recommendation
from tests.experts.accounts import make_expert_account
from tests.factories import make_action, make_expert, make_visit, municipality
from visits.models import Comment, Visit


@dataclass
class Site:
    published: Visit
    in_review: Visit
    draft: Visit
    action: FollowUpAction
    expert: ExpertProfile
    user: object  # the logged-in expert's account
    profile: ExpertProfile


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fresh_rate_limits(db):
    """allauth counts login attempts in the (database) cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(fresh_rate_limits) -> Site:
    talsi = municipality("talsu-novads")
    first = Recommendation.objects.get(number=1)
    published = make_visit(
        title="Vizīte Talsos",
        status=Visit.Status.PUBLISHED,
        municipalities=[talsi],
        start_date=dt.date(2019, 5, 6),
    )
    published.recommendations.set([first])
    in_review = make_visit(title="Vizīte pārskatā", status=Visit.Status.REVIEW)
    draft = make_visit(title="Melnraksts", status=Visit.Status.DRAFT)
    action = make_action(recommendations=[first], municipality=talsi, origin_visit=published)
    expert = make_expert(full_name="Publiska Eksperte", is_public=True, public_consent_at=now())
    expert.areas_of_expertise.set([first])
    user, profile = make_expert_account(full_name="Ielogojusies Eksperte")
    Comment.objects.create(visit=in_review, author=user, body="Pirmais komentārs.")
    return Site(published, in_review, draft, action, expert, user, profile)


def now() -> dt.datetime:
    return dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def table_sizes() -> dict[str, int]:
    """Row counts of what a request might change: equal before and after a refused input."""
    return {
        "users": get_user_model().objects.count(),
        "experts": ExpertProfile.objects.count(),
        "visits": Visit.objects.count(),
        "comments": Comment.objects.count(),
        "actions": FollowUpAction.objects.count(),
    }
