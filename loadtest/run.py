"""Load test of the portal: concurrent readers and experts who log in and comment.

A script, not a unit test. It sends traffic only to a server on this machine (the
loopback addresses 127.0.0.0/8 and ::1: any other host is refused), for a bounded time
and a bounded number of requests, and prints its figures.

Three steps, run from the project's root in the environment the server runs in (the
same DATABASE_URL, SECRET_KEY, DEBUG):

    .venv/bin/python loadtest/run.py --prepare            # load-test experts, known password
    .venv/bin/python loadtest/run.py --url http://127.0.0.1:8000 --users 50 --duration 120
    .venv/bin/python loadtest/run.py --cleanup            # the accounts and their comments go

``--prepare`` creates expert accounts ``slodzes-tests-NNN@loadtest.invalid`` with one random
password (the sample experts have none they could log in with) and writes it, with the
visits to read and comment on, to ``var/loadtest-accounts.json`` (readable by its owner
only). The run mixes anonymous readers (every other user) with experts, who log in
(no second factor: they are not staff), read, post comments now and then, and log in
again in a new session from time to time. Each comment carries a unique marker; at the
end the script looks each one up in the database (hence the same environment). It
prints, for each kind of request, the count, the server errors (5xx; a refused connection
or a time-out counts too) and the p50/p95/p99 latency, then the comments posted and found.
The exit status is 0 only with no server error and no lost comment.

Requests carry ``X-Forwarded-Proto: https``, as the TLS proxy in front of gunicorn sends,
so that a production configuration (secure cookies, redirect to https) is tested as it
runs. Each virtual user also sends its own ``X-Forwarded-For`` address: a server told to
trust one proxy (TRUSTED_PROXY_COUNT=1) then counts the login rate limits per user as it
would behind the proxy (10 failed logins a minute per address; successful logins are not
limited that way), rather than all users as one address.

Comments are limited by the portal to 10 per user in 10 minutes: the script posts at
most ``--comments-per-user`` (8) per account, so a run of up to 10 minutes stays under
the limit; a 429 (refused by the limit) is counted apart, not as an error. Run
``--cleanup`` and ``--prepare`` again before a second run within 10 minutes.
"""

import argparse
import contextlib
import http.client
import ipaddress
import json
import math
import os
import random
import re
import socket
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent

# Hard bounds, whatever the flags say.
MAX_USERS = 200
MAX_DURATION_SECONDS = 600
MAX_REQUESTS = 200_000
REQUEST_TIMEOUT_SECONDS = 30
COMMENT_LIMIT_PER_ACCOUNT = 10  # visits/comments.py: 10 comments per user in 10 minutes

ACCOUNT_DOMAIN = "loadtest.invalid"
ACCOUNTS_FILE = ROOT / "var" / "loadtest-accounts.json"
MARKER_PREFIX = "slodzes-tests"
SEARCH_WORDS = ["talsi", "skola", "romu", "jelgava", "izglitiba", "valmiera", "nodarbinatiba"]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KIND_ORDER = [
    "home",
    "visit_list",
    "visit_search",
    "visit_page",
    "recommendations",
    "experts",
    "login_page",
    "login",
    "comment",
]


# --- preparing and cleaning up (in-process Django, the server's environment) -----------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings")
    import django

    django.setup()


def account_email(number: int) -> str:
    return f"{MARKER_PREFIX}-{number:03d}@{ACCOUNT_DOMAIN}"


def comment_models() -> list:
    from django.apps import apps

    found = []
    for label in ("visits.Comment", "recommendations.ActionComment"):
        with contextlib.suppress(LookupError):
            found.append(apps.get_model(label))
    return found


def comment_url(visit) -> str:
    """Where a comment on this visit is posted; empty if the portal has no comments yet.

    The comment form's address comes from the portal itself (``Comment.url_for``), so the
    script follows the portal's addresses rather than repeating them.
    """
    from django.urls import NoReverseMatch

    from visits.models import Comment

    url_for = getattr(Comment, "url_for", None)
    if url_for is None:
        return ""
    try:
        return url_for("create", visit)
    except NoReverseMatch:
        return ""


def prepare(count: int) -> None:
    """Create ``count`` load-test experts with one new random password; write the file."""
    import secrets

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from experts.models import ExpertProfile
    from visits.models import Visit

    cleanup(quiet=True)
    password = secrets.token_urlsafe(18)
    hashed = make_password(password)  # hashed once: creating 200 accounts stays quick
    User = get_user_model()
    with transaction.atomic():
        for number in range(count):
            email = account_email(number)
            user = User.objects.create(username=email, email=email, password=hashed)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            ExpertProfile.objects.create(
                user=user,
                full_name=f"Slodzes tests {number:03d}",
                slug=f"{MARKER_PREFIX}-{number:03d}",
                email=email,
                is_sample=True,
            )
    visits = [
        {
            "page": visit.get_absolute_url(),
            "comment_url": comment_url(visit),
            # Visits in review are for logged-in experts only: a 404 to anonymous readers.
            "public": visit.status == Visit.Status.PUBLISHED,
        }
        for visit in Visit.objects.filter(
            status__in=[Visit.Status.REVIEW, Visit.Status.PUBLISHED]
        ).order_by("start_date", "id")
    ]
    ACCOUNTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(ACCOUNTS_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as stream:
        json.dump(
            {
                "password": password,
                "emails": [account_email(n) for n in range(count)],
                "visits": visits,
            },
            stream,
            indent=2,
        )
    commentable = sum(1 for visit in visits if visit["comment_url"])
    print(f"{count} load-test accounts created; {len(visits)} visits to read, ")
    print(f"{commentable} of them with a comment form. Written to {ACCOUNTS_FILE}.")
    if not commentable:
        print("The portal has no comment address yet: the run will read and log in only.")


def cleanup(*, quiet: bool = False) -> None:
    """Delete the load-test accounts, their profiles and every comment they posted."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from experts.models import ExpertProfile

    users = get_user_model().objects.filter(email__endswith=f"@{ACCOUNT_DOMAIN}")
    with transaction.atomic():
        comments = sum(
            model.objects.filter(author__in=users).delete()[0] for model in comment_models()
        )
        profiles = ExpertProfile.objects.filter(email__endswith=f"@{ACCOUNT_DOMAIN}").delete()[0]
        accounts = users.count()
        users.delete()
    ACCOUNTS_FILE.unlink(missing_ok=True)
    if not quiet:
        print(f"Removed {accounts} load-test accounts, {profiles} rows of profiles, ")
        print(f"{comments} rows of comments.")


def comments_found(markers: set[str], run_marker: str) -> set[str]:
    """Which of the posted markers are in the database's comments."""
    found: set[str] = set()
    for model in comment_models():
        for body in model.objects.filter(body__contains=run_marker).values_list("body", flat=True):
            found.update(marker for marker in re.findall(r"\[(\S+)\]", body) if marker in markers)
    return found


# --- the HTTP side ----------------------------------------------------------------------


def loopback_target(url: str) -> tuple[str, int, str]:
    """(address to connect to, port, Host header) for a loopback URL; SystemExit otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"Refused: {url!r} is not an http:// address of this machine.")
    port = parts.port or 80
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise SystemExit(f"Refused: {parts.hostname!r} does not resolve ({error}).") from error
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(
        ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses
    ):
        raise SystemExit(
            f"Refused: {parts.hostname!r} is not a loopback address (127.0.0.0/8 or ::1); "
            "the load test runs only against a server on this machine."
        )
    return addresses[0], port, parts.netloc


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    server_errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    other_refusals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    posted: set[str] = field(default_factory=set)
    limited_comments: int = 0
    failed_logins: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Budget:
    """Stops every user at the deadline or when the request count runs out."""

    def __init__(self, duration: float, max_requests: int) -> None:
        self.deadline = time.monotonic() + duration
        self.remaining = max_requests
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def take(self) -> bool:
        with self.lock:
            if self.stop.is_set() or self.remaining <= 0 or time.monotonic() >= self.deadline:
                self.stop.set()
                return False
            self.remaining -= 1
            return True


class Browser:
    """One user's connection and cookies, behind a pretend TLS proxy."""

    def __init__(self, address: str, port: int, host: str, forwarded_for: str) -> None:
        self.address, self.port, self.host = address, port, host
        self.forwarded_for = forwarded_for
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.forwarded_for,
            "User-Agent": "lrp-loadtest/1",
            "Accept-Language": "lv",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.address, self.port, timeout=REQUEST_TIMEOUT_SECONDS
                )
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed a kept-alive connection: once more on a new one.
                self.close()
                if attempt == 2:
                    raise
                continue
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.will_close:
                self.close()
            return response.status, text
        raise AssertionError("unreachable")

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def new_session(self) -> None:
        self.cookies.clear()
        self.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class VirtualUser(threading.Thread):
    def __init__(self, number: int, options, plan: dict, budget: Budget, stats: Stats) -> None:
        super().__init__(name=f"user-{number}", daemon=True)
        self.number = number
        self.options, self.plan, self.budget, self.stats = options, plan, budget, stats
        self.random = random.Random(options.seed * 1000 + number)
        emails = plan.get("emails", [])
        self.email = emails[number // 2] if number % 2 == 0 and number // 2 < len(emails) else ""
        self.browser = Browser(
            *options.target, forwarded_for=f"127.1.{number // 250}.{number % 250 + 1}"
        )
        self.logged_in = False
        self.comments = 0

    # Each step is one request (or two: a form, then its submission).
    def run(self) -> None:
        with contextlib.suppress(StopIteration):
            if self.email:
                self.log_in()
            while not self.budget.stop.is_set():
                self.step()
                time.sleep(self.random.uniform(0, 2 * self.options.think))
        self.browser.close()

    def step(self) -> None:
        roll = self.random.random()
        if self.logged_in and self.can_comment() and roll < self.options.comment_share:
            self.comment()
        elif self.email and roll > 1 - self.options.relogin_share:
            self.browser.new_session()
            self.logged_in = False
            self.log_in()
        else:
            self.read()

    def can_comment(self) -> bool:
        return self.comments < self.options.comments_per_user and any(
            visit["comment_url"] for visit in self.plan["visits"]
        )

    def fetch(self, kind: str, method: str, path: str, body: dict | None = None):
        if not self.budget.take():
            raise StopIteration
        started = time.perf_counter()
        try:
            status, text = self.browser.request(method, path, body)
        except (OSError, http.client.HTTPException) as error:
            elapsed = time.perf_counter() - started
            with self.stats.lock:
                self.stats.requests += 1
                self.stats.latencies[kind].append(elapsed)
                self.stats.server_errors[kind] += 1
            print(f"{kind} {path}: {error!r}", file=sys.stderr)
            self.browser.close()
            return 0, ""
        elapsed = time.perf_counter() - started
        with self.stats.lock:
            self.stats.requests += 1
            self.stats.latencies[kind].append(elapsed)
            if status >= 500:
                self.stats.server_errors[kind] += 1
            elif status >= 400 and not (kind == "comment" and status == 429):
                self.stats.other_refusals[kind] += 1
        if status >= 500:
            print(f"{kind} {method} {path}: HTTP {status}", file=sys.stderr)
        return status, text

    def read(self) -> None:
        visits = [visit for visit in self.plan["visits"] if self.logged_in or visit["public"]]
        choice = self.random.choices(
            ["home", "visit_list", "visit_search", "visit_page", "recommendations", "experts"],
            weights=[2, 2, 1, 4, 2, 1],
        )[0]
        if choice == "home":
            self.fetch("home", "GET", "/")
        elif choice == "visit_list":
            self.fetch("visit_list", "GET", "/vizites/")
        elif choice == "visit_search":
            query = urlencode({"q": self.random.choice(SEARCH_WORDS)})
            self.fetch("visit_search", "GET", f"/vizites/?{query}")
        elif choice == "visit_page" and visits:
            self.fetch("visit_page", "GET", self.random.choice(visits)["page"])
        elif choice == "recommendations":
            self.fetch("recommendations", "GET", "/ierosinajumi/")
        else:
            self.fetch("experts", "GET", "/eksperti/")

    def log_in(self) -> None:
        status, page = self.fetch("login_page", "GET", "/konts/login/")
        token = CSRF_INPUT.search(page)
        if status != 200 or not token:
            self.login_failed()
            return
        status, _ = self.fetch(
            "login",
            "POST",
            "/konts/login/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "login": self.email,
                "password": self.plan["password"],
            },
        )
        self.logged_in = status == 302
        if not self.logged_in:
            self.login_failed()

    def login_failed(self) -> None:
        with self.stats.lock:
            self.stats.failed_logins += 1

    def comment(self) -> None:
        visit = self.random.choice([v for v in self.plan["visits"] if v["comment_url"]])
        status, page = self.fetch("visit_page", "GET", visit["page"])
        token = CSRF_INPUT.search(page)
        if status != 200 or not token:
            return
        marker = f"{self.options.run_marker}-{self.number}-{self.comments}"
        self.comments += 1
        status, _ = self.fetch(
            "comment",
            "POST",
            visit["comment_url"],
            {
                "csrfmiddlewaretoken": token.group(1),
                "body": f"Slodzes testa komentārs [{marker}]; tiks dzēsts pēc testa.",
            },
        )
        with self.stats.lock:
            if status == 302:
                self.stats.posted.add(marker)
            elif status == 429:
                self.stats.limited_comments += 1


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def report(stats: Stats, found: set[str] | None, elapsed: float, options) -> bool:
    print()
    print(
        f"{options.users} users, {elapsed:.0f} s, {stats.requests} requests "
        f"({stats.requests / elapsed:.1f}/s) against {options.url}"
    )
    header = (
        f"{'kind':<16}{'requests':>9}{'5xx':>6}{'4xx':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    )
    print(header)
    print("-" * len(header))
    kinds = [kind for kind in KIND_ORDER if kind in stats.latencies]
    every: list[float] = []
    for kind in kinds:
        values = stats.latencies[kind]
        every.extend(values)
        print(
            f"{kind:<16}{len(values):>9}{stats.server_errors[kind]:>6}"
            f"{stats.other_refusals[kind]:>6}{percentile(values, 0.50) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{percentile(values, 0.99) * 1000:>9.0f}"
        )
    errors = sum(stats.server_errors.values())
    if every:
        print("-" * len(header))
        print(
            f"{'all':<16}{len(every):>9}{errors:>6}{sum(stats.other_refusals.values()):>6}"
            f"{percentile(every, 0.50) * 1000:>9.0f}{percentile(every, 0.95) * 1000:>9.0f}"
            f"{percentile(every, 0.99) * 1000:>9.0f}   (mean {statistics.fmean(every) * 1000:.0f})"
        )
    print()
    print(f"failed logins: {stats.failed_logins}")
    print(f"comments refused by the posting limit (429): {stats.limited_comments}")
    lost = None
    if found is None:
        print(f"comments posted: {len(stats.posted)}; found in the database: not checked")
    else:
        lost = len(stats.posted - found)
        print(
            f"comments posted: {len(stats.posted)}; found in the database: "
            f"{len(found & stats.posted)}; lost: {lost}"
        )
    print(f"server errors: {errors}")
    return errors == 0 and not lost and stats.failed_logins == 0


def run(options) -> int:
    options.target = loopback_target(options.url)
    plan = {"password": "", "emails": [], "visits": []}
    if ACCOUNTS_FILE.exists():
        plan = json.loads(ACCOUNTS_FILE.read_text())
    else:
        print(f"No {ACCOUNTS_FILE}: run --prepare first. Reading only, no logins.")
    if not plan["visits"]:
        print("No visits known: only the list pages are read.")
    options.run_marker = f"{MARKER_PREFIX}-{uuid.uuid4().hex[:10]}"
    stats = Stats()
    budget = Budget(options.duration, options.max_requests)
    users = [VirtualUser(n, options, plan, budget, stats) for n in range(options.users)]
    started = time.monotonic()
    for user in users:
        user.start()
        time.sleep(min(0.05, options.duration / max(1, 4 * options.users)))  # a ramp
    for user in users:
        user.join(timeout=options.duration + REQUEST_TIMEOUT_SECONDS + 5)
    budget.stop.set()
    elapsed = time.monotonic() - started
    found = None
    if stats.posted:
        try:
            setup_django()
            found = comments_found(stats.posted, options.run_marker)
        except Exception as error:  # noqa: BLE001 - the figures are printed anyway
            print(f"Could not look the comments up in the database: {error!r}")
    return 0 if report(stats, found, elapsed, options) else 1


def bounded(low: float, high: float, kind=int):
    def parse(text: str):
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--prepare", action="store_true", help="create the load-test accounts")
    step.add_argument("--cleanup", action="store_true", help="remove them and their comments")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a loopback address")
    parser.add_argument("--users", type=bounded(1, MAX_USERS), default=50)
    parser.add_argument(
        "--duration", type=bounded(1, MAX_DURATION_SECONDS, float), default=120.0, help="seconds"
    )
    parser.add_argument("--max-requests", type=bounded(1, MAX_REQUESTS), default=100_000)
    parser.add_argument(
        "--think", type=bounded(0, 10, float), default=1.0, help="mean pause between steps, s"
    )
    parser.add_argument("--comment-share", type=bounded(0, 1, float), default=0.15)
    parser.add_argument("--relogin-share", type=bounded(0, 1, float), default=0.02)
    parser.add_argument(
        "--comments-per-user",
        type=bounded(0, COMMENT_LIMIT_PER_ACCOUNT - 1),
        default=8,
        help="at most this many comments per account (the portal allows 10 in 10 minutes)",
    )
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    if options.prepare or options.cleanup:
        setup_django()
        if options.prepare:
            # One account for every expert user (the even-numbered half of the users).
            prepare((options.users + 1) // 2)
        else:
            cleanup()
        return 0
    return run(options)


if __name__ == "__main__":
    sys.exit(main())
