"""A superuser erases an expert: account and profile go, the comments stay anonymous."""

import datetime as dt
import logging

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from experts.models import ExpertProfile, Invitation
from experts.privacy import erase_expert
from recommendations.models import Recommendation
from tests.experts.accounts import log_in_with_second_factor, make_account, make_expert_account
from tests.factories import make_visit
from visits.models import Comment, Participation, Visit

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/experts/expertprofile/"
ACTION = "erase_experts"


@pytest.fixture
def superuser():
    return make_account(is_staff=True, is_superuser=True)


@pytest.fixture
def expert():
    """An expert with an account, a participation, a comment with a reply, an invitation."""
    user, profile = make_expert_account(full_name="Dzēšamā Eksperte")
    profile.areas_of_expertise.set([Recommendation.objects.get(number=1)])
    visit = make_visit(status=Visit.Status.PUBLISHED, start_date=dt.date(2024, 5, 6))
    Participation.objects.create(visit=visit, expert=profile)
    comment = Comment.objects.create(visit=visit, author=user, body="Teksts, kas paliek.")
    other, _ = make_expert_account()
    reply = Comment.objects.create(visit=visit, author=other, parent=comment, body="Atbilde.")
    Invitation.objects.create(email=user.email.upper(), full_name="Dzēšamā Eksperte")
    return {"user": user, "profile": profile, "visit": visit, "comment": comment, "reply": reply}


def choose_action(client, profiles, **extra):
    return client.post(
        CHANGELIST,
        {"action": ACTION, "_selected_action": [profile.pk for profile in profiles], **extra},
    )


class TestErasure:
    def test_the_account_and_the_profile_go(self, expert, superuser):
        erase_expert(expert["profile"], by=superuser)

        assert not ExpertProfile.objects.filter(pk=expert["profile"].pk).exists()
        assert not get_user_model().objects.filter(pk=expert["user"].pk).exists()
        assert not EmailAddress.objects.filter(email=expert["user"].email).exists()

    def test_the_comments_stay_without_their_author(self, expert, superuser):
        erase_expert(expert["profile"], by=superuser)

        comment = Comment.objects.get(pk=expert["comment"].pk)
        assert comment.author_id is None
        assert comment.body == "Teksts, kas paliek."
        assert Comment.objects.get(pk=expert["reply"].pk).parent_id == comment.pk

    def test_the_participations_go_with_the_profile(self, expert, superuser):
        erase_expert(expert["profile"], by=superuser)

        assert not Participation.objects.filter(visit=expert["visit"]).exists()
        assert Visit.objects.filter(pk=expert["visit"].pk).exists()

    def test_invitations_to_their_address_go_whatever_its_case(self, expert, superuser):
        Invitation.objects.create(email="someone.else@example.invalid", full_name="Cits")

        erase_expert(expert["profile"], by=superuser)

        assert list(Invitation.objects.values_list("email", flat=True)) == [
            "someone.else@example.invalid"
        ]

    def test_a_profile_without_an_account_can_be_erased(self, superuser):
        profile = ExpertProfile.objects.create(
            full_name="Tikai Profils", slug="tikai-profils", email="tikai@example.invalid"
        )

        summary = erase_expert(profile, by=superuser)

        assert summary.user_id is None
        assert not ExpertProfile.objects.filter(pk=profile.pk).exists()

    def test_the_admin_history_keeps_its_entries_but_not_the_name(self, expert, superuser):
        entry = LogEntry.objects.create(
            user=superuser,
            content_type=ContentType.objects.get_for_model(ExpertProfile),
            object_id=str(expert["profile"].pk),
            object_repr="Dzēšamā Eksperte",
            action_flag=CHANGE,
        )

        erase_expert(expert["profile"], by=superuser)

        entry.refresh_from_db()
        assert "Dzēšamā" not in entry.object_repr

    def test_the_erasure_is_in_the_audit_log_by_id_without_the_name(
        self, expert, superuser, caplog
    ):
        profile_id, user_id = expert["profile"].pk, expert["user"].pk

        with caplog.at_level(logging.INFO, logger="platform_site.audit"):
            erase_expert(expert["profile"], by=superuser)

        [record] = [r for r in caplog.records if r.name == "platform_site.audit"]
        message = record.getMessage()
        assert str(profile_id) in message and str(user_id) in message
        assert str(superuser.pk) in message
        assert "Dzēšamā" not in message and expert["user"].email not in message


class TestTheAdminAction:
    def test_a_superuser_confirms_first_and_nothing_is_erased_before(
        self, client, expert, superuser
    ):
        log_in_with_second_factor(client, superuser)

        response = choose_action(client, [expert["profile"]])

        assert response.status_code == 200
        content = response.content.decode()
        assert "Dzēšamā Eksperte" in content
        assert 'name="post" value="yes"' in content
        assert ExpertProfile.objects.filter(pk=expert["profile"].pk).exists()

    def test_a_superuser_who_confirms_erases_the_expert(self, client, expert, superuser):
        log_in_with_second_factor(client, superuser)

        response = choose_action(client, [expert["profile"]], post="yes")

        assert response.status_code == 302
        assert not ExpertProfile.objects.filter(pk=expert["profile"].pk).exists()
        assert not get_user_model().objects.filter(pk=expert["user"].pk).exists()
        assert Comment.objects.get(pk=expert["comment"].pk).author_id is None

    def test_staff_who_are_not_superusers_are_not_offered_it(self, client, expert):
        staff = make_account(is_staff=True)
        staff.user_permissions.set(
            Permission.objects.filter(codename__in=["view_expertprofile", "change_expertprofile"])
        )
        log_in_with_second_factor(client, staff)

        changelist = client.get(CHANGELIST).content.decode()
        response = choose_action(client, [expert["profile"]], post="yes")

        assert f'value="{ACTION}"' not in changelist
        assert response.status_code in {200, 302}
        assert ExpertProfile.objects.filter(pk=expert["profile"].pk).exists()
        assert get_user_model().objects.filter(pk=expert["user"].pk).exists()

    def test_the_superuser_is_offered_it(self, client, superuser, expert):
        log_in_with_second_factor(client, superuser)

        changelist = client.get(CHANGELIST).content.decode()

        assert f'value="{ACTION}"' in changelist
