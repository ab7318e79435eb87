"""An editor brings a new visit in from a spreadsheet, publishes it, and the public reads it.

The editor is logged in by copying a Django session into the browser rather than through
the login form: staff sign in through allauth with a second factor (an authenticator
app), which is tested in tests/experts; here the session is made as that sign-in leaves it
(tests.experts.accounts.log_in_with_second_factor) and its cookie handed to Chromium.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from tests.experts.accounts import log_in_with_second_factor, make_account
from tests.imports.spreadsheets import csv_bytes, editor_permissions, grant
from visits.models import Visit
from visits.resources import VisitResource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Labās prakses vizīte Rēzeknes novadā 2026"
SLUG = "rezeknes-novads-2026"


def assert_accessible(page: Page) -> None:
    # A click starts the navigation without waiting for it: scan the new page, not the gap.
    page.wait_for_load_state()
    expect(page.get_by_role("main")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def spreadsheet(tmp_path):
    """One new visit as Latvian Excel saves a CSV: Windows-1257, semicolons."""
    row = {
        "slug": SLUG,
        "title": TITLE,
        "kind": "labās prakses vizīte",
        "status": "melnraksts",
        "municipalities": "Rēzeknes novads",
        "places": "Rēzekne, Malta",
        "start_date": "27.05.2026",
        "end_date": "28.05.2026",
        "lead": "Ekspertu tīkls apmeklē Rēzeknes novada skolas un sociālo dienestu.",
    }
    path = tmp_path / "jauna-vizite.csv"
    path.write_bytes(csv_bytes(VisitResource, [row], encoding="cp1257", delimiter=";"))
    return path


@pytest.fixture
def editor_page(site_url, open_context, settings, tmp_path) -> Page:
    """A ministry editor's browser, logged in to the admin."""
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "uploads")
    # The live server speaks plain http: production's "__Host-" cookies are Secure, which
    # Chromium would neither accept from the test nor send back over http.
    settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE = "sessionid", False
    settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE = "csrftoken", False
    editor = make_account(is_staff=True)
    grant(editor, *editor_permissions())
    client = Client()
    log_in_with_second_factor(client, editor)
    context: BrowserContext = open_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
                "httpOnly": True,
            }
        ]
    )
    return context.new_page()


def test_an_editor_imports_a_visit_publishes_it_and_the_public_reads_it(
    editor_page, site_url, spreadsheet, page
):
    editor = editor_page
    editor.goto(site_url + "/admin/visits/visit/")
    editor.get_by_role("link", name="Importēt").click()

    assert_accessible(editor)
    editor.get_by_label("Importējamais fails").set_input_files(spreadsheet)
    editor.get_by_role("button", name="Iesniegt").click()

    # The preview: nothing saved yet, the new visit shown with its Latvian letters.
    preview = editor.locator("table.import-preview")
    expect(preview).to_contain_text(TITLE)
    expect(preview).to_contain_text("Rēzeknes novads")
    expect(editor.locator("table.import-summary")).to_contain_text("1")
    assert not Visit.objects.filter(slug=SLUG).exists()
    assert_accessible(editor)
    editor.get_by_role("button", name="Apstiprināt importēšanu").click()

    expect(editor).to_have_url(site_url + "/admin/visits/visit/")
    expect(editor.locator("ul.messagelist")).to_contain_text("jauna-vizite.csv")
    editor.get_by_role("checkbox", name=re.compile(re.escape(TITLE))).check()
    editor.get_by_label("Darbība:").select_option(label="Publicēt")
    editor.get_by_role("button", name="Aiziet!").first.click()

    expect(editor.locator("ul.messagelist")).to_contain_text("1")
    page.goto(site_url + f"/vizites/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text("Rēzeknes novads")
