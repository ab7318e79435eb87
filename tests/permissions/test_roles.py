"""The roles themselves: the editor group holds exactly what an editor needs, and no expert
is ever staff.

The group "Ministrijas redaktors" is made by the data migration
recommendations/0006_editor_role.py; superusers manage users and roles.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from experts.invitations import accept_invitation
from experts.models import Invitation
from tests.experts.accounts import PASSWORD, make_expert_account
from tests.permissions.conftest import EDITOR_GROUP, log_in, make_editor

pytestmark = pytest.mark.django_db

# What a ministry editor may do, as "app_label.codename". Content: add, change, view;
# delete only for visits and what hangs on them, and for actions. Spreadsheets: import and
# export where the admin offers them. Moderation: change and view comments. Invitations.
EDITOR_PERMISSIONS = {
    # content
    "visits.add_municipality", "visits.change_municipality", "visits.view_municipality",
    "visits.add_visit", "visits.change_visit", "visits.delete_visit", "visits.view_visit",
    "visits.add_agendaitem", "visits.change_agendaitem", "visits.delete_agendaitem",
    "visits.view_agendaitem",
    "visits.add_goodpractice", "visits.change_goodpractice", "visits.delete_goodpractice",
    "visits.view_goodpractice",
    "visits.add_participation", "visits.change_participation", "visits.delete_participation",
    "visits.view_participation",
    "visits.add_attachment", "visits.change_attachment", "visits.delete_attachment",
    "visits.view_attachment",
    "experts.add_expertprofile", "experts.change_expertprofile", "experts.view_expertprofile",
    "recommendations.add_recommendation", "recommendations.change_recommendation",
    "recommendations.view_recommendation",
    "recommendations.add_followupaction", "recommendations.change_followupaction",
    "recommendations.delete_followupaction", "recommendations.view_followupaction",
    "recommendations.add_actionupdate", "recommendations.change_actionupdate",
    "recommendations.view_actionupdate",
    # spreadsheets
    "visits.import_municipality", "visits.export_municipality",
    "visits.import_visit", "visits.export_visit",
    "visits.import_agendaitem", "visits.export_agendaitem",
    "visits.import_goodpractice", "visits.export_goodpractice",
    "visits.import_participation", "visits.export_participation",
    "experts.import_expertprofile", "experts.export_expertprofile",
    "recommendations.import_recommendation", "recommendations.export_recommendation",
    "recommendations.import_followupaction", "recommendations.export_followupaction",
    # moderation
    "visits.change_comment", "visits.view_comment",
    "recommendations.change_actioncomment", "recommendations.view_actioncomment",
    # invitations
    "experts.add_invitation", "experts.change_invitation", "experts.view_invitation",
}  # fmt: skip

# Users, roles, account addresses, second factors, sessions, the admin's log: superusers'.
NEVER_THE_EDITORS = ("auth", "account", "mfa", "contenttypes", "sessions", "admin")


def group_permissions(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_the_editor_group_exists_after_migrate():
    assert Group.objects.filter(name=EDITOR_GROUP).count() == 1


def test_the_editor_group_holds_exactly_what_an_editor_needs():
    group = Group.objects.get(name=EDITOR_GROUP)

    assert group_permissions(group) == EDITOR_PERMISSIONS


def test_every_permission_of_the_editor_exists():
    """A misspelt code in this test (or in the migration) would grant nothing."""
    existing = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert existing >= EDITOR_PERMISSIONS


def test_the_editor_group_grants_nothing_over_users_roles_or_sign_in():
    group = Group.objects.get(name=EDITOR_GROUP)

    granted = {permission.partition(".")[0] for permission in group_permissions(group)}

    assert granted.isdisjoint(NEVER_THE_EDITORS)


def test_the_editor_group_lets_no_one_delete_an_expert_or_a_comment():
    """Erasing an expert is a superuser's act; a comment is hidden, never deleted by staff."""
    group = Group.objects.get(name=EDITOR_GROUP)

    deletions = {p for p in group_permissions(group) if ".delete_" in p}

    assert deletions == {
        "visits.delete_visit",
        "visits.delete_agendaitem",
        "visits.delete_goodpractice",
        "visits.delete_participation",
        "visits.delete_attachment",
        "recommendations.delete_followupaction",
    }


def test_an_editor_has_the_groups_permissions_and_no_others():
    editor = make_editor()

    assert editor.has_perm("visits.import_visit")
    assert editor.has_perm("experts.add_invitation")
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("auth.change_group")
    assert not editor.has_perm("mfa.delete_authenticator")


def test_an_editor_cannot_reach_the_users(client):
    editor = make_editor()
    log_in(client, editor)

    response = client.get(reverse("admin:auth_user_changelist"))

    # Django's admin answers a staff member without the permission with a 403.
    assert response.status_code == 403


def test_an_editor_is_not_offered_users_or_roles_in_the_admin(client):
    log_in(client, make_editor())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("admin:auth_user_changelist") not in content
    assert reverse("admin:auth_group_changelist") not in content
    assert reverse("admin:visits_visit_changelist") in content


def test_an_expert_who_accepts_an_invitation_is_not_staff(django_user_model):
    invitation = Invitation.objects.create(
        email="jauna@example.invalid", full_name="Jauna Eksperte"
    )

    user = accept_invitation(invitation, password=PASSWORD, now=invitation.created_at)

    assert user is not None
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.groups.exists()
    assert not user.user_permissions.exists()


def test_an_expert_cannot_make_themselves_staff_through_their_profile(client):
    user, expert = make_expert_account()
    client.force_login(user)

    client.post(
        reverse("experts:edit"),
        {
            "full_name": expert.full_name,
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [str(Group.objects.get(name=EDITOR_GROUP).pk)],
        },
    )

    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.groups.exists()
