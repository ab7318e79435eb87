"""A new comment is emailed to the ministry staff once it is saved: who, where, a link."""

import pytest
from django.utils.translation import gettext

from tests.comments.conftest import logged_in, make_staff_user

pytestmark = pytest.mark.django_db

TEXT = "Ģimene no Ozolu ielas lūdza palīdzību ar skolas somām."


def post(client, target, body: str = TEXT, parent=None):
    url = target.url("reply", parent) if parent else target.url("create")
    return client.post(url, {"body": body})


class TestTheEmail:
    def test_goes_to_each_staff_member_after_the_commit(
        self, client, target, expert, django_capture_on_commit_callbacks, mailoutbox
    ):
        make_staff_user(email="inese@km.example.invalid")
        make_staff_user(email="peteris@km.example.invalid")
        logged_in(client, expert)

        with django_capture_on_commit_callbacks() as callbacks:
            post(client, target)
            assert mailoutbox == []
        for callback in callbacks:
            callback()

        assert sorted(message.to[0] for message in mailoutbox) == [
            "inese@km.example.invalid",
            "peteris@km.example.invalid",
        ]

    def test_names_the_author_and_the_page_and_links_to_the_comments(
        self, client, target, expert, staff, django_capture_on_commit_callbacks, mailoutbox
    ):
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target)

        (message,) = mailoutbox
        assert message.subject == gettext("New comment on the portal: %(target_title)s") % {
            "target_title": str(target.obj)
        }
        assert "Anna Bērziņa" in message.body
        assert f"http://testserver{target.page_url}#komentari" in message.body

    def test_does_not_quote_the_comment(
        self, client, target, expert, staff, django_capture_on_commit_callbacks, mailoutbox
    ):
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target)

        (message,) = mailoutbox
        assert "Ozolu" not in message.body
        assert "Ozolu" not in message.subject
        assert expert.email not in message.body

    def test_a_reply_is_announced_as_one(
        self,
        client,
        target,
        expert,
        other_expert,
        staff,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        question = target.comment(other_expert)
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target, parent=question)

        (message,) = mailoutbox
        assert message.subject == gettext("New reply on the portal: %(target_title)s") % {
            "target_title": str(target.obj)
        }

    def test_goes_to_neither_experts_nor_inactive_staff_nor_staff_without_an_address(
        self,
        client,
        target,
        expert,
        other_expert,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        make_staff_user(email="aktiva@km.example.invalid")
        make_staff_user(email="bijusi@km.example.invalid", is_active=False)
        no_address = make_staff_user()
        no_address.email = ""
        no_address.save()
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target)

        assert [message.to for message in mailoutbox] == [["aktiva@km.example.invalid"]]

    def test_staff_are_not_told_of_their_own_comment(
        self, client, target, django_capture_on_commit_callbacks, mailoutbox
    ):
        author = make_staff_user(email="autore@km.example.invalid")
        make_staff_user(email="kolege@km.example.invalid")
        logged_in(client, author)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target)

        assert [message.to for message in mailoutbox] == [["kolege@km.example.invalid"]]

    def test_a_configured_list_replaces_the_staff(
        self,
        client,
        target,
        expert,
        staff,
        settings,
        django_capture_on_commit_callbacks,
        mailoutbox,
    ):
        settings.COMMENT_NOTIFICATION_EMAILS = ["romu-platforma@km.example.invalid"]
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            post(client, target)

        assert [message.to for message in mailoutbox] == [["romu-platforma@km.example.invalid"]]


class TestNoEmail:
    def test_for_a_refused_comment(
        self, client, target, expert, staff, django_capture_on_commit_callbacks, mailoutbox
    ):
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            post(client, target, body=" ")
            post(client, target, body="x" * 5001)

        assert callbacks == []
        assert mailoutbox == []

    def test_when_the_posting_limit_is_reached(
        self, client, target, expert, staff, django_capture_on_commit_callbacks, mailoutbox
    ):
        for _ in range(10):
            target.comment(expert)
        logged_in(client, expert)

        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, target)

        assert response.status_code == 429
        assert mailoutbox == []

    def test_for_an_edit_a_deletion_or_a_hiding(
        self, client, target, expert, staff, django_capture_on_commit_callbacks, mailoutbox
    ):
        comment = target.comment(expert)

        with django_capture_on_commit_callbacks(execute=True):
            logged_in(client, expert).post(target.url("edit", comment), {"body": "Labots."})
            logged_in(client, staff).post(target.url("hide", comment), {"reason": "Pārbaude"})
            logged_in(client, expert).post(target.url("delete", comment))

        assert mailoutbox == []


def test_a_failing_mail_server_does_not_lose_the_comment(
    client, target, expert, staff, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.BrokenBackend"
    logged_in(client, expert)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, target)

    assert response.status_code == 302
    assert target.comments.get().body == TEXT


class BrokenBackend:
    """An email backend whose server is down."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise ConnectionRefusedError("the mail server is down")
