"""Every address of the portal and every model in the admin has a decided audience.

The walk below finds every URL pattern (namespaces included) and every model registered
in the admin. Each must be classified here, so that a new page fails this test until
someone decides who may see it (and the roles table in ../shared/DESIGN.md says so).

Audiences:
- "public": anyone; what it shows may depend on who asks (drafts never, review to
  the network), which test_matrix.py checks thing by thing;
- "logged-in": experts and staff; the public gets a 404 or the login;
- "owner": one's own things only (a comment, one's profile); anyone else gets a 404;
- "staff": ministry editors and superusers: the admin, moderation on the pages;
- "superuser": users, roles, account addresses and second factors, in the admin;
- "allauth": the account pages (log in, reset, two-factor, the invitation link);
- "static/infra": sitemap, feed, robots.txt, /healthz, security.txt, CSP reports.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions.conftest import log_in

pytestmark = pytest.mark.django_db

AUDIENCES = {"public", "logged-in", "owner", "staff", "superuser", "allauth", "static/infra"}

# Named addresses of the site (the admin's are below), by their full name.
SITE = {
    "home": "public",
    "timeline": "public",
    "about": "public",
    "accessibility": "public",
    "privacy": "public",
    "robots_txt": "static/infra",
    "sitemap": "static/infra",  # the index of the sections
    "sitemap_section": "static/infra",
    "security_txt": "static/infra",
    "healthz": "static/infra",
    "csp_report": "static/infra",
    "visits:list": "public",
    "visits:feed": "static/infra",
    "visits:detail": "public",
    "visits:municipality": "public",
    "visits:comment_create": "logged-in",
    "visits:comment_reply": "logged-in",
    "visits:comment_edit": "owner",
    "visits:comment_delete": "owner",
    "visits:comment_hide": "staff",
    "visits:comment_unhide": "staff",
    "recommendations:list": "public",
    "recommendations:detail": "public",
    "recommendations:action": "public",
    "recommendations:export_csv": "public",  # public actions only, whoever asks
    "recommendations:export_xlsx": "public",
    "recommendations:comment_create": "logged-in",
    "recommendations:comment_reply": "logged-in",
    "recommendations:comment_edit": "owner",
    "recommendations:comment_delete": "owner",
    "recommendations:comment_hide": "staff",
    "recommendations:comment_unhide": "staff",
    "experts:list": "public",
    "experts:detail": "public",
    "experts:edit": "owner",  # /eksperti/mans-profils/: there is no address for another's
    "experts:my_data": "owner",
    "invitations:accept": "allauth",
    "account_login": "allauth",
    "account_logout": "allauth",
    "account_inactive": "allauth",
    "account_signup": "allauth",  # closed: accounts come only through an invitation
    "account_reauthenticate": "allauth",
    "account_email": "allauth",
    "account_email_verification_sent": "allauth",
    "account_confirm_email": "allauth",
    "account_change_password": "allauth",
    "account_set_password": "allauth",
    "account_reset_password": "allauth",
    "account_reset_password_done": "allauth",
    "account_reset_password_from_key": "allauth",
    "account_reset_password_from_key_done": "allauth",
    "account_confirm_login_code": "allauth",
    "mfa_index": "allauth",
    "mfa_authenticate": "allauth",
    "mfa_reauthenticate": "allauth",
    "mfa_activate_totp": "allauth",
    "mfa_deactivate_totp": "allauth",
    "mfa_view_recovery_codes": "allauth",
    "mfa_generate_recovery_codes": "allauth",
    "mfa_download_recovery_codes": "allauth",
}

# The admin's own pages. Its login sends the public to the site's login and answers
# anyone logged in but not staff with a 404 (experts.admin_site).
ADMIN_SITE = {
    "admin:index": "staff",
    "admin:login": "staff",
    "admin:logout": "staff",
    "admin:password_change": "staff",  # sends staff to the account page's form
    "admin:password_change_done": "staff",
    "admin:autocomplete": "staff",
    "admin:jsi18n": "staff",
    "admin:view_on_site": "staff",
    "admin:app_list": "staff",
}

# Every model in the admin: who manages it there.
ADMIN_MODELS = {
    "visits.municipality": "staff",
    "visits.visit": "staff",
    "visits.agendaitem": "staff",
    "visits.goodpractice": "staff",
    "visits.participation": "staff",
    "visits.attachment": "staff",
    "visits.comment": "staff",  # moderation
    "experts.expertprofile": "staff",
    "experts.invitation": "staff",  # editors invite
    "recommendations.recommendation": "staff",
    "recommendations.followupaction": "staff",
    "recommendations.actionupdate": "staff",
    "recommendations.actioncomment": "staff",  # moderation
    "auth.user": "superuser",
    "auth.group": "superuser",  # the roles
    "account.emailaddress": "superuser",
    "mfa.authenticator": "superuser",
}

# The pages the admin has for a model. Import and export need their own permission codes
# (platform_site.imports.SpreadsheetAdminMixin); a user's password is the superuser's.
ADMIN_MODEL_VIEWS = {
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "import",
    "process_import",
    "export",
    "password_change",
    "preview",  # a visit as it will look once published (visits/admin.py)
}

# Unnamed patterns, by their route.
UNNAMED = {
    # The admin's old-style address of a record, redirecting to its change page.
    r"^admin/(?P<app>\w+)/(?P<model>\w+)/<path:object_id>/$": "admin model",
    r"^admin/\(\?P<url>\.\*\)\$$": "staff",  # the admin's catch-all (a 404 for staff)
    r"^\^?media/": "static/infra",  # uploaded files, served by runserver with DEBUG only
}


@dataclass(frozen=True)
class Route:
    name: str | None  # with its namespaces, "visits:detail"
    route: str  # the whole pattern, "vizites/<slug:slug>/"
    converters: dict

    def __str__(self) -> str:
        return self.name or self.route


def walk(patterns, prefix: str = "", namespace: str = "", converters=None):
    """Every URL pattern under ``patterns``, with its full route and name."""
    converters = converters or {}
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = {**converters, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, inner, found)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Route(name=name, route=route, converters=found)


ROUTES = list(walk(get_resolver().url_patterns))
ADMIN_LABELS = {
    f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
}


def admin_model_view(name: str) -> tuple[str, str] | None:
    """("visits.visit", "import") for "admin:visits_visit_import"; None for other names."""
    if not name.startswith("admin:"):
        return None
    for label in ADMIN_MODELS.keys() | ADMIN_LABELS:
        stem = "admin:" + label.replace(".", "_") + "_"
        if name.startswith(stem):
            return label, name.removeprefix(stem)
    return None


def audience(route: Route) -> str | None:
    """Who may see this address, as decided above; None if nobody decided yet."""
    if route.name is None:
        for pattern, decided in UNNAMED.items():
            match = re.match(pattern, route.route)
            if match and decided == "admin model":
                return ADMIN_MODELS.get(f"{match['app']}.{match['model']}")
            if match:
                return decided
        return None
    if route.name in SITE:
        return SITE[route.name]
    if route.name in ADMIN_SITE:
        return ADMIN_SITE[route.name]
    if found := admin_model_view(route.name):
        label, view = found
        return ADMIN_MODELS.get(label) if view in ADMIN_MODEL_VIEWS else None
    return None


def routes_of(*audiences: str) -> list[Route]:
    return [route for route in ROUTES if audience(route) in audiences]


def is_admin(route: Route) -> bool:
    return route.route.startswith("admin/")


# --- the inventory ------------------------------------------------------------------------


def test_every_address_has_a_decided_audience():
    undecided = [str(route) for route in ROUTES if audience(route) is None]

    assert undecided == [], (
        "New addresses: decide who may see each one (SITE, ADMIN_SITE, ADMIN_MODELS or "
        "UNNAMED in this file) and add it to the roles table."
    )


def test_every_decision_is_an_audience_there_is():
    decided = [*SITE.values(), *ADMIN_SITE.values(), *ADMIN_MODELS.values()]

    assert set(decided) <= AUDIENCES


def test_every_decided_address_still_exists():
    names = {route.name for route in ROUTES}

    assert sorted((SITE.keys() | ADMIN_SITE.keys()) - names) == []


def test_every_model_in_the_admin_has_a_decided_audience():
    assert sorted(ADMIN_LABELS - ADMIN_MODELS.keys()) == []
    assert sorted(ADMIN_MODELS.keys() - ADMIN_LABELS) == []


def test_the_walk_finds_the_addresses_of_every_kind():
    """A guard for the walk itself: namespaces, allauth and the admin's models are in it."""
    names = {route.name for route in ROUTES}

    assert {"visits:detail", "account_login", "mfa_index", "admin:visits_visit_import"} <= names


# --- what each audience means --------------------------------------------------------------


def sample_kwargs(route: Route, world) -> dict:
    """Arguments for the address: real things of ``world`` where a view would look them up."""
    values = {}
    for name in route.converters:
        if name == "slug":
            values[name] = world.published_visit.slug
        elif name == "pk":
            values[name] = world.public_action.pk
        elif name == "comment_id" and route.name.startswith("visits:"):
            values[name] = world.published_visit_comment.pk
        elif name == "comment_id":
            values[name] = world.action_comment.pk
        else:
            values[name] = "1"
    if route.name == "admin:app_list":
        values["app_label"] = "visits"
    return values


def url_of(route: Route, world) -> str:
    return reverse(route.name, kwargs=sample_kwargs(route, world))


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        (reverse("account_login"), reverse("admin:login"))
    )


PUBLIC_WITHOUT_PARAMETERS = [
    route.name for route in routes_of("public") if not route.converters and route.name
]
INFRA_WITHOUT_PARAMETERS = [
    route.name for route in routes_of("static/infra") if not route.converters and route.name
]
# csp-zinojumi/ takes the browsers' reports (POST); asked for a page it refuses the method.
INFRA_STATUS = {"csp_report": 405}


@pytest.mark.parametrize("name", PUBLIC_WITHOUT_PARAMETERS)
def test_the_public_reads_every_public_page(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("name", INFRA_WITHOUT_PARAMETERS)
def test_the_public_gets_every_infrastructure_address(client, name):
    response = client.get(reverse(name))

    assert response.status_code == INFRA_STATUS.get(name, 200)


def test_the_public_never_reaches_a_members_page(client, world):
    """Logged-in, owners' and staff pages on the site: a 404 or the login, asked or posted."""
    answers = {}
    for route in routes_of("logged-in", "owner", "staff"):
        if is_admin(route) or route.name is None:
            continue
        url = url_of(route, world)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if not (response.status_code == 404 or is_login_redirect(response)):
                answers[f"{method.upper()} {url}"] = response.status_code

    assert answers == {}


def test_an_expert_never_reaches_anothers_or_a_staff_page(client, world):
    """Another expert's comment, and moderation, are a 404 to an expert when posted.

    Asked for with GET, an address that only takes POST refuses the method (405) before
    it looks anything up: the same answer for a comment that does not exist, so it
    confirms nothing.
    """
    log_in(client, world.other_expert.user)  # not the comments' author
    answers = {}
    for route in routes_of("owner", "staff"):
        if is_admin(route) or route.name is None or not route.converters:
            continue
        url = url_of(route, world)
        kwargs = sample_kwargs(route, world)
        if "comment_id" in kwargs:
            kwargs["comment_id"] = 999999  # no such comment
        nowhere = reverse(route.name, kwargs=kwargs)
        posted = client.post(url, {"body": "x", "reason": "x"})
        asked = client.get(url)
        if posted.status_code != 404:
            answers[f"POST {url}"] = posted.status_code
        if (
            asked.status_code not in (404, 405)
            or asked.status_code != client.get(nowhere).status_code
        ):
            answers[f"GET {url}"] = asked.status_code

    assert answers == {}


def admin_urls(world) -> list[str]:
    urls = []
    for route in ROUTES:
        if not is_admin(route):
            continue
        if route.name is None:
            urls.append("/" + re.sub(r"<path:object_id>|\(\?P<url>\.\*\)\$", "1", route.route))
        else:
            urls.append(url_of(route, world))
    return urls


def test_the_admin_sends_the_public_to_the_login(client, world):
    """Every admin address leads the public to the site's login page (with allauth's limits)."""
    answers = {}
    for url in admin_urls(world):
        response = client.get(url, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        if not landed.startswith(reverse("account_login")) or response.status_code != 200:
            answers[url] = (landed, response.status_code)

    assert answers == {}


def test_an_expert_never_reaches_the_admin(client, world):
    """Every admin address sends an expert to the admin's login, which is a 404 for them."""
    log_in(client, world.expert.user)
    answers = {}
    for url in admin_urls(world):
        response = client.get(url, follow=True)
        if response.status_code != 404:
            answers[url] = response.status_code

    assert answers == {}


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_staff_reach_the_models_decided_for_them(client, world, label):
    url = reverse(f"admin:{label.replace('.', '_')}_changelist")
    expected = {"staff": 200, "superuser": 403}[ADMIN_MODELS[label]]

    editor = log_in(Client(), world.editor).get(url)
    superuser = log_in(client, world.superuser).get(url)

    assert (editor.status_code, superuser.status_code) == (expected, 200)


def test_the_editor_imports_and_exports_every_spreadsheet_the_admin_offers(client, world):
    log_in(client, world.editor)
    spreadsheets = [
        route
        for route in ROUTES
        if route.name and (admin_model_view(route.name) or ("", ""))[1] in {"import", "export"}
    ]
    answers = {route.name: client.get(reverse(route.name)).status_code for route in spreadsheets}

    assert spreadsheets
    assert answers == {route.name: 200 for route in spreadsheets}


def test_account_pages_answer_the_public(client):
    """Each account page without parameters: a page, or a redirect (to the login)."""
    answers = {}
    for route in routes_of("allauth"):
        if route.converters or route.name is None or "<" in route.route or "(?P" in route.route:
            continue
        response = client.get(reverse(route.name))
        if response.status_code not in (200, 302):
            answers[route.name] = response.status_code

    assert answers == {}
