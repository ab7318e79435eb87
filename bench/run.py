#!/usr/bin/env python3
"""The portal's benchmark: the main pages at national scale, against a static file.

Usage (from the repository root, after ``make install``)::

    .venv/bin/python bench/run.py                  # full scale; about 10 minutes
    .venv/bin/python bench/run.py --scale 0.1 --requests 200    # a quick look

What it does, on this one machine and nowhere else (everything on 127.0.0.1):

1. A database: a throwaway PostgreSQL 15 started with ``.ci/pg-start.sh`` (stopped and
   removed at the end), or the one ``DATABASE_URL`` names (its scale data is replaced).
2. ``migrate``, ``load_scale_data --seed 1 --scale 1 --force`` (today's 43 municipalities,
   2,000 visits, 1,000 experts, 100,000 comments, 5,000 actions, 20,000 updates),
   ``collectstatic`` into a temporary folder, ``compilemessages`` if the catalog is newer
   than its compiled copy.
3. gunicorn in production mode: ``DEBUG=0``, a random ``SECRET_KEY``,
   ``ALLOWED_HOSTS=127.0.0.1``, ``--workers 2 --no-control-socket``, on a free port. Each
   request says ``X-Forwarded-Proto: https``, as the TLS proxy in front of it would.
4. A bench user (an expert with a known password, created through the ORM) logs in with
   allauth's login form; its session cookie is sent on the logged-in pages.
5. Warm-up (16 requests per page), then, page after page, a fixed number of requests
   (``--requests``, default 1000) over 8 keep-alive connections (``--concurrency``),
   stopped early at a time cap (``--time-cap`` seconds, default 60): requests per second,
   p50/p95/p99 latency, errors (anything but a 200). The same for one hashed CSS file
   that whitenoise serves, in the same run: each page's throughput is shown as a share of
   the static file's. The load generator is the standard library (threads and
   ``http.client``); it runs on the same cores as the server, as the static baseline does.
6. In this process, against the same database, each page once more through Django's test
   client: its SQL query count and, on PostgreSQL, the plan of each query
   (``EXPLAIN (FORMAT JSON)``): the scan types, with a warning for a sequential scan of a
   table of 5,000 rows or more.
7. The cost of the last page of the longest lists (the visit list, the tracker's actions)
   against their first: the two asked in turn over one connection, 30 times each, p50
   against p50 (in turn, so that a change in the machine's load favours neither); the
   memory (RSS) of each gunicorn worker after the run; the home page's weight on a first
   visit (HTML and the CSS it links, as sent and gzipped).

The table is printed and written to ``bench/results-<date>.md`` (``--output`` to choose).
It is a benchmark, not a test: nothing fails when a target is missed; the summary at the
end says which targets (docs/benchmarks.md) were met. Nothing outside this machine is
contacted, and nothing needs installing beyond the project's own packages.
"""

import argparse
import contextlib
import datetime as dt
import gzip
import http.client
import http.cookies
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GUNICORN = str(VENV_BIN / "gunicorn") if (VENV_BIN / "gunicorn").exists() else "gunicorn"
HOST = "127.0.0.1"
WARM_UP_REQUESTS = 16
LARGE_TABLE_ROWS = 5000
BENCH_EMAIL = "merijumi@bench.invalid"

# The targets of issue 8, item 5.
PUBLIC_SHARE = 0.5
PUBLIC_P95_MS = 50
LOGGED_IN_SHARE = 0.1
WORKER_RSS_MB = 150
FIRST_VISIT_KB = 150
LAST_PAGE_RATIO = 2
LONGEST_LISTS = (
    ("visit list", "visit list, last page"),
    ("tracker dashboard", "tracker dashboard, last page"),
)
LAST_PAGE_ROUNDS = 30


# --- processes ------------------------------------------------------------------------------


def log(message: str) -> None:
    # UTC: Django sets the process's time zone to Riga's once it is set up.
    print(f"[bench {dt.datetime.now(dt.UTC):%H:%M:%S}Z] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_postgres() -> dict[str, str]:
    """A throwaway server from .ci/pg-start.sh: PGROOT, PGPORT, DATABASE_URL."""
    output = subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg-start.sh")],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    values = {}
    for line in output.splitlines():
        for pair in line.removeprefix("export ").split():
            key, _eq, value = pair.partition("=")
            values[key] = value
    return values


def stop_postgres(pgroot: str) -> None:
    subprocess.run(
        ["bash", str(ROOT / ".ci" / "pg-stop.sh")],
        env={**os.environ, "PGROOT": pgroot},
        check=False,
        timeout=120,
    )


def manage(env: dict[str, str], *args: str, timeout: int = 1800) -> None:
    log("manage.py " + " ".join(args))
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def compile_messages_if_stale(env: dict[str, str]) -> None:
    po = ROOT / "locale" / "lv" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        manage(env, "compilemessages", "--ignore=.venv", "-v0")


def start_gunicorn(env: dict[str, str], port: int, workdir: Path) -> subprocess.Popen:
    command = [
        GUNICORN,
        "platform_site.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
        "--no-control-socket",
        "--timeout",
        "120",
        "--pid",
        str(workdir / "gunicorn.pid"),
    ]
    log(" ".join(command[1:]))
    server = subprocess.Popen(  # noqa: S603 - our own command line
        command,
        cwd=ROOT,
        env=env,
        stdout=(workdir / "gunicorn.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped: see {workdir / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz", https=False).status == 200:
                return server
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def worker_memory(master_pid: int) -> list[tuple[int, float]]:
    """(pid, RSS in MB) of each process whose parent is the gunicorn master."""
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent != master_pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    workers.append((int(entry.name), int(line.split()[1]) / 1024))
    return sorted(workers)


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


# --- HTTP -------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def request_headers(port: int, *, cookie: str = "", https: bool = True) -> dict[str, str]:
    headers = {
        "Host": f"{HOST}:{port}",
        "User-Agent": "lrp-bench/1",
        "Accept": "text/html,application/xhtml+xml,*/*",
        "Accept-Encoding": "gzip",
    }
    if https:
        headers["X-Forwarded-Proto"] = "https"
    if cookie:
        headers["Cookie"] = cookie
    return headers


def get(port: int, path: str, *, cookie: str = "", https: bool = True, **extra) -> Response:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = {**request_headers(port, cookie=cookie, https=https), **extra}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def _cookies(response: http.client.HTTPResponse | Response) -> dict[str, str]:
    jar = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(port: int, email: str, password: str) -> str:
    """Log in through allauth's form, as a browser would; return the Cookie header."""
    page = get(port, "/konts/login/", **{"Accept-Encoding": "identity"})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    cookies = _cookies(page)
    if page.status != 200 or token is None or not cookies:
        raise SystemExit(f"The login page answered {page.status} without a form")
    body = urlencode(
        {"login": email, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
    )
    headers = {
        **request_headers(port, cookie="; ".join(f"{k}={v}" for k, v in cookies.items())),
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"https://{HOST}:{port}",
        "Referer": f"https://{HOST}:{port}/konts/login/",
    }
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("POST", "/konts/login/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        cookies.update(_cookies(response))
    finally:
        connection.close()
    if response.status != 302 or not any("session" in name for name in cookies):
        raise SystemExit(f"The bench user could not log in (status {response.status})")
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if (
        b"logout"
        not in get(port, "/eksperti/", cookie=cookie, **{"Accept-Encoding": "identity"}).body
    ):
        raise SystemExit("Logged in, but the directory does not show the bench user as logged in")
    return cookie


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    capped: bool = False

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Latency in milliseconds below which ``share`` of the requests finished."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(
    port: int, path: str, *, cookie: str, requests: int, concurrency: int, time_cap: float
) -> LoadResult:
    """``requests`` GETs of ``path`` over ``concurrency`` connections, stopped at the cap."""
    result = LoadResult()
    lock = threading.Lock()
    issued = 0
    headers = request_headers(port, cookie=cookie)
    started = time.perf_counter()
    deadline = started + time_cap

    def worker() -> None:
        nonlocal issued
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                if issued >= requests:
                    break
                if time.perf_counter() > deadline:
                    result.capped = True
                    break
                issued += 1
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    connection.close()  # gunicorn's sync workers close; the next reopens
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
            took = time.perf_counter() - began
            with lock:
                result.requests += 1
                result.latencies.append(took)
                result.statuses[status] += 1
                if status != 200:
                    result.errors += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def first_and_last(
    port: int, first: str, last: str, *, rounds: int, time_cap: float
) -> tuple[float, float]:
    """p50 latency (ms) of two pages asked in turn over one connection, ``rounds`` times
    each: alternating keeps a change in the machine's load from favouring either."""
    timings: dict[str, list[float]] = {first: [], last: []}
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    deadline = time.perf_counter() + time_cap
    try:
        for _round in range(rounds):
            if time.perf_counter() > deadline:
                break
            for path in (first, last):
                began = time.perf_counter()
                connection.request("GET", path, headers=request_headers(port))
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
                timings[path].append(time.perf_counter() - began)
    finally:
        connection.close()
    return tuple(1000 * sorted(times)[len(times) // 2] for times in timings.values())


def page_weight(port: int) -> dict[str, int]:
    """The home page and what it links that a browser fetches on a first visit."""
    html = get(port, "/", **{"Accept-Encoding": "identity"}).body
    assets = re.findall(
        rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<(?:script|img)[^>]+src="([^"]+)"', html
    )
    weight = {"html": len(html), "html_gzip": len(gzip.compress(html)), "css": 0, "css_sent": 0}
    for stylesheet, other in assets:
        url = (stylesheet or other).decode()
        if url.startswith("data:"):
            continue
        kind = "css" if stylesheet else "other"
        plain = get(port, url, **{"Accept-Encoding": "identity"}).body
        sent = get(port, url).body
        weight[kind] = weight.get(kind, 0) + len(plain)
        weight[f"{kind}_sent"] = weight.get(f"{kind}_sent", 0) + len(sent)
    return weight


# --- Django in this process: pages, the bench user, query counts, plans -----------------------


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_bench_user() -> tuple[str, str]:
    """An expert with a known password and a verified address (experts need no 2FA)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from experts.models import ExpertProfile

    password = secrets.token_urlsafe(16)
    user, _created = get_user_model().objects.get_or_create(
        username=BENCH_EMAIL, defaults={"email": BENCH_EMAIL, "first_name": "Mērījumu"}
    )
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=BENCH_EMAIL, defaults={"verified": True, "primary": True}
    )
    ExpertProfile.objects.get_or_create(
        user=user,
        defaults={
            "full_name": "Mērījumu Lietotājs",
            "slug": "merijumu-lietotajs",
            "email": BENCH_EMAIL,
            "is_sample": True,
        },
    )
    return BENCH_EMAIL, password


@dataclass
class Target:
    name: str
    path: str
    logged_in: bool = False
    kind: str = "public"  # "public", "logged in", "export", "static"
    queries: int | None = None
    scans: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    result: LoadResult | None = None


def targets(static_url: str) -> list[Target]:
    from platform_site.scale_data import pages_to_measure
    from recommendations.models import FollowUpAction
    from recommendations.views import ACTIONS_PER_PAGE

    pages = [
        Target(
            page.name,
            page.path,
            page.logged_in,
            "logged in" if page.logged_in else "export" if "export" in page.name else "public",
        )
        for page in pages_to_measure()
    ]
    public_actions = FollowUpAction.objects.public().count()
    last = max(1, -(-public_actions // ACTIONS_PER_PAGE))
    pages.insert(
        [page.name for page in pages].index("tracker dashboard") + 1,
        Target("tracker dashboard, last page", f"/ierosinajumi/?lapa={last}"),
    )
    return [*pages, Target("static file (CSS, whitenoise)", static_url, kind="static")]


def _plan_nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


def count_queries_and_plans(pages: list[Target]) -> None:
    """Each page once through the test client (after a warm-up request): the queries of
    rendering it (the page cache emptied first; a stored page costs one query), and on
    PostgreSQL the scan types of their plans."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from platform_site import page_cache

    is_postgres = connection.vendor == "postgresql"
    sizes: dict[str, float] = {}
    if is_postgres:
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
            sizes = dict(cursor.fetchall())
    anonymous = Client(HTTP_HOST=HOST)
    logged_in = Client(HTTP_HOST=HOST)
    logged_in.force_login(get_user_model().objects.get(username=BENCH_EMAIL))
    for page in pages:
        if page.kind == "static":
            continue
        client = logged_in if page.logged_in else anonymous
        client.get(page.path, secure=True)
        page_cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path, secure=True)
        page.queries = len(captured)
        if not is_postgres:
            continue
        for query in captured:
            sql = query["sql"]
            # A queryset read with .iterator() is a server-side cursor: explain its SELECT.
            declared = re.match(r"DECLARE .*? CURSOR .*?FOR (SELECT .*)", sql, re.DOTALL)
            sql = declared.group(1) if declared else sql
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            for node in _plan_nodes(plan[0]["Plan"]):
                node_type = node["Node Type"]
                if "Scan" not in node_type:
                    continue
                page.scans[node_type] += 1
                table = node.get("Relation Name", "")
                rows = sizes.get(table, 0)
                if node_type == "Seq Scan" and rows >= LARGE_TABLE_ROWS:
                    warning = f"Seq Scan on {table} ({rows:,.0f} rows)"
                    if warning not in page.warnings:
                        page.warnings.append(warning)


def static_url(static_root: Path) -> str:
    """A hashed stylesheet from whitenoise's manifest: the site's own CSS."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    name = (
        "css/site.css"
        if "css/site.css" in manifest
        else sorted(key for key in manifest if key.endswith(".css"))[0]
    )
    return "/static/" + manifest[name]


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        return f"{connection.vendor} {connection.Database.sqlite_version}"


def data_size() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from experts.models import ExpertProfile
    from recommendations.models import ActionComment, ActionUpdate, FollowUpAction
    from visits.models import Comment, Municipality, Participation, Visit

    return {
        "municipalities": Municipality.objects.count(),
        "visits": Visit.objects.count(),
        "published visits": Visit.objects.published().count(),
        "experts": ExpertProfile.objects.count(),
        "participations": Participation.objects.count(),
        "actions": FollowUpAction.objects.count(),
        "action updates": ActionUpdate.objects.count(),
        "comments": Comment.objects.count() + ActionComment.objects.count(),
        "users": get_user_model().objects.count(),
    }


# --- the report ---------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:.1f}"


def report(
    pages: list[Target],
    *,
    settings: dict,
    machine_info: dict[str, str],
    sizes: dict[str, int],
    workers: list[tuple[int, float]],
    weight: dict[str, int],
    last_pages: dict[str, tuple[float, float]],
) -> tuple[str, list[str]]:
    """The results as Markdown, and the targets' verdicts."""
    static = next(page for page in pages if page.kind == "static")
    base = static.result.per_second or 1.0
    lines = [
        f"## Run of {machine_info['date']}",
        "",
        f"Machine: {machine_info['cpus']} CPUs ({machine_info['cpu']}), "
        f"{machine_info['memory']} RAM, {machine_info['system']}, Python "
        f"{machine_info['python']}, {settings['database']}. Load average before / after: "
        f"{settings['load_before']} / {settings['load_after']}.",
        "",
        f"Data: scale {settings['scale']:g}, seed {settings['seed']}: "
        + ", ".join(f"{count:,} {name}" for name, count in sizes.items())
        + ".",
        "",
        f"Load: gunicorn, 2 sync workers, DEBUG=0, settings `{settings['module']}`, "
        f"{settings['requests']} requests per page "
        f"(time cap {settings['time_cap']:g} s) over {settings['concurrency']} connections, "
        f"after {WARM_UP_REQUESTS} warm-up requests; client on the same machine.",
        "",
        "| page | kind | requests | errors | req/s | share of static | p50 ms | p95 ms "
        "| p99 ms | queries | scans (EXPLAIN) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for page in pages:
        result = page.result
        scans = ", ".join(f"{kind} ×{count}" for kind, count in sorted(page.scans.items()))
        if page.warnings:
            scans += "; **" + "; ".join(page.warnings) + "**"
        lines.append(
            f"| {page.name} | {page.kind} | {result.requests}{' (capped)' if result.capped else ''}"
            f" | {result.errors} | {result.per_second:,.1f} | {result.per_second / base:.1%} | "
            f"{_ms(result.percentile(0.5))} | {_ms(result.percentile(0.95))} | "
            f"{_ms(result.percentile(0.99))} | "
            f"{'' if page.queries is None else page.queries} | {scans or '–'} |"
        )
    verdicts = []

    def verdict(met: bool, text: str) -> None:
        verdicts.append(f"- {'met' if met else '**missed**'}: {text}")

    for page in pages:
        result = page.result
        share = result.per_second / base
        if page.kind == "public":
            verdict(
                share >= PUBLIC_SHARE and result.percentile(0.95) < PUBLIC_P95_MS,
                f"{page.name}: {share:.1%} of the static file's throughput (target ≥ "
                f"{PUBLIC_SHARE:.0%}), p95 {_ms(result.percentile(0.95))} ms (target < "
                f"{PUBLIC_P95_MS} ms)",
            )
        elif page.kind in ("logged in", "export"):
            verdict(
                share >= LOGGED_IN_SHARE,
                f"{page.name}: {share:.1%} of the static file's throughput (target ≥ "
                f"{LOGGED_IN_SHARE:.0%})",
            )
    errors = sum(page.result.errors for page in pages)
    verdict(errors == 0, f"errors: {errors} (target 0)")
    for last, (first_ms, last_ms) in last_pages.items():
        ratio = last_ms / first_ms
        verdict(
            ratio <= LAST_PAGE_RATIO,
            f"{last} against the first, asked in turn over one connection "
            f"({LAST_PAGE_ROUNDS}× each): p50 {last_ms:.1f} ms against {first_ms:.1f} ms, "
            f"{ratio:.2f}× (target ≤ {LAST_PAGE_RATIO})",
        )
    largest = max((rss for _pid, rss in workers), default=float("nan"))
    verdict(
        largest < WORKER_RSS_MB,
        "gunicorn workers after the run: "
        + ", ".join(f"{rss:.1f} MB" for _pid, rss in workers)
        + f" RSS (target < {WORKER_RSS_MB} MB each)",
    )
    first_visit = weight["html"] + weight["css"] + weight.get("other", 0)
    sent = weight["html_gzip"] + weight["css_sent"] + weight.get("other_sent", 0)
    verdict(
        first_visit < FIRST_VISIT_KB * 1024,
        f"home page on a first visit: HTML {weight['html'] / 1024:.1f} KB + CSS "
        f"{weight['css'] / 1024:.1f} KB"
        + (f" + other {weight['other'] / 1024:.1f} KB" if weight.get("other") else "")
        + f" = {first_visit / 1024:.1f} KB uncompressed, {sent / 1024:.1f} KB gzipped "
        f"(target < {FIRST_VISIT_KB} KB)",
    )
    lines += ["", "Targets (issue 8, item 5):", "", *verdicts, ""]
    return "\n".join(lines), verdicts


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=1000, help="per page (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--time-cap", type=float, default=60, help="seconds per page")
    parser.add_argument(
        "--skip-load", action="store_true", help="keep the scale data DATABASE_URL has"
    )
    parser.add_argument("--output", type=Path, help="default: bench/results-<date>.md")
    parser.add_argument(
        "--settings",
        default="platform_site.settings",
        help="the Django settings module to serve with (to try a change; default ours)",
    )
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="lrp-bench-"))
    pgroot = ""
    server = None
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SETTINGS_MODULE": options.settings,
    }
    try:
        if not env.get("DATABASE_URL"):
            log("starting a throwaway PostgreSQL (.ci/pg-start.sh)")
            postgres = start_postgres()
            pgroot = postgres["PGROOT"]
            env["DATABASE_URL"] = postgres["DATABASE_URL"]
        elif options.skip_load:
            log("using DATABASE_URL as it is (--skip-load)")
        manage(env, "migrate", "--noinput", "-v0")
        if not options.skip_load:
            manage(
                env,
                "load_scale_data",
                "--seed",
                str(options.seed),
                "--scale",
                f"{options.scale:g}",
                "--force",
            )
        manage(env, "collectstatic", "--noinput", "-v0")
        compile_messages_if_stale(env)

        setup_django(env)
        email, password = create_bench_user()
        pages = targets(static_url(workdir / "static"))

        port = free_port()
        server = start_gunicorn(env, port, workdir)
        cookie = log_in(port, email, password)
        load_before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())

        log(f"warming up: {WARM_UP_REQUESTS} requests per page")
        for page in pages:
            page_cookie = cookie if page.logged_in else ""
            load(
                port,
                page.path,
                cookie=page_cookie,
                requests=WARM_UP_REQUESTS,
                concurrency=options.concurrency,
                time_cap=options.time_cap,
            )
        for page in pages:
            page.result = load(
                port,
                page.path,
                cookie=cookie if page.logged_in else "",
                requests=options.requests,
                concurrency=options.concurrency,
                time_cap=options.time_cap,
            )
            log(
                f"{page.name:<34} {page.result.per_second:8.1f} req/s  p50 "
                f"{page.result.percentile(0.5):7.1f} ms  p95 {page.result.percentile(0.95):7.1f}"
                f" ms  errors {page.result.errors}"
                + (f" {dict(page.result.statuses)}" if page.result.errors else "")
            )
        by_name = {page.name: page for page in pages}
        last_pages = {}
        for first, last in LONGEST_LISTS:
            last_pages[last] = first_and_last(
                port,
                by_name[first].path,
                by_name[last].path,
                rounds=LAST_PAGE_ROUNDS,
                time_cap=options.time_cap,
            )
            first_ms, last_ms = last_pages[last]
            log(f"{last}: p50 {last_ms:.1f} ms, first page {first_ms:.1f} ms (in turn)")
        load_after = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
        workers = worker_memory(server.pid)
        weight = page_weight(port)
        stop_gunicorn(server)
        server = None

        log("query counts and plans (test client, same database)")
        count_queries_and_plans(pages)
        text, _verdicts = report(
            pages,
            settings={
                "scale": options.scale,
                "module": options.settings,
                "seed": options.seed,
                "requests": options.requests,
                "concurrency": options.concurrency,
                "time_cap": options.time_cap,
                "database": database_version(),
                "load_before": load_before,
                "load_after": load_after,
            },
            machine_info=machine(),
            sizes=data_size(),
            workers=workers,
            weight=weight,
            last_pages=last_pages,
        )
        print()
        print(text)
        output = options.output or ROOT / "bench" / f"results-{dt.date.today().isoformat()}.md"
        output.write_text(text + "\n", encoding="utf-8")
        log(f"written to {output}")
    finally:
        if server is not None:
            stop_gunicorn(server)
        if pgroot:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            log("stopping the throwaway PostgreSQL")
            stop_postgres(pgroot)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
