"""The rules the database keeps itself, whatever path a comment takes (admin, shell, import)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.comments.conftest import make_target

pytestmark = pytest.mark.django_db


def refused(save) -> bool:
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        return True
    return False


class TestTheDatabaseRefuses:
    def test_a_comment_without_text(self, kind, expert):
        target = make_target(kind)

        assert refused(lambda: target.comment(expert, ""))

    def test_a_comment_of_more_than_5000_characters(self, kind, expert):
        target = make_target(kind)

        assert refused(lambda: target.comment(expert, "x" * 5001))
        assert not refused(lambda: target.comment(expert, "ā" * 5000))

    def test_a_hidden_comment_without_a_reason(self, kind, expert):
        target = make_target(kind)

        assert refused(lambda: target.comment(expert, is_hidden=True, hidden_reason=""))

    def test_a_deleted_comment_that_keeps_its_text(self, kind, expert, clock):
        target = make_target(kind)

        assert refused(lambda: target.comment(expert, "Palicis.", deleted_at=clock.now))


class TestValidation:
    def test_refuses_a_reply_to_a_reply(self, kind, expert):
        target = make_target(kind)
        question = target.comment(expert)
        answer = target.comment(expert, parent=question)
        third = target.comments.model(author=expert, body="3.", parent=answer)
        setattr(third, target.comments.model.target_field, target.obj)

        with pytest.raises(ValidationError) as error:
            third.full_clean()

        assert "parent" in error.value.message_dict


class TestDeletingWhatTheCommentIsAbout:
    def test_takes_its_comments_with_it(self, kind, expert):
        target = make_target(kind)
        question = target.comment(expert)
        target.comment(expert, parent=question)
        model = target.comments.model

        target.obj.delete()

        assert not model.objects.exists()
