"""Searching visits ignores Latvian diacritics and case, on SQLite and PostgreSQL alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.factories import make_user, make_visit, municipality
from visits.models import Municipality, Visit
from visits.search import MAX_QUERY_WORDS, fold, query_words

pytestmark = pytest.mark.django_db

PUBLISHED = Visit.Status.PUBLISHED


def found(query: str, user=None) -> list[str]:
    """Titles of the visits the query finds, as the reader's queryset sees them."""
    visits = Visit.objects.visible_to(user or AnonymousUser()).search(query).newest_first()
    return list(visits.values_list("title", flat=True))


class TestFold:
    def test_it_drops_latvian_diacritics_and_case(self):
        assert fold("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž") == "acegiklnsuz acegiklnsuz"

    def test_it_turns_punctuation_into_single_spaces(self):
        assert fold("  Talsi, Sabile (Abavas pagasts)… ") == "talsi sabile abavas pagasts"

    def test_it_keeps_digits(self):
        assert fold("LRP IV, 2019.") == "lrp iv 2019"

    def test_query_words_are_folded_once_each_and_capped(self):
        words = [f"vards{n}" for n in range(MAX_QUERY_WORDS + 5)]

        assert query_words("Jūrmala JURMALA jurmala") == ["jurmala"]
        assert query_words(" ".join(words)) == words[:MAX_QUERY_WORDS]


class TestSearchIgnoresDiacriticsAndCase:
    @pytest.mark.parametrize(
        ("title", "query"),
        [
            ("Labās prakses vizīte Jūrmalā", "jurmala"),
            ("Vizīte Sabilē", "sabile"),
            ("Vizīte Viļakā", "VILAKA"),
            ("Vizīte Ķekavā", "kekava"),
            ("Vizīte Ogrē", "OGRĒ"),
            # And the other way round: diacritics in the query, none in the text.
            ("Vizite Jurmala", "Jūrmalā"),
            ("VIZITE LUDZA", "ludzā"),
        ],
    )
    def test_a_query_finds_the_title_whatever_its_accents_and_case(self, title, query):
        make_visit(title=title, status=PUBLISHED)
        make_visit(title="Vizīte Rīgā", status=PUBLISHED)

        assert found(query) == [title]

    def test_it_finds_words_in_places_lead_summary_and_project(self):
        make_visit(title="A", places="Lādezers, Viļķene", status=PUBLISHED)
        make_visit(title="B", lead="Tikšanās ar jauniešiem.", status=PUBLISHED)
        make_visit(title="C", summary="## Skola\n\n- Maltas vidusskola", status=PUBLISHED)
        make_visit(title="D", project="LRP IV", status=PUBLISHED)

        assert found("vilkene") == ["A"]
        assert found("JAUNIESIEM") == ["B"]
        assert found("maltas vidusskola") == ["C"]
        assert found("lrp iv") == ["D"]

    def test_it_finds_a_visit_by_its_municipalitys_name_centre_or_successor(self):
        make_visit(
            title="Trīs dienu vizīte",
            municipalities=[municipality("vilakas-novads")],
            status=PUBLISHED,
        )
        make_visit(title="Cita vizīte", status=PUBLISHED)

        assert found("vilakas novads") == ["Trīs dienu vizīte"]
        assert found("balvu") == ["Trīs dienu vizīte"]  # part of Balvu novads since 2021

    def test_every_word_must_match_somewhere(self):
        make_visit(title="Vizīte Talsos", places="Sabile", status=PUBLISHED)
        make_visit(title="Vizīte Sabilē", places="", status=PUBLISHED)

        assert found("sabile talsos") == ["Vizīte Talsos"]
        assert found("talsos sabile") == ["Vizīte Talsos"]

    def test_like_wildcards_in_a_query_match_nothing_special(self):
        make_visit(title="Vizīte 2019", status=PUBLISHED)
        make_visit(title="Vizīte 2020", status=PUBLISHED)

        assert found("2019%") == ["Vizīte 2019"]
        assert sorted(found("_")) == ["Vizīte 2019", "Vizīte 2020"]

    def test_an_empty_query_finds_everything_visible(self):
        make_visit(title="Viena", status=PUBLISHED)

        assert found("  ,. ") == ["Viena"]


class TestSearchTextStaysCurrent:
    def test_editing_a_title_with_update_fields_refreshes_the_search_text(self):
        visit = make_visit(title="Vizīte Jelgavā", status=PUBLISHED)

        visit.title = "Vizīte Dobelē"
        visit.save(update_fields=["title"])

        assert found("dobele") == ["Vizīte Dobelē"]
        assert found("jelgava") == []

    def test_renaming_a_municipality_finds_its_visits_by_the_new_name(self):
        place = municipality("jelgava")
        make_visit(title="Vizīte", municipalities=[place], status=PUBLISHED)

        place.successor_name = "Jelgavas valstspilsēta"
        place.save()

        assert found("valstspilseta") == ["Vizīte"]

    def test_linking_a_municipality_after_saving_the_visit_makes_it_findable(self):
        visit = make_visit(title="Vizīte", status=PUBLISHED)

        visit.municipalities.add(municipality("ventspils"))

        assert found("ventspils") == ["Vizīte"]

    def test_the_reference_municipalities_are_searchable_from_their_migration(self):
        assert Municipality.objects.get(slug="vilakas-novads").search_text.startswith(
            "vilakas novads"
        )


class TestSearchRespectsPublishing:
    def test_an_anonymous_reader_never_finds_drafts_or_visits_in_review(self):
        make_visit(title="Publicēta Jūrmala", status=PUBLISHED)
        make_visit(title="Pārskatīšanā Jūrmala", status=Visit.Status.REVIEW)
        make_visit(title="Melnraksts Jūrmala", status=Visit.Status.DRAFT)

        assert found("jurmala") == ["Publicēta Jūrmala"]

    def test_an_expert_also_finds_visits_in_review_but_not_drafts(self):
        make_visit(title="Publicēta Jūrmala", status=PUBLISHED)
        make_visit(title="Pārskatīšanā Jūrmala", status=Visit.Status.REVIEW)
        make_visit(title="Melnraksts Jūrmala", status=Visit.Status.DRAFT)

        assert sorted(found("jurmala", user=make_user())) == [
            "Publicēta Jūrmala",
            "Pārskatīšanā Jūrmala",
        ]

    def test_the_search_page_does_not_show_a_draft_to_the_public(self, client):
        make_visit(title="Melnraksts Sabilē", status=Visit.Status.DRAFT)
        make_visit(title="Pārskatīšanā Sabilē", status=Visit.Status.REVIEW)

        content = client.get(reverse("visits:list"), {"q": "sabile"}).content.decode()

        assert "Melnraksts Sabilē" not in content
        assert "Pārskatīšanā Sabilē" not in content


class TestSearchPage:
    def test_the_query_is_in_the_address_and_finds_without_diacritics(self, client):
        make_visit(title="Labās prakses vizīte Jūrmalā", status=PUBLISHED)
        make_visit(title="Labās prakses vizīte Ventspilī", status=PUBLISHED)

        response = client.get(reverse("visits:list") + "?q=jurmala")

        content = response.content.decode()
        assert response.status_code == 200
        assert "Labās prakses vizīte Jūrmalā" in content
        assert "Labās prakses vizīte Ventspilī" not in content
        assert 'value="jurmala"' in content  # the search box keeps what was typed

    def test_a_query_that_is_too_long_is_reported_and_not_applied(self, client):
        make_visit(title="Vizīte Jūrmalā", status=PUBLISHED)

        response = client.get(reverse("visits:list"), {"q": "jurmala " * 100})

        assert response.status_code == 200
        assert response.context["form"].errors["q"]
        assert "Vizīte Jūrmalā" in response.content.decode()
