"""The people of the roles table (../shared/DESIGN.md, "Who may do what") and a small world.

Five roles: anonymous, an expert, another expert, a ministry editor (staff, in the
"Ministrijas redaktors" group) and a superuser. Staff log in as the admin requires,
through a session that passed the second factor.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import models
from django.test import Client

from experts.models import ExpertProfile
from recommendations.models import ActionComment, FollowUpAction, Recommendation
from tests.experts.accounts import log_in_with_second_factor, make_account
from tests.factories import make_action, make_expert, make_visit, municipality
from visits.models import Comment, Visit

ANONYMOUS = "anonymous"
EXPERT = "expert"
OTHER_EXPERT = "another expert"
EDITOR = "ministry editor"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, EXPERT, OTHER_EXPERT, EDITOR, SUPERUSER)
LOGGED_IN = (EXPERT, OTHER_EXPERT, EDITOR, SUPERUSER)

EDITOR_GROUP = "Ministrijas redaktors"

# Texts that appear only where the thing they belong to is shown.
EXPERT_COMMENT = "Talsu pieredze ar skolotāja palīgu der arī Valkā."
OTHER_EXPERT_COMMENT = "Sabilē bērni nāca uz pulciņu katru nedēļu."
HIDDEN_COMMENT = "Šo komentāru moderators paslēpa."
ACTION_COMMENT = "Kā virzās mediatora amata izveide?"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Many accounts are made here; the production hasher's cost is not what is tested."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth and the comment limit count in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_notification_list(settings):
    """A new comment notifies the staff users; the email goes to Django's test outbox."""
    settings.COMMENT_NOTIFICATION_EMAILS = []


@dataclass
class World:
    """Everyone in the roles table, and one thing of each kind they may or may not see."""

    expert: ExpertProfile
    other_expert: ExpertProfile
    public_expert: ExpertProfile
    editor: object
    superuser: object
    published_visit: Visit
    review_visit: Visit
    draft_visit: Visit
    public_action: FollowUpAction
    internal_action: FollowUpAction
    recommendation: Recommendation
    expert_comment: Comment
    other_expert_comment: Comment
    hidden_comment: Comment
    published_visit_comment: Comment
    action_comment: ActionComment

    def user(self, role: str):
        """The account of a role; None for the anonymous reader."""
        return {
            ANONYMOUS: None,
            EXPERT: self.expert.user,
            OTHER_EXPERT: self.other_expert.user,
            EDITOR: self.editor,
            SUPERUSER: self.superuser,
        }[role]


def make_expert_with_account(full_name: str, slug: str, **fields) -> ExpertProfile:
    user = make_account()
    return make_expert(user=user, email=user.email, full_name=full_name, slug=slug, **fields)


def make_editor():
    """A ministry editor: staff, in the editor group, with no expert profile."""
    user = make_account(is_staff=True, first_name="Inese", last_name="Ozola")
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def world() -> World:
    expert = make_expert_with_account("Anna Bērziņa", "anna-berzina")
    other_expert = make_expert_with_account("Jānis Kalniņš", "janis-kalnins")
    public_expert = make_expert(
        full_name="Ilze Liepiņa",
        slug="ilze-liepina",
        is_public=True,
        public_consent_at=dt.datetime(2025, 1, 10, 12, 0, tzinfo=dt.UTC),
    )
    editor = make_editor()
    superuser = make_account(is_staff=True, is_superuser=True)
    talsi = municipality("talsu-novads")
    published_visit = make_visit(
        title="Vizīte Talsos", slug="vizite-talsos", status=Visit.Status.PUBLISHED,
        municipalities=[talsi],
    )  # fmt: skip
    review_visit = make_visit(
        title="Vizīte Sabilē pārskatīšanā", slug="vizite-sabile", status=Visit.Status.REVIEW,
        municipalities=[talsi],
    )  # fmt: skip
    draft_visit = make_visit(
        title="Vizītes melnraksts Valkā", slug="vizite-valka", status=Visit.Status.DRAFT,
        municipalities=[talsi],
    )  # fmt: skip
    recommendation = Recommendation.objects.get(number=1)
    public_action = make_action(
        title="Romu mediatora amats Talsos", is_public=True, recommendations=[recommendation]
    )
    internal_action = make_action(
        title="Iekšēja sarakste ar ministriju", is_public=False, recommendations=[recommendation]
    )
    expert_comment = review_visit.comments.create(author=expert.user, body=EXPERT_COMMENT)
    other_expert_comment = review_visit.comments.create(
        author=other_expert.user, body=OTHER_EXPERT_COMMENT
    )
    hidden_comment = review_visit.comments.create(
        author=other_expert.user,
        body=HIDDEN_COMMENT,
        is_hidden=True,
        hidden_reason="Atklāj ģimeni.",
        hidden_by=editor,
    )
    published_visit_comment = published_visit.comments.create(
        author=expert.user, body="Publicētās vizītes komentārs ekspertiem."
    )
    action_comment = public_action.comments.create(author=expert.user, body=ACTION_COMMENT)
    return World(
        expert=expert,
        other_expert=other_expert,
        public_expert=public_expert,
        editor=editor,
        superuser=superuser,
        published_visit=published_visit,
        review_visit=review_visit,
        draft_visit=draft_visit,
        public_action=public_action,
        internal_action=internal_action,
        recommendation=recommendation,
        expert_comment=expert_comment,
        other_expert_comment=other_expert_comment,
        hidden_comment=hidden_comment,
        published_visit_comment=published_visit_comment,
        action_comment=action_comment,
    )


def log_in(client: Client, user) -> Client:
    """The client in ``user``'s session: staff as the admin requires, experts as usual."""
    if user is None:
        return client
    if user.is_staff:
        log_in_with_second_factor(client, user)
    else:
        client.force_login(user)
    return client


@pytest.fixture
def as_role(client, world):
    """``as_role(role)``: a client logged in as that role (the anonymous one as it is)."""

    def client_for(role: str) -> Client:
        return log_in(client, world.user(role))

    return client_for


@pytest.fixture
def ask(world):
    """``ask(question)``: each role's answer, ``question`` asked with a client of their own.

    For reading, where nothing changes: one row of the roles table per test, compared as a
    whole, so a failure shows every role that answered wrong.
    """

    def answers(question: Callable[[Client], object]) -> dict[str, object]:
        return {role: question(log_in(Client(), world.user(role))) for role in ROLES}

    return answers


def rows(*model_classes: type[models.Model]) -> dict[str, list[dict]]:
    """Every row of these tables, in order: compared before and after a refused write.

    Many-to-many tables are included through their ``through`` models, so pass those too
    where a refused write might add a link (a user's groups, a group's permissions).
    """
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in model_classes
    }


def expects(answers: dict[str, object]) -> list:
    """A table row as pytest parameters: (role, answer) for each of the five roles."""
    assert set(answers) == set(ROLES), "every role needs an answer"
    return [pytest.param(role, answers[role], id=role) for role in ROLES]
