"""What an import does to the records: Latvian letters kept, dates read, visits found by
search and dated when published, and action status changes written in their history."""

import datetime as dt

import pytest

from experts.models import ExpertProfile
from experts.resources import ExpertResource
from platform_site.imports import CSV
from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from recommendations.resources import FollowUpActionResource, RecommendationResource
from tests.factories import make_action, make_expert, make_visit, municipality
from tests.imports.spreadsheets import confirm, csv_bytes, upload, xlsx_bytes
from visits.models import GoodPractice, Participation, Visit
from visits.resources import ParticipationResource, VisitResource

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 28, 10, 0, tzinfo=dt.UTC)


def imported(resource, content: bytes, **kwargs):
    """Import a CSV file through the resource, for real; the result."""
    result = resource.import_data(CSV().create_dataset(content), dry_run=False, **kwargs)
    assert not result.has_errors(), [str(error.error) for error in result.base_errors]
    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    return result


class TestWindows1257:
    def test_a_visit_from_a_cp1257_semicolon_file_keeps_its_latvian_letters(self, editor_client):
        row = {
            "slug": "rezekne-2021",
            "title": "Vizīte Rēzeknes novadā: Ļūdmila Žagare stāsta",
            "municipalities": "Rēzeknes novads",
            "start_date": "27.05.2021",
            "end_date": "2021-05-28",
        }
        content = csv_bytes(VisitResource, [row], encoding="cp1257", delimiter=";")

        confirm(editor_client, Visit, upload(editor_client, Visit, content, "vizite.csv"))

        visit = Visit.objects.get(slug="rezekne-2021")
        assert visit.title == "Vizīte Rēzeknes novadā: Ļūdmila Žagare stāsta"
        assert list(visit.municipalities.all()) == [municipality("rezeknes-novads")]
        assert (visit.start_date, visit.end_date) == (dt.date(2021, 5, 27), dt.date(2021, 5, 28))

    def test_an_expert_from_a_cp1257_semicolon_file_keeps_her_name(self, editor):
        row = {
            "full_name": "Ļūdmila Žagare",
            "email": "ludmila@example.invalid",
            "home_area": "Rēzeknes novads",
            "planning_region": "Latgale",
        }
        content = csv_bytes(ExpertResource, [row], encoding="cp1257", delimiter=";")

        imported(ExpertResource(user=editor), content, user=editor)

        expert = ExpertProfile.objects.get(email="ludmila@example.invalid")
        assert (expert.full_name, expert.home_area) == ("Ļūdmila Žagare", "Rēzeknes novads")
        assert expert.slug == "ludmila-zagare"
        assert expert.planning_region == "LATGALE"
        assert not expert.is_public

    def test_a_participation_names_the_expert_by_email_or_address_name(self, editor_client):
        visit = make_visit(slug="rezekne-2021", municipalities=[municipality("rezeknes-novads")])
        ludmila = make_expert(
            full_name="Ļūdmila Žagare", slug="ludmila-zagare", email="l@x.invalid"
        )
        janis = make_expert(full_name="Jānis Bērziņš", slug="janis-berzins")
        rows = [
            {"visit": "rezekne-2021", "expert": "L@X.invalid", "role": "runātājs"},
            {"visit": "rezekne-2021", "expert": "janis-berzins", "role": "PARTICIPANT"},
        ]
        content = csv_bytes(ParticipationResource, rows, encoding="cp1257", delimiter=";")

        confirm(
            editor_client, Participation, upload(editor_client, Participation, content, "d.csv")
        )

        roles = dict(visit.participations.values_list("expert", "role"))
        assert roles == {ludmila.pk: "SPEAKER", janis.pk: "PARTICIPANT"}


class TestVisits:
    def test_an_imported_visit_is_found_by_search(self, editor):
        row = {
            "slug": "ventspils-2026",
            "title": "Skolotāju palīgu diena",
            "municipalities": "Ventspils",
        }
        row.update(start_date="01.06.2026", end_date="01.06.2026", status="publicēts")

        imported(VisitResource(user=editor, now=NOW), csv_bytes(VisitResource, [row]))

        assert list(Visit.objects.search("skolotaju paligu")) == [
            Visit.objects.get(slug="ventspils-2026")
        ]

    def test_a_visit_published_by_an_import_is_dated_and_a_changed_one_found_anew(self, editor):
        visit = make_visit(
            slug="ventspils-2026", title="Vecais", municipalities=[municipality("ventspils")]
        )
        row = {"slug": "ventspils-2026", "title": "Jaunais virsraksts", "status": "PUBLISHED"}
        row.update(start_date="06.05.2024", end_date="07.05.2024")

        imported(VisitResource(user=editor, now=NOW), csv_bytes(VisitResource, [row]))

        visit.refresh_from_db()
        assert (visit.status, visit.published_at) == (Visit.Status.PUBLISHED, NOW)
        assert list(Visit.objects.search("jaunais")) == [visit]
        assert list(Visit.objects.search("vecais")) == []


class TestFollowUpActions:
    def row(self, **changes) -> dict:
        return {
            "title": "Romu mediators Rēzeknē",
            "responsible_institution": "Rēzeknes novada pašvaldība",
            "recommendations": "1; 4",
            "status": "plānots",
            **changes,
        }

    def test_a_status_changed_by_an_import_is_written_in_the_history(self, editor):
        action = make_action(
            title="Romu mediators Rēzeknē",
            responsible_institution="Rēzeknes novada pašvaldība",
            recommendations=Recommendation.objects.filter(number__in=[1, 4]),
        )
        content = csv_bytes(
            FollowUpActionResource, [self.row(status="īstenots", done_date="20.05.2026")]
        )

        imported(
            FollowUpActionResource(user=editor, now=NOW),
            content,
            user=editor,
            file_name="rīcības.csv",
        )

        action.refresh_from_db()
        assert (action.status, action.done_date) == (
            FollowUpAction.Status.DONE,
            dt.date(2026, 5, 20),
        )
        (update,) = action.history()
        assert (update.status_after, update.author, update.date) == (
            "DONE",
            editor,
            dt.date(2026, 5, 28),
        )
        assert "rīcības.csv" in update.note

    def test_an_action_added_by_an_import_starts_its_history(self, editor):
        content = csv_bytes(FollowUpActionResource, [self.row()])

        imported(FollowUpActionResource(user=editor, now=NOW), content, user=editor)

        action = FollowUpAction.objects.get(title="Romu mediators Rēzeknē")
        assert action.recommendation_numbers() == "1; 4"
        assert [update.status_after for update in action.history()] == ["PLANNED"]

    def test_a_row_that_changes_other_fields_writes_no_history(self, editor):
        action = make_action(
            title="Romu mediators Rēzeknē",
            responsible_institution="Rēzeknes novada pašvaldība",
            recommendations=Recommendation.objects.filter(number__in=[1, 4]),
        )
        content = csv_bytes(FollowUpActionResource, [self.row(description="Jauns apraksts")])

        imported(FollowUpActionResource(user=editor, now=NOW), content, user=editor)

        action.refresh_from_db()
        assert action.description == "Jauns apraksts"
        assert not ActionUpdate.objects.filter(action=action).exists()

    def test_a_done_action_without_its_done_date_is_an_error_of_that_column(self, editor):
        content = csv_bytes(FollowUpActionResource, [self.row(status="DONE")])

        result = FollowUpActionResource(user=editor).import_data(CSV().create_dataset(content))

        (invalid,) = result.invalid_rows
        assert list(invalid.field_specific_errors) == [
            FollowUpActionResource().fields["done_date"].column_name
        ]
        assert not FollowUpAction.objects.filter(title="Romu mediators Rēzeknē").exists()

    def test_an_action_needs_at_least_one_recommendation(self, editor):
        content = csv_bytes(FollowUpActionResource, [self.row(recommendations="")])

        result = FollowUpActionResource(user=editor).import_data(CSV().create_dataset(content))

        (invalid,) = result.invalid_rows
        column = FollowUpActionResource().fields["recommendations"].column_name
        assert list(invalid.field_specific_errors) == [column]


def test_a_recommendation_links_visits_practices_and_experts_by_readable_keys(editor):
    visit = make_visit(slug="talsi-2018", municipalities=[municipality("talsu-novads")])
    practice = GoodPractice.objects.create(
        visit=visit, title="Romu mediators; skolā", description="…"
    )
    expert = make_expert(slug="ludmila-zagare")
    row = {
        "number": "4",
        "title": "Romu bērnu izglītība",
        "visits": "talsi-2018",
        "good_practices": "talsi-2018: Romu mediators; skolā",
        "experts": "ludmila-zagare",
    }

    imported(RecommendationResource(user=editor), csv_bytes(RecommendationResource, [row]))

    recommendation = Recommendation.objects.get(number=4)
    assert recommendation.title == "Romu bērnu izglītība"
    assert list(recommendation.visits.all()) == [visit]
    assert list(recommendation.good_practices.all()) == [practice]
    assert list(recommendation.experts.all()) == [expert]


def test_a_workbook_with_real_excel_dates_imports(editor_client):
    row = {
        "slug": "daugavpils-2026",
        "title": "Vizīte Daugavpilī",
        "municipalities": "Daugavpils",
        "start_date": dt.datetime(2026, 5, 27),
        "end_date": dt.datetime(2026, 5, 28),
    }
    content = xlsx_bytes(VisitResource, [row])

    confirm(editor_client, Visit, upload(editor_client, Visit, content, "vizites.xlsx"))

    visit = Visit.objects.get(slug="daugavpils-2026")
    assert (visit.start_date, visit.end_date) == (dt.date(2026, 5, 27), dt.date(2026, 5, 28))
