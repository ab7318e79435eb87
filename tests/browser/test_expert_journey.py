"""An invited expert joins, comments on a visit in review and corrects the comment; a
ministry editor hides it, and the expert no longer sees it.

Every account and expert page on the way passes axe-core's WCAG 2.0/2.1 A and AA rules.
The expert goes through the real forms (invitation, logout, login); the editor is logged
in by copying a session that passed the second factor into the browser, as in
test_import.py.
"""

from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from experts.models import Invitation
from tests.experts.accounts import (
    log_in_with_second_factor,
    make_account,
    make_expert_account,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

REVIEW_VISIT = "/vizites/parauga-vizite-daugavpils-2026/"
EMAIL = "ilze.ekaterina@example.lv"
FULL_NAME = "Ilze Ekaterina"
PASSWORD = "Zalais-tilts-pie-Daugavas-42"
COMMENT = "Daugavpils skolotāja palīga pieredze noderētu arī Rēzeknē (pārbaude 7c1f)."
CORRECTED = "Daugavpils skolotāja palīga pieredze noderētu arī Rēzeknē un Ludzā (pārbaude 7c1f)."
REASON = "Komentārs atkārto citu ekspertu teikto."
EDITOR_GROUP = "Ministrijas redaktors"


def assert_no_wcag_violations(page: Page) -> None:
    # A click starts the navigation without waiting for it: scan the new page, not the gap.
    page.wait_for_load_state()
    expect(page.get_by_role("main")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    """The live server speaks plain http: production's "__Host-" cookies are Secure."""
    settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE = "sessionid", False
    settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE = "csrftoken", False


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth and the comment limit count in the cache: the test starts with none."""
    cache.clear()
    yield
    cache.clear()


def editor_group() -> Group:
    """The editor role as its data migration makes it (a transactional test wipes it)."""
    permissions = import_module("recommendations.migrations.0006_editor_role").EDITOR_PERMISSIONS
    group, _created = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codenames in permissions.items()
        for codename in codenames
    )
    return group


def logged_in_page(open_context, site_url: str, client: Client) -> Page:
    """A new browser holding the session of a test client that has logged in."""
    context: BrowserContext = open_context()
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": site_url,
                "httpOnly": True,
            }
        ]
    )
    return context.new_page()


@pytest.fixture
def editor_page(site_url, open_context) -> Page:
    """A ministry editor's browser, logged in with the second factor."""
    editor = make_account(is_staff=True)
    editor.groups.add(editor_group())
    client = Client()
    log_in_with_second_factor(client, editor)
    return logged_in_page(open_context, site_url, client)


def test_an_invited_expert_comments_and_an_editor_hides_the_comment(site_url, page, editor_page):
    invitation = Invitation.objects.create(email=EMAIL, full_name=FULL_NAME)

    # The invitation: choose a password, land on the profile form.
    page.goto(site_url + invitation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_wcag_violations(page)
    page.get_by_label("Parole:", exact=True).fill(PASSWORD)
    page.get_by_label("Parole (vēlreiz):", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Izveidot kontu").click()
    expect(page).to_have_url(site_url + "/eksperti/mans-profils/")
    assert_no_wcag_violations(page)

    # Log out, and back in with the email address and the new password.
    page.get_by_role("button", name="Iziet").click()
    expect(page.locator(".site-nav__user")).to_have_count(0)
    page.goto(site_url + "/konts/login/")
    assert_no_wcag_violations(page)
    page.get_by_label("E-pasts:", exact=True).fill(EMAIL)
    page.get_by_label("Parole:", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Ieiet").click()
    expect(page.locator(".site-nav__user")).to_contain_text(EMAIL)

    # The account pages and the expert directory, as a logged-in expert sees them.
    # The two-factor page (/konts/2fa/) has its own test below: it fails axe for now.
    for path in ("/konts/password/change/", "/konts/email/", "/eksperti/"):
        response = page.goto(site_url + path)
        assert response is not None and response.status == 200, path
        assert_no_wcag_violations(page)

    # A comment on the visit in review, then its correction.
    page.goto(site_url + REVIEW_VISIT)
    expect(page.get_by_role("main")).to_contain_text("Projekts — tikai ekspertiem")
    page.get_by_label("Jūsu komentārs").fill(COMMENT)
    page.get_by_role("button", name="Publicēt komentāru").click()
    comment = page.locator("article.comment", has_text=COMMENT)
    expect(comment).to_be_visible()
    assert_no_wcag_violations(page)

    comment.get_by_role("link", name="Labot").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_wcag_violations(page)
    page.get_by_label("Jūsu komentārs").fill(CORRECTED)
    page.get_by_role("button", name="Saglabāt labojumu").click()
    corrected = page.locator("article.comment", has_text=CORRECTED)
    expect(corrected.locator(".comment__edited")).to_be_visible()
    assert_no_wcag_violations(page)

    # The editor hides it, saying why.
    editor_page.goto(site_url + REVIEW_VISIT)
    seen_by_editor = editor_page.locator("article.comment", has_text=CORRECTED)
    seen_by_editor.get_by_text("Paslēpt no ekspertiem").click()
    seen_by_editor.get_by_label("Paslēpšanas iemesls").fill(REASON)
    seen_by_editor.get_by_role("button", name="Paslēpt komentāru").click()
    expect(editor_page.locator("article.comment--hidden", has_text=CORRECTED)).to_contain_text(
        REASON
    )

    # The expert no longer sees it.
    page.reload()
    expect(page.get_by_role("main")).not_to_contain_text(CORRECTED)
    expect(page.get_by_role("main")).not_to_contain_text(COMMENT)


def test_the_two_factor_page_passes_axe_for_an_expert(site_url, open_context):
    user, _expert = make_expert_account()
    client = Client()
    client.force_login(user)
    page = logged_in_page(open_context, site_url, client)

    response = page.goto(site_url + "/konts/2fa/")

    assert response is not None and response.status == 200
    assert_no_wcag_violations(page)
