"""Posting comments and replies: who may, what is accepted, what is refused and how."""

import html

import pytest
from django.test import Client
from django.utils.translation import gettext
from pytest_django.asserts import assertRedirects

from recommendations.models import ActionComment
from tests.comments.conftest import (
    logged_in,
    make_comment,
    make_expert_user,
    make_target,
    review_visit,
)
from tests.factories import make_action, make_visit
from visits import comments
from visits.comments import CommentForm
from visits.models import REPLY_TO_REPLY_MESSAGE, Comment, Visit

pytestmark = pytest.mark.django_db


def rows(target) -> list[dict]:
    """Every comment of this kind, as the database holds it: to show nothing changed."""
    return list(target.comments.model.objects.order_by("id").values())


def form_error(code: str, **params) -> str:
    """The message the comment form gives for ``code``, in the active language."""
    message = CommentForm.base_fields["body"].error_messages[code]
    return html.escape(str(message) % params if params else str(message), quote=True)


def shown_text(response) -> str:
    return html.unescape(response.content.decode())


class TestPosting:
    def test_an_expert_posts_a_comment_and_is_led_back_to_it(self, client, target, expert):
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": "Pieredze noderētu arī mums."})

        comment = target.comments.get()
        assertRedirects(
            response, f"{target.page_url}#komentars-{comment.pk}", fetch_redirect_response=False
        )
        assert (comment.author, comment.body, comment.parent) == (
            expert,
            "Pieredze noderētu arī mums.",
            None,
        )

    def test_the_page_then_shows_the_comment_and_a_message(self, client, target, expert):
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": "Labs piemērs."}, follow=True)

        content = response.content.decode()
        assert "Labs piemērs." in content
        assert [str(m) for m in response.context["messages"]] == [
            gettext("Your comment was published.")
        ]

    def test_staff_post_comments_too(self, client, target, staff):
        logged_in(client, staff)

        client.post(target.url("create"), {"body": "Paldies par ierosinājumu."})

        assert target.comments.get().author == staff

    def test_it_rejects_get(self, client, target, expert):
        logged_in(client, expert)

        assert client.get(target.url("create")).status_code == 405

    def test_the_public_gets_a_404_and_nothing_is_saved(self, client, target):
        response = client.post(target.url("create"), {"body": "Anonīms teksts."})

        assert response.status_code == 404
        assert not target.comments.exists()

    def test_a_post_without_the_csrf_token_is_refused(self, target, expert):
        client = logged_in(Client(enforce_csrf_checks=True), expert)

        response = client.post(target.url("create"), {"body": "Bez žetona."})

        assert response.status_code == 403
        assert not target.comments.exists()

    def test_the_form_on_the_page_carries_the_csrf_token(self, client, target, expert):
        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert 'name="csrfmiddlewaretoken"' in content

    def test_line_breaks_are_kept_as_one_character(self, client, target, expert):
        logged_in(client, expert)

        client.post(target.url("create"), {"body": "Pirmā rinda\r\notrā rinda"})

        assert target.comments.get().body == "Pirmā rinda\notrā rinda"


class TestLength:
    def test_5000_characters_are_accepted(self, client, target, expert):
        logged_in(client, expert)

        client.post(target.url("create"), {"body": "a" * 5000})

        assert len(target.comments.get().body) == 5000

    def test_a_line_break_counts_once_against_the_limit(self, client, target, expert):
        logged_in(client, expert)

        client.post(target.url("create"), {"body": "a" * 4998 + "\r\n" + "b"})

        assert len(target.comments.get().body) == 5000

    def test_5001_characters_are_refused_with_a_message_keeping_the_text(
        self, client, target, expert
    ):
        logged_in(client, expert)
        text = "Ļoti garš teksts. " * 278  # 5,004 characters
        before = rows(target)

        response = client.post(target.url("create"), {"body": text})

        assert response.status_code == 200
        assert form_error("max_length", limit_value=5000, show_value=len(text.strip())) in (
            response.content.decode()
        )
        assert text.strip() in shown_text(response)
        assert rows(target) == before

    @pytest.mark.parametrize("body", ["", "   ", "\r\n\r\n \t"])
    def test_an_empty_comment_is_refused_with_a_message(self, client, target, expert, body):
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": body})

        assert response.status_code == 200
        assert form_error("required") in response.content.decode()
        assert rows(target) == []

    def test_the_field_says_its_limit_and_is_described_by_its_help(self, client, target, expert):
        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert 'maxlength="5000"' in content
        assert 'aria-describedby="jauns-komentars-body_helptext"' in content

    def test_a_refused_field_is_marked_invalid_and_described_by_its_error(
        self, client, target, expert
    ):
        logged_in(client, expert)

        content = client.post(target.url("create"), {"body": " "}).content.decode()

        assert 'aria-invalid="true"' in content
        assert 'id="jauns-komentars-body_error"' in content


class TestReplies:
    def test_an_expert_replies_to_a_comment(self, client, target, expert, other_expert):
        question = target.comment(other_expert, "Vai kāds var padalīties ar veidlapu?")
        logged_in(client, expert)

        response = client.post(target.url("reply", question), {"body": "Jā, nosūtīšu."})

        reply = target.comments.get(parent=question)
        assertRedirects(
            response, f"{target.page_url}#komentars-{reply.pk}", fetch_redirect_response=False
        )
        assert reply.author == expert

    def test_a_reply_to_a_reply_is_refused_with_a_message(
        self, client, target, expert, other_expert
    ):
        question = target.comment(other_expert)
        answer = target.comment(other_expert, parent=question)
        logged_in(client, expert)
        before = rows(target)

        response = client.post(
            target.url("reply", answer), {"body": "Trešais līmenis."}, follow=True
        )

        assert [str(m) for m in response.context["messages"]] == [str(REPLY_TO_REPLY_MESSAGE)]
        assert rows(target) == before

    def test_a_reply_offers_no_reply_form_of_its_own(self, client, target, expert, other_expert):
        question = target.comment(other_expert)
        answer = target.comment(other_expert, parent=question)

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert target.url("reply", question) in content
        assert target.url("reply", answer) not in content

    def test_a_refused_reply_is_shown_again_open_at_its_comment(
        self, client, target, expert, other_expert
    ):
        question = target.comment(other_expert)
        logged_in(client, expert)

        response = client.post(target.url("reply", question), {"body": "x" * 5001})

        content = response.content.decode()
        assert response.status_code == 200
        assert f'id="atbilde-{question.pk}-body_error"' in content
        assert "x" * 5001 in content
        assert '<details class="comment__more" open>' in content
        assert not target.comments.filter(parent=question).exists()

    def test_a_reply_to_a_comment_elsewhere_is_not_found(self, client, kind, expert):
        here, elsewhere = make_target(kind), make_target(kind)
        question = elsewhere.comment(expert)
        logged_in(client, expert)

        response = client.post(here.url("reply", question), {"body": "Ne tur."})

        assert response.status_code == 404
        assert not question.replies.exists()

    def test_a_reply_to_a_deleted_comment_is_not_found(self, client, target, expert, clock):
        question = target.comment(expert)
        question.delete_by_author(now=clock.now)
        logged_in(client, expert)

        response = client.post(target.url("reply", question), {"body": "Par vēlu."})

        assert response.status_code == 404
        assert not question.replies.exists()


class TestWhereCommentsCanBePosted:
    def test_an_expert_comments_on_a_visit_in_review(self, client, expert):
        visit = review_visit()
        logged_in(client, expert)

        client.post(Comment.url_for("create", visit), {"body": "Kopsavilkumā trūkst jauniešu."})

        assert visit.comments.count() == 1

    def test_a_draft_visit_is_not_found_even_by_staff(self, client, staff):
        visit = make_visit(status=Visit.Status.DRAFT)
        logged_in(client, staff)

        response = client.post(Comment.url_for("create", visit), {"body": "Melnraksts."})

        assert response.status_code == 404
        assert not visit.comments.exists()

    def test_an_expert_comments_on_an_internal_action(self, client, expert):
        action = make_action(is_public=False)
        logged_in(client, expert)

        client.post(ActionComment.url_for("create", action), {"body": "Kā virzās darbs?"})

        assert action.comments.count() == 1

    def test_an_internal_action_is_not_found_by_the_public(self, client):
        action = make_action(is_public=False)

        response = client.post(ActionComment.url_for("create", action), {"body": "?"})

        assert response.status_code == 404
        assert not action.comments.exists()


class TestRateLimit:
    def test_the_eleventh_comment_in_ten_minutes_is_refused_with_429(
        self, client, target, expert, clock
    ):
        for _ in range(10):
            target.comment(expert)
            clock.advance(seconds=50)
        logged_in(client, expert)
        before = rows(target)

        response = client.post(target.url("create"), {"body": "Vienpadsmitais komentārs."})

        assert response.status_code == 429
        assert comments.rate_limit_message() in shown_text(response)
        assert "Vienpadsmitais komentārs." in response.content.decode()
        assert rows(target) == before

    def test_comments_older_than_ten_minutes_do_not_count(self, client, target, expert, clock):
        for _ in range(10):
            target.comment(expert)
        clock.advance(minutes=10, seconds=1)
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": "Pēc pauzes."})

        assert response.status_code == 302
        assert target.comments.count() == 11

    def test_the_limit_is_per_user(self, client, target, expert, other_expert):
        for _ in range(10):
            target.comment(other_expert)
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": "Mans pirmais."})

        assert response.status_code == 302

    def test_comments_on_visits_and_actions_count_together(self, client, expert):
        visit, action = make_target("visit"), make_target("action")
        for _ in range(5):
            visit.comment(expert)
            action.comment(expert)
        logged_in(client, expert)

        response = client.post(visit.url("create"), {"body": "Vēl viens."})

        assert response.status_code == 429
        assert visit.comments.count() == 5

    def test_deleting_comments_does_not_make_room(self, client, target, expert, clock):
        for _ in range(10):
            target.comment(expert).delete_by_author(now=clock.now)
        logged_in(client, expert)

        response = client.post(target.url("create"), {"body": "Vēl viens."})

        assert response.status_code == 429

    def test_replies_are_limited_too(self, client, target, expert, other_expert):
        question = target.comment(other_expert)
        for _ in range(10):
            target.comment(expert)
        logged_in(client, expert)

        response = client.post(target.url("reply", question), {"body": "Atbilde."})

        assert response.status_code == 429
        assert not question.replies.exists()


def test_a_user_without_an_expert_profile_may_comment(client, target):
    user = make_expert_user()
    user.expert_profile.delete()
    user.refresh_from_db()
    logged_in(client, user)

    response = client.post(target.url("create"), {"body": "Sveiki."})

    assert response.status_code == 302


def test_the_comment_stays_when_its_author_is_deleted(target, expert):
    comment = make_comment(target.obj, expert)

    expert.delete()

    comment.refresh_from_db()
    assert comment.author is None
    assert comment.body == "Noderīga pieredze."
