"""Moderating comments in the admin: hide with a reason, show again, never edit the text."""

import pytest
from django.contrib.admin import AdminSite
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse

from recommendations.models import ActionComment
from tests.comments.conftest import make_target
from tests.experts.accounts import log_in_with_second_factor
from visits.models import Comment
from visits.moderation import CommentModerationAdmin

pytestmark = pytest.mark.django_db

MODELS = {"visit": Comment, "action": ActionComment}


def moderation(kind: str) -> CommentModerationAdmin:
    return CommentModerationAdmin(MODELS[kind], AdminSite())


def post_request(user, data: dict):
    request = RequestFactory().post("/admin/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def messages_of(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


class TestTheHideAction:
    def test_hides_the_selected_comments_with_the_reason(self, kind, expert, staff, clock):
        target = make_target(kind)
        first, second = target.comment(expert), target.comment(expert)
        request = post_request(staff, {"reason": "Identificē ģimeni"})

        moderation(kind).hide_comments(request, target.comments.all())

        hidden = target.comments.filter(is_hidden=True, hidden_reason="Identificē ģimeni")
        assert list(hidden.order_by("id")) == [first, second]
        assert set(hidden.values_list("hidden_by", "hidden_at")) == {(staff.pk, clock.now)}

    def test_without_a_reason_hides_nothing_and_says_so(self, kind, expert, staff):
        target = make_target(kind)
        target.comment(expert)
        request = post_request(staff, {"reason": " "})

        moderation(kind).hide_comments(request, target.comments.all())

        assert not target.comments.filter(is_hidden=True).exists()
        assert len(messages_of(request)) == 1

    def test_keeps_the_first_reason_of_a_comment_already_hidden(self, kind, expert, staff, clock):
        target = make_target(kind)
        comment = target.comment(expert)
        comment.hide(by=staff, reason="Pirmais iemesls", now=clock.now)

        moderation(kind).hide_comments(
            post_request(staff, {"reason": "Otrais"}), target.comments.all()
        )

        comment.refresh_from_db()
        assert comment.hidden_reason == "Pirmais iemesls"


class TestTheShowAgainAction:
    def test_shows_hidden_comments_to_experts_again(self, kind, expert, staff, clock):
        target = make_target(kind)
        comment = target.comment(expert)
        comment.hide(by=staff, reason="Kļūda", now=clock.now)

        moderation(kind).unhide_comments(post_request(staff, {}), target.comments.all())

        comment.refresh_from_db()
        assert (comment.is_hidden, comment.hidden_reason) == (False, "")


class TestTheChangeForm:
    def test_offers_only_the_hidden_box_and_its_reason(self, kind, admin_user):
        form_class = moderation(kind).get_form(post_request(admin_user, {}), obj=None, change=True)

        assert list(form_class.base_fields) == ["is_hidden", "hidden_reason"]

    def test_refuses_hiding_without_a_reason(self, kind, expert, admin_user):
        comment = make_target(kind).comment(expert)
        form_class = moderation(kind).get_form(post_request(admin_user, {}), obj=comment)

        form = form_class({"is_hidden": "on", "hidden_reason": ""}, instance=comment)

        assert not form.is_valid()
        assert "hidden_reason" in form.errors

    def test_hiding_there_records_who_and_when(self, kind, expert, admin_user, clock):
        comment = make_target(kind).comment(expert)
        model_admin = moderation(kind)
        request = post_request(admin_user, {})
        form = model_admin.get_form(request, obj=comment)(
            {"is_hidden": "on", "hidden_reason": "Ārpus tēmas"}, instance=comment
        )
        assert form.is_valid()

        model_admin.save_model(request, form.save(commit=False), form, change=True)

        comment.refresh_from_db()
        assert (comment.is_hidden, comment.hidden_by, comment.hidden_at) == (
            True,
            admin_user,
            clock.now,
        )

    def test_no_comment_is_added_in_the_admin(self, kind, admin_user):
        assert not moderation(kind).has_add_permission(post_request(admin_user, {}))


class TestThroughTheAdminSite:
    @pytest.fixture
    def staff_client(self, client, admin_user):
        log_in_with_second_factor(client, admin_user)
        return client

    def changelist(self, kind: str) -> str:
        model = MODELS[kind]
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    def test_staff_hide_a_comment_from_the_list(self, staff_client, kind, expert, admin_user):
        target = make_target(kind)
        comment = target.comment(expert, "Šeit minēta ģimene.")

        staff_client.post(
            self.changelist(kind),
            {
                "action": "hide_comments",
                "_selected_action": [comment.pk],
                "reason": "Identificē ģimeni",
            },
        )

        comment.refresh_from_db()
        assert (comment.is_hidden, comment.hidden_reason, comment.hidden_by) == (
            True,
            "Identificē ģimeni",
            admin_user,
        )

    @pytest.mark.parametrize("state", ["", "shown", "hidden", "deleted"])
    def test_the_list_and_its_filters_answer(self, staff_client, kind, expert, state, clock):
        target = make_target(kind)
        target.comment(expert)
        target.comment(expert).delete_by_author(now=clock.now)

        response = staff_client.get(self.changelist(kind), {"stavoklis": state} if state else {})

        assert response.status_code == 200

    def test_the_change_page_shows_the_text_read_only(self, staff_client, kind, expert):
        comment = make_target(kind).comment(expert, "Nelabojams teksts.")
        model = MODELS[kind]
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[comment.pk]
        )

        content = staff_client.get(url).content.decode()

        assert "Nelabojams teksts." in content
        assert 'name="body"' not in content

    def test_an_expert_never_reaches_it(self, client, kind, expert):
        client.force_login(expert)

        response = client.get(self.changelist(kind))

        assert response.status_code in {302, 404}
