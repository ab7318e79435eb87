"""Hostile values and the checks every answer to them must pass.

A plain module (not a conftest) so that each test module imports what it uses.
"""

import re
from urllib.parse import quote_from_bytes

import pytest
from django.http import HttpResponse
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# Each property test: a few dozen examples, no per-example deadline (the first request of
# a test warms caches), and the function-scoped fixtures (db, settings) shared by the
# examples on purpose: every example must leave the database as the checks expect.
# No shrinking: each example is a request or more, and shrinking a failure would take
# minutes; the failure report shows the example as it was found.
hostile_settings = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    database=None,  # nothing written into the work tree; every run draws new examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

XSS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE visits_visit;--",
    "1' UNION SELECT password FROM auth_user--",
    "%' AND 1=1 --",
    "\\'; SELECT pg_sleep(5);--",
]
TRAVERSAL = [
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2f",
    "/etc/passwd",
]
NUMBERS = [
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "0x1F",
    "1.5",
    " 2",
    "٣",  # an Arabic-Indic digit: int() accepts it
]
ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "\u202e",
    "\ufeff",
    "\ud800",  # a lone surrogate
    "\udfff\ud800",
    "🙂" * 50,
    "[]",
    "{}",
    "null",
    "true",
    "${jndi:ldap://127.0.0.1/a}",
    "%s%s%s%n",
    "javascript:alert(1)",
    "{{ 7|add:7 }}{% debug %}",
]
MALICIOUS = XSS + SQL + TRAVERSAL + NUMBERS + ODD

# Every character, surrogates and control characters included.
any_character = st.characters(codec=None, exclude_categories=())
random_text = st.text(alphabet=any_character, max_size=120)
overlong_text = st.builds(
    lambda character, count: character * count, any_character, st.integers(1_000, 30_000)
)
huge_number = st.integers(min_value=-(10**30), max_value=10**30).map(str)

hostile_text = st.one_of(st.sampled_from(MALICIOUS), random_text, overlong_text, huge_number)
# Raw bytes for an address: broken UTF-8 included.
hostile_bytes = st.one_of(
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=80),
)


def encode(value: str | bytes) -> str:
    """Percent-encode a value for an address, as a browser would; surrogates pass through."""
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(value, safe="")


def query_string(params: list[tuple[str, str | bytes]]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in params)


def form_body(data: dict[str, str | bytes | list]) -> str:
    """An urlencoded POST body; values that are lists become repeated fields."""
    pairs = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    return query_string(pairs)


def get(client: Client, path: str, query: str = "") -> HttpResponse:
    """GET, reporting an exception raised inside the site as a test failure."""
    try:
        return client.get(path, QUERY_STRING=query)
    except Exception as error:  # noqa: BLE001 - anything raised is a 500 for a visitor
        pytest.fail(f"GET {path}?{query[:300]} raised {error!r}")


def post(client: Client, path: str, data: dict) -> HttpResponse:
    try:
        return client.post(
            path, data=form_body(data), content_type="application/x-www-form-urlencoded"
        )
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"POST {path} {str(data)[:300]} raised {error!r}")


# A live tag, not its escaped text: "&lt;a href="javascript:…"&gt;" is harmless text (quotes
# need no escaping outside attributes), "<a href="javascript:…">" is not.
SCRIPT_TAG = re.compile(
    rb"<script|<svg/onload|<img src=x onerror|<a\s[^<>]*href=\"javascript:", re.I
)


def assert_safe_answer(response: HttpResponse, sent: object = None) -> None:
    """Never a server error; an HTML page never carries a script, whatever was sent."""
    assert response.status_code < 500, f"{response.status_code} for {sent!r:.300}"
    if response.get("Content-Type", "").startswith("text/html"):
        content = response.content
        assert not SCRIPT_TAG.search(content), f"markup echoed unescaped for {sent!r:.300}"
        for payload in XSS:
            assert payload.encode() not in content, f"{payload!r} echoed unescaped"
