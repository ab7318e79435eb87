"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test module here marks its tests with::

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

``transaction=True`` because the live server answers from another thread and sees only
committed rows. A transactional test empties every table when it ends, and that also
wipes the rows the data migrations give every database (the 8 municipalities, the 13
recommendations). ``site_url`` therefore runs those migrations' own ``load`` functions
again (they are idempotent) before loading the history and the sample content.

Why not ``serialized_rollback=True``: the copy it restores is kept on the database
connection object, and while Playwright's sync API runs, Django (through asgiref) sees a
running event loop and hands the test other connection objects. Whenever the test
database was created before Playwright started (the whole suite: other tests come
first), the copy is out of sight, nothing is restored and every browser test after the
first finds no municipality. It also clashes with any plain transactional test that
runs before it (the content types come back with new ids).
"""

import io
import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import BrowserContext, Page

# pytest-playwright's sync API runs an asyncio loop in the test thread; without this the
# ORM calls in fixtures and tests raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The data migrations that put facts into every database; add any new one here.
REFERENCE_DATA_MIGRATIONS = (
    "visits.migrations.0003_municipalities",
    "recommendations.migrations.0002_the_thirteen_recommendations",
    "platform_site.migrations.0002_content_generation",
)

# A missing link or label should fail in seconds, not after Playwright's default 30 s.
ACTION_TIMEOUT_MS = 5_000


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The system Chromium; its absence skips the browser tests locally and fails them in CI."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        message = f"Chromium nav instalēts: apt-get install chromium (nav atrasts {path})"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_executable: str) -> dict:
    # Never `playwright install`: the browser is the one apt installed.
    return {
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Nothing here that a test passes to new_context() itself (a viewport, say): Playwright
    # would get the keyword twice.
    return {**browser_context_args, "locale": "lv-LV", "timezone_id": "Europe/Riga"}


@pytest.fixture
def open_context(new_context) -> Callable[..., BrowserContext]:
    """Open an anonymous reader's browser context (Playwright's keywords: a viewport, …).

    It is impatient with missing elements, and closed after the test.
    """

    def open_context(**options: Any) -> BrowserContext:
        context = new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        return context

    return open_context


@pytest.fixture
def context(open_context: Callable[..., BrowserContext]) -> BrowserContext:
    return open_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def site_url(live_server) -> str:
    """The live server's address, with the platform's history and the sample content loaded.

    The same two commands as `make run`, so the pages show what a new user sees.
    """
    for migration in REFERENCE_DATA_MIGRATIONS:
        import_module(migration).load(apps, schema_editor=None)
    call_command("load_history", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    return live_server.url
