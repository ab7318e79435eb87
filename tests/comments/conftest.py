"""Fixtures of the comment tests: a fixed clock, the people, and what is commented on.

The comments on visits and on follow-up actions follow the same rules; tests that take
the ``target`` fixture run once for a visit in review and once for a public action.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_site import page_cache
from recommendations.models import FollowUpAction
from tests.factories import make_action, make_expert, make_user, make_visit
from visits.models import CommentBase, Visit

_numbers = itertools.count(1)

START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # 12:00 in Riga


class Clock:
    """What ``timezone.now()`` answers in these tests; moved on by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    """Views, ``auto_now_add`` and sessions all ask ``timezone.now``: no test reads the clock."""
    fixed = Clock(START)
    monkeypatch.setattr(timezone, "now", fixed)
    return fixed


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Many accounts are made here; the production hasher's cost is not what is tested."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_notification_list(settings):
    """Notifications go to the staff users unless a test sets a list."""
    settings.COMMENT_NOTIFICATION_EMAILS = []


# --- people -----------------------------------------------------------------------------


def make_expert_user(full_name: str | None = None, **user_fields):
    """A logged-in expert: an account with its expert profile."""
    n = next(_numbers)
    user = make_user(email=f"eksperts{n}@example.invalid", **user_fields)
    make_expert(user=user, email=user.email, full_name=full_name or f"Eksperte Nr. {n}")
    return user


def make_staff_user(**fields):
    """A ministry editor: staff, without an expert profile."""
    n = next(_numbers)
    fields.setdefault("email", f"redaktore{n}@km.example.invalid")
    fields.setdefault("first_name", "Inese")
    fields.setdefault("last_name", f"Ozola {n}")
    return make_user(is_staff=True, **fields)


@pytest.fixture
def expert():
    return make_expert_user("Anna Bērziņa")


@pytest.fixture
def other_expert():
    return make_expert_user("Jānis Kalniņš")


@pytest.fixture
def staff():
    return make_staff_user()


def logged_in(client, user):
    client.force_login(user)
    return client


# --- what is commented on ----------------------------------------------------------------


@dataclass
class Target:
    """A visit or an action, with the addresses of its page and of its comments."""

    obj: Visit | FollowUpAction

    @property
    def page_url(self) -> str:
        return self.obj.get_absolute_url()

    @property
    def comments(self):
        return self.obj.comments

    def url(self, name: str, comment: CommentBase | None = None) -> str:
        comment_id = comment.pk if comment is not None else None
        return self.obj.comments.model.url_for(name, self.obj, comment_id)

    def comment(self, author, body: str = "Noderīga pieredze.", **fields) -> CommentBase:
        return make_comment(self.obj, author, body, **fields)


def make_comment(target, author, body: str = "Noderīga pieredze.", **fields) -> CommentBase:
    """A comment written at the clock's time (``created_at`` is set on insert)."""
    return target.comments.create(author=author, body=body, **fields)


def review_visit(**fields) -> Visit:
    return make_visit(status=Visit.Status.REVIEW, **fields)


def published_visit(**fields) -> Visit:
    return make_visit(status=Visit.Status.PUBLISHED, **fields)


@pytest.fixture(params=["visit in review", "public action"])
def target(request) -> Target:
    if request.param == "visit in review":
        return Target(review_visit(title="Vizīte pārskatīšanā"))
    return Target(make_action(title="Romu mediatora amata izveide", is_public=True))


@pytest.fixture(params=["visit", "action"])
def kind(request) -> str:
    """For tests that build their own targets of either kind."""
    return request.param


def make_target(kind: str, **fields) -> Target:
    if kind == "visit":
        return Target(published_visit(**fields))
    return Target(make_action(**fields))


def query_count(client, url: str) -> int:
    page_cache.clear()  # the queries of rendering the page, not of a stored one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)
