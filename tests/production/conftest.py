"""Fixtures of the production tests: the settings production gets from its environment."""

import importlib.util
import secrets
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

SETTINGS_FILE = Path(django_settings.BASE_DIR) / "platform_site" / "settings.py"

# What a deployment sets (README, "Production"); nothing else.
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "testserver",
}

# The settings that decide how the site answers a browser; the database, the cache and
# the paths stay the test run's own.
ANSWERING_SETTINGS = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "CSRF_FAILURE_VIEW",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
]
ANSWERING_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_")


# The variables of the README's table that change how the site answers.
ANSWERING_VARIABLES = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "TRUSTED_PROXY_COUNT",
    "ADMINS",
]


def settings_from_environment(monkeypatch, environment: dict[str, str]) -> ModuleType:
    """platform_site/settings.py as it reads the given environment (and nothing else)."""
    for name in ANSWERING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def production_settings(monkeypatch) -> ModuleType:
    return settings_from_environment(monkeypatch, PRODUCTION_ENVIRONMENT)


@pytest.fixture
def production(settings, production_settings):
    """The running test site answers as production does (DEBUG off, https behind a proxy)."""
    for name in dir(production_settings):
        if name in ANSWERING_SETTINGS or name.startswith(ANSWERING_PREFIXES):
            setattr(settings, name, getattr(production_settings, name))
    return settings


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The test client speaks plain http; the ``production`` fixture turns https on."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
