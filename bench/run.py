"""The benchmark suite: the server against the physical floor of the same machine, at 1x, 10x, 100x.

    python bench/run.py [--scales 1,10,100] [--rounds 3] [--duration 3] [--add]
    python bench/run.py --smoke          # scale 0.01, a second per target: what `make test` runs

For each scale: generate the data (bench/generate.py, kept in bench/.data/ for the next run),
record the SQL each target runs, then start three servers on 127.0.0.1, each gunicorn with one
sync worker pinned to core 0: `cica serve` (the target), the bare WSGI floor that runs the same
SQL and serialises with orjson, and Django without middleware returning a constant. Debian's
`wrk`, pinned to core 1 with one connection, measures floor and target in turn (F, T1, F, T2, ...)
for each round. A target's ratio is the median over the rounds of its time per request over its
floor's. Then the write path: 20 delegates commenting and breaking silence for a bounded time,
and a count of every acknowledged write afterwards.

Only 127.0.0.1 is ever targeted; every run of wrk and every phase is bounded in time.
Figures go to bench/results/ as JSON and Markdown. Nothing here asserts a duration.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
DATA = BENCH / ".data"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
HOST = "127.0.0.1"
SERVER_CORE, LOAD_CORE = "0", "1"


# ---- targets ---------------------------------------------------------------------------------


def targets(dataset: dict) -> list[dict]:
    """What is measured: the JSON lists and details, search, every public page, what a
    signed-in reader opens, and writes. `change` names the write (`CHANGES`) made before the
    target's "read after a change" is timed; `session` the account whose session cookie the
    target's requests carry."""
    officer = {"Authorization": f"Bearer {dataset['tokens']['bench-officer']}"}
    delegate = sorted(name for name in dataset["tokens"] if name.startswith("bench-delegate"))[0]
    head = dataset["counts"]["core_auditentry"]  # sequence numbers run 1, 2, 3...
    state, meeting = dataset["a_state"], dataset["a_meeting"]
    document, procedure = dataset["a_document"], dataset["a_procedure"]

    def page(name: str, path: str, change: str) -> dict:
        return {"name": name, "kind": "page", "path": path, "change": change}

    return [
        {"name": "states list", "kind": "list", "path": "/api/v1/states?page_size=50"},
        {"name": "a state", "kind": "detail", "path": f"/api/v1/states/{state}"},
        {"name": "meetings list", "kind": "list", "path": "/api/v1/meetings?page_size=50"},
        {"name": "a meeting", "kind": "detail", "path": f"/api/v1/meetings/{meeting}"},
        {"name": "documents list", "kind": "list", "path": "/api/v1/documents?page_size=50"},
        {"name": "a document", "kind": "detail", "path": f"/api/v1/documents/{document}"},
        {
            "name": "search, rare term",
            "kind": "search",
            "path": f"/api/v1/search?q={dataset['search_rare']}",
        },
        {
            "name": "search, common term",
            "kind": "search",
            "path": f"/api/v1/search?q={dataset['search_common']}",
        },
        {"name": "CBM review", "kind": "report", "path": "/api/v1/cbm/review"},
        {
            "name": "meetings.ics",
            "kind": "feed",
            "path": "/api/v1/meetings.ics",
            "change": "meeting",
        },
        # The pages people read, anonymous.
        page("home page", "/en/", "state"),
        page("states page", "/en/states/", "state"),
        page("a state's page", f"/en/states/{state}/", "state"),
        page("meetings page", "/en/meetings/", "meeting"),
        page("a meeting's page", f"/en/meetings/{meeting}/", "meeting"),
        page("calendar page", "/en/calendar/", "meeting"),
        page("documents page", "/en/documents/", "document"),
        page("a document's page", f"/en/documents/{document}/", "document"),
        page("decisions page", "/en/decisions/", "state"),
        page("a decision's page", f"/en/decisions/{dataset['a_decision']}/", "state"),
        page("CBM catalogue page", "/en/cbm/", "state"),
        page("CBM review page", "/en/cbm/review/", "state"),
        page("figures page", "/en/figures/", "state"),
        # What a signed-in reader opens.
        {
            "name": "a procedure's page",
            "kind": "signed-in",
            "path": f"/en/procedures/{procedure}/",
            "session": "bench-officer",
            "change": "comment",
        },
        {
            "name": "a procedure (JSON)",
            "kind": "signed-in",
            "path": f"/api/v1/procedures/{procedure}",
            "headers": officer,
            "change": "comment",
        },
        {
            "name": "a delegation's workspace",
            "kind": "signed-in",
            "path": "/en/workspace/",
            "session": delegate,
            "change": "comment",
        },
        {
            "name": "audit log page",
            "kind": "signed-in",
            "path": f"/api/v1/audit?after={max(0, head - 100)}&page_size=50",
            "headers": officer,
        },
        # Writes.
        {
            "name": "a comment (write)",
            "kind": "write",
            # The last open procedure: the write phase breaks only the first tenth.
            "path": f"/api/v1/procedures/{dataset['open_procedures'][-1]}/comments",
            "method": "POST",
            "body": json.dumps({"text": "A comment of the benchmark."}),
            "headers": {"Authorization": f"Bearer {dataset['tokens'][delegate]}"},
        },
        {
            "name": "a document edit (write)",
            "kind": "write",
            "path": f"/api/v1/documents/{document}",
            "method": "PATCH",
            # bench/report.lua numbers each request's body ({n}): every edit changes the title.
            "body": json.dumps({"title_ru": "Документ, правка {n}"}, ensure_ascii=False),
            "headers": officer,
        },
    ]


def address(target: dict) -> str:
    """A target's method and path: how the floor finds the statements it replays (a read and a
    write may share a path)."""
    return f"{target.get('method', 'GET')} {target['path']}"


# ---- processes -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port} after {seconds} s")


def _pinned(core: str, command: list[str]) -> list[str]:
    return ["taskset", "-c", core, *command] if shutil.which("taskset") else command


class Server:
    """A gunicorn with one sync worker pinned to the server core; stopped on exit."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path):
        self.name, self.port = name, _free_port()
        self.log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        command = [c.replace("{port}", str(self.port)) for c in command]
        self.process = subprocess.Popen(
            _pinned(SERVER_CORE, command),
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _wait_for(self.port, self.process)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def _gunicorn(app: str, chdir: Path) -> list[str]:
    return [
        str(BIN / "gunicorn"),
        "--workers",
        "1",
        "--worker-class",
        "sync",
        "--bind",
        f"{HOST}:{{port}}",
        "--chdir",
        str(chdir),
        "--log-level",
        "warning",
        app,
    ]


def wrk(url: str, *, duration: float, target: dict | None = None) -> dict:
    """One bounded run of wrk, one thread and one connection, pinned to the load core."""
    assert url.startswith(f"http://{HOST}:"), "the benchmark only targets 127.0.0.1"
    target = target or {}
    headers = dict(target.get("headers") or {})
    if target.get("body"):
        headers["Content-Type"] = "application/json"
    env = {
        **os.environ,
        "WRK_HEADERS": "\n".join(f"{k}: {v}" for k, v in headers.items()),
        "WRK_METHOD": target.get("method", "GET"),
        "WRK_BODY": target.get("body", ""),
    }
    command = _pinned(
        LOAD_CORE,
        [
            "wrk",
            "-t1",
            "-c1",
            f"-d{max(1, round(duration))}s",  # whole seconds only
            "--timeout",
            "10s",
            "-s",
            str(BENCH / "report.lua"),
            url,
        ],
    )
    output = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=duration + 30, check=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["us_per_request"] = result["duration_us"] / max(result["requests"], 1)
    result["errors"] = sum(
        result[key]
        for key in ("connect_errors", "read_errors", "write_errors", "timeouts", "errors_4xx_5xx")
    )
    return result


# ---- phases ----------------------------------------------------------------------------------


def environment(data_dir: Path, database_url: str | None) -> dict:
    env = {**os.environ, "CICA_DATA_DIR": str(data_dir), "CICA_ENV": "local", "CICA_DEBUG": "0"}
    env.pop("CICA_DATABASE_URL", None)
    if database_url:
        env["CICA_DATABASE_URL"] = database_url
    return env


def prepare(scale: float, data_dir: Path, env: dict, seed: int) -> dict:
    """The dataset of a scale: generated once, kept for the next run."""
    dataset_file = data_dir / "bench-dataset.json"
    # A PostgreSQL cluster of scripts/with_postgres.py lives for one run only.
    if dataset_file.exists() and not env.get("CICA_DATABASE_URL"):
        dataset = json.loads(dataset_file.read_text())
        # Its open procedures stay open for days, not weeks: older data is made again.
        fresh = time.time() - dataset_file.stat().st_mtime < 24 * 3600
        current = "a_decision" in dataset  # made by this version of generate.py
        if dataset.get("scale") == scale and dataset.get("seed") == seed and fresh and current:
            print(f"[{scale}x] reusing the data in {data_dir}", flush=True)
            _kept_reads(scale, env)
            return dataset
    data_dir.mkdir(parents=True, exist_ok=True)
    print(f"[{scale}x] generating the data in {data_dir}", flush=True)
    started = time.monotonic()
    subprocess.run(
        [PYTHON, str(BENCH / "generate.py"), "--scale", str(scale), "--seed", str(seed)],
        env=env,
        check=True,
    )
    dataset = json.loads(dataset_file.read_text())
    dataset["generate_s"] = round(time.monotonic() - started, 1)
    dataset["kept_reads_s"] = _kept_reads(scale, env)
    dataset_file.write_text(json.dumps(dataset, indent=1))
    return dataset


def _kept_reads(scale: float, env: dict) -> float:
    """Build the costly reads, as a running deployment's worker has (core.kept): a restart
    keeps them, so the first request of a new process is measured with them there. The
    seconds it took."""
    started = time.monotonic()
    subprocess.run([str(BIN / "cica"), "refresh"], env=env, check=True)
    seconds = round(time.monotonic() - started, 1)
    print(f"[{scale}x] kept reads ready in {seconds} s", flush=True)
    return seconds


def record(env: dict, targets_: list[dict], out: Path) -> dict:
    """Run each target once through Django, recording its SQL (a child process on the data)."""
    spec = Path(tempfile.mkstemp(suffix=".json")[1])
    spec.write_text(json.dumps(targets_))
    subprocess.run([PYTHON, __file__, "--record", str(spec), str(out)], env=env, check=True)
    spec.unlink()
    return json.loads(out.read_text())


def _record_child(spec: Path, out: Path) -> None:
    """For each target: its first request in this fresh process (which builds what is cached),
    the queries of a warm request, the SQL it runs with the cache of derived reads switched off
    (what the floor replays: the work of building it from scratch), and, after the write its
    `change` names, the time of the first read."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache
    from django.db import connection
    from django.test import Client

    from cica.core import cache as cached

    def encode(value):
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)

    def recorder(into: list):
        def record(execute, sql, params, many, context):
            into.append([sql, [encode(p) for p in (params or ())]])
            return execute(sql, params, many, context)

        return record

    anonymous = Client(HTTP_HOST=HOST)
    # Django's own first-request costs (URL resolvers, imports) belong to no target.
    anonymous.get("/api/v1/warm-up"), anonymous.get("/en/warm-up/")
    clients: dict[str, Client] = {}
    edits = iter(range(1, 1_000_000))
    recorded = {}
    for target in json.loads(spec.read_text()):
        client = anonymous
        if target.get("session"):
            client = clients.get(target["session"]) or _signed_in(target["session"])
            clients[target["session"]] = client

        def request(target=target, client=client):
            method = target.get("method", "GET")
            if method == "GET":
                return client.get(target["path"], headers=target.get("headers"))
            body = target["body"].replace("{n}", str(next(edits)))
            return client.generic(
                method,
                target["path"],
                body.encode(),
                content_type="application/json",
                headers=target.get("headers"),
            )

        started = time.perf_counter()
        request()
        first_ms = (time.perf_counter() - started) * 1000
        warm: list = []
        with connection.execute_wrapper(recorder(warm)):
            response = request()
        if response.status_code not in (200, 201):
            raise SystemExit(f"{target['path']} answered {response.status_code}")
        statements: list = []
        cache = caches["records"]
        caches["records"] = DummyCache("", {})  # no page kept whole either
        try:
            with connection.execute_wrapper(recorder(statements)), cached.from_scratch():
                request()
        finally:
            caches["records"] = cache
        recorded[address(target)] = {
            "statements": statements,
            "queries": len(warm),
            "floor_queries": len(statements),
            "first_ms": round(first_ms, 1),
        }
        if target.get("session"):
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            recorded[address(target)]["cookie"] = f"{cookie.key}={cookie.value}"
        if target.get("change"):
            CHANGES[target["change"]]()
            started = time.perf_counter()
            request()
            recorded[address(target)]["after_change_ms"] = round(
                (time.perf_counter() - started) * 1000, 1
            )
    out.write_text(json.dumps(recorded))


def _dataset() -> dict:
    from django.conf import settings

    return json.loads((Path(settings.DATA_DIR) / "bench-dataset.json").read_text())


def _signed_in(username: str):
    """A client signed in as the benchmark's `username`, with the second factor officers and
    delegates must have set up before they read anything."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client

    from cica.accounts.models import User

    user = User.objects.get(username=username)
    if not is_mfa_enabled(user, ["totp"]):
        TOTP.activate(user, generate_totp_secret())
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client


def _officer():
    from cica.accounts.models import User

    return User.objects.get(username="bench-officer")


def _change_state() -> None:
    """A state renamed (to its own names): every read of the registry goes stale."""
    from cica.registry import actions
    from cica.registry.models import State

    dataset = _dataset()
    state = State.objects.get(code=dataset["a_state"])
    actions.rename_state(
        acting_user=_officer(), state=state, name_en=state.name_en, name_ru=state.name_ru
    )


def _change_meeting() -> None:
    from cica.meetings import actions
    from cica.meetings.models import Meeting

    dataset = _dataset()
    meeting = Meeting.objects.get(pk=dataset["a_meeting"])
    actions.update_meeting(acting_user=_officer(), meeting=meeting, title_en=meeting.title_en)


def _change_document() -> None:
    from cica.documents import actions
    from cica.documents.models import Document

    dataset = _dataset()
    document = Document.objects.get(key=dataset["a_document"])
    title = "Документ, правка" if document.title_ru != "Документ, правка" else "Документ"
    actions.update_document(acting_user=_officer(), document=document, title_ru=title)


def _change_procedure() -> None:
    from cica.decisions import actions
    from cica.decisions.models import Procedure

    dataset = _dataset()
    procedure = Procedure.objects.get(pk=dataset["a_procedure"])
    actions.comment(acting_user=_officer(), procedure=procedure, text="A change of the benchmark.")


# The writes a target's "read after a change" follows, each audited as a person's would be.
CHANGES = {
    "state": _change_state,
    "meeting": _change_meeting,
    "document": _change_document,
    "comment": _change_procedure,
}


def measure_reads(
    scale: float, env: dict, targets_: list[dict], recorded_file: Path, args, logs: Path
) -> dict:
    floor_env = {**env, "BENCH_TARGETS": str(recorded_file)}
    if env.get("CICA_DATABASE_URL"):
        floor_env["BENCH_POSTGRES"] = env["CICA_DATABASE_URL"]
    else:
        floor_env["BENCH_SQLITE"] = str(Path(env["CICA_DATA_DIR"]) / "cica.sqlite3")
    servers = []
    try:
        target = Server(
            "cica serve",
            [
                *[str(BIN / "cica"), "serve", "--host", HOST, "--port", "{port}"],
                *["--workers", "1", "--with-worker"],
            ],
            env,
            logs / "server.log",
        )
        servers.append(target)
        floor = Server("floor", _gunicorn("floor:app", BENCH), floor_env, logs / "floor.log")
        servers.append(floor)
        django_floor = Server(
            "django floor",
            _gunicorn("floor:django_app", BENCH),
            {**env, "BENCH_FLOOR": "django"},
            logs / "django-floor.log",
        )
        servers.append(django_floor)
        for item in targets_:  # warm-up, not measured
            wrk(target.url + item["path"], duration=1, target=item)
            wrk(floor.url + item["path"], duration=1, target={"method": item.get("method", "GET")})
        rows = {item["name"]: {"target": [], "floor": [], "ratio": []} for item in targets_}
        constant = []
        for round_ in range(args.rounds):
            print(f"[{scale}x] round {round_ + 1} of {args.rounds}", flush=True)
            constant.append(wrk(django_floor.url + "/", duration=args.duration))
            for item in targets_:
                f = wrk(
                    floor.url + item["path"],
                    duration=args.duration,
                    target={"method": item.get("method", "GET")},
                )
                t = wrk(target.url + item["path"], duration=args.duration, target=item)
                row = rows[item["name"]]
                row["floor"].append(f)
                row["target"].append(t)
                row["ratio"].append(t["us_per_request"] / f["us_per_request"])
    finally:
        for server in servers:
            server.stop()
    recorded = json.loads(recorded_file.read_text())
    report = {}
    for item in targets_:
        row = rows[item["name"]]
        report[item["name"]] = {
            "path": item["path"],
            "kind": item["kind"],
            "rps": round(statistics.median(r["rps"] for r in row["target"]), 1),
            "p50_ms": round(statistics.median(r["p50_us"] for r in row["target"]) / 1000, 2),
            "p99_ms": round(statistics.median(r["p99_us"] for r in row["target"]) / 1000, 2),
            "errors": sum(r["errors"] for r in row["target"]),
            "queries": recorded[address(item)]["queries"],
            "floor_queries": recorded[address(item)]["floor_queries"],
            "first_ms": recorded[address(item)]["first_ms"],
            "after_change_ms": recorded[address(item)].get("after_change_ms"),
            "floor_rps": round(statistics.median(r["rps"] for r in row["floor"]), 1),
            "ratio": round(statistics.median(row["ratio"]), 2),
            "ratios": [round(r, 2) for r in row["ratio"]],
        }
    report["_django_constant"] = {
        "rps": round(statistics.median(r["rps"] for r in constant), 1),
        "p50_ms": round(statistics.median(r["p50_us"] for r in constant) / 1000, 2),
    }
    return report


def measure_writes(scale: float, env: dict, dataset: dict, seconds: float, logs: Path) -> dict:
    """20 delegates write at once for a bounded time; then every acknowledged write is checked."""
    tokens = [
        t for name, t in sorted(dataset["tokens"].items()) if name.startswith("bench-delegate")
    ]
    out = logs / f"writes-{scale}.json"
    server = Server(
        "cica serve",
        [str(BIN / "cica"), "serve", "--host", HOST, "--port", "{port}", "--workers", "1"],
        env,
        logs / "server-writes.log",
    )
    try:
        print(f"[{scale}x] writes: {len(tokens)} delegates for {seconds} s", flush=True)
        subprocess.run(
            _pinned(
                LOAD_CORE,
                [PYTHON, __file__, "--writes-load", str(server.port), str(seconds), str(out)],
            ),
            input=json.dumps({"tokens": tokens, "procedures": dataset["open_procedures"]}),
            text=True,
            check=True,
            timeout=seconds + 120,
        )
    finally:
        server.stop()
    result = json.loads(out.read_text())
    checked = subprocess.run(
        [PYTHON, __file__, "--writes-check", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result.update(json.loads(checked.strip().splitlines()[-1]))
    result.pop("markers")
    return result


# ---- reporting -------------------------------------------------------------------------------


def machine() -> dict:
    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "system": platform.platform()}


def versions(env: dict) -> dict:
    code = (
        "import django, sqlite3, sys; import cica.settings as s;"
        "print(sys.version.split()[0], django.get_version(), sqlite3.sqlite_version)"
    )
    python, django_version, sqlite = subprocess.run(
        [PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    return {"python": python, "django": django_version, "sqlite": sqlite, "wrk": wrk_version}


# The issues' goals, as ratios to the floor: reported, never asserted. JSON lists and details
# (issue 17); the pages people read, and what a signed-in reader opens, and writes (issue 19).
GOALS = {"list": 2.0, "detail": 2.0, "page": 3.0, "signed-in": 5.0, "write": 5.0}
# No read waits longer than this after a change, nor a public page after a restart (issue 19).
WAIT_GOAL_MS = 1000
# Paginated lists at the largest scale: within this factor of their own ratio at the smallest.
SCALING_GOAL = 1.5


def markdown(report: dict) -> str:
    lines = [
        f"# Benchmark, {report['date']}",
        "",
        f"{report['machine']['cpu']}, {report['machine']['cores']} cores;"
        f" Python {report['versions']['python']}, Django {report['versions']['django']},"
        f" SQLite {report['versions']['sqlite']}, wrk {report['versions']['wrk']};"
        f" database {report['database']}.",
        f"Command: `{report['command']}`. Each target and its floor {report['rounds']} rounds of"
        f" {report['duration']} s, one connection; ratio = median over the rounds of time per"
        " request, target / floor (the same SQL on the same database, served by a bare WSGI app"
        " with orjson).",
        "",
    ]
    for scale, data in report["scales"].items():
        reads = data["reads"]
        constant = reads["_django_constant"]
        lines += [
            f"## {scale}x",
            "",
            f"Measured {data.get('date', report['date'])}."
            f" Data: {json.dumps(data['counts'])}; generated in {data.get('generate_s', '?')} s."
            f" Django with no middleware, a constant: {constant['rps']} req/s,"
            f" p50 {constant['p50_ms']} ms.",
            "",
            "| target | req/s | p50 ms | p99 ms | errors | queries | floor queries | first ms"
            " | after a change ms | floor req/s | ratio | goal |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, row in reads.items():
            if name.startswith("_"):
                continue
            goal = GOALS.get(row.get("kind"))
            verdicts = [_verdict(row["ratio"], goal)]
            if row.get("kind") == "page":
                verdicts.append(_wait(row.get("first_ms"), "first"))
            verdicts.append(_wait(row.get("after_change_ms"), "after a change"))
            lines.append(
                f"| {name} | {row['rps']} | {row['p50_ms']} | {row['p99_ms']} | {row['errors']}"
                f" | {row['queries']} | {row.get('floor_queries', '')} | {row.get('first_ms', '')}"
                f" | {row.get('after_change_ms') or ''} | {row['floor_rps']} | {row['ratio']}"
                f" | {'; '.join(v for v in verdicts if v)} |"
            )
        w = data["writes"]
        lines += [
            "",
            f"Writes: {w['clients']} delegates for {w['seconds']} s:"
            f" {w['acknowledged']['comment']} comments and {w['acknowledged']['break']} breaks"
            f" acknowledged, {w['writes_per_s']} writes/s, p50 {w['p50_ms']} ms,"
            f" p99 {w['p99_ms']} ms, {w['refused_409']} refused (409: already broken),"
            f" {len(w['errors'])} errors. Checked {w['checked']}: {w['lost']} lost,"
            f" {w['duplicated']} duplicated, {w['without_audit_entry']} without an audit entry.",
            "",
        ]
    if len(report["scales"]) > 1:
        lines += scaling(report)
    return "\n".join(lines) + "\n"


def _verdict(value: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return f"≤ {goal}: {'met' if value <= goal else 'not met'}"


def _wait(ms: float | None, what: str) -> str:
    if ms is None:
        return ""
    return f"{what} ≤ {WAIT_GOAL_MS} ms: {'met' if ms <= WAIT_GOAL_MS else 'not met'}"


def scaling(report: dict) -> list[str]:
    """Each target's ratio at every scale, and the lists' largest over smallest."""
    scales = list(report["scales"])
    first, last = report["scales"][scales[0]]["reads"], report["scales"][scales[-1]]["reads"]
    lines = [
        "## Scaling",
        "",
        "Each target's ratio to the floor at each scale; for the paginated lists, the goal is a"
        f" ratio at {scales[-1]}x within {SCALING_GOAL}x of the ratio at {scales[0]}x.",
        "",
        "| target | "
        + " | ".join(f"{scale}x" for scale in scales)
        + f" | {scales[-1]}x / {scales[0]}x | goal |",
        "|---|" + "---:|" * (len(scales) + 2),
    ]
    for name, row in first.items():
        if name.startswith("_"):
            continue
        ratios = [report["scales"][scale]["reads"][name]["ratio"] for scale in scales]
        growth = round(last[name]["ratio"] / row["ratio"], 2)
        goal = SCALING_GOAL if row.get("kind") == "list" else None
        lines.append(
            f"| {name} | " + " | ".join(str(r) for r in ratios) + f" | {growth}"
            f" | {_verdict(growth, goal)} |"
        )
    return [*lines, ""]


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--record":
        _record_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == "--writes-load":
        sys.path.insert(0, str(BENCH))
        import writes

        given = json.loads(sys.stdin.read())
        result = writes.load(
            int(sys.argv[2]), given["tokens"], given["procedures"], float(sys.argv[3])
        )
        Path(sys.argv[4]).write_text(json.dumps(result))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--writes-check":
        sys.path.insert(0, str(BENCH))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")
        import django

        django.setup()
        import writes

        print(json.dumps(writes.check(json.loads(Path(sys.argv[2]).read_text())["markers"])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=3, help="seconds per run of wrk")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write-seconds", type=float, default=20)
    parser.add_argument("--smoke", action="store_true", help="scale 0.01, short runs, no results")
    parser.add_argument(
        "--add", action="store_true", help="add these scales to the last results of the database"
    )
    args = parser.parse_args()
    for tool in ("wrk",):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: apt-get install {tool}")
    if args.smoke:
        args.scales, args.rounds, args.duration, args.write_seconds = "0.01", 1, 1, 3
    database_url = os.environ.get("CICA_DATABASE_URL")
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
        "machine": machine(),
        "database": "postgresql" if database_url else "sqlite",
        "rounds": args.rounds,
        "duration": args.duration,
        "scales": {},
    }
    work = Path(tempfile.mkdtemp(prefix="cica-bench-"))
    try:
        for text in args.scales.split(","):
            scale = float(text) if "." in text else int(text)
            # The smoke run's data goes with it; the others' is kept for the next run.
            data_dir = work / "data" if args.smoke else DATA / f"{report['database']}-{scale}x"
            env = environment(data_dir, database_url)
            dataset = prepare(scale, data_dir, env, args.seed)
            report.setdefault("versions", versions(env))
            targets_ = targets(dataset)
            recorded_file = work / f"recorded-{scale}.json"
            recorded = record(env, targets_, recorded_file)
            # What the changes of the recording made stale, built before the timed runs, as the
            # worker would (the server's own worker is there for what they change themselves).
            _kept_reads(scale, env)
            for item in targets_:  # a signed-in page's requests carry the session
                if "cookie" in recorded[address(item)]:
                    item["headers"] = {"Cookie": recorded[address(item)]["cookie"]}
            reads = measure_reads(scale, env, targets_, recorded_file, args, work)
            report["scales"][str(scale)] = {
                "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "counts": dataset["counts"],
                "generate_s": dataset.get("generate_s"),
                "reads": reads,
                "writes": measure_writes(scale, env, dataset, args.write_seconds, work),
            }
        previous = RESULTS / f"bench-{report['database']}.json"
        if args.add and previous.exists():
            # The earlier scales first, as measured then, each with its own date.
            report["scales"] = {**json.loads(previous.read_text())["scales"], **report["scales"]}
        errors = sum(
            row["errors"]
            for data in report["scales"].values()
            for name, row in data["reads"].items()
            if not name.startswith("_")
        ) + sum(
            len(data["writes"]["errors"]) + data["writes"]["lost"] + data["writes"]["duplicated"]
            for data in report["scales"].values()
        )
        text = markdown(report)
        print(text)
        if not args.smoke:
            RESULTS.mkdir(exist_ok=True)
            stamp = report["date"][:10]
            (RESULTS / f"bench-{report['database']}.json").write_text(json.dumps(report, indent=1))
            (RESULTS / f"bench-{report['database']}.md").write_text(text)
            print(f"written: bench/results/bench-{report['database']}.json and .md ({stamp})")
        if errors:
            print(f"{errors} requests failed", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
