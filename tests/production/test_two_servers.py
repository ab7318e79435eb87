"""Two app servers (gunicorn, as `make serve` runs it) on one PostgreSQL: a session made on
one is valid on the other, failed logins are counted across both, and an edit is on both
servers' pages at once although each keeps its own page cache.

This is how the portal grows past one machine: several app servers behind a load
balancer, sessions and the rate-limit counts in the shared database. The servers read
their settings only from the environment, as in production: DEBUG off, https behind a
proxy (each request here says ``X-Forwarded-Proto: https``, as the proxy would).
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection

from platform_site.models import ContentGeneration
from tests.experts.accounts import PASSWORD, make_expert_account
from tests.factories import make_visit
from visits.models import Visit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (set DATABASE_URL): two servers share one database",
    ),
    pytest.mark.django_db(transaction=True),  # the servers see only committed rows
]

HOST = "romu-platforma.example"  # what the load balancer passes on to every app server
STARTUP_SECONDS = 30
REQUEST_SECONDS = 15
STOP_SECONDS = 10
MEMBERS_ONLY_PAGE = "/eksperti/mans-profils/"
LOGIN_PAGE = "/konts/login/"
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """The servers check passwords with the production hasher: the account must have one."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """collectstatic, as `make serve` runs it first (the servers serve the hashed files)."""
    root = tmp_path_factory.mktemp("staticfiles")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DEBUG": "1", "STATIC_ROOT": str(root)},
        check=True,
        timeout=120,
    )
    return root


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_SECONDS)


def start_server(environment: dict[str, str], log: Path) -> AppServer:
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "platform_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "30",
                "--no-control-socket",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return AppServer(port, process, log)


def wait_until_up(server: AppServer) -> None:
    """The load balancer's probe: /healthz over plain http."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{server.log.read_text()}")
        try:
            status, _headers, _body = plain_request(server.port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer in {STARTUP_SECONDS} s:\n{server.log.read_text()}")


@pytest.fixture
def two_servers(transactional_db, static_root, tmp_path) -> Iterator[tuple[AppServer, AppServer]]:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": database_url(),
        "SECRET_KEY": secrets.token_urlsafe(50),  # the same on every server
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(static_root),
        "DEBUG": "0",
        "CONN_MAX_AGE": "0",
        "PAGE_CACHE_HEADER": "1",
    }
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(start_server(environment, tmp_path / f"gunicorn-{name}.log"))
        for server in servers:
            wait_until_up(server)
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.stop()


def plain_request(port: int, method: str, path: str, body: str = "", headers=None):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        client.request(method, path, body=body or None, headers={"Host": HOST, **(headers or {})})
        response = client.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        client.close()


@dataclass
class Browser:
    """Enough of a browser behind the load balancer: https (as the proxy says), cookies."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, server: AppServer, method: str, path: str, form: dict | None = None):
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = ""
        if form is not None:
            body = urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{path}",
            }
        status, response_headers, text = plain_request(server.port, method, path, body, headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response_headers, text

    def log_in(self, server: AppServer, email: str, password: str) -> int:
        _status, _headers, page = self.request(server, "GET", LOGIN_PAGE)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"login": email, "password": password, "csrfmiddlewaretoken": token}
        status, _headers, _text = self.request(server, "POST", LOGIN_PAGE, form)
        return status


def test_a_session_made_on_one_server_is_valid_on_the_other(two_servers):
    server_a, server_b = two_servers
    user, _expert = make_expert_account()
    browser = Browser()
    before, _headers, _text = browser.request(server_b, "GET", MEMBERS_ONLY_PAGE)

    logged_in = browser.log_in(server_a, user.email, PASSWORD)
    after, _headers, page = browser.request(server_b, "GET", MEMBERS_ONLY_PAGE)

    assert before == 302  # to the login: the page is for members only
    assert logged_in == 302
    assert set(browser.cookies) == {"__Host-csrftoken", "__Host-sessionid"}
    assert after == 200
    assert user.email in page


def test_failed_logins_are_counted_across_the_servers(two_servers):
    server_a, server_b = two_servers
    user, _expert = make_expert_account()
    statuses = [
        Browser().log_in(server, user.email, "nepareiza-parole")
        for server in (server_a, server_b, server_a, server_b, server_a)
    ]

    sixth = Browser().log_in(server_b, user.email, PASSWORD)

    assert statuses == [200] * 5
    assert sixth == 429


def test_an_edit_is_visible_at_once_on_both_servers(two_servers):
    """Each server keeps the anonymous pages it rendered; an edit, saved anywhere, reaches
    both at once, whether saved through a model or by a bulk update that sends no signal."""
    ContentGeneration.objects.get_or_create(pk=ContentGeneration.THE_ONE)  # flushed before
    visit = make_visit(status=Visit.Status.PUBLISHED, title="Vecais nosaukums")
    address = visit.get_absolute_url()
    reader = Browser()
    for server in two_servers:
        reader.request(server, "GET", address)
        _status, headers, page = reader.request(server, "GET", address)
        assert headers["X-Page-Cache"] == "hit"
        assert "Vecais nosaukums" in page

    visit.title = "Jaunais nosaukums"
    visit.save()
    after_save = [reader.request(server, "GET", address) for server in two_servers]
    Visit.objects.filter(pk=visit.pk).update(title="Vēl jaunāks nosaukums")
    after_update = [reader.request(server, "GET", address) for server in two_servers]

    for _status, headers, page in after_save:
        assert headers["X-Page-Cache"] == "miss"
        assert "Jaunais nosaukums" in page and "Vecais nosaukums" not in page
    for _status, _headers, page in after_update:
        assert "Vēl jaunāks nosaukums" in page and "Jaunais nosaukums" not in page
    assert reader.cookies == {}, "an anonymous reader is given no cookie"


def test_the_servers_run_as_production(two_servers):
    server_a, _server_b = two_servers

    redirected, headers, _text = plain_request(server_a.port, "GET", "/par/")
    not_found, _headers, page = Browser().request(server_a, "GET", "/nav-tadas-lapas/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page)

    assert (redirected, headers["Location"]) == (301, f"https://{HOST}/par/")
    assert not_found == 404
    assert "Traceback" not in page and "DEBUG" not in page  # the site's page, not Django's
    assert stylesheet, "whitenoise serves the hashed static files"
    assert Browser().request(server_a, "GET", stylesheet.group(1))[0] == 200
