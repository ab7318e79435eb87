"""`load_history` loads the 7 trips and the 2021 meeting as published facts, rerunnably."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command

from platform_site.history import HistoryError, load_history, read_history
from recommendations.models import Recommendation
from tests.factories import make_agenda_item, make_visit
from visits.models import AgendaItem, Visit

pytestmark = pytest.mark.django_db

TRIPS = {
    "jurmala-2016": (dt.date(2016, 11, 24), dt.date(2016, 11, 25)),
    "daugavpils-2017": (dt.date(2017, 1, 26), dt.date(2017, 1, 27)),
    "jelgava-2017": (dt.date(2017, 2, 23), dt.date(2017, 2, 24)),
    "limbazu-novads-2017": (dt.date(2017, 11, 21), dt.date(2017, 11, 22)),
    "malta-un-vilaka-2019": (dt.date(2019, 1, 23), dt.date(2019, 1, 25)),
    "ventspils-2019": (dt.date(2019, 10, 17), dt.date(2019, 10, 18)),
    "talsu-novads-sabile-2020": (dt.date(2020, 7, 2), dt.date(2020, 7, 3)),
}
MEETING = "ekspertu-tikla-sanaksme-2021"


def run_command() -> str:
    out = io.StringIO()
    call_command("load_history", stdout=out)
    return out.getvalue()


def snapshot() -> tuple[list[tuple], list[tuple]]:
    """Every column of the loaded rows, to show that a second run writes nothing."""
    visits = list(Visit.objects.order_by("slug").values_list())
    items = list(AgendaItem.objects.order_by("id").values_list())
    return visits, items


def test_running_twice_gives_the_same_counts_and_changes_nothing():
    first_output = run_command()
    counts = (Visit.objects.count(), AgendaItem.objects.count())
    before = snapshot()

    second_output = run_command()

    assert (Visit.objects.count(), AgendaItem.objects.count()) == counts
    assert counts[0] == 8
    assert snapshot() == before
    assert "Vēsture ielādēta: 8 vizītes un sanāksmes" in first_output
    assert "jauni ieraksti: 0, mainīti: 0" in second_output


def test_the_seven_trips_have_their_exact_dates():
    run_command()

    trips = Visit.objects.filter(kind=Visit.Kind.GOOD_PRACTICE_VISIT)

    assert {visit.slug: (visit.start_date, visit.end_date) for visit in trips} == TRIPS


def test_the_2019_trip_covers_two_municipalities_in_three_days():
    run_command()

    visit = Visit.objects.get(slug="malta-un-vilaka-2019")

    assert sorted(visit.municipalities.values_list("slug", flat=True)) == [
        "rezeknes-novads",
        "vilakas-novads",
    ]
    assert visit.day_count == 3


def test_the_meeting_is_linked_to_all_thirteen_recommendations_and_no_municipality():
    run_command()

    meeting = Visit.objects.get(slug=MEETING)

    assert meeting.kind == Visit.Kind.NETWORK_MEETING
    assert meeting.start_date == meeting.end_date == dt.date(2021, 5, 27)
    assert not meeting.municipalities.exists()
    assert set(meeting.recommendations.values_list("number", flat=True)) == set(range(1, 14))
    assert Recommendation.objects.filter(visits=meeting).count() == 13


def test_every_loaded_visit_is_published_at_a_fixed_time_and_is_not_sample():
    run_command()

    visits = Visit.objects.filter(slug__in=[*TRIPS, MEETING])

    assert visits.count() == 8
    for visit in visits:
        assert visit.status == Visit.Status.PUBLISHED
        assert visit.is_sample is False
        assert visit.published_at.date() == visit.end_date
        assert visit.source_url == "https://www.km.gov.lv/lv/latvijas-romu-platforma"
    assert not AgendaItem.objects.filter(is_sample=True).exists()


def test_agenda_items_have_no_times_and_stay_within_their_visit():
    run_command()

    for item in AgendaItem.objects.select_related("visit"):
        assert item.start_time is None and item.end_time is None
        assert 1 <= item.day <= item.visit.day_count
    # The first three trips are recorded in one line each: no agenda is invented.
    assert not AgendaItem.objects.filter(visit__slug__in=list(TRIPS)[:3]).exists()


def test_sample_content_is_left_alone():
    sample = make_visit(slug="parauga-vizite", title="Parauga vizīte", is_sample=True)
    sample_item = make_agenda_item(sample, title="Parauga punkts", is_sample=True)

    run_command()
    run_command()

    sample.refresh_from_db()
    sample_item.refresh_from_db()
    assert sample.title == "Parauga vizīte"
    assert sample.status == Visit.Status.DRAFT
    assert sample_item.title == "Parauga punkts"
    assert Visit.objects.filter(is_sample=True).count() == 1


def test_a_sample_visit_with_a_history_address_name_stops_the_load():
    make_visit(slug="ventspils-2019", is_sample=True)

    with pytest.raises(HistoryError):
        load_history()

    assert Visit.objects.count() == 1


def test_summaries_are_markdown_of_the_agreed_length():
    for record in read_history():
        words = re.findall(r"\w+", record.summary)
        assert 80 <= len(words) <= 250, record.slug
        assert record.summary.startswith("## "), record.slug
        assert "\n- " in record.summary, record.slug
