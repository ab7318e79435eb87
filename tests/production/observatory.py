"""The HTTP Observatory's score for the headers of one answer, by its published rules.

mozilla/http-observatory, httpobs/docs/scoring.md: every site starts at 100 and gains or
loses by its headers; 100 or more is an A+. Bonuses count only if the score without
them is 90 or more. Here: the rules a single answer's headers decide (the redirection
from http is a test of its own; no external scripts means no SRI question; the older
X-XSS-Protection rule gives 0 to a site whose CSP scores here, and is left out).
"""

from http.cookies import SimpleCookie

SIX_MONTHS = 15_768_000
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER_POLICIES = {"origin", "origin-when-cross-origin", "unsafe-url"}
BROAD_SOURCES = {"*", "http:", "https:", "data:", "'unsafe-inline'"}


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


def csp_modifier(headers) -> int:
    policy = headers.get("Content-Security-Policy")
    if not policy:
        return -25
    directives = csp_directives(policy)
    default = directives.get("default-src")
    script = directives.get("script-src", default)
    objects = directives.get("object-src", default)
    if script is None or objects is None:
        return -20  # script or object sources not restricted
    if BROAD_SOURCES & set(script) or {"*", "http:", "https:"} & set(objects):
        return -20
    if any(source.startswith("http:") for values in directives.values() for source in values):
        return -20
    if "'unsafe-eval'" in script:
        return -10
    return 10 if default == ["'none'"] else 5


def cookies_modifier(set_cookie_headers: list[str]) -> int:
    if not set_cookie_headers:
        return 0
    modifier = 5
    for header in set_cookie_headers:
        cookie = SimpleCookie(header)
        for name, morsel in cookie.items():
            is_session = "sess" in name.lower() or "login" in name.lower()
            is_anticsrf = "csrf" in name.lower()
            samesite = morsel["samesite"].lower()
            if not morsel["secure"]:
                return -40 if is_session else -20
            if is_session and not morsel["httponly"]:
                return -30
            if samesite and samesite not in {"strict", "lax"}:
                return -20
            if not samesite:
                if is_anticsrf:
                    return -20
                modifier = 0
    return modifier


def hsts_modifier(headers) -> int:
    value = headers.get("Strict-Transport-Security")
    if not value:
        return -20
    parts = dict(
        (part.strip().split("=", 1) + [""])[:2] for part in value.lower().split(";") if part.strip()
    )
    if "max-age" not in parts or not parts["max-age"].isdigit():
        return -20
    return 0 if int(parts["max-age"]) >= SIX_MONTHS else -10


def referrer_modifier(headers) -> int:
    value = headers.get("Referrer-Policy")
    if value is None:
        return 0
    policies = [policy.strip().lower() for policy in value.split(",")]
    if policies[-1] in PRIVATE_REFERRER_POLICIES:
        return 5
    if policies[-1] in UNSAFE_REFERRER_POLICIES:
        return -5
    return 0


def content_type_options_modifier(headers) -> int:
    return 0 if headers.get("X-Content-Type-Options", "").lower() == "nosniff" else -5


def frame_options_modifier(headers) -> int:
    policy = headers.get("Content-Security-Policy")
    if policy and "frame-ancestors" in csp_directives(policy):
        return 5
    if headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}:
        return 0
    return -20


def score(headers, set_cookie_headers: list[str]) -> int:
    modifiers = [
        csp_modifier(headers),
        cookies_modifier(set_cookie_headers),
        hsts_modifier(headers),
        referrer_modifier(headers),
        content_type_options_modifier(headers),
        frame_options_modifier(headers),
    ]
    penalties = 100 + sum(modifier for modifier in modifiers if modifier < 0)
    bonuses = sum(modifier for modifier in modifiers if modifier > 0)
    return penalties + bonuses if penalties >= 90 else penalties


def grade(points: int) -> str:
    return "A+" if points >= 100 else "A" if points >= 90 else "below A"
