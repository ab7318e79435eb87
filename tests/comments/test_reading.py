"""Reading comments: who sees them, how authors are named, how the text is shown."""

import datetime as dt

import pytest
from django.utils.translation import gettext

from platform_site import page_cache
from tests.comments.conftest import (
    Target,
    logged_in,
    make_expert_user,
    make_staff_user,
    make_target,
    published_visit,
    query_count,
)
from tests.factories import make_action, make_visit
from visits.models import Comment, Visit

pytestmark = pytest.mark.django_db


def section(response):
    return response.context["comments"]


def shown_comments(response) -> list[str]:
    """The texts shown, threads in order, each followed by its replies."""
    texts = []
    for thread in section(response).threads:
        texts.append(thread.comment.body)
        texts.extend(reply.comment.body for reply in thread.replies)
    return texts


class TestThePublic:
    def test_sees_no_comments_and_no_form(self, client, kind, expert):
        target = make_target(kind)
        target.comment(expert, "Iekšēja piezīme tīklam.")

        response = client.get(target.page_url)

        content = response.content.decode()
        assert response.status_code == 200
        assert "Iekšēja piezīme tīklam." not in content
        assert 'id="komentari"' not in content
        assert target.url("create") not in content

    @pytest.mark.parametrize("method", ["get", "post"])
    @pytest.mark.parametrize("name", ["create", "reply", "edit", "delete", "hide", "unhide"])
    def test_every_comment_address_is_not_found(self, client, kind, expert, name, method):
        target = make_target(kind)
        comment = target.comment(expert)
        before = list(target.comments.values())

        url = target.url(name) if name == "create" else target.url(name, comment)
        response = getattr(client, method)(url, {"body": "x", "reason": "x"})

        assert response.status_code == 404
        assert list(target.comments.values()) == before

    def test_a_visit_in_review_is_not_found(self, client):
        visit = make_visit(status=Visit.Status.REVIEW)

        assert client.get(visit.get_absolute_url()).status_code == 404

    def test_sets_no_cookie_on_a_page_with_comments(self, client, expert):
        target = make_target("visit")
        target.comment(expert)

        response = client.get(target.page_url)

        assert not response.cookies


class TestExperts:
    def test_read_the_comments_and_get_the_form(self, client, target, expert, other_expert):
        target.comment(other_expert, "Pirmais.")

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == ["Pirmais."]
        assert target.url("create") in response.content.decode()

    def test_read_a_visit_in_review_marked_as_a_draft_for_experts(self, client, expert):
        visit = make_visit(status=Visit.Status.REVIEW)

        content = logged_in(client, expert).get(visit.get_absolute_url()).content.decode()

        assert '<p class="status-marker">Projekts — tikai ekspertiem</p>' in content

    def test_read_replies_under_their_comment_in_order(self, client, target, expert, clock):
        first = target.comment(expert, "Jautājums.")
        clock.advance(minutes=1)
        second = target.comment(expert, "Cits temats.")
        clock.advance(minutes=1)
        target.comment(expert, "Atbilde uz jautājumu.", parent=first)
        clock.advance(minutes=1)
        target.comment(expert, "Atbilde uz citu.", parent=second)

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == [
            "Jautājums.",
            "Atbilde uz jautājumu.",
            "Cits temats.",
            "Atbilde uz citu.",
        ]

    def test_do_not_see_comments_of_another_page(self, client, kind, expert):
        here, elsewhere = make_target(kind), make_target(kind)
        elsewhere.comment(expert, "Citur.")

        response = logged_in(client, expert).get(here.page_url)

        assert shown_comments(response) == []

    def test_a_draft_visit_and_its_comments_are_not_found(self, client, staff, expert):
        visit = make_visit(status=Visit.Status.DRAFT)
        comment = Target(visit).comment(expert)

        logged_in(client, staff)
        assert client.get(visit.get_absolute_url()).status_code == 404
        assert client.get(Comment.url_for("edit", visit, comment.pk)).status_code == 404

    def test_read_comments_on_an_internal_action(self, client, expert, other_expert):
        target = Target(make_action(is_public=False))
        target.comment(other_expert, "Kad būs nākamais posms?")

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == ["Kad būs nākamais posms?"]


class TestHiddenComments:
    def test_vanish_for_experts_including_their_author(self, client, target, expert, staff, clock):
        target.comment(expert, "Paslēpjamais.").hide(
            by=staff, reason="Personas dati", now=clock.now
        )
        target.comment(expert, "Redzamais.")

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == ["Redzamais."]
        assert "Paslēpjamais." not in response.content.decode()

    def test_take_their_replies_with_them_for_experts(self, client, target, expert, staff, clock):
        hidden = target.comment(expert, "Paslēpjamais.")
        target.comment(expert, "Atbilde uz to.", parent=hidden)
        hidden.hide(by=staff, reason="Personas dati", now=clock.now)

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == []

    def test_a_hidden_reply_vanishes_alone(self, client, target, expert, staff, clock):
        question = target.comment(expert, "Jautājums.")
        target.comment(expert, "Atbilde.", parent=question).hide(
            by=staff, reason="Ārpus tēmas", now=clock.now
        )

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == ["Jautājums."]

    def test_stay_for_staff_marked_with_the_reason(self, client, target, expert, staff, clock):
        hidden = target.comment(expert, "Paslēpjamais.")
        hidden.hide(by=staff, reason="Personas dati", now=clock.now)

        response = logged_in(client, staff).get(target.page_url)

        content = response.content.decode()
        assert shown_comments(response) == ["Paslēpjamais."]
        assert f'class="comment comment--hidden" id="komentars-{hidden.pk}"' in content
        assert "Personas dati" in content


class TestDeletedComments:
    def test_a_deleted_comment_with_replies_leaves_a_marker(self, client, target, expert, clock):
        question = target.comment(expert, "Izdzēstais jautājums.")
        target.comment(expert, "Atbilde paliek.", parent=question)
        question.delete_by_author(now=clock.now)

        response = logged_in(client, expert).get(target.page_url)

        content = response.content.decode()
        assert shown_comments(response) == ["", "Atbilde paliek."]
        assert "Izdzēstais jautājums." not in content
        assert f'<p class="comment__deleted">{gettext("Comment deleted")}</p>' in content

    def test_a_deleted_comment_without_replies_is_gone(self, client, target, expert, clock):
        target.comment(expert, "Izdzēstais.").delete_by_author(now=clock.now)

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == []
        assert "comment__deleted" not in response.content.decode()

    def test_a_deleted_reply_is_gone(self, client, target, expert, clock):
        question = target.comment(expert, "Jautājums.")
        target.comment(expert, "Atbilde.", parent=question).delete_by_author(now=clock.now)

        response = logged_in(client, expert).get(target.page_url)

        assert shown_comments(response) == ["Jautājums."]

    def test_only_comments_with_text_are_counted(self, client, target, expert, clock):
        question = target.comment(expert, "Jautājums.")
        target.comment(expert, "Atbilde.", parent=question)
        target.comment(expert, "Otrs.")
        question.delete_by_author(now=clock.now)

        response = logged_in(client, expert).get(target.page_url)

        assert section(response).count == 2


class TestAuthors:
    def test_an_expert_is_named_by_the_profile_linked_never_by_email(
        self, client, target, expert, other_expert
    ):
        target.comment(expert)

        content = logged_in(client, other_expert).get(target.page_url).content.decode()

        profile = expert.expert_profile
        assert f'<a href="{profile.get_absolute_url()}">Anna Bērziņa</a>' in content
        assert expert.email not in content

    def test_staff_are_named_with_the_ministry(self, client, target, expert):
        editor = make_staff_user(
            first_name="Inese", last_name="Ozola", email="inese.ozola@km.example.invalid"
        )
        target.comment(editor)

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "Inese Ozola" in content
        assert '<span class="comment__role">(Kultūras ministrija)</span>' in content
        assert "inese.ozola@km.example.invalid" not in content

    def test_staff_without_a_name_are_named_by_the_start_of_their_address(
        self, client, target, expert
    ):
        editor = make_staff_user(first_name="", last_name="", email="redaktore@km.example.invalid")
        target.comment(editor)

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert '<h3 class="comment__author">redaktore <span class="comment__role">' in content
        assert "redaktore@km.example.invalid" not in content

    def test_an_experts_profile_name_comes_before_the_account_name(self, client, target, staff):
        author = make_expert_user("Līga Ozoliņa", first_name="L.", last_name="O.")
        target.comment(author)

        content = logged_in(client, staff).get(target.page_url).content.decode()

        assert "Līga Ozoliņa" in content

    def test_a_deleted_user_is_named_as_such(self, client, target, expert):
        gone = make_expert_user("Aiz gājusī")
        target.comment(gone, "Vecs komentārs.")
        gone.delete()

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "Vecs komentārs." in content
        assert f'<h3 class="comment__author">{gettext("deleted user")}</h3>' in content

    def test_sample_comments_carry_the_sample_badge(self, client, target, expert):
        target.comment(expert, "Parauga komentārs.", is_sample=True)

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert '<span class="badge badge--sample">Parauga saturs</span>' in content

    def test_the_time_is_shown_in_riga(self, client, target, expert):
        target.comment(expert)  # 10:00 UTC

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert '<time datetime="2026-03-02T12:00:00+02:00">2026. gada 2. marts, 12:00</time>' in (
            content
        )


class TestText:
    def test_html_shows_as_text(self, client, target, expert):
        target.comment(expert, '<script>alert("x")</script> <b>treknraksts</b>')

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "<script>alert" not in content
        assert "<b>treknraksts" not in content
        assert "&lt;script&gt;alert(" in content
        assert "&lt;b&gt;treknraksts&lt;/b&gt;" in content

    def test_links_are_clickable_and_marked_nofollow(self, client, target, expert):
        target.comment(
            expert, "Skat. https://km.gov.lv/lv/latvijas-romu-platforma un www.lm.gov.lv"
        )

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert (
            '<a href="https://km.gov.lv/lv/latvijas-romu-platforma" rel="nofollow noopener">'
            "https://km.gov.lv/lv/latvijas-romu-platforma</a>"
        ) in content
        assert '<a href="http://www.lm.gov.lv" rel="nofollow noopener">www.lm.gov.lv</a>' in content

    def test_a_script_address_is_not_linked(self, client, target, expert):
        target.comment(expert, 'javascript:alert(1) un <a href="javascript:alert(1)">x</a>')

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert '<a href="javascript:' not in content
        assert "&lt;a href=" in content

    def test_line_breaks_are_kept(self, client, target, expert):
        target.comment(expert, "Pirmā rinda\notrā rinda\n\ntrešā")

        content = logged_in(client, expert).get(target.page_url).content.decode()

        assert "Pirmā rinda<br>otrā rinda<br><br>trešā" in content


class TestQueryCount:
    """The page asks the database the same number of times for 5 comments as for 100."""

    def fill(self, target: Target, count: int, authors: list, staff, clock) -> None:
        """``count`` comments: a third of them replies, some hidden, some deleted, one orphaned."""
        tops = []
        for n in range(count):
            author = authors[n % len(authors)]
            clock.advance(seconds=1)
            if n % 3 == 2:
                target.comment(author, f"Atbilde {n}.", parent=tops[-1])
                continue
            comment = target.comment(author, f"Komentārs {n}.", is_sample=n % 4 == 0)
            tops.append(comment)
            if n % 5 == 4:
                comment.hide(by=staff, reason="Pārbaude", now=clock.now)
            if n % 7 == 6:
                comment.delete_by_author(now=clock.now)

    @pytest.mark.parametrize("reader", ["expert", "staff"])
    def test_for_any_number_of_comments(self, client, kind, expert, staff, clock, reader):
        target = make_target(kind)
        authors = [expert, make_expert_user(), make_staff_user(), make_expert_user()]
        authors[-1].delete()
        authors[-1] = None
        logged_in(client, expert if reader == "expert" else staff)
        self.fill(target, 5, authors, staff, clock)
        small = query_count(client, target.page_url)

        self.fill(target, 95, [*authors, make_expert_user(), make_staff_user()], staff, clock)
        large = query_count(client, target.page_url)

        page_cache.clear()
        assert len(section(client.get(target.page_url)).threads) > 20
        assert small == large

    def test_the_public_page_asks_nothing_about_comments(self, client, expert, clock, staff):
        visit = published_visit(start_date=dt.date(2019, 10, 17))
        without = query_count(client, visit.get_absolute_url())

        self.fill(Target(visit), 20, [expert], staff, clock)

        assert query_count(client, visit.get_absolute_url()) == without
