"""The author's own comment: corrected within 30 minutes, deleted at any time."""

import html

import pytest
from django.utils.translation import gettext
from pytest_django.asserts import assertRedirects

from tests.comments.conftest import logged_in
from visits import comments

pytestmark = pytest.mark.django_db


def rows(target) -> list[dict]:
    return list(target.comments.model.objects.order_by("id").values())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class TestEditing:
    def test_the_author_gets_the_form_with_the_text(self, client, target, expert):
        comment = target.comment(expert, "Sākotnējais teksts.")

        response = logged_in(client, expert).get(target.url("edit", comment))

        assert response.status_code == 200
        assert ">\nSākotnējais teksts.</textarea>" in response.content.decode()

    def test_the_author_corrects_within_30_minutes(self, client, target, expert, clock):
        comment = target.comment(expert, "Ar kļūdu.")
        clock.advance(minutes=30)
        logged_in(client, expert)

        response = client.post(target.url("edit", comment), {"body": "Bez kļūdas."})

        assertRedirects(response, comment.get_absolute_url(), fetch_redirect_response=False)
        comment.refresh_from_db()
        assert (comment.body, comment.edited_at) == ("Bez kļūdas.", clock.now)

    def test_the_page_then_marks_it_edited_with_the_time(self, client, target, expert, clock):
        comment = target.comment(expert, "Ar kļūdu.")
        clock.advance(minutes=12)
        logged_in(client, expert)

        response = client.post(target.url("edit", comment), {"body": "Labots."}, follow=True)

        content = response.content.decode()
        assert "Labots." in content
        assert (
            '<span class="comment__edited">'
            + gettext('edited at <time datetime="%(iso)s">%(time)s</time>')
            % {"iso": "2026-03-02T12:12:00+02:00", "time": "12:12"}
        ) in content

    def test_a_comment_never_edited_is_not_marked(self, client, target, expert):
        target.comment(expert)

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "comment__edited" not in content

    def test_after_30_minutes_the_form_is_not_offered(self, client, target, expert, clock):
        comment = target.comment(expert)
        clock.advance(minutes=30, seconds=1)
        logged_in(client, expert)

        page = client.get(target.page_url).content.decode()
        response = client.get(target.url("edit", comment), follow=True)

        assert target.url("edit", comment) not in page
        assert messages_of(response) == [comments.edit_window_message()]

    def test_after_30_minutes_a_correction_is_refused_keeping_its_text(
        self, client, target, expert, clock
    ):
        comment = target.comment(expert, "Sākotnējais.")
        logged_in(client, expert)
        client.get(target.url("edit", comment))
        clock.advance(minutes=31)
        before = rows(target)

        response = client.post(target.url("edit", comment), {"body": "Novēlots labojums."})

        content = html.unescape(response.content.decode())
        assert response.status_code == 200
        assert comments.edit_window_message() in content
        assert "Novēlots labojums." in content
        assert rows(target) == before

    def test_a_too_long_correction_is_refused(self, client, target, expert):
        comment = target.comment(expert, "Īss.")
        logged_in(client, expert)
        before = rows(target)

        response = client.post(target.url("edit", comment), {"body": "x" * 5001})

        assert response.status_code == 200
        assert 'id="labot-body_error"' in response.content.decode()
        assert rows(target) == before

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_another_expert_cannot_edit_it(self, client, target, expert, other_expert, method):
        comment = target.comment(expert, "Mans teksts.")
        logged_in(client, other_expert)
        before = rows(target)

        response = getattr(client, method)(target.url("edit", comment), {"body": "Svešs."})

        assert response.status_code == 404
        assert rows(target) == before

    def test_staff_cannot_edit_it_either(self, client, target, expert, staff):
        comment = target.comment(expert, "Mans teksts.")
        logged_in(client, staff)
        before = rows(target)

        response = client.post(target.url("edit", comment), {"body": "Redaktores teksts."})

        assert response.status_code == 404
        assert rows(target) == before

    def test_the_edit_link_is_shown_to_the_author_only(self, client, target, expert, other_expert):
        comment = target.comment(expert)

        own = logged_in(client, expert).get(target.page_url).content.decode()
        other = logged_in(client, other_expert).get(target.page_url).content.decode()

        assert target.url("edit", comment) in own
        assert target.url("edit", comment) not in other

    def test_a_comment_of_another_page_is_not_found_here(self, client, kind, expert):
        from tests.comments.conftest import make_target

        here, elsewhere = make_target(kind), make_target(kind)
        comment = elsewhere.comment(expert)

        response = logged_in(client, expert).get(here.url("edit", comment))

        assert response.status_code == 404

    def test_a_hidden_comment_cannot_be_edited_by_its_author(
        self, client, target, expert, staff, clock
    ):
        comment = target.comment(expert, "Paslēptais.")
        comment.hide(by=staff, reason="Personas dati", now=clock.now)
        logged_in(client, expert)
        before = rows(target)

        response = client.post(target.url("edit", comment), {"body": "Apiet moderāciju."})

        assert response.status_code == 404
        assert rows(target) == before


class TestDeleting:
    def test_the_author_deletes_and_the_text_is_erased(self, client, target, expert, clock):
        comment = target.comment(expert, "Pārdomāju.")
        clock.advance(days=3)
        logged_in(client, expert)

        response = client.post(target.url("delete", comment), follow=True)

        comment.refresh_from_db()
        assert (comment.body, comment.deleted_at) == ("", clock.now)
        assert "Pārdomāju." not in response.content.decode()
        assert messages_of(response) == [gettext("Your comment was deleted.")]

    def test_the_replies_stay_readable(self, client, target, expert, other_expert):
        question = target.comment(expert, "Jautājums.")
        target.comment(other_expert, "Atbilde paliek.", parent=question)
        logged_in(client, expert)

        response = client.post(target.url("delete", question), follow=True)

        content = response.content.decode()
        assert "Atbilde paliek." in content
        assert gettext("Comment deleted") in content

    def test_it_rejects_get(self, client, target, expert):
        comment = target.comment(expert)
        logged_in(client, expert)

        assert client.get(target.url("delete", comment)).status_code == 405
        assert not target.comments.get().is_deleted

    @pytest.mark.parametrize("reader", ["other_expert", "staff"])
    def test_nobody_else_can_delete_it(self, client, target, expert, reader, request):
        comment = target.comment(expert)
        logged_in(client, request.getfixturevalue(reader))
        before = rows(target)

        response = client.post(target.url("delete", comment))

        assert response.status_code == 404
        assert rows(target) == before

    def test_a_deleted_comment_cannot_be_deleted_again(self, client, target, expert, clock):
        comment = target.comment(expert)
        comment.delete_by_author(now=clock.now)
        logged_in(client, expert)

        assert client.post(target.url("delete", comment)).status_code == 404

    def test_a_deleted_comment_cannot_be_edited(self, client, target, expert, clock):
        comment = target.comment(expert)
        comment.delete_by_author(now=clock.now)
        logged_in(client, expert)
        before = rows(target)

        response = client.post(target.url("edit", comment), {"body": "Atdzīvināts."})

        assert response.status_code == 404
        assert rows(target) == before
