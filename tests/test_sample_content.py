"""`manage.py load_sample_content`: invented demonstration content, marked and repeatable."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from experts.models import ExpertProfile
from platform_site.regions import PlanningRegion
from platform_site.sample_content import HISTORICAL_VISIT_SLUGS
from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from visits.models import AgendaItem, Comment, GoodPractice, Participation, Visit

pytestmark = pytest.mark.django_db

SAMPLE_MODELS = (
    ExpertProfile,
    Visit,
    AgendaItem,
    Participation,
    GoodPractice,
    FollowUpAction,
    ActionUpdate,
    Comment,
)
LINK_TABLES = (
    Recommendation.experts.through,
    Recommendation.visits.through,
    Recommendation.good_practices.through,
    FollowUpAction.recommendations.through,
    GoodPractice.adopted_in.through,
    Visit.municipalities.through,
)
GOOD_PRACTICE_VISITS = HISTORICAL_VISIT_SLUGS[:-1]
NETWORK_MEETING = HISTORICAL_VISIT_SLUGS[-1]
SAMPLE_VISITS = ("parauga-vizite-jelgava-2026", "parauga-vizite-daugavpils-2026")


def load_sample() -> str:
    out = StringIO()
    call_command("load_sample_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def history() -> None:
    call_command("load_history", stdout=StringIO())


@pytest.fixture
def loaded(history) -> None:
    load_sample()


def row_counts() -> dict[str, int]:
    models = (*SAMPLE_MODELS, *LINK_TABLES, get_user_model())
    return {model._meta.label: model.objects.count() for model in models}


def non_sample_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.filter(is_sample=False).count() for model in SAMPLE_MODELS
    }


def sample_agenda(slug: str) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(visit__slug=slug, is_sample=True))


class TestRunningItAgain:
    def test_changes_no_count(self, loaded):
        before = row_counts()

        load_sample()

        assert row_counts() == before

    def test_does_not_walk_the_action_histories_again(self, loaded):
        before = list(ActionUpdate.objects.order_by("id").values_list("id", "date", "status_after"))

        load_sample()

        assert (
            list(ActionUpdate.objects.order_by("id").values_list("id", "date", "status_after"))
            == before
        )


class TestWhatItMarks:
    def test_every_row_it_adds_is_sample_content(self, history):
        before = non_sample_counts()

        load_sample()

        assert non_sample_counts() == before
        assert all(model.objects.filter(is_sample=True).exists() for model in SAMPLE_MODELS)

    def test_it_leaves_the_history_as_it_was(self, history):
        visits_before = list(Visit.objects.order_by("id").values())
        agenda_before = list(AgendaItem.objects.order_by("id").values())

        load_sample()

        assert list(Visit.objects.filter(is_sample=False).order_by("id").values()) == visits_before
        assert (
            list(AgendaItem.objects.filter(is_sample=False).order_by("id").values())
            == agenda_before
        )

    def test_its_accounts_cannot_log_in_and_have_invalid_addresses(self, loaded):
        users = get_user_model().objects.filter(expert_profile__is_sample=True)

        assert users.count() == ExpertProfile.objects.filter(is_sample=True).count()
        assert all(not user.has_usable_password() for user in users)
        assert all(user.username == user.email for user in users)
        assert all(user.email.endswith("@piemers.invalid") for user in users)


class TestExperts:
    def test_come_from_every_planning_region(self, loaded):
        regions = ExpertProfile.objects.filter(is_sample=True).values_list(
            "planning_region", flat=True
        )

        assert set(regions) == set(PlanningRegion.values)

    def test_about_half_are_public_and_those_have_a_consent_date(self, loaded):
        experts = ExpertProfile.objects.filter(is_sample=True)
        public = experts.filter(is_public=True)

        assert 0.4 <= public.count() / experts.count() <= 0.6
        assert not public.filter(public_consent_at__isnull=True).exists()

    def test_each_has_one_to_three_areas_of_expertise(self, loaded):
        for expert in ExpertProfile.objects.filter(is_sample=True):
            assert 1 <= expert.areas_of_expertise.count() <= 3

    def test_say_they_are_sample_profiles(self, loaded):
        for expert in ExpertProfile.objects.filter(is_sample=True):
            assert "Parauga profils" in expert.bio
            assert "(parauga)" in expert.organisation


class TestParticipation:
    @pytest.mark.parametrize("slug", HISTORICAL_VISIT_SLUGS)
    def test_each_history_visit_has_ten_experts_from_four_regions(self, loaded, slug):
        participations = Participation.objects.filter(visit__slug=slug, is_sample=True)
        regions = set(participations.values_list("expert__planning_region", flat=True))

        assert participations.count() >= 10
        assert len(regions) >= 4

    def test_the_network_meeting_gathers_more_experts_than_a_visit(self, loaded):
        meeting = Participation.objects.filter(visit__slug=NETWORK_MEETING).count()
        visit = Participation.objects.filter(visit__slug=GOOD_PRACTICE_VISITS[0]).count()

        assert meeting > visit


class TestSampleVisits:
    def test_it_adds_exactly_one_draft_and_one_in_review(self, loaded):
        statuses = Counter(Visit.objects.filter(is_sample=True).values_list("status", flat=True))

        assert statuses == {Visit.Status.DRAFT: 1, Visit.Status.REVIEW: 1}

    def test_they_are_two_day_visits_in_2026_with_a_municipality(self, loaded):
        for visit in Visit.objects.filter(slug__in=SAMPLE_VISITS):
            assert visit.start_date.year == 2026
            assert visit.day_count == 2
            assert visit.municipalities.exists()
            assert "Parauga saturs" in visit.summary


class TestAgenda:
    @pytest.mark.parametrize("slug", [*GOOD_PRACTICE_VISITS, *SAMPLE_VISITS])
    def test_each_visit_has_a_programme_within_its_days(self, loaded, slug):
        visit = Visit.objects.get(slug=slug)
        days = {item.day for item in visit.agenda_items.all()}

        assert days
        assert max(days) <= visit.day_count

    def test_a_visit_without_a_recorded_programme_gets_the_two_day_format(self, loaded):
        recorded = set(
            AgendaItem.objects.filter(is_sample=False).values_list("visit__slug", flat=True)
        )
        unrecorded = [s for s in (*GOOD_PRACTICE_VISITS, *SAMPLE_VISITS) if s not in recorded]

        assert set(SAMPLE_VISITS) <= set(unrecorded)
        for slug in unrecorded:
            items = sample_agenda(slug)
            kinds = {(item.day, item.kind) for item in items}
            assert (1, AgendaItem.Kind.INSTITUTION_VISIT) in kinds, slug
            assert (1, AgendaItem.Kind.FAMILY_MEETING) in kinds, slug
            assert (2, AgendaItem.Kind.COUNCIL_MEETING) in kinds, slug
            assert (2, AgendaItem.Kind.DISCUSSION) in kinds, slug
            assert all(item.start_time < item.end_time for item in items), slug

    def test_a_recorded_programme_is_not_repeated_with_sample_points(self, loaded):
        recorded = set(
            AgendaItem.objects.filter(is_sample=False).values_list("visit__slug", flat=True)
        )

        assert not AgendaItem.objects.filter(visit__slug__in=recorded, is_sample=True).exists()

    def test_a_meeting_with_families_gives_no_place(self, loaded):
        meetings = AgendaItem.objects.filter(is_sample=True, kind=AgendaItem.Kind.FAMILY_MEETING)

        assert meetings.exists()
        assert set(meetings.values_list("place", flat=True)) == {""}


class TestGoodPractices:
    @pytest.mark.parametrize("slug", GOOD_PRACTICE_VISITS)
    def test_each_visit_has_one_or_two_linked_to_recommendations(self, loaded, slug):
        practices = GoodPractice.objects.filter(visit__slug=slug, is_sample=True)

        assert 1 <= practices.count() <= 2
        for practice in practices:
            numbers = set(practice.recommendations.values_list("number", flat=True))
            visit_numbers = set(practice.visit.recommendations.values_list("number", flat=True))
            assert 1 <= len(numbers) <= 3
            assert numbers <= visit_numbers

    def test_some_were_adopted_elsewhere(self, loaded):
        adopted = GoodPractice.objects.filter(is_sample=True, adopted_in__isnull=False)

        assert adopted.exists()
        for practice in adopted.distinct():
            assert practice.municipality not in practice.adopted_in.all()


class TestActions:
    def test_exist_in_every_status(self, loaded):
        statuses = set(
            FollowUpAction.objects.filter(is_sample=True).values_list("status", flat=True)
        )

        assert statuses == set(FollowUpAction.Status.values)

    def test_are_both_public_and_internal(self, loaded):
        visibility = set(
            FollowUpAction.objects.filter(is_sample=True).values_list("is_public", flat=True)
        )

        assert visibility == {True, False}

    def test_each_history_starts_planned_and_ends_in_the_actions_status(self, loaded):
        for action in FollowUpAction.objects.filter(is_sample=True):
            updates = list(action.updates.order_by("date", "id"))
            dates = [update.date for update in updates]

            assert 1 <= len(updates) <= 4
            assert updates[0].status_after == FollowUpAction.Status.PLANNED
            assert updates[-1].status_after == action.status
            assert dates == sorted(set(dates))
            assert all(update.is_sample for update in updates)

    def test_dates_fall_between_2018_and_2027(self, loaded):
        actions = FollowUpAction.objects.filter(is_sample=True)
        dates = [
            day
            for action in actions
            for day in (action.start_date, action.due_date, action.done_date)
            if day is not None
        ]

        assert dt.date(2018, 1, 1) <= min(dates)
        assert max(dates) <= dt.date(2027, 12, 31)

    def test_some_are_overdue(self, loaded):
        overdue = FollowUpAction.objects.filter(is_sample=True).overdue(today=dt.date(2026, 11, 25))

        assert overdue.exists()

    def test_some_serve_two_recommendations_and_some_came_from_a_visit(self, loaded):
        actions = FollowUpAction.objects.filter(is_sample=True)

        assert any(action.recommendations.count() >= 2 for action in actions)
        assert actions.filter(origin_visit__isnull=False).exists()

    def test_a_cancelled_action_says_why(self, loaded):
        cancellations = ActionUpdate.objects.filter(
            is_sample=True, status_after=FollowUpAction.Status.CANCELLED
        )

        assert cancellations.exists()
        assert "" not in set(cancellations.values_list("note", flat=True))


class TestComments:
    def test_include_a_reply(self, loaded):
        reply = Comment.objects.get(is_sample=True, parent__isnull=False)

        assert reply.parent.visit == reply.visit

    def test_include_one_on_the_visit_in_review(self, loaded):
        assert Comment.objects.filter(is_sample=True, visit__status=Visit.Status.REVIEW).exists()

    def test_are_written_by_sample_experts(self, loaded):
        for comment in Comment.objects.filter(is_sample=True):
            assert comment.author.expert_profile.is_sample


class TestWithoutHistory:
    def test_it_adds_what_it_can(self):
        load_sample()

        assert set(Visit.objects.values_list("slug", flat=True)) == set(SAMPLE_VISITS)
        assert ExpertProfile.objects.filter(is_sample=True).exists()
        assert FollowUpAction.objects.filter(origin_visit__isnull=False).count() == 0
        assert not Participation.objects.exclude(visit__slug__in=SAMPLE_VISITS).exists()

    def test_the_history_can_be_loaded_after_it(self):
        load_sample()

        call_command("load_history", stdout=StringIO())

        assert Visit.objects.filter(slug__in=HISTORICAL_VISIT_SLUGS).count() == len(
            HISTORICAL_VISIT_SLUGS
        )


def test_the_command_reports_in_latvian(history):
    output = load_sample()

    assert output.startswith("Parauga saturs ielādēts:")
