"""Seeded synthetic data for the benchmark suite, on top of the CICA reference data.

    python bench/generate.py --scale 1 [--seed 7]      # 0.01 for a smoke run; 10, 100

It works on the database the environment configures (CICA_DATA_DIR, or CICA_DATABASE_URL):
migrate and collect the static files (as `cica init` does), load the reference data if the
registry is empty, then add, per unit of scale, 2,000 meetings with their delegations, 5,000
silence procedures (drafts, versions, eligible states, comments, breaks, the decisions adopted),
20,000 CBM activities and 10,000 bilingual documents indexed for search, with 100,000 audit
entries in all, the hash chain continued from its head. Member states grow toward UN scale
(about 50 at scale 1, 120 at 10, 200 at 100) with real countries that hold no status yet.
Accounts: bench-officer, bench-delegate-01..20 and bench-observer with API tokens; a
synthetic-delegate-xx of every other member state and a synthetic-observer-xx of every other
observer write comments and breaks. What the benchmark needs (ids, tokens, counts, the search
terms) is returned and written to $CICA_DATA_DIR/bench-dataset.json.

Rows go in with bulk_create (executemany or COPY for the append-only bulk), a transaction per
batch. The same seed gives the same rows on the same (UTC) day, on SQLite and PostgreSQL alike:
dates are placed relative to that day, so that open procedures stay open.
"""

import argparse
import bisect
import datetime as dt
import importlib.util
import itertools
import json
import math
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Rows at scale 1; each is multiplied by the scale, rounded, and at least 1.
VOLUMES = {
    "documents": 10_000,
    "meetings": 2_000,
    "procedures": 5_000,
    "activities": 20_000,
    "audit": 100_000,
}
# Member states wanted on the day of the run, by scale (interpolated on a log scale).
MEMBER_TARGETS = [(0.01, 30), (1, 50), (10, 120), (100, 200)]
RARE_PER_100K = 10  # documents holding the rare search term per 100,000
BATCH = 1000  # rows of the main table per transaction; documents are indexed this many at once
BULK = 1000  # bulk_create's batch_size
OPEN_SHARE = 0.10  # silence procedures still open, their deadlines in the future
BREAK_SHARE = 0.08  # past silence procedures whose silence was broken
SYNTHETIC_NOTE = "Synthetic member state for the benchmark (bench/generate.py)."
DATASET_FILE = "bench-dataset.json"


def _load_search_bench():
    """bench/search.py's vocabulary and document generator (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


search_bench = _load_search_bench()

# ---- data the generator draws from -----------------------------------------------------------

# Meeting titles by body: the reference data's wording.
MEETING_BODIES = {
    # key: (weight, English title, Russian title, longest duration in days)
    "summit": (2, "Summit", "Саммит СВМДА", 1),
    "ministerial": (5, "Ministerial Meeting", "Совещание министров иностранных дел", 1),
    "soc": (25, "Senior Officials Committee", "Комитет старших должностных лиц", 2),
    "swg": (25, "Special Working Group", "Специальная рабочая группа", 2),
    "experts_meeting": (20, "Meeting of experts", "Совещание экспертов", 2),
    "specialised_meeting": (15, "Specialised meeting", "Специализированное совещание", 2),
    "think_tank_forum": (3, "Think Tank Forum", "Форум аналитических центров", 1),
    "business_council": (2, "Business Council", "Деловой совет", 1),
    "youth_council": (3, "Youth Council", "Молодежный совет", 2),
}
MEETING_KINDS = {"regular": 75, "special": 8, "informal": 14, "preparatory": 3}
MEETING_FORMATS = {"in_person": 75, "online": 10, "hybrid": 12, "unga_sidelines": 3}
LEVELS = {
    "head_of_state": 2,
    "vice_president": 1,
    "minister": 8,
    "deputy_minister": 15,
    "ambassador": 40,
    "expert": 34,
}
# The bodies that decide by silence procedure, and how often each does.
PROCEDURE_BODIES = {"soc": 60, "swg": 20, "ministerial": 15, "summit": 5}
ACTIVITY_KINDS = {
    "event": 15,
    "workshop": 25,
    "seminar": 20,
    "training": 15,
    "experts_meeting": 15,
    "exchange": 5,
    "report": 5,
}
ACTIVITY_TITLES = {
    "event": "Event on",
    "workshop": "Workshop on",
    "seminar": "Seminar on",
    "training": "Training course on",
    "experts_meeting": "Meeting of experts on",
    "exchange": "Exchange of experience on",
    "report": "Report on",
}
COMMENTS = [
    "We support the draft as circulated.",
    "Our delegation suggests aligning the Russian text with the English in paragraph 2.",
    "We would welcome a reference to the Catalogue of CBMs.",
    "No objection; we thank the Secretariat for the preparation.",
    "Could the Secretariat clarify the budgetary implications?",
    "We join the consensus and ask that our remark be noted.",
]
BREAK_REASONS = [
    "The draft needs further consultations among the member states.",
    "Paragraph 3 does not reflect the agreed language of the previous decision.",
    "Our capital has not completed its internal procedures.",
]
RETURN_NOTE = "Add the list of participating states and the dates."
# Capitals of the states in the reference data; other states meet in a subdivision's name.
CAPITALS = {
    "AE": "Abu Dhabi", "AF": "Kabul", "AZ": "Baku", "BD": "Dhaka", "BH": "Manama",
    "BY": "Minsk", "CN": "Beijing", "EG": "Cairo", "ID": "Jakarta", "IL": "Jerusalem",
    "IN": "New Delhi", "IQ": "Baghdad", "IR": "Tehran", "JO": "Amman", "JP": "Tokyo",
    "KG": "Bishkek", "KH": "Phnom Penh", "KR": "Seoul", "KW": "Kuwait City", "KZ": "Astana",
    "LA": "Vientiane", "LK": "Colombo", "MN": "Ulaanbaatar", "MY": "Kuala Lumpur",
    "PH": "Manila", "PK": "Islamabad", "PS": "Ramallah", "QA": "Doha", "RU": "Moscow",
    "SA": "Riyadh", "TH": "Bangkok", "TJ": "Dushanbe", "TM": "Ashgabat", "TR": "Ankara",
    "UA": "Kyiv", "US": "Washington", "UZ": "Tashkent", "VN": "Hanoi",
}  # fmt: skip


def volume(name: str, scale: float) -> int:
    return max(1, round(VOLUMES[name] * scale))


def member_target(scale: float) -> int:
    """About 50 member states at scale 1, 120 at 10, 200 at 100: linear in log10(scale)."""
    points = [(math.log10(s), n) for s, n in MEMBER_TARGETS]
    x = math.log10(scale)
    if x <= points[0][0]:
        return points[0][1]
    for (x0, n0), (x1, n1) in itertools.pairwise(points):
        if x <= x1:
            return round(n0 + (x - x0) / (x1 - x0) * (n1 - n0))
    (x0, n0), (x1, n1) = points[-2:]
    return round(n1 + (x - x1) / (x1 - x0) * (n1 - n0))


def _weighted(rng: random.Random, table: dict):
    return rng.choices(
        list(table), weights=[v if isinstance(v, int) else v[0] for v in table.values()]
    )[0]


def _utc(day: dt.date, seconds: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


class DocumentGenerator(search_bench.Generator):
    """bench/search.py's documents with shorter texts (60-120 words a language): indexing is the
    slow part of the generation. The rare term is in RARE_PER_100K documents per 100,000."""

    def __init__(self, docs: int, seed: int) -> None:
        super().__init__(docs, seed)
        rare = max(1, round(docs * RARE_PER_100K / 100_000))
        self.rare = set(self.rng.sample(range(docs), min(rare, docs)))

    def text(self, lang: str, inject: list[str], low: int = 60, high: int = 120) -> str:
        items, cumulative, stops = self.vocab[lang]
        rng = self.rng
        count = rng.randint(low, high)
        content = rng.choices(items, cum_weights=cumulative, k=count)
        before = rng.choices(stops, k=count)
        tokens = [f"{s} {w}" if s else w for s, w in zip(before, content, strict=True)]
        for word in inject:
            tokens.insert(rng.randrange(len(tokens) + 1), word)
        sentences, at = [], 0
        while at < len(tokens):
            length = rng.randint(8, 18)
            sentence = " ".join(tokens[at : at + length])
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            at += length
        return " ".join(sentences)


# ---- membership, the audit chain -------------------------------------------------------------


class Membership:
    """Who is a member state on any date, computed once: statuses change only on their ends.

    Uses registry.rules.compute_status, the rule queries.members_on computes in SQL.
    """

    def __init__(self) -> None:
        from cica.registry import rules
        from cica.registry.models import MembershipStatus

        by_state: dict[int, list] = {}
        changes = set()
        for record in MembershipStatus.objects.filter(state__isnull=False):
            by_state.setdefault(record.state_id, []).append(record)
            if record.valid_from:
                changes.add(record.valid_from)
            if record.valid_to:
                changes.add(record.valid_to + dt.timedelta(days=1))
        self.points = [dt.date.min, *sorted(changes)]
        self.sets = [
            tuple(
                sorted(
                    pk
                    for pk, records in by_state.items()
                    if rules.compute_status(records, day) == "member"
                )
            )
            for day in self.points
        ]

    def first_day(self, members: int) -> dt.date:
        """The first day with at least this many member states."""
        return next(
            day for day, ids in zip(self.points, self.sets, strict=True) if len(ids) >= members
        )

    def on(self, day: dt.date) -> tuple[int, ...]:
        """The member states' ids on `day`, sorted."""
        return self.sets[bisect.bisect_right(self.points, day) - 1]


class Entry:
    """An audit entry before it is written: what `audit.compute_hash` reads, and no more (a
    model instance costs more to build than the hash)."""

    __slots__ = (
        "action",
        "actor_id",
        "actor_label",
        "at",
        "hash",
        "object_id",
        "object_type",
        "payload",
        "prev_hash",
        "seq",
    )

    def __init__(self, **values) -> None:
        for name, value in values.items():
            setattr(self, name, value)


class Chain:
    """Continues the audit log's hash chain in memory; `flush` writes the entries in bulk.

    Each entry is built as `audit.record` builds it (seq, prev_hash, hash by audit.compute_hash);
    payloads hold JSON-native values only, so they are stored as they were hashed.
    """

    COLUMNS = [
        "seq",
        "at",
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "payload",
        "prev_hash",
        "hash",
    ]

    def __init__(self) -> None:
        from cica.core import audit
        from cica.core.models import AuditEntry

        self._compute_hash, self._model = audit.compute_hash, AuditEntry
        head = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        self.seq = head.seq if head else 0
        self.hash = head.hash if head else audit.GENESIS_HASH
        self.pending: list[Entry] = []
        self.added = 0

    def append(self, *, at, actor, action: str, obj_type: str = "", obj_id="", payload=None):
        self.seq += 1
        entry = Entry(
            seq=self.seq,
            at=at,
            actor_id=actor.pk if actor is not None else None,
            actor_label=actor.username if actor is not None else "system",
            action=action,
            object_type=obj_type,
            object_id=str(obj_id),
            payload=payload or {},
            prev_hash=self.hash,
        )
        entry.hash = self._compute_hash(entry)
        self.hash = entry.hash
        self.pending.append(entry)
        self.added += 1
        return entry

    def flush(self) -> None:
        """Write the pending entries; call inside the batch's transaction."""
        from django.db import connection

        at_field = self._model._meta.get_field("at")
        payload_field = self._model._meta.get_field("payload")
        rows = [
            (
                e.seq,
                at_field.get_db_prep_save(e.at, connection),
                e.actor_id,
                e.actor_label,
                e.action,
                e.object_type,
                e.object_id,
                payload_field.get_db_prep_save(e.payload, connection),
                e.prev_hash,
                e.hash,
            )
            for e in self.pending
        ]
        insert_rows(self._model, self.COLUMNS, rows)
        self.pending = []


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows of values ready for the database, in one go: executemany on SQLite, COPY on
    PostgreSQL. For the append-only bulk (audit entries, many-to-many rows, delegations,
    comments): bulk_create's SQL compilation costs more than the inserts at these volumes."""
    from django.db import connection

    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


class Run:
    """What the phases share: the clock of the run, accounts, membership, the chain, figures."""

    def __init__(self, scale: float, seed: int, progress) -> None:
        from cica.core import clock

        self.scale, self.seed, self.progress = scale, seed, progress
        # The run's "now" is the start of the UTC day: every generated act happened before it,
        # and the same seed gives the same rows all day. Astana's date is the same at that hour.
        self.generated_at = clock.now()
        self.now = self.generated_at.replace(hour=0, minute=0, second=0, microsecond=0)
        self.today = self.now.astimezone(clock.ASTANA).date()
        self.timings: dict[str, float] = {}
        self.tokens: dict[str, str] = {}
        self.officer = None
        self.delegates: dict[int, object] = {}  # state id -> a delegate account
        self.observers: list = []
        self.codes: dict[int, str] = {}
        self.cities: dict[int, str] = {}
        self.membership: Membership | None = None
        self.chain: Chain | None = None
        self.a_document = None
        self.open_procedures: list[int] = []
        self.a_meeting = None
        self.a_procedure = None

    def rng(self, phase: str) -> random.Random:
        """A generator of its own per phase: changing one phase leaves the others' data alone."""
        return random.Random(f"{self.seed}-{phase}")

    def phase(self, name: str, total: int):
        return Phase(self, name, total)


class Phase:
    """Times a phase and prints a line about every tenth of it."""

    def __init__(self, run: Run, name: str, total: int) -> None:
        self.run, self.name, self.total = run, name, total
        self.started = time.perf_counter()
        self.tenths = 1

    def advance(self, done: int) -> None:
        if self.total < 10 * BATCH or done >= self.total or done * 10 < self.tenths * self.total:
            return
        while done * 10 >= self.tenths * self.total:
            self.tenths += 1
        elapsed = time.perf_counter() - self.started
        self.run.progress(
            f"  {self.name}: {done:,}/{self.total:,} ({done / self.total:.0%}), {elapsed:.1f} s"
        )

    def end(self, summary: str) -> None:
        elapsed = time.perf_counter() - self.started
        self.run.timings[self.name] = round(elapsed, 2)
        self.run.progress(f"{self.name}: {summary} in {elapsed:.1f} s")


# ---- phases ----------------------------------------------------------------------------------


def add_member_states(run: Run) -> None:
    """Real countries that hold no status yet become members from a date in the 2000s."""
    from django.db import transaction

    from cica.registry import queries
    from cica.registry.models import MembershipStatus, State

    phase = run.phase("states", 1)
    rng = run.rng("states")
    current = queries.members_on(run.today).count()
    with_status = MembershipStatus.objects.filter(state__isnull=False).values("state_id")
    candidates = list(
        State.objects.exclude(pk__in=with_status).order_by("code").values_list("pk", flat=True)
    )
    rng.shuffle(candidates)
    wanted = max(0, min(member_target(run.scale) - current, len(candidates)))
    statuses = [
        MembershipStatus(
            state_id=pk,
            status=MembershipStatus.Status.MEMBER,
            basis=MembershipStatus.Basis.ADMISSION,
            valid_from=_day_between(rng, dt.date(2000, 1, 1), dt.date(2009, 12, 31)),
            note=SYNTHETIC_NOTE,
        )
        for pk in candidates[:wanted]
    ]
    with transaction.atomic():
        MembershipStatus.objects.bulk_create(statuses, batch_size=BULK)
    run.membership = Membership()
    run.codes = dict(State.objects.values_list("pk", "code"))
    run.cities = {pk: _city(code) for pk, code in run.codes.items()}
    phase.end(f"{wanted} member states added, {len(run.membership.on(run.today))} in all")


def _city(code: str) -> str:
    """Where a state hosts: its capital if we know it, else a subdivision's name (pycountry)."""
    if code in CAPITALS:
        return CAPITALS[code]
    import pycountry

    subdivisions = sorted(pycountry.subdivisions.get(country_code=code) or [], key=lambda s: s.code)
    if subdivisions:
        return subdivisions[0].name[:100]
    country = pycountry.countries.get(alpha_2=code)
    return country.name[:100] if country else code


def create_accounts(run: Run) -> None:
    """The benchmark's accounts with tokens, and a delegate of every other member state and an
    observer of every other observer, who write the comments and the breaks."""
    from cica.accounts.actions import create_user, issue_api_token
    from cica.core.roles import SYSTEM
    from cica.registry import queries

    phase = run.phase("accounts", 1)
    rng = run.rng("accounts")
    members = sorted(queries.members_on(run.today).values_list("code", flat=True))
    observer_states = sorted(
        queries.list_states(as_of=run.today, status="observer").values_list("code", flat=True)
    )
    observer_orgs = sorted(
        queries.list_organizations(as_of=run.today, status="observer").values_list(
            "code", flat=True
        )
    )
    chosen = sorted(rng.sample(members, min(20, len(members))))

    def account(username: str, role: str, token: bool, **affiliation):
        user = create_user(acting_user=SYSTEM, username=username, role=role, **affiliation)
        if token:
            run.tokens[username] = issue_api_token(acting_user=SYSTEM, user=user, name="bench")
        return user

    run.officer = account("bench-officer", "secretariat", True)
    for number, code in enumerate(chosen, 1):
        user = account(f"bench-delegate-{number:02d}", "delegate", True, state_code=code)
        run.delegates[user.state_id] = user
    for code in members:
        if code not in chosen:
            user = account(f"synthetic-delegate-{code.lower()}", "delegate", False, state_code=code)
            run.delegates[user.state_id] = user
    if observer_states:
        run.observers.append(
            account("bench-observer", "observer", True, state_code=observer_states[0])
        )
    for code in observer_states[1:]:
        run.observers.append(
            account(f"synthetic-observer-{code.lower()}", "observer", False, state_code=code)
        )
    for code in observer_orgs:
        run.observers.append(
            account(f"synthetic-observer-{code.lower()}", "observer", False, organization_code=code)
        )
    phase.end(f"{len(run.tokens)} accounts with tokens, {len(run.delegates)} delegates in all")


def generate_documents(run: Run, total: int, audit_target: int) -> None:
    """search.py's bilingual documents, inserted and indexed for search a batch at a time.

    The last phase: the audit log reaches its volume with edits of the documents' place, known
    now that the other phases have written their entries. A document is inserted with the place
    of its last edit, its entries follow its creation: no row is updated afterwards (random
    updates of a table larger than the memory are the slowest thing a database does).
    """
    from django.db import transaction

    from cica.documents import search
    from cica.documents.models import Document
    from cica.registry.models import Body

    phase = run.phase("documents", total)
    generator = DocumentGenerator(total, run.seed)
    rng = run.rng("edits")
    bodies = list(Body.objects.order_by("pk"))
    cities = sorted(set(run.cities.values()))
    latest = run.now - dt.timedelta(hours=1)
    edits = max(0, audit_target - run.chain.added - total)
    each, extra = divmod(edits, total)
    more = set(rng.sample(range(total), extra))
    for first in range(0, total, BATCH):
        batch, places = [], []
        for i in range(first, min(first + BATCH, total)):
            document = Document(**generator.document(i, bodies))
            its_places = [rng.choice(cities) for _ in range(each + (i in more))]
            document.place = its_places[-1] if its_places else ""
            batch.append(document)
            places.append(its_places)
        with transaction.atomic():
            created = Document.objects.bulk_create(batch, batch_size=BULK)
            search.index(created)
            for document, its_places in zip(created, places, strict=True):
                _document_entries(run, rng, document, its_places, latest)
            run.chain.flush()
        if first <= total // 2 < first + len(batch):
            run.a_document = created[total // 2 - first].key
        phase.advance(first + len(batch))
    phase.end(
        f"{total:,} documents (indexed), {edits:,} edits;"
        f" {run.chain.added:,} audit entries added in all"
    )


def _document_entries(run: Run, rng, document, places: list[str], latest) -> None:
    """A document's creation (without its place, its texts left out to keep the log modest),
    then the edits of its place, in time order."""
    created_at = min(_utc(document.date, 4 * 3600 + document.pk % 28_800), latest)
    run.chain.append(
        at=created_at,
        actor=run.officer,
        action="documents.create",
        obj_type="documents.document",
        obj_id=document.pk,
        payload={
            "key": document.key,
            "type": document.type,
            "title_en": document.title_en,
            "title_ru": document.title_ru,
            "status": document.status,
            "date": document.date.isoformat(),
            "place": "",
            "body": document.body.key if document.body else None,
        },
    )
    first, last = int(created_at.timestamp()) + 60, int(run.now.timestamp()) - 1
    before = ""
    for stamp, place in zip(sorted(rng.randint(first, last) for _ in places), places, strict=True):
        run.chain.append(
            at=dt.datetime.fromtimestamp(stamp, dt.UTC),
            actor=run.officer,
            action="documents.update",
            obj_type="documents.document",
            obj_id=document.pk,
            payload={"before": {"place": before}, "after": {"place": place}},
        )
        before = place


def generate_meetings(run: Run, total: int) -> None:
    """Meetings of the bodies 1999 to a year ahead, hosted by member states, with delegations."""
    from django.db import transaction

    from cica.meetings.models import Delegation, Meeting
    from cica.registry import queries
    from cica.registry.models import Body

    phase = run.phase("meetings", total)
    rng = run.rng("meetings")
    bodies = {b.key: b for b in Body.objects.filter(key__in=MEETING_BODIES)}
    keys = [k for k in MEETING_BODIES if k in bodies]
    weights = [MEETING_BODIES[k][0] for k in keys]
    organizations = list(
        queries.list_organizations(as_of=run.today, status="observer").values_list("pk", "code")
    )
    # From 1999, once CICA had member states to host (the first were admitted in 1999-09).
    first_day = max(dt.date(1999, 1, 1), run.membership.first_day(3))
    last_day = run.today + dt.timedelta(days=365)
    delegations_count = 0
    for first in range(0, total, BATCH):
        meetings, parties = [], []
        for _ in range(first, min(first + BATCH, total)):
            key = rng.choices(keys, weights=weights)[0]
            _weight, title_en, title_ru, longest = MEETING_BODIES[key]
            start = _day_between(rng, first_day, last_day)
            members = run.membership.on(start)
            host = rng.choice(members)
            cancelled = rng.random() < 0.03
            status = "cancelled" if cancelled else ("held" if start <= run.today else "planned")
            format_ = _weighted(rng, MEETING_FORMATS)
            meetings.append(
                Meeting(
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    body=bodies[key],
                    kind=_weighted(rng, MEETING_KINDS),
                    title_en=title_en,
                    title_ru=title_ru,
                    start_date=start,
                    end_date=start + dt.timedelta(days=rng.randint(0, longest)),
                    city="New York" if format_ == "unga_sidelines" else run.cities[host],
                    country_id=None if format_ == "unga_sidelines" else host,
                    format=format_,
                    status=status,
                    theme=" ".join(rng.sample(search_bench.EN_WORDS[:120], 3)).capitalize()
                    if rng.random() < 0.2
                    else "",
                )
            )
            attending = rng.sample(members, min(len(members), rng.randint(3, 8)))
            if host not in attending and format_ != "unga_sidelines":
                attending[0] = host
            orgs = [rng.choice(organizations)] if organizations and rng.random() < 0.2 else []
            parties.append(
                [("state", pk, _weighted(rng, LEVELS)) for pk in attending]
                + [("organization", org, "ambassador") for org in orgs]
            )
        with transaction.atomic():
            created = Meeting.objects.bulk_create(meetings, batch_size=BULK)
            rows = []
            for meeting, its_parties in zip(created, parties, strict=True):
                at = min(_utc(meeting.start_date - dt.timedelta(days=60), 5 * 3600), run.now)
                run.chain.append(
                    at=at,
                    actor=run.officer,
                    action="meetings.create",
                    obj_type="meetings.meeting",
                    obj_id=meeting.pk,
                    payload={
                        "title_en": meeting.title_en,
                        "title_ru": meeting.title_ru,
                        "ordinal": None,
                        "kind": meeting.kind,
                        "start_date": meeting.start_date.isoformat(),
                        "end_date": meeting.end_date.isoformat(),
                        "city": meeting.city,
                        "country": run.codes[meeting.country_id] if meeting.country_id else None,
                        "format": meeting.format,
                        "chair": None,
                        "status": meeting.status,
                        "theme": meeting.theme,
                    },
                )
                for kind, party, level in its_parties:
                    if kind == "state":
                        rows.append((meeting.pk, party, None, level, ""))
                        code = run.codes[party]
                    else:
                        rows.append((meeting.pk, None, party[0], level, ""))
                        code = party[1]
                    run.chain.append(
                        at=min(at + dt.timedelta(days=30), run.now),
                        actor=run.officer,
                        action="meetings.record_delegation",
                        obj_type="meetings.meeting",
                        obj_id=meeting.pk,
                        payload={"party": code, "level": level, "head": ""},
                    )
            insert_rows(
                Delegation, ["meeting_id", "state_id", "organization_id", "level", "head"], rows
            )
            run.chain.flush()
        delegations_count += len(rows)
        run.a_meeting = run.a_meeting or created[len(created) // 2].pk
        phase.advance(first + len(meetings))
    phase.end(f"{total:,} meetings, {delegations_count:,} delegations")


def _procedure_times(run: Run, rng: random.Random, total: int) -> list[tuple]:
    """(opened_at, deadline) of every procedure, oldest first: ids then follow time, as live.

    Opened in Astana's working hours, 04:00-12:00 UTC, so the opening day is the same in UTC and
    in Astana; deadlines at 13:00 UTC (18:00 in Astana). Past procedures close at least a day
    before the run; open ones (OPEN_SHARE) were opened in the last ten days and close 20 to 60
    days after the run, so they stay open while the benchmark runs.
    """
    opened = max(1, round(total * OPEN_SHARE)) if total > 1 else 0
    past_first = dt.date(2008, 1, 1).toordinal()
    past_last = (run.today - dt.timedelta(days=32)).toordinal()
    times = []
    for _ in range(total - opened):
        day = dt.date.fromordinal(rng.randint(past_first, past_last))
        opened_at = _utc(day, rng.randint(4 * 3600, 12 * 3600))
        period = rng.choices([14, 7, 21, 30], weights=[70, 15, 10, 5])[0]
        times.append((opened_at, _utc(day + dt.timedelta(days=period), 13 * 3600)))
    for _ in range(opened):
        opened_at = run.now - dt.timedelta(seconds=rng.randint(3600, 10 * 86400))
        closes = run.today + dt.timedelta(days=rng.randint(20, 60))
        times.append((opened_at, _utc(closes, 13 * 3600)))
    times.sort()
    return times


def generate_procedures(run: Run, total: int) -> None:
    """Silence procedures: a draft, one or two versions, the procedure with its eligible states
    (the member states on the opening day), comments while it is open, a break before the
    deadline for some, and the decision of those adopted at their deadline."""
    from django.db import transaction
    from django.db.models import Max

    from cica.decisions.models import Comment, Decision, SilenceBreak
    from cica.registry.models import Body

    phase = run.phase("procedures", total)
    rng = run.rng("procedures")
    texts = DocumentGenerator(1, run.seed + 1)
    bodies = {b.key: b for b in Body.objects.filter(key__in=PROCEDURE_BODIES)}
    keys = [k for k in PROCEDURE_BODIES if k in bodies]
    weights = [PROCEDURE_BODIES[k] for k in keys]

    def pick_body():
        return bodies[rng.choices(keys, weights=weights)[0]]

    # Decisions are numbered per body and year, after those already recorded.
    numbers: dict[tuple[int, int], int] = {}
    for row in (
        Decision.objects.filter(historical=False, body__isnull=False)
        .values("body_id", "adopted_on__year")
        .annotate(last=Max("number"))
    ):
        numbers[(row["body_id"], row["adopted_on__year"])] = row["last"] or 0
    next_comment = (Comment.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    commenters = list(run.delegates.values()) + run.observers
    counts = {"comments": 0, "breaks": 0, "decisions": 0, "eligible": 0, "open": 0}
    times = _procedure_times(run, rng, total)
    for first in range(0, total, BATCH):
        plans = [
            _plan_procedure(run, rng, texts, opened_at, deadline, pick_body(), commenters)
            for opened_at, deadline in times[first : first + BATCH]
        ]
        with transaction.atomic():
            _write_procedures(run, plans)
            decisions = _write_decisions(plans, numbers)
            comments, breaks = [], []
            for plan in plans:
                _procedure_entries(run, plan, comments, breaks, next_comment)
            _write_comments(comments)
            SilenceBreak.objects.bulk_create(breaks, batch_size=BULK)
            run.chain.flush()
        next_comment += len(comments)
        counts["comments"] += len(comments)
        counts["breaks"] += len(breaks)
        counts["decisions"] += len(decisions)
        for plan in plans:
            counts["eligible"] += len(plan["eligible"])
            if plan["open"]:
                counts["open"] += 1
                if len(run.open_procedures) < 200:
                    run.open_procedures.append(plan["procedure"].pk)
        run.a_procedure = run.a_procedure or plans[len(plans) // 2]["procedure"].pk
        phase.advance(first + len(plans))
    _reset_sequences([Comment])
    phase.end(
        f"{total:,} procedures ({counts['open']:,} open, {counts['breaks']:,} broken,"
        f" {counts['decisions']:,} adopted), {counts['eligible']:,} eligible states,"
        f" {counts['comments']:,} comments"
    )


def _plan_procedure(run: Run, rng, texts, opened_at, deadline, body, commenters) -> dict:
    """One procedure's content and acts, before anything is written."""
    from cica.core import clock

    eligible = run.membership.on(opened_at.astimezone(clock.ASTANA).date())
    is_open = deadline > run.now
    proposer_pk = rng.choice(eligible) if rng.random() < 0.3 else None
    author = run.delegates.get(proposer_pk) if proposer_pk else None
    versions = 2 if rng.random() < 0.2 else 1
    plan = {
        "opened_at": opened_at,
        "deadline": deadline,
        "eligible": eligible,
        "open": is_open,
        "body": body,
        "author": author or run.officer,
        "proposer_state": author.state_id if author else None,
        "created_at": opened_at - dt.timedelta(days=rng.randint(3, 30)),
        "title": texts.title(
            "en", "decision", rng.randrange(3), rng.sample(search_bench.EN_WORDS[:120], 3)
        ),
        "texts": [
            (texts.text("en", [], 40, 80), texts.text("ru", [], 40, 80)) for _ in range(versions)
        ],
    }
    # Acts while it is open: comments, then perhaps the break that ends it. A break comes
    # strictly before the deadline, from a delegate of an eligible state.
    end = min(deadline, run.now)
    breaker = None
    if not is_open and rng.random() < BREAK_SHARE:
        able = [pk for pk in eligible if pk in run.delegates]
        if able:
            breaker = run.delegates[rng.choice(able)]
            span = int((deadline - opened_at).total_seconds())
            end = opened_at + dt.timedelta(seconds=rng.randint(3600, span - 60))
    span = int((end - opened_at).total_seconds())
    count = rng.choices([0, 1, 2, 3, 4], weights=[15, 20, 30, 20, 15])[0]
    comments = [
        (
            opened_at + dt.timedelta(seconds=rng.randint(1, max(1, span - 2))),
            rng.choice(commenters),
            rng.choice(COMMENTS),
        )
        for _ in range(count if span > 2 else 0)
    ]
    # In time order; two comments in the same second keep their order (users do not compare).
    plan["comments"] = sorted(comments, key=lambda comment: comment[0])
    plan["break"] = (end, breaker, rng.choice(BREAK_REASONS)) if breaker else None
    return plan


def _write_procedures(run: Run, plans: list[dict]) -> None:
    """Drafts, their versions (hashed as the app hashes them), the procedures and their
    eligible states."""
    from django.db import connection

    from cica.decisions import rules
    from cica.decisions.models import Draft, Procedure, Version

    drafts = Draft.objects.bulk_create(
        [
            Draft(
                kind=Draft.Kind.STATEMENT,
                effect={},
                proposer=Draft.Proposer.MEMBER_STATE
                if p["proposer_state"]
                else Draft.Proposer.SECRETARIAT,
                proposer_state_id=p["proposer_state"],
                created_by=p["author"],
                created_at=p["created_at"],
            )
            for p in plans
        ],
        batch_size=BULK,
    )
    versions = []
    for p, draft in zip(plans, drafts, strict=True):
        p["draft"] = draft
        for number, (text_en, text_ru) in enumerate(p["texts"], 1):
            content = rules.version_content(
                draft_id=draft.pk,
                kind=draft.kind,
                effect=draft.effect,
                number=number,
                title=p["title"],
                text_en=text_en,
                text_ru=text_ru,
            )
            versions.append(
                Version(
                    draft=draft,
                    number=number,
                    title=p["title"],
                    text_en=text_en,
                    text_ru=text_ru,
                    hash=rules.content_hash(content),
                    created_by=p["author"],
                    created_at=p["created_at"] + dt.timedelta(days=(number - 1) * 2, hours=1),
                )
            )
    by_draft: dict[int, list] = {}
    for version in Version.objects.bulk_create(versions, batch_size=BULK):
        by_draft.setdefault(version.draft_id, []).append(version)
    procedures = []
    for p in plans:
        p["all_versions"] = by_draft[p["draft"].pk]
        p["version"] = p["all_versions"][-1]
        procedures.append(
            Procedure(
                version=p["version"],
                kind=Procedure.Kind.SILENCE,
                body=p["body"],
                opened_by=run.officer,
                opened_as=Procedure.OpenedAs.SECRETARIAT,
                opened_at=p["opened_at"],
                deadline=p["deadline"],
            )
        )
    procedures = Procedure.objects.bulk_create(procedures, batch_size=BULK)
    # The eligible states in SQL: one INSERT ... SELECT per run of procedures with the same
    # member states (consecutive, as they are in time order). The ids are integers of ours.
    groups: list[tuple[tuple, list[int]]] = []
    for p, procedure in zip(plans, procedures, strict=True):
        p["procedure"] = procedure
        if groups and groups[-1][0] == p["eligible"]:
            groups[-1][1].append(procedure.pk)
        else:
            groups.append((p["eligible"], [procedure.pk]))
    table = Procedure.eligible_states.through._meta.db_table
    with connection.cursor() as cursor:
        for states, ids in groups:
            cursor.execute(
                f"INSERT INTO {table} (procedure_id, state_id)"
                f" SELECT p.id, s.id FROM {Procedure._meta.db_table} p, registry_state s"
                f" WHERE p.id IN ({','.join(map(str, ids))})"
                f" AND s.id IN ({','.join(map(str, states))})"
            )


def _write_decisions(plans: list[dict], numbers: dict) -> list:
    """The decisions of the procedures adopted at their deadline, as record_adoption makes them
    (numbered per body and year; a statement has no effect on the registry)."""
    from cica.core import clock
    from cica.decisions import rules
    from cica.decisions.models import Decision, Draft, Procedure

    decisions = []
    for p in plans:
        p["decision"] = None
        if p["open"] or p["break"]:
            continue
        adopted_on = p["deadline"].astimezone(clock.ASTANA).date()
        key = (p["body"].pk, adopted_on.year)
        numbers[key] = numbers.get(key, 0) + 1
        p["decision"] = Decision(
            procedure=p["procedure"],
            version=p["version"],
            body=p["body"],
            number=numbers[key],
            symbol=rules.symbol(p["body"].key, adopted_on.year, numbers[key]),
            title=p["version"].title,
            kind=Draft.Kind.STATEMENT,
            effect={},
            adopted_at=p["deadline"],
            adopted_on=adopted_on,
            how=Procedure.Kind.SILENCE,
            effect_status=Decision.EffectStatus.NONE,
        )
        decisions.append(p["decision"])
    return Decision.objects.bulk_create(decisions, batch_size=BULK)


def _write_comments(comments: list) -> None:
    from django.db import connection

    from cica.decisions.models import Comment

    at_field = Comment._meta.get_field("at")
    insert_rows(
        Comment,
        ["id", "procedure_id", "user_id", "text", "at", "receipt_seq", "receipt_hash"],
        [
            (
                c.pk,
                c.procedure_id,
                c.user_id,
                c.text,
                at_field.get_db_prep_save(c.at, connection),
                c.receipt_seq,
                c.receipt_hash,
            )
            for c in comments
        ],
    )


def _procedure_entries(run: Run, p: dict, comments: list, breaks: list, first_comment: int) -> None:
    """A procedure's audit entries in order, with the receipts of its comments and break."""
    from cica.decisions.models import Comment, SilenceBreak

    draft, procedure, author = p["draft"], p["procedure"], p["author"]
    first = p["all_versions"][0]
    run.chain.append(
        at=draft.created_at,
        actor=author,
        action="decisions.create_draft",
        obj_type="decisions.draft",
        obj_id=draft.pk,
        payload={
            "kind": draft.kind,
            "effect": {},
            "proposer": draft.proposer,
            "version": {"number": 1, "hash": first.hash},
        },
    )
    for version in p["all_versions"][1:]:
        run.chain.append(
            at=version.created_at,
            actor=author,
            action="decisions.add_version",
            obj_type="decisions.version",
            obj_id=version.pk,
            payload={"draft": draft.pk, "number": version.number, "hash": version.hash},
        )
    run.chain.append(
        at=procedure.opened_at,
        actor=run.officer,
        action="decisions.open_silence_procedure",
        obj_type="decisions.procedure",
        obj_id=procedure.pk,
        payload={
            "version": p["version"].pk,
            "version_hash": p["version"].hash,
            "body": p["body"].key,
            "deadline": procedure.deadline.isoformat(),
            "eligible": sorted(run.codes[pk] for pk in p["eligible"]),
        },
    )
    for at, user, text in p["comments"]:
        pk = first_comment + len(comments)
        entry = run.chain.append(
            at=at,
            actor=user,
            action="decisions.comment",
            obj_type="decisions.procedure",
            obj_id=procedure.pk,
            payload={"comment": pk, "text": text, "at": at.isoformat()},
        )
        comments.append(
            Comment(
                pk=pk,
                procedure=procedure,
                user=user,
                text=text,
                at=at,
                receipt_seq=entry.seq,
                receipt_hash=entry.hash,
            )
        )
    if p["break"]:
        at, user, reason = p["break"]
        entry = run.chain.append(
            at=at,
            actor=user,
            action="decisions.break_silence",
            obj_type="decisions.procedure",
            obj_id=procedure.pk,
            payload={
                "state": run.codes[user.state_id],
                "reason": reason,
                "proposed_wording": "",
                "at": at.isoformat(),
            },
        )
        breaks.append(
            SilenceBreak(
                procedure=procedure,
                state_id=user.state_id,
                user=user,
                reason=reason,
                at=at,
                receipt_seq=entry.seq,
                receipt_hash=entry.hash,
            )
        )
    decision = p["decision"]
    if decision is not None:
        run.chain.append(
            at=decision.adopted_at,
            actor=None,
            action="decisions.adopt",
            obj_type="decisions.decision",
            obj_id=decision.pk,
            payload={
                "symbol": decision.symbol,
                "procedure": procedure.pk,
                "version_hash": p["version"].hash,
                "adopted_at": decision.adopted_at.isoformat(),
            },
        )


def _reset_sequences(models) -> None:
    """After rows inserted with explicit ids, PostgreSQL's sequences must move past them."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def generate_activities(run: Run, total: int) -> None:
    """CBM activities of the last ten years in the 18 priority areas, hosted by member states on
    their first day, with participants; mostly validated, recent ones often still awaiting."""
    from django.db import transaction

    from cica.cbm.models import Activity, PriorityArea
    from cica.registry import queries

    phase = run.phase("activities", total)
    rng = run.rng("activities")
    areas = list(PriorityArea.objects.order_by("pk"))
    organizations = list(
        queries.list_organizations(as_of=run.today, status="observer").values_list("pk", "code")
    )
    first_day = run.today - dt.timedelta(days=3652)
    participants_table = Activity.participants.through
    organizations_table = Activity.organizations.through
    counts = {"participants": 0, "validated": 0}
    for first in range(0, total, BATCH):
        activities, extras = [], []
        for _ in range(first, min(first + BATCH, total)):
            start = _day_between(rng, first_day, run.today)
            members = run.membership.on(start)
            host = rng.choice(members)
            others = [pk for pk in members if pk != host]
            participants = sorted(rng.sample(others, min(len(others), rng.randint(1, 8))))
            orgs = [rng.choice(organizations)] if organizations and rng.random() < 0.15 else []
            kind = _weighted(rng, ACTIVITY_KINDS)
            topic = " ".join(rng.sample(search_bench.EN_WORDS[:150], 2))
            recorded_at = min(
                _utc(start + dt.timedelta(days=rng.randint(0, 30)), rng.randint(3, 13) * 3600),
                run.now,
            )
            validated_at = recorded_at + dt.timedelta(days=rng.randint(1, 20))
            roll = rng.random()
            if validated_at > run.now or roll < 0.08:
                status, validated_at, note = Activity.Status.RECORDED, None, ""
            elif roll < 0.13:
                status, validated_at, note = Activity.Status.RETURNED, None, RETURN_NOTE
            else:
                status, note = Activity.Status.VALIDATED, ""
            recorder = run.delegates.get(host, run.officer)
            activities.append(
                Activity(
                    area=rng.choice(areas),
                    kind=kind,
                    title=f"{ACTIVITY_TITLES[kind]} {topic} in {run.cities[host]}",
                    start_date=start,
                    end_date=start + dt.timedelta(days=rng.choice([0, 0, 1, 2, 4])),
                    host_state_id=host,
                    summary=gen_summary(rng),
                    status=status,
                    recorded_at=recorded_at,
                    recorded_by=recorder,
                    validated_at=validated_at,
                    validation_note=note,
                )
            )
            extras.append((participants, orgs, status, note))
        with transaction.atomic():
            created = Activity.objects.bulk_create(activities, batch_size=BULK)
            participant_rows, organization_rows = [], []
            for activity, (participants, orgs, status, note) in zip(created, extras, strict=True):
                participant_rows += [(activity.pk, pk) for pk in participants]
                organization_rows += [(activity.pk, pk) for pk, _code in orgs]
                run.chain.append(
                    at=activity.recorded_at,
                    actor=activity.recorded_by,
                    action="cbm.record_activity",
                    obj_type="cbm.activity",
                    obj_id=activity.pk,
                    payload={
                        "area": activity.area.key,
                        "kind": activity.kind,
                        "title": activity.title,
                        "start_date": activity.start_date.isoformat(),
                        "end_date": activity.end_date.isoformat(),
                        "host_state": run.codes[activity.host_state_id],
                        "participants": sorted(run.codes[pk] for pk in participants),
                        "organizations": sorted(code for _pk, code in orgs),
                        "measures": [],
                        "planned_event": None,
                        "summary": activity.summary,
                        "status": Activity.Status.RECORDED,
                    },
                )
                if status != Activity.Status.RECORDED:
                    validated = status == Activity.Status.VALIDATED
                    decided_at = activity.validated_at or min(
                        activity.recorded_at + dt.timedelta(days=3), run.now
                    )
                    run.chain.append(
                        at=decided_at,
                        actor=run.officer,
                        action="cbm.validate_activity" if validated else "cbm.return_activity",
                        obj_type="cbm.activity",
                        obj_id=activity.pk,
                        payload={"title": activity.title, "status": status, "note": note},
                    )
                    counts["validated"] += validated
            insert_rows(participants_table, ["activity_id", "state_id"], participant_rows)
            insert_rows(organizations_table, ["activity_id", "organization_id"], organization_rows)
            run.chain.flush()
        counts["participants"] += len(participant_rows)
        phase.advance(first + len(activities))
    phase.end(
        f"{total:,} activities ({counts['validated']:,} validated),"
        f" {counts['participants']:,} participations"
    )


def gen_summary(rng: random.Random) -> str:
    text = " ".join(rng.choices(search_bench.EN_WORDS[:150], k=rng.randint(12, 24)))
    return text[0].upper() + text[1:] + "."


def settle(run: Run) -> None:
    """Statistics for the planner, and SQLite's write-ahead log folded in, as a live database
    would have by the time the benchmark runs."""
    from django.db import connection

    if connection.in_atomic_block:
        return  # inside a test's transaction: VACUUM and checkpoints cannot run there
    phase = run.phase("analyze", 1)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            # Sampled statistics, as `PRAGMA optimize` takes them: a full ANALYZE reads every
            # index of a database of many gigabytes.
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    phase.end("statistics")


def table_counts() -> dict[str, int]:
    from cica.accounts.models import ApiToken, User
    from cica.cbm.models import Activity
    from cica.core.models import AuditEntry
    from cica.decisions.models import Comment, Decision, Draft, Procedure, SilenceBreak, Version
    from cica.documents.models import Document
    from cica.meetings.models import Delegation, Meeting
    from cica.registry.models import MembershipStatus, State

    models = [
        State,
        MembershipStatus,
        User,
        ApiToken,
        Document,
        Meeting,
        Delegation,
        Draft,
        Version,
        Procedure,
        Procedure.eligible_states.through,
        Comment,
        SilenceBreak,
        Decision,
        Activity,
        Activity.participants.through,
        Activity.organizations.through,
        AuditEntry,
    ]
    return {model._meta.db_table: model.objects.count() for model in models}


def database_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
        return cursor.fetchone()[0]


# ---- the whole ---------------------------------------------------------------------------------


def generate(scale: float, seed: int = 7, progress=print, output: Path | None = None) -> dict:
    """Generate the data set on the configured database (Django set up and migrated); return
    what the benchmark needs and write it as JSON to `output` ($CICA_DATA_DIR/bench-dataset.json).
    """
    from django.conf import settings
    from django.db import connection

    from cica.accounts.models import User
    from cica.core.roles import SYSTEM
    from cica.decisions.models import Decision
    from cica.reference.actions import load_reference
    from cica.registry import queries
    from cica.registry.models import State

    if scale <= 0:
        raise ValueError("the scale must be positive")
    started = time.perf_counter()
    if not State.objects.exists():
        progress("the registry is empty: loading the reference data")
        load_reference(acting_user=SYSTEM)
    if User.objects.filter(username="bench-officer").exists():
        raise RuntimeError(
            "this database already holds generated data: use a fresh CICA_DATA_DIR"
            " (or a fresh PostgreSQL database)"
        )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A page cache of 1 GB for this connection: the big tables' indexes grow fast.
            cursor.execute("PRAGMA cache_size = -1048576")
    run = Run(scale, seed, progress)
    progress(f"generating scale {scale} (seed {seed}) on {connection.vendor}")
    add_member_states(run)
    create_accounts(run)
    run.chain = Chain()
    generate_meetings(run, volume("meetings", scale))
    generate_procedures(run, volume("procedures", scale))
    generate_activities(run, volume("activities", scale))
    generate_documents(run, volume("documents", scale), volume("audit", scale))
    settle(run)
    a_state = (
        queries.members_on(run.today).filter(code="KZ").values_list("code", flat=True).first()
        or run.codes[next(iter(run.delegates))]
    )
    result = {
        "scale": scale,
        "seed": seed,
        "database": connection.vendor,
        "generated_at": run.generated_at.isoformat(timespec="seconds"),
        "counts": table_counts(),
        "size_mb": round(database_size() / 2**20, 1),
        "tokens": run.tokens,
        "open_procedures": run.open_procedures,
        "a_procedure": run.open_procedures[0] if run.open_procedures else run.a_procedure,
        "a_meeting": run.a_meeting,
        "a_document": run.a_document,
        "a_state": a_state,
        # The newest decision: its page lists what it changed.
        "a_decision": Decision.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "search_rare": search_bench.RARE["en"][1],
        "search_common": search_bench.COMMON["en"][1],
        "timings_s": {**run.timings, "total": round(time.perf_counter() - started, 1)},
    }
    output = Path(output) if output else Path(settings.DATA_DIR) / DATASET_FILE
    output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    progress(f"done in {result['timings_s']['total']} s, {result['size_mb']} MB; written: {output}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, required=True, help="1 = 10,000 documents, ...")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cica.settings"
    import django

    django.setup()
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    # As `cica init` does: the portal's pages need the static files' manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"migrate, collectstatic: {time.perf_counter() - t0:.1f} s", flush=True)
    generate(args.scale, args.seed, progress=lambda line: print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
