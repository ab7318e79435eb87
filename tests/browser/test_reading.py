"""A reader finds a visit by three routes (the map, the filters, search) and reads its agenda.

Each route runs twice: with JavaScript and without it, since every page must work without.
The reader goes by what a screen reader announces too: links, headings, labelled fields
and labelled sections, found by their accessible names, never by CSS classes.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

VENTSPILS_VISIT = "Labās prakses vizīte Ventspilī"
MALTA_VILAKA_VISIT = "Labās prakses vizīte Maltā un Viļakā"
TALSI_VISIT = "Labās prakses vizīte Talsu novadā"
DAUGAVPILS_VISIT = "Labās prakses vizīte Daugavpilī"
JURMALA_VISIT = "Labās prakses vizīte Jūrmalā"


@pytest.fixture(params=[True, False], ids=["javascript", "without-javascript"])
def reader(request: pytest.FixtureRequest, open_context) -> Page:
    return open_context(java_script_enabled=request.param).new_page()


def agenda_day(page: Page, number: int) -> Locator:
    """A day of the agenda: a section named by its heading, "1. diena, 2019. gada 17. oktobris"."""
    return page.get_by_role("region", name=re.compile(rf"^{number}\. diena\b"))


def assert_agenda(page: Page, days: list[tuple[str, str]]) -> None:
    """The agenda shows exactly these days, in order: (the day's date in Latvian, an item on it)."""
    expect(page.get_by_role("region", name=re.compile(r"^\d+\. diena\b"))).to_have_count(len(days))
    for number, (date, item) in enumerate(days, start=1):
        day = agenda_day(page, number)
        expect(day).to_have_accessible_name(re.compile(rf"^{number}\. diena\b.*{re.escape(date)}"))
        expect(day).to_contain_text(item, ignore_case=True)


def visit_link(within: Page | Locator, title: str) -> Locator:
    return within.get_by_role("link", name=title, exact=True)


def test_a_reader_finds_the_ventspils_visit_on_the_map_and_reads_its_agenda(reader, site_url):
    reader.goto(site_url + "/")

    # The map is an SVG drawn on the server; each visited municipality is a link in it.
    reader.locator("svg").get_by_role("link", name=re.compile(r"^Ventspils\b")).click()

    expect(reader).to_have_url(site_url + "/pasvaldibas/ventspils/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Ventspils")
    # The visit is linked from its practices and actions too; the reader takes the list.
    visits = reader.get_by_role("region", name="Vizītes un sanāksmes")
    visit_link(visits, VENTSPILS_VISIT).click()

    expect(reader).to_have_url(site_url + "/vizites/ventspils-2019/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(VENTSPILS_VISIT)
    expect(reader.get_by_role("main")).to_contain_text("2019. gada 17.–18. oktobris")
    assert_agenda(
        reader,
        [("2019. gada 17. oktobris", "bibliotēk"), ("2019. gada 18. oktobris", "PUMPURS")],
    )


def test_a_reader_finds_the_malta_and_vilaka_visit_with_the_filters(reader, site_url):
    reader.goto(site_url + "/vizites/")

    year = reader.get_by_label(re.compile(r"^Gads\b"))
    year.select_option("2019")
    reader.get_by_label(re.compile(r"^Plānošanas reģions\b")).select_option(label="Latgale")
    reader.locator("form").filter(has=year).get_by_role("button").click()

    # The choice is in the address, so the filtered list can be shared.
    expect(reader).to_have_url(re.compile(r"/vizites/\?(.*&)?gads=2019(&|$)"))
    expect(visit_link(reader, MALTA_VILAKA_VISIT)).to_be_visible()
    expect(visit_link(reader, VENTSPILS_VISIT)).to_have_count(0)  # 2019, but Kurzeme
    expect(visit_link(reader, DAUGAVPILS_VISIT)).to_have_count(0)  # Latgale, but 2017

    visit_link(reader, MALTA_VILAKA_VISIT).click()

    expect(reader).to_have_url(site_url + "/vizites/malta-un-vilaka-2019/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(MALTA_VILAKA_VISIT)
    expect(reader.get_by_role("main")).to_contain_text("2019. gada 23.–25. janvāris")
    assert_agenda(
        reader,
        [
            ("2019. gada 23. janvāris", "Malt"),
            ("2019. gada 24. janvāris", "Viļak"),
            ("2019. gada 25. janvāris", "Viļak"),
        ],
    )


def test_a_reader_searches_for_sabile_and_reads_the_talsi_visit(reader, site_url):
    reader.goto(site_url + "/vizites/")

    search = reader.get_by_role("searchbox")
    search.fill("sabile")  # lower case and without the place's capital: still found
    search.press("Enter")

    expect(reader).to_have_url(re.compile(r"/vizites/\?(.*&)?q=sabile(&|$)"))
    expect(visit_link(reader, TALSI_VISIT)).to_be_visible()
    expect(visit_link(reader, VENTSPILS_VISIT)).to_have_count(0)
    expect(visit_link(reader, JURMALA_VISIT)).to_have_count(0)

    visit_link(reader, TALSI_VISIT).click()

    expect(reader).to_have_url(site_url + "/vizites/talsu-novads-sabile-2020/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TALSI_VISIT)
    expect(reader.get_by_role("main")).to_contain_text("2020. gada 2.–3. jūlijs")
    assert_agenda(
        reader,
        [("2020. gada 2. jūlijs", "Sabile"), ("2020. gada 3. jūlijs", "Talsu novada pašvaldīb")],
    )
