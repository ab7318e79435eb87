"""Staff hide a comment from experts with a reason, and show it again, from the page."""

import pytest
from django.utils.translation import gettext
from pytest_django.asserts import assertRedirects

from tests.comments.conftest import logged_in
from visits.comments import HideForm

pytestmark = pytest.mark.django_db


def rows(target) -> list[dict]:
    return list(target.comments.model.objects.order_by("id").values())


class TestHiding:
    def test_staff_hide_a_comment_with_a_reason(self, client, target, expert, staff, clock):
        comment = target.comment(expert, "Šeit minēta ģimene.")
        logged_in(client, staff)

        response = client.post(target.url("hide", comment), {"reason": "Identificē ģimeni"})

        assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
        comment.refresh_from_db()
        assert (comment.is_hidden, comment.hidden_reason, comment.hidden_by, comment.hidden_at) == (
            True,
            "Identificē ģimeni",
            staff,
            clock.now,
        )

    def test_the_expert_then_no_longer_sees_it(self, client, target, expert, staff):
        comment = target.comment(expert, "Šeit minēta ģimene.")
        logged_in(client, staff).post(target.url("hide", comment), {"reason": "Identificē ģimeni"})

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "Šeit minēta ģimene." not in content

    def test_a_reason_is_required(self, client, target, expert, staff):
        comment = target.comment(expert)
        logged_in(client, staff)
        before = rows(target)

        response = client.post(target.url("hide", comment), {"reason": "  "})

        content = response.content.decode()
        assert response.status_code == 200
        assert str(HideForm.base_fields["reason"].error_messages["required"]) in content
        assert f'id="paslept-{comment.pk}-reason_error"' in content
        assert rows(target) == before

    @pytest.mark.parametrize("name", ["hide", "unhide"])
    def test_experts_cannot_moderate(
        self, client, target, expert, other_expert, staff, clock, name
    ):
        comment = target.comment(other_expert)
        if name == "unhide":
            comment.hide(by=staff, reason="Ārpus tēmas", now=clock.now)
        logged_in(client, expert)
        before = rows(target)

        response = client.post(target.url(name, comment), {"reason": "Man nepatīk"})

        assert response.status_code == 404
        assert rows(target) == before

    def test_the_hide_form_is_shown_to_staff_only(self, client, target, expert, staff):
        comment = target.comment(expert)

        for_staff = logged_in(client, staff).get(target.page_url).content.decode()
        for_expert = logged_in(client, expert).get(target.page_url).content.decode()

        assert target.url("hide", comment) in for_staff
        assert f'for="paslept-{comment.pk}-reason"' in for_staff
        assert target.url("hide", comment) not in for_expert

    def test_staff_may_hide_their_own_colleagues_comment(self, client, target, staff):
        from tests.comments.conftest import make_staff_user

        colleague = make_staff_user()
        comment = target.comment(colleague)
        logged_in(client, staff)

        client.post(target.url("hide", comment), {"reason": "Dublikāts"})

        comment.refresh_from_db()
        assert comment.is_hidden

    def test_it_rejects_get(self, client, target, expert, staff):
        comment = target.comment(expert)

        response = logged_in(client, staff).get(target.url("hide", comment))

        assert response.status_code == 405


class TestShowingAgain:
    def test_staff_show_a_hidden_comment_to_experts_again(
        self, client, target, expert, staff, clock
    ):
        comment = target.comment(expert, "Atkal redzams.")
        comment.hide(by=staff, reason="Kļūda", now=clock.now)
        logged_in(client, staff)

        response = client.post(target.url("unhide", comment), follow=True)

        comment.refresh_from_db()
        assert (comment.is_hidden, comment.hidden_reason, comment.hidden_by) == (False, "", None)
        assert [str(m) for m in response.context["messages"]] == [
            gettext("The comment is shown to experts again.")
        ]
        content = logged_in(client, expert).get(target.page_url).content.decode()
        assert "Atkal redzams." in content

    def test_staff_see_the_button_beside_a_hidden_comment(
        self, client, target, expert, staff, clock
    ):
        comment = target.comment(expert)
        comment.hide(by=staff, reason="Kļūda", now=clock.now)

        content = logged_in(client, staff).get(target.page_url).content.decode()

        assert target.url("unhide", comment) in content
        assert target.url("hide", comment) not in content
        assert target.url("reply", comment) not in content

    def test_staff_cannot_reply_to_a_hidden_comment(self, client, target, expert, staff, clock):
        comment = target.comment(expert)
        comment.hide(by=staff, reason="Kļūda", now=clock.now)
        logged_in(client, staff)

        response = client.post(target.url("reply", comment), {"body": "Atbilde."}, follow=True)

        assert [str(m) for m in response.context["messages"]] == [
            gettext("A hidden comment cannot be replied to.")
        ]
        assert not comment.replies.exists()
