"""The load of bench/soak.py: the public reads, delegates read, delegates write, 95 : 4 : 1.

Run by bench/soak.py as a headless locust subprocess (locust runs on gevent: never import this
in another process). What it needs comes from the JSON file named by SOAK_FIXTURE (ids, keys,
API tokens of delegates, open silence procedures); every request is recorded and the lot
written to SOAK_OUT when the test stops, for soak.py to compute its figures per request class.

Each user makes SOAK_USER_RATE requests a second (one every 5 s by default), starting at a random
moment of its first period so that the users do not arrive together: with users in the ratio of
the weights (100 users: 95, 4 and 1), requests are in that ratio too.
"""

import itertools
import json
import os
import random
import time
import uuid
from pathlib import Path

import gevent
from locust import HttpUser, events, task

FIXTURE = json.loads(Path(os.environ["SOAK_FIXTURE"]).read_text())
OUT = Path(os.environ["SOAK_OUT"])
PERIOD = 1 / float(os.environ.get("SOAK_USER_RATE", "0.2"))  # seconds between requests
CLASSES = ("public", "delegate", "write")

# One row per request: seconds since the start, class, status (0: no answer), milliseconds.
_records: list[tuple[float, int, int, float]] = []
_started = time.monotonic()
_tokens = itertools.count()  # a delegate per user, in turn


@events.test_start.add_listener
def _start(**_kwargs):
    global _started
    _started = time.monotonic()


@events.request.add_listener
def _record(name, response_time, response, context, exception, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    kind = CLASSES.index(context.get("class", "public"))
    _records.append((round(time.monotonic() - _started, 3), kind, status, round(response_time, 2)))


@events.test_stop.add_listener
def _write(environment, **_kwargs):
    runner = environment.runner
    OUT.write_text(
        json.dumps(
            {
                "classes": CLASSES,
                "records": _records,
                "users": getattr(runner, "final_user_classes_count", {}),
                # Locust warns when its own process passes 90% of a core: its timings are then
                # the load generator's as much as the server's.
                "load_generator_cpu_warning": bool(getattr(runner, "cpu_warning_emitted", False)),
            }
        )
    )


class _Client(HttpUser):
    abstract = True
    request_class = "public"

    def on_start(self):
        # Not locust's constant_throughput: it paces from the moment the user is created, so
        # users spawned together stay in step and arrive in bursts whatever the first delay.
        gevent.sleep(random.uniform(0, PERIOD))
        self._due = time.monotonic()

    def wait_time(self) -> float:
        """One request every PERIOD seconds on the user's own schedule; none are made up for
        when the server was slow."""
        now = time.monotonic()
        self._due = max(self._due + PERIOD, now)
        return self._due - now

    def context(self) -> dict:
        return {"class": self.request_class}

    def get(self, path: str, name: str, **kwargs):
        return self.client.get(path, name=f"{self.request_class}: {name}", **kwargs)


class PublicReader(_Client):
    """Anyone: the open-data API, search, the portal's pages, the calendar feed."""

    weight = 95
    request_class = "public"

    @task(5)
    def states(self):
        self.get("/api/v1/states?page_size=50", "GET /api/v1/states")

    @task(6)
    def state(self):
        code = random.choice(FIXTURE["states"])
        self.get(f"/api/v1/states/{code}", "GET /api/v1/states/{code}")

    @task(5)
    def meetings(self):
        page = random.randint(1, FIXTURE["meeting_pages"])
        self.get(f"/api/v1/meetings?page_size=50&page={page}", "GET /api/v1/meetings")

    @task(6)
    def meeting(self):
        meeting = random.choice(FIXTURE["meetings"])
        self.get(f"/api/v1/meetings/{meeting}", "GET /api/v1/meetings/{id}")

    @task(5)
    def documents(self):
        page = random.randint(1, FIXTURE["document_pages"])
        self.get(f"/api/v1/documents?page_size=50&page={page}", "GET /api/v1/documents")

    @task(6)
    def document(self):
        key = random.choice(FIXTURE["documents"])
        self.get(f"/api/v1/documents/{key}", "GET /api/v1/documents/{key}")

    @task(8)
    def search(self):
        term = random.choice(FIXTURE["search_terms"])
        self.get(f"/api/v1/search?q={term}", "GET /api/v1/search")

    @task(3)
    def decisions(self):
        self.get("/api/v1/decisions?page_size=50", "GET /api/v1/decisions")

    @task(3)
    def decision(self):
        decision = random.choice(FIXTURE["decisions"])
        self.get(f"/api/v1/decisions/{decision}", "GET /api/v1/decisions/{id}")

    @task(2)
    def activities(self):
        self.get("/api/v1/cbm/activities?page_size=50", "GET /api/v1/cbm/activities")

    @task(1)
    def review(self):
        self.get("/api/v1/cbm/review", "GET /api/v1/cbm/review")

    @task(1)
    def figures(self):
        self.get("/api/v1/figures", "GET /api/v1/figures")

    @task(3)
    def calendar(self):
        self.get("/api/v1/meetings.ics", "GET /api/v1/meetings.ics")

    @task(10)
    def home(self):
        language = random.choice(("en", "en", "en", "ru"))
        self.get(f"/{language}/", "GET /{lang}/ (home)")

    @task(3)
    def state_list_page(self):
        self.get("/en/states/", "GET /en/states/")

    @task(3)
    def meeting_list_page(self):
        self.get("/en/meetings/", "GET /en/meetings/")

    @task(3)
    def document_list_page(self):
        self.get("/en/documents/", "GET /en/documents/")

    @task(2)
    def decision_list_page(self):
        self.get("/en/decisions/", "GET /en/decisions/")

    @task(3)
    def search_page(self):
        term = random.choice(FIXTURE["search_terms"])
        self.get(f"/en/documents/search/?q={term}", "GET /en/documents/search/")

    @task(2)
    def state_page(self):
        code = random.choice(FIXTURE["states"])
        self.get(f"/en/states/{code}/", "GET /en/states/{code}/")


class _Delegate(_Client):
    abstract = True

    def on_start(self):
        tokens = FIXTURE["delegate_tokens"]
        token = tokens[next(_tokens) % len(tokens)]
        self.client.headers["Authorization"] = f"Bearer {token}"
        super().on_start()


class DelegateReader(_Delegate):
    """A delegation follows its procedures with its API token: no session, so no TOTP."""

    weight = 4
    request_class = "delegate"

    @task(2)
    def me(self):
        self.get("/api/v1/me", "GET /api/v1/me")

    @task(3)
    def open_procedures(self):
        path = "/api/v1/procedures?status=open&page_size=20"
        self.get(path, "GET /api/v1/procedures?status=open")

    @task(1)
    def procedures(self):
        self.get("/api/v1/procedures?page_size=20", "GET /api/v1/procedures")

    @task(4)
    def procedure(self):
        procedure = random.choice(FIXTURE["open_procedures"])
        self.get(f"/api/v1/procedures/{procedure}", "GET /api/v1/procedures/{id}")

    @task(1)
    def draft(self):
        draft = random.choice(FIXTURE["drafts"])
        self.get(f"/api/v1/drafts/{draft}", "GET /api/v1/drafts/{id}")

    @task(2)
    def audit(self):
        after = max(0, FIXTURE["audit_head"] - random.randint(0, 1000))
        self.get(f"/api/v1/audit?after={after}&page_size=50", "GET /api/v1/audit")


class DelegateWriter(_Delegate):
    """A delegation comments on an open silence procedure: an audited write, blocking nothing.

    Each comment carries the run's marker, so that soak.py finds every acknowledged one."""

    weight = 1
    request_class = "write"

    @task
    def comment(self):
        procedure = random.choice(FIXTURE["open_procedures"])
        self.client.post(
            f"/api/v1/procedures/{procedure}/comments",
            json={"text": f"{FIXTURE['marker']} {uuid.uuid4()}"},
            name="write: POST /api/v1/procedures/{id}/comments",
        )
