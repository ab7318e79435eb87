"""The strict Content-Security-Policy leaves the admin and the account pages working: they
run no inline script and have no inline style for the policy to block."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.experts.accounts import (
    PASSWORD,
    log_in_with_second_factor,
    make_account,
    make_expert_account,
)
from tests.production.html_scan import scan_html
from tests.site.test_admin import one_of_each  # noqa: F401 - a record of every model

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
]


@pytest.fixture
def staff_client(client):
    log_in_with_second_factor(client, make_account(is_staff=True, is_superuser=True))
    return client


def blocked_by_the_policy(html: str) -> list[str]:
    scan = scan_html(html)
    return scan.inline_scripts + scan.event_handlers + scan.inline_styles


def admin_pages() -> list[str]:
    """Every list, add and change page of the admin (a change page where a record exists)."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        if obj := model._default_manager.order_by("pk").first():
            urls.append(reverse(f"{name}_change", args=[obj.pk]))
    return urls


def test_no_admin_page_has_inline_script_or_style(staff_client, one_of_each):  # noqa: F811
    blocked = {}
    for url in admin_pages():
        response = staff_client.get(url)
        if response.status_code == 403:  # records nobody adds in the admin
            assert url.endswith("/add/"), url
            continue
        assert response.status_code == 200, url
        if found := blocked_by_the_policy(response.content.decode()):
            blocked[url] = found

    assert blocked == {}


def test_the_admins_import_pages_have_no_inline_script_or_style(staff_client):
    blocked = {}
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_import"
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - a model without import
            continue
        response = staff_client.get(url)
        assert response.status_code == 200, url
        if found := blocked_by_the_policy(response.content.decode()):
            blocked[url] = found

    assert blocked == {}


def test_the_admins_export_pages_have_no_inline_script_or_style(staff_client):
    blocked = {}
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_export"
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - a model without export
            continue
        response = staff_client.get(url)
        assert response.status_code == 200, url
        if found := blocked_by_the_policy(response.content.decode()):
            blocked[url] = found

    assert blocked == {}


def test_the_export_pages_select_all_toggle_is_worked_by_a_script_of_our_own(staff_client):
    """The library's inline onchange handler is gone; our own file does its work."""
    response = staff_client.get(reverse("admin:visits_visit_export"))

    html = response.content.decode()
    scripts = [url for url in scan_html(html).resources if url.endswith(".js")]
    assert 'class="select-toggle"' in html
    assert "/static/js/export_select_all.js" in scripts
    assert "onSelectToggleChange" not in html


def log_in(client) -> None:
    """Logged in, and the password given again just now, as setting up 2FA asks."""
    user, _expert = make_expert_account()
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_the_account_pages_have_no_inline_script_or_style(client, name):
    log_in(client)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert blocked_by_the_policy(response.content.decode()) == []


def test_the_two_factor_qr_code_is_an_image_the_policy_allows(client):
    log_in(client)

    response = client.get(reverse("mfa_activate_totp"))

    images = [url for url in scan_html(response.content.decode()).resources if url]
    assert any(url.startswith("data:image/svg+xml") for url in images)


@pytest.mark.parametrize(
    "name", ["account_login", "account_reset_password", "account_signup", "mfa_authenticate"]
)
def test_the_pages_before_logging_in_have_no_inline_script_or_style(client, name):
    response = client.get(reverse(name))

    assert blocked_by_the_policy(response.content.decode()) == []
