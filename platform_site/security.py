"""What guards the site and what it tells of refusals: headers, refusal pages and their log
lines, the CSP violation reports, /.well-known/security.txt.

Refused logins, refused permissions (403) and too many attempts (429) are logged at
WARNING on the "platform_site.security" logger, with no password, token or email address
in clear: an address appears as a pseudonym, the same for the same address, that cannot be
turned back into it without the SECRET_KEY.
"""

import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_POST, require_safe

logger = logging.getLogger("platform_site.security")

# Browser features the site never uses, refused to every page and anything it might frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_REQUEST = 5
DIRECTIVE_FIELDS = ("effective-directive", "effectiveDirective", "violated-directive")
LOGGED_VALUE_MAX_CHARS = 100


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# Log lines -------------------------------------------------------------------------------


def pseudonym(email: str) -> str:
    """A stand-in for an email address in the logs: 12 hex characters, the same each time."""
    return salted_hmac(
        "platform_site.security.pseudonym", email.strip().lower(), algorithm="sha256"
    ).hexdigest()[:12]


def client_address(request: HttpRequest) -> str:
    """The client's address as the rate limits see it (settings.ALLAUTH_TRUSTED_PROXY_COUNT)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return "unknown"


def loggable(value: Any, limit: int = LOGGED_VALUE_MAX_CHARS) -> str:
    """A value from a request, short and on one line, so it cannot forge log lines."""
    text = str(value)[:limit]
    return "".join(char if char.isprintable() else "?" for char in text)


def page_of(request: HttpRequest) -> str:
    """The page by its URL name (addresses may hold tokens, names never do)."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else page_name(request.path)


def who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user {user.pk}"
    return "anonymous"


def log_refused_login(request: HttpRequest, login: str, reason: str) -> None:
    logger.warning(
        "Login refused (%s): account %s, from %s, on %s",
        reason,
        pseudonym(login),
        client_address(request),
        loggable(page_of(request)),
    )


def log_refusal(request: HttpRequest, status: int, reason: str) -> None:
    logger.warning(
        "Refused with %s (%s): %s %s, %s, from %s",
        status,
        loggable(reason),
        request.method,
        loggable(page_of(request)),
        who(request),
        client_address(request),
    )


# Refusal pages ---------------------------------------------------------------------------


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: the Latvian 403 page, and a log line."""
    log_refusal(request, 403, "permission denied")
    return render(request, "403.html", status=403)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid CSRF token (an expired page, or a forgery)."""
    log_refusal(request, 403, f"CSRF: {reason}")
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def too_many_requests_page(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler429, which allauth answers with when a rate limit is reached."""
    log_refusal(request, 429, "rate limit")
    return too_many_requests_page(request)


# Reports and notices ---------------------------------------------------------------------


def csp_violations(raw: bytes) -> list[dict]:
    """The violation bodies in a report, in either format browsers send; [] for anything else.

    ``application/csp-report``: ``{"csp-report": {...}}``; the Reporting API
    (``application/reports+json``): ``[{"type": "csp-violation", "body": {...}}, ...]``.
    """
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    reports = data if isinstance(data, list) else [data]
    violations = []
    for report in reports[:CSP_REPORTS_PER_REQUEST]:
        if not isinstance(report, dict):
            continue
        body = report.get("csp-report", report.get("body"))
        if isinstance(body, dict):
            violations.append(body)
    return violations


def field(body: dict, *names: str) -> str:
    for name in names:
        value = body.get(name)
        if isinstance(value, str) and value:
            return value
    return ""


def blocked_source(value: str) -> str:
    """Where the blocked thing came from: an origin, or a keyword such as "inline"."""
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"} and parts.hostname:
        return f"{parts.scheme}://{parts.hostname}"
    return parts.scheme or value  # "inline", "eval", "data" (no path, query or token)


def page_name(document_url: str) -> str:
    """The page by its URL name: addresses may hold tokens (invitations), names never do."""
    try:
        return resolve(urlsplit(document_url).path or "/").view_name
    except (Resolver404, ValueError):
        return "unknown page"


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Browsers report what the Content-Security-Policy blocked; we log it, briefly."""
    raw = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(raw) <= CSP_REPORT_MAX_BYTES:
        for body in csp_violations(raw):
            directive = field(body, *DIRECTIVE_FIELDS)
            logger.warning(
                "CSP violation: %s blocked %s on %s",
                loggable(directive),
                loggable(blocked_source(field(body, "blocked-uri", "blockedURL"))),
                loggable(page_name(field(body, "document-uri", "documentURL"))),
            )
    return HttpResponse(status=204)


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: whom to tell about a vulnerability."""
    return render(
        request,
        "security.txt",
        {"canonical_url": f"https://{request.get_host()}{request.path}"},
        content_type="text/plain; charset=utf-8",
    )
