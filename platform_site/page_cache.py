"""Pages served from memory until what they show changes, on every host.

A page a visitor without a session reads is the same for every such visitor, until staff
change something. So each worker keeps the pages it rendered, keyed by the content
generation (one row that database triggers bump with every change of public content, see
:class:`platform_site.models.ContentGeneration`), today's date in Riga (the tracker's
"overdue" and "stale" flags turn at midnight without an edit) and the full address. A
request costs one primary-key query to read the generation; a page cached under an older
generation is never served again, by any worker on any host.

Every such page also gets an ETag, so a browser or proxy that has it asks with
``If-None-Match`` and gets ``304 Not Modified`` before anything is rendered.

A logged-in reader's pages (drafts for review, comments, their own name, forms with their
CSRF token) are kept apart, for that reader's session alone (:class:`ReaderPageCache`);
comments and changes to accounts and roles move the generation on as well. A page is never
served from one store to the other. Every key also holds the build of the code, so that a
deploy never answers with a page, or a 304, of the code before it.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from platform_site.models import ContentGeneration

#: Each worker's budget for stored pages; a worker must stay under 150 MB (issue 8).
MAX_BYTES = 24 * 1024 * 1024
#: … and for the logged-in readers' pages, apart, so that they cannot push out the public ones.
MAX_READER_BYTES = 12 * 1024 * 1024
#: A page larger than this is answered with its ETag but not stored.
MAX_PAGE_BYTES = 2 * 1024 * 1024
#: What an entry costs beyond its body and headers (the key, the objects, the dictionary).
ENTRY_OVERHEAD_BYTES = 1024
#: Longer query strings are answered but not kept: no real filter needs more, and random
#: ones must not fill the store.
MAX_QUERY_STRING = 300
#: Addresses that are personal, secret or about accounts, whoever asks.
NEVER_CACHED_PREFIXES = ("/admin/", "/konts/", "/healthz", "/eksperti/mans-profils/")
#: Response headers that belong to one request, never to a stored page.
PER_REQUEST_HEADERS = frozenset({"x-request-id", "set-cookie"})
#: Says "hit" or "miss", with PAGE_CACHE_HEADER on (tests, diagnosis): off in production,
#: where it would tell a visitor what others have searched for today.
HIT_HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class StoredPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def size(self) -> int:
        headers = sum(len(name) + len(value) for name, value in self.headers)
        return len(self.body) + headers + ENTRY_OVERHEAD_BYTES

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


class PageStore:
    """The pages of one worker, least recently used first out, within a byte budget."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.used_bytes = 0
        self._pages: OrderedDict[str, StoredPage] = OrderedDict()

    def get(self, key: str) -> StoredPage | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: str, page: StoredPage) -> None:
        if key in self._pages:
            self.used_bytes -= self._pages.pop(key).size
        self._pages[key] = page
        self.used_bytes += page.size
        while self.used_bytes > self.max_bytes:
            _, oldest = self._pages.popitem(last=False)
            self.used_bytes -= oldest.size

    def clear(self) -> None:
        self._pages.clear()
        self.used_bytes = 0

    def __len__(self) -> int:
        return len(self._pages)


pages = PageStore()
reader_pages = PageStore(MAX_READER_BYTES)


def clear() -> None:
    """Forget every page this worker keeps (tests measure rendering after it)."""
    pages.clear()
    reader_pages.clear()


def is_cacheable_address(request: HttpRequest) -> bool:
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING and not (
        request.path.startswith((*NEVER_CACHED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL))
    )


CODE_FOLDERS = ("platform_site", "experts", "visits", "recommendations", "templates", "locale")
CODE_SUFFIXES = {".py", ".html", ".txt", ".mo"}


@cache
def code_build() -> str:
    """A digest of the code, templates, translations and static files' manifest, read once
    per process: the same on every host that runs the same release."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for root in CODE_FOLDERS:
        for path in sorted((base / root).rglob("*")):
            if path.suffix in CODE_SUFFIXES:
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET by someone with no session and no message waiting, of a public address."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and is_cacheable_address(request)
    )


def is_reader_reading(request: HttpRequest) -> bool:
    """A GET by a logged-in reader with no message waiting."""
    return (
        request.method == "GET"
        and request.user.is_authenticated
        and SessionStorage.session_key not in request.session
        and is_cacheable_address(request)
    )


def reader_page_key(request: HttpRequest, generation: str) -> str:
    """The reader's session and CSRF cookie make the page theirs alone. The minute: a
    comment's author may change it for 30 minutes, and its buttons go within a minute of
    the time being up (a late click is refused with a message, as the form always is)."""
    parts = (
        code_build(),
        generation,
        timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        request.session.session_key or "",
        request.COOKIES[settings.CSRF_COOKIE_NAME],
        request.build_absolute_uri(),
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def page_key(request: HttpRequest, generation: str) -> str:
    # The scheme and host are part of the page: the feed and the sitemap print full addresses.
    parts = (code_build(), generation, timezone.localdate().isoformat())
    return hashlib.sha256("|".join((*parts, request.build_absolute_uri())).encode()).hexdigest()


def etag_of(key: str) -> str:
    return f'"{key[:32]}"'


def is_storable(response: HttpResponse) -> bool:
    """A finished, cookie-free 200 that nothing marked as private."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCache:
    """Middleware: placed before the session middleware, so that a stored page costs no
    session and no user; after the security, CSP and request-id middlewares, which add
    their headers to every answer, stored or not."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_anonymous_read(request):
            return self.get_response(request)
        generation = ContentGeneration.objects.current_key()
        if generation is None:
            return self.get_response(request)
        key = page_key(request, generation)
        etag = etag_of(key)
        # "*" matches any page, even one that is missing: that is for the page to decide.
        if "*" not in request.headers.get("If-None-Match", ""):
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                not_modified["ETag"] = etag
                patch_cache_control(not_modified, no_cache=True)
                patch_vary_headers(not_modified, ("Cookie",))  # as the 200 says
                return not_modified
        stored = pages.get(key)
        if stored is not None:
            response = stored.response()
            mark(response, "hit")
            return response
        response = self.get_response(request)
        if not is_storable(response):
            return response
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        keep(pages, key, response)
        return response


class ReaderPageCache:
    """Middleware, the last: a logged-in reader asking again for a page that nothing has
    changed since gets it from memory, after the session and the user are known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_reader_reading(request):
            return self.get_response(request)
        generation = ContentGeneration.objects.current_key()
        # Without its CSRF cookie the browser gets one with this page: not a page to keep.
        if generation is None or settings.CSRF_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        key = reader_page_key(request, generation)
        stored = reader_pages.get(key)
        if stored is not None:
            response = stored.response()
            mark(response, "hit")
            return response
        response = self.get_response(request)
        if is_storable(response):
            keep(reader_pages, key, response)
        return response


def keep(store: PageStore, key: str, response: HttpResponse) -> None:
    """Store a page that is not too large, without what belongs to this one request."""
    if len(response.content) <= MAX_PAGE_BYTES:
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in PER_REQUEST_HEADERS
        )
        store.put(key, StoredPage(response.status_code, headers, response.content))
    mark(response, "miss")


def mark(response: HttpResponse, how: str) -> None:
    if settings.PAGE_CACHE_HEADER:
        response[HIT_HEADER] = how
