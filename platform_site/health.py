"""/healthz: whether this app server can answer, for a load balancer or a monitor.

200 "ok" when the database answers a ``SELECT 1``; 503 with a short, generic body when it
does not (the reason goes to the log, never to the caller). It sets no cookie, is never
cached, and answers over plain http too (settings.SECURE_REDIRECT_EXEMPT).
"""

import logging

from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer (%s)", type(error).__name__)
        return False
    return True


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    if database_answers():
        return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    return HttpResponse("unavailable\n", status=503, content_type="text/plain; charset=utf-8")
