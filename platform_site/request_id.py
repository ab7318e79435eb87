"""A request id on every log line and in every answer, so one report finds its log lines;
and no secret from an address in the log.

The reverse proxy may give the id (``X-Request-ID``, as nginx's ``$request_id``); an id
that does not look like one (too long, or with characters beyond letters, digits, ``.``,
``_`` and ``-``) is replaced by a new random one, so nothing a client sends reaches the
logs unchecked. The answer carries the id back in ``X-Request-ID``.

Some addresses hold a secret (an invitation's token, a password reset key); Django logs
the address of every 4xx and 5xx answer, so those parts are masked in every log line.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
NO_REQUEST = "-"
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Names of URL parts that are secrets: invitations' token, allauth's confirmation and
# password reset keys.
SECRET_URL_PARTS = {"token", "key", "uidb36"}
MASK = "[…]"

current_request_id: ContextVar[str] = ContextVar("current_request_id", default=NO_REQUEST)


def request_id_for(request: HttpRequest) -> str:
    given = request.headers.get(HEADER, "")
    if SAFE_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = request_id_for(request)
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Gives each log record the id of the request being answered ("-" outside one).

    Django logs a 4xx answer (logger "django.request") after the middleware has returned;
    that record carries the request itself.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id.get()
        if request_id == NO_REQUEST:
            request_id = getattr(getattr(record, "request", None), "id", NO_REQUEST)
        record.request_id = request_id
        return True


def without_secrets(path: str) -> str:
    """The address with its secret parts masked: /konts/uzaicinajums/[…]/."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return path
    for name, value in match.kwargs.items():
        if name in SECRET_URL_PARTS and isinstance(value, str) and value:
            path = path.replace(value, MASK)
    return path


class SecretPathFilter(logging.Filter):
    """Masks the secret parts of addresses in a record's arguments (Django logs "%s: %s",
    reason, request.path for every 4xx and 5xx answer)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(
                without_secrets(arg) if isinstance(arg, str) and arg.startswith("/") else arg
                for arg in record.args
            )
        return True
