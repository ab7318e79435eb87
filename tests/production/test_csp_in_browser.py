"""In a real browser, the Content-Security-Policy blocks nothing the admin and the account
pages need: their scripts run (calendar, filters, autocomplete, slug prefilling) and the
browser reports no violation.

Chromium records every violation as a ``securitypolicyviolation`` event; a script that
Playwright adds before each page (outside the policy) collects them.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from tests.experts.accounts import PASSWORD, log_in_with_second_factor, make_account
from tests.factories import make_visit
from visits.models import Visit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || location.pathname}:${event.lineNumber})`
  );
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).is_file():
        message = f"Chromium nav instalēts: apt-get install chromium (nav atrasts {CHROMIUM})"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def staff_page(settings, live_server, new_context) -> Page:
    """A staff member's browser, logged in with the second factor, recording violations."""
    # An earlier transactional test may have emptied the municipalities' table.
    import_module("visits.migrations.0003_municipalities").load(apps, schema_editor=None)
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain http
    settings.SESSION_COOKIE_NAME = "sessionid"
    client = Client()
    log_in_with_second_factor(client, make_account(is_staff=True, is_superuser=True))
    context: BrowserContext = new_context()
    context.set_default_timeout(5_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    context.add_init_script(COLLECT_VIOLATIONS)
    return context.new_page()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_visit_form_works_under_the_policy(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server.url}/admin/visits/visit/add/")

    page.locator("#id_title").press_sequentially("Vizīte Valmierā 2026")  # the slug fills itself
    expect(page.locator("#id_slug")).to_have_value("vizite-valmiera-2026")
    page.locator("#calendarlink0").click()  # the date widget's calendar
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.keyboard.press("Escape")
    page.locator("#id_municipalities_add_all").click()  # the two-list selector
    expect(page.locator("#id_municipalities_to option")).not_to_have_count(0)

    assert violations(page) == []


def test_the_lists_and_change_forms_work_under_the_policy(staff_page, live_server):
    visit = make_visit(status=Visit.Status.PUBLISHED)
    page = staff_page
    pages = [
        "/admin/",
        "/admin/visits/visit/",
        f"/admin/visits/visit/{visit.pk}/change/",
        "/admin/visits/goodpractice/add/",
        "/admin/recommendations/followupaction/add/",
        "/admin/visits/visit/import/",
    ]
    seen = {}
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        seen[path] = violations(page)

    assert {path: found for path, found in seen.items() if found} == {}


def test_the_autocomplete_works_under_the_policy(staff_page, live_server):
    make_visit(title="Vizīte Cēsīs", status=Visit.Status.PUBLISHED)
    page = staff_page
    page.goto(f"{live_server.url}/admin/visits/goodpractice/add/")

    page.locator(".field-visit .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Cēs")
    expect(page.locator(".select2-results__option", has_text="Vizīte Cēsīs")).to_be_visible()

    assert violations(page) == []


def test_on_the_export_page_select_all_unchecks_and_checks_every_field(staff_page, live_server):
    page = staff_page
    page.goto(f"{live_server.url}/admin/visits/visit/export/")
    select_all = page.get_by_label("Atlasīt visus")
    fields = page.locator(".selectable-field-export-row input[type=checkbox]:not(.select-toggle)")
    checked = page.locator(".selectable-field-export-row input:checked:not(.select-toggle)")
    every_field = fields.count()

    select_all.uncheck()
    unchecked_all = checked.count()
    select_all.check()
    checked_all = checked.count()
    fields.first.uncheck()

    assert every_field > 1
    assert (unchecked_all, checked_all) == (0, every_field)
    expect(select_all).not_to_be_checked()  # one field left out: not all are selected
    expect(checked).to_have_count(every_field - 1)
    assert violations(page) == []


def test_the_login_and_two_factor_pages_work_under_the_policy(settings, live_server, new_context):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "sessionid", "csrftoken"
    user = make_account()
    context = new_context()
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()

    page.goto(f"{live_server.url}/konts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action='/konts/login/'] [type=submit]").click()
    page.wait_for_url(f"{live_server.url}{settings.LOGIN_REDIRECT_URL}")
    login_violations = violations(page)
    page.goto(f"{live_server.url}/konts/2fa/totp/activate/")
    page.locator("#id_password").fill(PASSWORD)  # allauth asks for the password again
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/konts/2fa/totp/activate/")
    qr_code = page.locator("img[src^='data:image/svg+xml']")

    assert login_violations == []
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.naturalWidth") > 0
    assert violations(page) == []
