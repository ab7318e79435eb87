"""The scale data (platform_site/scale_data.py): reproducible, marked as sample, complete."""

import io

import pytest
from django.core.management import CommandError, call_command

from experts.models import ExpertProfile
from platform_site.scale_data import ScaleDataExists, load_scale_data
from recommendations.models import ActionComment, ActionUpdate, FollowUpAction
from visits.models import AgendaItem, Comment, GoodPractice, Municipality, Participation, Visit

pytestmark = pytest.mark.django_db

SMALL = 0.005  # 10 visits, 5 experts, 500 comments, 25 actions


def fingerprint() -> dict:
    """What a reader of the scale data would see, in a fixed order."""
    return {
        "visits": list(
            Visit.objects.filter(is_sample=True)
            .order_by("slug")
            .values_list("slug", "title", "start_date", "status", "lead", "summary")
        ),
        "experts": list(
            ExpertProfile.objects.filter(is_sample=True)
            .order_by("email")
            .values_list("full_name", "home_area", "is_public")
        ),
        "participations": list(
            Participation.objects.order_by("visit__slug", "expert__email").values_list(
                "visit__slug", "expert__email", "role"
            )
        ),
        "actions": list(
            FollowUpAction.objects.filter(is_sample=True)
            .order_by("title")
            .values_list("title", "status", "start_date", "due_date", "done_date", "is_public")
        ),
        "comments": list(
            Comment.objects.order_by("visit__slug", "created_at", "body").values_list(
                "visit__slug", "body", "created_at", "author__email"
            )
        ),
    }


class TestReproducibility:
    def test_the_same_seed_gives_the_same_rows(self):
        load_scale_data(seed=7, scale=SMALL)
        first = fingerprint()

        load_scale_data(seed=7, scale=SMALL, replace=True)

        assert fingerprint() == first

    def test_another_seed_gives_other_rows(self):
        load_scale_data(seed=7, scale=SMALL)
        first = fingerprint()

        load_scale_data(seed=8, scale=SMALL, replace=True)

        assert fingerprint()["participations"] != first["participations"]


class TestWhatIsLoaded:
    def test_the_43_municipalities_of_today_exist_and_the_historical_ones_stay(self):
        historical = set(Municipality.objects.values_list("slug", flat=True))

        load_scale_data(seed=1, scale=SMALL)

        current = Municipality.objects.filter(valid_until__isnull=True)
        assert current.filter(kind=Municipality.Kind.STATE_CITY).count() == 7
        assert current.filter(kind=Municipality.Kind.MUNICIPALITY).count() == 36
        assert historical <= set(Municipality.objects.values_list("slug", flat=True))
        assert Municipality.objects.get(slug="limbazu-novads").valid_until is not None
        assert Municipality.objects.get(slug="limbazu-novads-2021").valid_until is None

    def test_the_full_set_scaled_down_has_its_proportions(self):
        counts = load_scale_data(seed=1, scale=0.01)

        assert Visit.objects.filter(is_sample=True).count() == 20
        assert ExpertProfile.objects.filter(is_sample=True).count() == 10
        assert FollowUpAction.objects.filter(is_sample=True).count() == 50
        assert ActionUpdate.objects.filter(is_sample=True).count() == 200
        assert Comment.objects.count() + ActionComment.objects.count() == 1000
        assert counts["visits_agendaitem"] >= 7 * 19  # two-day programmes (meetings: one)
        assert GoodPractice.objects.filter(is_sample=True).count() >= 2 * 19

    def test_most_visits_are_published_and_the_rest_in_review_or_draft(self):
        load_scale_data(seed=1, scale=0.01)

        statuses = {
            status: Visit.objects.filter(is_sample=True, status=status).count()
            for status in Visit.Status.values
        }
        assert statuses == {"PUBLISHED": 18, "REVIEW": 1, "DRAFT": 1}

    def test_every_row_it_writes_is_marked_as_sample_content(self):
        load_scale_data(seed=1, scale=SMALL)

        for model in (Visit, AgendaItem, GoodPractice, Participation, ExpertProfile):
            assert not model.objects.filter(is_sample=False).exists(), model
        for model in (FollowUpAction, ActionUpdate, Comment, ActionComment):
            assert model.objects.filter(is_sample=True).exists(), model
            assert not model.objects.filter(is_sample=False).exists(), model

    def test_people_are_obviously_invented(self):
        load_scale_data(seed=1, scale=SMALL)

        emails = ExpertProfile.objects.values_list("email", flat=True)
        assert all(email.endswith("@skala.invalid") for email in emails)
        assert ExpertProfile.objects.order_by("id").first().full_name.endswith(" 0001")


class TestCommand:
    def test_it_prints_the_rows_and_seconds_of_each_table(self):
        output = io.StringIO()

        call_command("load_scale_data", "--seed", "1", "--scale", "0.005", stdout=output)

        lines = output.getvalue().splitlines()
        assert any(line.startswith("visits_comment ") for line in lines)
        assert lines[-1].startswith("total")

    def test_it_refuses_a_database_that_has_scale_data(self):
        load_scale_data(seed=1, scale=SMALL)

        with pytest.raises(CommandError, match="--force"):
            call_command("load_scale_data", "--scale", "0.005", stdout=io.StringIO())
        with pytest.raises(ScaleDataExists):
            load_scale_data(seed=1, scale=SMALL)

    def test_force_replaces_the_scale_data(self):
        load_scale_data(seed=1, scale=0.01)

        call_command("load_scale_data", "--scale", "0.005", "--force", stdout=io.StringIO())

        assert Visit.objects.filter(is_sample=True).count() == 10
