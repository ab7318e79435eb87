"""Anonymous public pages come from the page cache until public content changes; nothing
of a logged-in reader is ever stored or served from it; every such page has an ETag."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from platform_site import page_cache
from platform_site.models import ContentGeneration
from tests.experts.accounts import log_in_with_second_factor, make_account, make_expert_account
from tests.factories import make_action, make_visit, municipality
from visits.models import COMMENT_EDIT_WINDOW, Comment, Visit

pytestmark = pytest.mark.django_db

HIT = page_cache.HIT_HEADER


def published_visit(**fields) -> Visit:
    fields.setdefault("status", Visit.Status.PUBLISHED)
    return make_visit(municipalities=[municipality("jelgava")], **fields)


class TestStoredPages:
    def test_the_second_anonymous_reader_gets_the_stored_page(self, client):
        visit = published_visit(title="Vizīte Jelgavā")

        first = client.get(visit.get_absolute_url())
        second = client.get(visit.get_absolute_url())

        assert (first[HIT], second[HIT]) == ("miss", "hit")
        assert second.content == first.content
        assert "Vizīte Jelgavā" in second.content.decode()

    def test_a_stored_page_still_gets_its_own_request_id_and_security_headers(self, client):
        visit = published_visit()
        first = client.get(visit.get_absolute_url())

        second = client.get(visit.get_absolute_url())

        assert second[HIT] == "hit"
        assert second["X-Request-ID"] != first["X-Request-ID"]
        assert "Content-Security-Policy" in second
        assert second["X-Content-Type-Options"] == "nosniff"

    def test_an_edit_saved_through_the_model_is_shown_at_once(self, client):
        visit = published_visit(title="Vecais nosaukums")
        client.get(visit.get_absolute_url())

        visit.title = "Jaunais nosaukums"
        visit.save()
        response = client.get(visit.get_absolute_url())

        assert response[HIT] == "miss"
        assert "Jaunais nosaukums" in response.content.decode()

    def test_an_edit_by_a_queryset_update_is_shown_at_once(self, client):
        """No signal fires on update(); the database trigger still counts the change."""
        visit = published_visit(title="Vecais nosaukums")
        client.get("/vizites/")

        Visit.objects.filter(pk=visit.pk).update(title="Jaunais nosaukums")
        page = client.get("/vizites/").content.decode()

        assert "Jaunais nosaukums" in page
        assert "Vecais nosaukums" not in page

    def test_unpublishing_a_visit_takes_it_off_the_stored_pages(self, client):
        visit = published_visit(title="Publicētā vizīte")
        assert client.get(visit.get_absolute_url()).status_code == 200
        assert "Publicētā vizīte" in client.get("/vizites/").content.decode()

        Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.DRAFT)

        assert client.get(visit.get_absolute_url()).status_code == 404
        assert "Publicētā vizīte" not in client.get("/vizites/").content.decode()

    def test_a_change_to_a_linked_record_is_shown_on_the_pages_that_show_it(self, client):
        visit = published_visit()
        client.get(visit.get_absolute_url())

        visit.municipalities.add(municipality("daugavpils"))
        response = client.get(visit.get_absolute_url())

        assert response[HIT] == "miss"
        assert "Daugavpils" in response.content.decode()

    def test_the_tracker_turns_overdue_at_midnight_without_any_edit(self, client, monkeypatch):
        """The date is part of the key: "overdue" changes with the day, not with an edit."""
        make_action(title="Rīcība ar termiņu", due_date=dt.date(2025, 3, 1))
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 1, 21, 0, tzinfo=dt.UTC))
        on_the_due_day = client.get("/ierosinajumi/")
        assert on_the_due_day.context["overall"].overdue == 0

        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 3, 1, 22, 30, tzinfo=dt.UTC))
        the_day_after = client.get("/ierosinajumi/")

        assert the_day_after[HIT] == "miss"
        assert the_day_after.context["overall"].overdue == 1

    def test_the_query_string_is_part_of_the_page(self, client):
        published_visit(title="Vizīte Jelgavā")
        client.get("/vizites/")

        searched = client.get("/vizites/", {"q": "nekas tāds"})

        assert searched[HIT] == "miss"
        assert "Vizīte Jelgavā" not in searched.content.decode()

    def test_the_host_is_part_of_the_page(self, client, settings):
        """The feed and the sitemap print full addresses."""
        settings.ALLOWED_HOSTS = ["testserver", "romuplatforma.example"]
        published_visit()
        client.get("/vizites/feed/")

        other_host = client.get("/vizites/feed/", HTTP_HOST="romuplatforma.example")

        assert other_host[HIT] == "miss"
        assert "http://romuplatforma.example/" in other_host.content.decode()


class TestNeverStored:
    def test_a_logged_in_expert_never_gets_the_publics_stored_page(self, client):
        published_visit()
        client.get("/vizites/")
        user, _ = make_expert_account()
        client.force_login(user)

        response = client.get("/vizites/")

        assert response.get(HIT) != "hit"
        assert user.email in response.content.decode()

    def test_a_draft_an_expert_reads_is_never_shown_to_the_public(self, client):
        draft = make_visit(
            status=Visit.Status.REVIEW, title="Projekts", municipalities=[municipality("jelgava")]
        )
        user, _ = make_expert_account()
        client.force_login(user)
        assert client.get(draft.get_absolute_url()).status_code == 200
        assert client.get("/vizites/").content.decode().count("Projekts") >= 1
        client.logout()

        assert client.get(draft.get_absolute_url()).status_code == 404
        assert "Projekts —" not in client.get("/vizites/").content.decode()

    def test_a_reader_with_a_message_waiting_gets_a_fresh_page(self, client):
        """After logging out, the next page says so: it must not be a stored one."""
        user = make_account()
        client.force_login(user)
        client.get("/")
        logged_out = client.post("/konts/logout/")
        assert logged_out.status_code == 302

        response = client.get("/")

        assert HIT not in response
        assert [str(message) for message in response.context["messages"]] == ["Jūs esat izgājuši."]
        assert "Jūs esat izgājuši." in response.content.decode()

    def test_missing_pages_are_not_stored(self, client):
        client.get("/vizites/nav-tadas/")

        response = client.get("/vizites/nav-tadas/")

        assert response.status_code == 404
        assert HIT not in response
        assert len(page_cache.pages) == 0

    def test_the_admin_and_the_account_pages_are_never_stored(self, client):
        for address in ("/admin/login/", "/konts/login/", "/konts/password/reset/"):
            client.get(address)
            assert HIT not in client.get(address), address

    def test_a_staff_member_in_the_admin_is_never_served_from_the_cache(self, client):
        staff = make_account(is_staff=True, is_superuser=True)
        log_in_with_second_factor(client, staff)

        response = client.get("/admin/visits/visit/")

        assert response.status_code == 200
        assert HIT not in response


def read_twice(client, address: str):
    """The first answer gives the browser its CSRF cookie; the second is the one kept."""
    client.get(address)
    return client.get(address)


class TestReaderPages:
    """A logged-in reader's pages are kept for that reader's session alone, until anything
    such a page shows changes: content, comments, the reader's account or roles."""

    @pytest.fixture
    def visit(self) -> Visit:
        return published_visit(title="Apspriežamā vizīte")

    @pytest.fixture
    def expert(self, client):
        user, _profile = make_expert_account()
        client.force_login(user)
        return user

    def test_a_reader_reading_again_gets_the_kept_page(self, client, visit, expert):
        kept = read_twice(client, visit.get_absolute_url())

        again = client.get(visit.get_absolute_url())

        assert (kept[HIT], again[HIT]) == ("miss", "hit")
        assert again.content == kept.content
        assert expert.email in again.content.decode()

    def test_another_reader_never_gets_it(self, client, visit, expert):
        read_twice(client, visit.get_absolute_url())
        other, _profile = make_expert_account()
        other_browser = Client()
        other_browser.force_login(other)

        page = read_twice(other_browser, visit.get_absolute_url())

        assert page[HIT] == "miss"
        assert other.email in page.content.decode()
        assert expert.email not in page.content.decode()

    def test_a_new_comment_is_shown_at_once(self, client, visit, expert):
        read_twice(client, visit.get_absolute_url())
        other, _profile = make_expert_account()

        Comment.objects.create(visit=visit, author=other, body="Ļoti noderīga prakse.")
        page = client.get(visit.get_absolute_url())

        assert page[HIT] == "miss"
        assert "Ļoti noderīga prakse." in page.content.decode()

    def test_a_reader_who_loses_a_role_loses_its_forms_at_once(self, client, visit):
        editor = make_account(is_staff=True)
        other, _profile = make_expert_account()
        Comment.objects.create(visit=visit, author=other, body="Komentārs.")
        client.force_login(editor)
        assert "Paslēpt no ekspertiem" in read_twice(client, visit.get_absolute_url()).text

        editor.is_staff = False
        editor.save()
        page = client.get(visit.get_absolute_url())

        assert "Paslēpt no ekspertiem" not in page.text

    def test_the_edit_button_goes_when_the_time_to_edit_is_up(
        self, client, visit, expert, monkeypatch
    ):
        written = timezone.now()
        comment = Comment.objects.create(visit=visit, author=expert, body="Mans komentārs.")
        Comment.objects.filter(pk=comment.pk).update(created_at=written)
        edit_url = reverse("visits:comment_edit", args=[visit.slug, comment.pk])
        assert edit_url in read_twice(client, visit.get_absolute_url()).text

        later = written + COMMENT_EDIT_WINDOW + dt.timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        page = client.get(visit.get_absolute_url())

        assert edit_url not in page.text

    def test_a_page_with_a_message_is_not_kept_nor_served_from_memory(self, client, visit, expert):
        read_twice(client, visit.get_absolute_url())

        posted = client.post(
            reverse("visits:comment_create", args=[visit.slug]), {"body": "Jauns komentārs."}
        )
        with_message = client.get(posted.url)
        after_it = client.get(visit.get_absolute_url())

        assert with_message.get(HIT) is None
        assert list(with_message.context["messages"])
        assert after_it[HIT] == "miss"

    def test_after_logging_out_the_page_is_the_publics(self, client, visit, expert):
        read_twice(client, visit.get_absolute_url())

        client.post("/konts/logout/")
        client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
        page = client.get(visit.get_absolute_url())

        assert expert.email not in page.text
        assert "Apspriežamā vizīte" in page.text

    def test_a_draft_taken_back_from_review_is_a_404_at_once(self, client, expert):
        draft = make_visit(status=Visit.Status.REVIEW, municipalities=[municipality("jelgava")])
        assert read_twice(client, draft.get_absolute_url()).status_code == 200

        Visit.objects.filter(pk=draft.pk).update(status=Visit.Status.DRAFT)

        assert client.get(draft.get_absolute_url()).status_code == 404


class TestConditionalGet:
    def test_a_browser_that_has_the_page_gets_not_modified(self, client):
        visit = published_visit()
        first = client.get(visit.get_absolute_url())

        again = client.get(visit.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]

    def test_after_an_edit_the_old_etag_gets_the_new_page(self, client):
        visit = published_visit(title="Vecais nosaukums")
        first = client.get(visit.get_absolute_url())
        Visit.objects.filter(pk=visit.pk).update(title="Jaunais nosaukums")

        again = client.get(visit.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 200
        assert again["ETag"] != first["ETag"]
        assert "Jaunais nosaukums" in again.content.decode()

    def test_an_if_none_match_star_is_left_to_the_page(self, client):
        """ "*" matches any existing page; a missing one is still a 404."""
        assert client.get("/vizites/nav-tadas/", HTTP_IF_NONE_MATCH="*").status_code == 404

    def test_not_modified_says_what_the_page_varies_on(self, client):
        first = client.get("/")

        again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert "Cookie" in again["Vary"]

    def test_a_new_release_is_a_new_etag(self, client, monkeypatch):
        """Old HTML points at old static files: a deploy must not answer 304 for it."""
        first = client.get("/")
        monkeypatch.setattr(page_cache, "code_build", lambda: "the next release")

        again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 200
        assert again["ETag"] != first["ETag"]

    def test_browsers_are_told_to_ask_each_time(self, client):
        response = client.get("/")

        assert "no-cache" in response["Cache-Control"]
        assert response["ETag"].startswith('"')

    @pytest.mark.parametrize("address", ["/vizites/feed/", "/sitemap.xml", "/ierosinajumi/"])
    def test_the_feed_the_sitemap_and_the_tracker_answer_conditionally(self, client, address):
        first = client.get(address)

        again = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304


class TestTheBudget:
    def test_the_least_recently_read_page_goes_first_when_the_budget_is_full(self):
        page = page_cache.StoredPage(200, (("Content-Type", "text/html"),), b"aaaa")
        store = page_cache.PageStore(max_bytes=2 * page.size + 10)
        store.put("a", page)
        store.put("b", page)
        store.get("a")

        store.put("c", page)

        assert store.get("b") is None
        assert store.get("a") is not None and store.get("c") is not None
        assert store.used_bytes == 2 * page.size

    def test_an_entry_counts_its_headers_and_its_keeping_not_only_its_body(self):
        page = page_cache.StoredPage(200, (("Content-Type", "text/html"),), b"aaaa")

        assert page.size == 4 + len("Content-Type") + len("text/html") + 1024

    def test_random_long_query_strings_are_answered_but_not_kept(self, client):
        response = client.get("/robots.txt", {"x": "y" * 400})

        assert response.status_code == 200
        assert HIT not in response
        assert len(page_cache.pages) == 0

    def test_a_page_larger_than_the_limit_is_answered_but_not_stored(self, client, monkeypatch):
        monkeypatch.setattr(page_cache, "MAX_PAGE_BYTES", 100)

        response = client.get("/")

        assert response.status_code == 200
        assert "ETag" in response
        assert len(page_cache.pages) == 0


class TestTheHeader:
    def test_production_does_not_say_what_was_kept(self, client, settings):
        """Hit or miss would tell a visitor whether someone else searched for a term."""
        settings.PAGE_CACHE_HEADER = False
        client.get("/vizites/", {"q": "jelgava"})

        response = client.get("/vizites/", {"q": "jelgava"})

        assert HIT not in response


class TestTheGeneration:
    def test_without_the_generation_row_pages_are_rendered_every_time(self, client):
        ContentGeneration.objects.all().delete()

        client.get("/")
        response = client.get("/")

        assert response.status_code == 200
        assert HIT not in response
