"""Benchmark of the documents full-text search on SQLite and on PostgreSQL.

    python bench/search.py --docs 100000 [--database sqlite|postgresql|both] [--rounds 30]

Each backend runs in a child process of its own, on a throwaway data folder (and, for PostgreSQL, a
throwaway cluster started by scripts/with_postgres.py): migrate, load the reference data, generate
seeded synthetic bilingual documents, index them, then time `queries.search_documents` against a
floor measured in the same run, the bare count of the matches. The figures go to bench/results/.

Nothing here asserts a duration: speeds differ between machines, ratios are what we compare.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DOCS = 100_000
BATCH = 1000
WARMUP = 3

# ---- vocabulary ------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


# Content words in order of frequency (Zipf weights follow the order). The rare and common terms
# are kept out of these lists and injected, so their document counts are known in advance.

EN_WORDS = _words("""
security states member confidence measures cooperation asia conference interaction regional
development secretariat meeting decision committee officials senior ministers foreign affairs
declaration agreement implementation peace stability dialogue partnership economic dimension
summit chairmanship session agenda report political military human environmental threats
challenges terrorism trafficking drugs energy transport tourism trade investment information
technologies cyber digital food water health pandemic disaster emergency management catalogue
coordinating coordinator working group special experts consultation observer organization
international united nations mutual trust understanding respect sovereignty territorial integrity
disputes settlement peaceful arms control disarmament proliferation weapons destruction nuclear
chemical biological border migration youth education culture science research sustainable
connectivity infrastructure budget financial contributions staff rules procedure executive
director deputy establishment institution institutional transformation amendment annex article
paragraph provisions adopted adoption approved approval signed signature entry force depositary
instrument accession notification term period annual almaty astana baku beijing dushanbe istanbul
bishkek tehran ankara seoul bangkok delegation proposal draft text document consensus welcomed
noted encouraged requested recommendations action plan concept paper framework mechanism
activities programme initiative progress review evaluation assessment results building
""")
EN_PHRASES = ["confidence building measures", "member states", "senior officials"]
EN_STOP = _words("the of and to in on for with by at as is are was were be that this its their")

RU_WORDS = _words("""
безопасности государства мер доверия совещания взаимодействию азии члены секретариат решение
меры государств региональной развития заседание комитета старших должностных лиц министров
иностранных дел декларация соглашение реализации мира стабильности диалога партнерства
экономического измерения саммита председательства сессии повестки дня доклад военно-политического
человеческого экологического угроз вызовов терроризма оборота наркотиков энергетической транспорта
туризма торговли инвестиций информационных технологий цифровой продовольственной водных ресурсов
здравоохранения пандемии чрезвычайных ситуаций каталога координатора рабочей группы специальной
экспертов консультаций наблюдателей организации международных объединенных наций взаимного
понимания уважения суверенитета территориальной целостности споров урегулирования мирного
вооружений контроля разоружения нераспространения оружия массового уничтожения ядерного
химического биологического границ миграции молодежи образования культуры науки устойчивого
взаимосвязанности инфраструктуры бюджета финансовых взносов персонала правила процедуры
исполнительного директора заместителя учреждения институциональной трансформации поправки
приложения статьи пункта положения принято одобрено подписано подписания вступления силу
депозитарий документа присоединения уведомления срока периода ежегодного алматы астана баку пекин
душанбе стамбул бишкек тегеран анкара сеул бангкок делегации предложения проекта текста
консенсуса приветствовали отметили рекомендации плана действий концепции рамочного механизма
деятельности программы инициативы прогресса обзора оценки результатов решения
""")
RU_PHRASES = ["меры доверия", "государства-члены", "старших должностных лиц"]
RU_STOP = _words("и в на с по для о к от что как его их а также при между")

# Term: (forms injected, query). The rare term goes into RARE_DOCS documents, the common one into
# a third of them, in both languages.
RARE = {"en": (["seismology", "seismological"], "seismology")}
RARE["ru"] = (["сейсмологии", "сейсмология", "сейсмологию"], "сейсмология")
COMMON = {"en": (["ratification", "ratified", "ratifications"], "ratification")}
COMMON["ru"] = (["сотрудничества", "сотрудничество", "сотрудничеству"], "сотрудничество")
RARE_DOCS = 10
COMMON_SHARE = 1 / 3

TYPE_WEIGHTS = {
    "decision": 30,
    "statement": 15,
    "political_declaration": 10,
    "concept_paper": 8,
    "action_plan": 8,
    "mou": 8,
    "draft": 8,
    "treaty": 6,
    "basic": 5,
    "founding": 2,
}
TITLES = {
    "en": {
        "decision": "Decision of the {org} on",
        "statement": "Statement of the {org} on",
        "political_declaration": "Declaration of the {org} on",
        "concept_paper": "Concept paper on",
        "action_plan": "Action plan on",
        "mou": "Memorandum of understanding on",
        "draft": "Draft document on",
        "treaty": "Agreement on",
        "basic": "Rules of the {org} on",
        "founding": "Act on",
    },
    "ru": {
        "decision": "Решение {org} о",
        "statement": "Заявление {org} о",
        "political_declaration": "Декларация {org} о",
        "concept_paper": "Концептуальный документ о",
        "action_plan": "План действий по",
        "mou": "Меморандум о взаимопонимании о",
        "draft": "Проект документа о",
        "treaty": "Соглашение о",
        "basic": "Правила {org} о",
        "founding": "Акт о",
    },
}
ORGS = {
    "en": ["Ministerial Council", "Committee of Senior Officials", "Summit", "Secretariat"],
    "ru": ["Совета министров", "Комитета старших должностных лиц", "Саммита", "Секретариата"],
}

# ---- the queries -----------------------------------------------------------------------------
# (name, query, filters): what each one exercises is in its name.
QUERIES = [
    ("rare en", "seismology", {"lang": "en"}),
    ("common en (1/3)", "ratification", {"lang": "en"}),
    ("rare ru", "сейсмология", {"lang": "ru"}),
    ("common ru (1/3)", "сотрудничество", {"lang": "ru"}),
    ("two words", "nuclear disarmament", {"lang": "en"}),
    ("phrase", '"confidence building measures"', {"lang": "en"}),
    ("common en + type", "ratification", {"lang": "en", "type": "treaty"}),
    ("common en + year", "ratification", {"lang": "en", "year": 2015}),
    ("most frequent en", "security", {"lang": "en"}),
]


# ---- the generator ---------------------------------------------------------------------------


class Generator:
    """Seeded bilingual documents: Zipf-weighted words, stop words between, known term counts."""

    def __init__(self, docs: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.docs = docs
        self.rare = set(self.rng.sample(range(docs), min(RARE_DOCS, docs)))
        self.vocab = {}
        for lang, content, phrases, stop in (
            ("en", EN_WORDS, EN_PHRASES, EN_STOP),
            ("ru", RU_WORDS, RU_PHRASES, RU_STOP),
        ):
            items = list(content)
            # The phrases rank below their own words, so a phrase query has more candidates than
            # matches: a third of the candidates hold the words apart only.
            for rank, phrase in zip((60, 20, 40), phrases, strict=True):
                items.insert(rank, phrase)
            weights = [1 / (rank + 1) for rank in range(len(items))]
            cumulative = list(_accumulate(weights))
            # Half the words follow a stop word, as in prose: "" is no stop word.
            self.vocab[lang] = (items, cumulative, stop + [""] * len(stop))

    def text(self, lang: str, inject: list[str]) -> str:
        items, cumulative, stops = self.vocab[lang]
        rng = self.rng
        count = rng.randint(100, 200)
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

    def title(self, lang: str, type_: str, org: int, topic: list[str]) -> str:
        head = TITLES[lang][type_].format(org=ORGS[lang][org])
        conjunction = "и" if lang == "ru" else "and"
        return f"{head} {', '.join(topic[:-1])} {conjunction} {topic[-1]}"

    def document(self, i: int, bodies: list) -> dict:
        """The fields of the i-th document; call in order of i, the generator is sequential."""
        rng = self.rng
        # A quarter of the documents have no body, as statements and papers often do not.
        body = rng.choice(bodies) if bodies and rng.random() < 0.75 else None
        type_ = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        org = rng.randrange(len(ORGS["en"]))
        common = rng.random() < COMMON_SHARE
        common_in_title = common and rng.random() < 0.15
        rare_in_title = i in self.rare and rng.random() < 0.3
        fields = {}
        for lang, words in (("en", EN_WORDS), ("ru", RU_WORDS)):
            topic = rng.sample(words[:120], 3)
            inject = []
            if common:
                forms = COMMON[lang][0]
                inject += rng.choices(forms, k=rng.randint(1, 3))
                if common_in_title:
                    topic[0] = forms[0]
            if i in self.rare:
                inject.append(rng.choice(RARE[lang][0]))
                if rare_in_title:
                    topic[-1] = RARE[lang][0][0]
            fields[f"title_{lang}"] = self.title(lang, type_, org, topic)
            fields[f"text_{lang}"] = self.text(lang, inject)
        start = datetime.date(1999, 1, 1).toordinal()
        end = datetime.date(2026, 12, 31).toordinal()
        fields.update(
            key=f"bench-{i:06d}",
            type=type_,
            body=body,
            status="draft" if type_ == "draft" else "adopted",
            date=datetime.date.fromordinal(rng.randint(start, end)),
        )
        return fields


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def _check_vocabulary() -> None:
    """The injected terms must not also come from the vocabulary, or their counts drift."""
    from cica.documents import search

    for lang, words, phrases in (("en", EN_WORDS, EN_PHRASES), ("ru", RU_WORDS, RU_PHRASES)):
        vocabulary = {search.stem(w, lang) for item in words + phrases for w in item.split()}
        for forms, _query in (RARE[lang], COMMON[lang]):
            clash = {search.stem(form, lang) for form in forms} & vocabulary
            if clash:
                raise SystemExit(f"the vocabulary holds the injected stems {sorted(clash)}")


# ---- one backend, in its own process ---------------------------------------------------------


def populate(docs: int, seed: int) -> dict:
    """Generate, insert and index the documents in batches; the seconds each step took."""
    from django.db import transaction

    from cica.documents import search
    from cica.documents.models import Document
    from cica.registry.models import Body

    generator = Generator(docs, seed)
    bodies = list(Body.objects.order_by("pk"))
    timing = {"generate_s": 0.0, "insert_s": 0.0, "index_s": 0.0}
    started = time.perf_counter()
    for first in range(0, docs, BATCH):
        t0 = time.perf_counter()
        batch = []
        for i in range(first, min(first + BATCH, docs)):
            batch.append(Document(**generator.document(i, bodies)))
        t1 = time.perf_counter()
        with transaction.atomic():
            created = Document.objects.bulk_create(batch, batch_size=BATCH)
        t2 = time.perf_counter()
        with transaction.atomic():
            search.index(created)
        t3 = time.perf_counter()
        timing["generate_s"] += t1 - t0
        timing["insert_s"] += t2 - t1
        timing["index_s"] += t3 - t2
        done = first + len(batch)
        if done % 10_000 == 0 or done == docs:
            print(f"  {done:>7} documents, {time.perf_counter() - started:6.1f} s", flush=True)
    return {key: round(value, 2) for key, value in timing.items()}


def settle() -> float:
    """What a live database would have done by now: statistics, GIN's pending list merged."""
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in ("documents_document", "documents_search_en", "documents_search_ru"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")
    return round(time.perf_counter() - t0, 2)


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {
        "p50": round(statistics.median(ordered) * 1000, 3),
        "p95": round(p95 * 1000, 3),
        "max": round(ordered[-1] * 1000, 3),
    }


def _baseline_sql(query, filters) -> tuple[str, list]:
    """The floor: the same matches (filters included) counted on the index table, nothing else."""
    from django.db import connection

    from cica.documents import search

    name = search.table(query.lang)
    facets = filters.words()
    if connection.vendor == "postgresql":
        tsquery = " & ".join([f"({search._tsquery(query)})", *(f"'{w}'" for w in facets)])
        return f"SELECT count(*) FROM {name} WHERE vector @@ %s::tsquery", [tsquery]
    match = " AND ".join(
        [f"{{title body}} : ({search._fts5_match(query)})", *(f'facets : "{w}"' for w in facets)]
    )
    return f"SELECT count(*) FROM {name} WHERE {name} MATCH %s", [match]


def measure(rounds: int) -> list[dict]:
    """Time each query, its pieces and its floor, interleaved so drift hits all alike."""
    from django.db import connection

    from cica.documents import queries, search

    results = []
    for name, q, options in QUERIES:
        query = search.parse(q, options.get("lang"))
        filters = search.Filters(type=options.get("type"), year=options.get("year"))
        baseline = _baseline_sql(query, filters)
        ranked = search.ranked_ids(query, filters)
        outputs: dict = {}

        def run_search(q=q, options=options):
            return queries.search_documents(q, **options)

        def run_sql(statement):
            with connection.cursor() as cursor:
                cursor.execute(*statement)
                return cursor.fetchall()

        def run_page(q=q, options=options, ranked=ranked):
            # search_documents with the ranking stubbed out: the page load and the snippets.
            with mock.patch.object(search, "ranked_ids", return_value=ranked):
                return queries.search_documents(q, **options)

        def run_snippets(query=query, outputs=outputs):
            # What search_documents does per hit once the page is loaded.
            for hit in outputs["page"].hits:
                document = hit.document
                files = [(f.language, f.text) for f in document.files.all()]
                title, texts = search.document_texts(document, query.lang, files)
                search.highlight(title or document.title, query)
                search.snippet(texts, query)

        steps = {
            "search": run_search,
            "rank": lambda query=query, filters=filters: search.ranked_ids(query, filters),
            "page": run_page,
            "snippets": run_snippets,
            "baseline": lambda statement=baseline: run_sql(statement),
        }
        samples: dict[str, list[float]] = {step: [] for step in steps}
        for round_ in range(WARMUP + rounds):
            for step, function in steps.items():
                t0 = time.perf_counter()
                outputs[step] = function()
                elapsed = time.perf_counter() - t0
                if round_ >= WARMUP:
                    samples[step].append(elapsed)
        found = outputs["search"]
        stats = {step: _stats(values) for step, values in samples.items()}
        row = {
            "name": name,
            "q": q,
            **{k: v for k, v in options.items() if k != "lang"},
            "lang": query.lang,
            "matches": outputs["baseline"][0][0],
            "ranked_matches": found.total,
            "more": found.more,
            "page_size": len(found.hits),
            "timings_ms": stats,
            "ratio": round(stats["search"]["p50"] / max(stats["baseline"]["p50"], 1e-6), 1),
        }
        results.append(row)
        print(
            f"  {name:<18} {row['matches']:>6} matches  p50 {stats['search']['p50']:8.2f} ms"
            f"  p95 {stats['search']['p95']:8.2f} ms  baseline {stats['baseline']['p50']:7.2f} ms",
            flush=True,
        )
    return results


def database_info() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        else:
            version = connection.Database.sqlite_version
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")
            size = cursor.fetchone()[0]
    return {"version": version, "size_mb": round(size / 2**20, 1)}


def inner(backend: str, docs: int, rounds: int, seed: int, result: Path) -> None:
    """One backend from scratch: data folder, schema, reference data, documents, timings."""
    if backend == "postgresql" and not os.environ.get("CICA_DATABASE_URL"):
        raise SystemExit("postgresql-inner runs under scripts/with_postgres.py")
    if backend == "sqlite":
        os.environ.pop("CICA_DATABASE_URL", None)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cica-bench-") as data_dir:
        os.environ["CICA_DATA_DIR"] = data_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "cica.settings"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from cica.core.roles import SYSTEM
        from cica.reference.actions import load_reference

        _check_vocabulary()
        print(f"[{backend}] migrate, reference data", flush=True)
        call_command("migrate", verbosity=0)
        load_reference(acting_user=SYSTEM)
        print(f"[{backend}] {docs} documents", flush=True)
        timing = populate(docs, seed)
        timing["settle_s"] = settle()
        # Other work on the machine shows in the timings: the load says how much there was.
        timing["load_before"] = round(os.getloadavg()[0], 2)
        print(f"[{backend}] {rounds} rounds of each query after {WARMUP} warm-up runs", flush=True)
        queries = measure(rounds)
        info = database_info()
        connection.close()
    timing["load_after"] = round(os.getloadavg()[0], 2)
    info.update(timing, run_s=round(time.perf_counter() - started, 1), queries=queries)
    result.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")


# ---- the run, and the report -----------------------------------------------------------------


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "system": platform.platform()}


def run_backend(backend: str, args, result: Path) -> int:
    """The backend's child process; interrupted (so clusters are stopped) if over its time."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--database={backend}-inner",
        f"--docs={args.docs}",
        f"--rounds={args.rounds}",
        f"--seed={args.seed}",
        f"--result={result}",
    ]
    if backend == "postgresql":
        command = [sys.executable, str(ROOT / "scripts" / "with_postgres.py"), *command]
    child = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    try:
        return child.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"[{backend}] over {args.timeout} s: interrupted", file=sys.stderr)
        # SIGINT, not SIGKILL: with_postgres.py's `finally` then stops its cluster.
        os.killpg(child.pid, signal.SIGINT)
        try:
            return child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            return child.wait()


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"# Search benchmark, {report['docs']:,} documents",
        "",
        f"{report['date']}: {m['cpu']}, {m['cores']} cores, {m['system']};"
        f" Python {report['python']}, Django {report['django']}.",
        f"Each query {report['rounds']} times after {WARMUP} warm-up runs; seed {report['seed']}.",
        "Command: `" + report["command"] + "`",
        "",
        "| backend | version | generate s | insert s | index s | settle s | size MB | run s"
        " | load before/after |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend, data in report["backends"].items():
        lines.append(
            f"| {backend} | {data['version']} | {data['generate_s']} | {data['insert_s']}"
            f" | {data['index_s']} | {data['settle_s']} | {data['size_mb']} | {data['run_s']}"
            f" | {data['load_before']} / {data['load_after']} |"
        )
    lines += [
        "",
        "`search` is `queries.search_documents` (one statement ranking the newest 1,000"
        " matches, filters included, then the page of 20 with its snippets); the baseline is the"
        " bare count of the same matches on the index table. The 95th-percentile goal"
        " (issue 7) is 50 ms.",
        "",
        "| backend | query | matches | p50 ms | p95 ms | baseline p50 ms | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for backend, data in report["backends"].items():
        for row in data["queries"]:
            t = row["timings_ms"]
            lines.append(
                f"| {backend} | {_label(row)} | {row['matches']} | {t['search']['p50']:.2f}"
                f" | {t['search']['p95']:.2f} | {t['baseline']['p50']:.2f} | {row['ratio']} |"
            )
    lines += [
        "",
        "Where the time goes, p50 ms, each piece timed on its own: `rank` is"
        " `search.ranked_ids`, `page` is `search_documents` with the ranking stubbed"
        " (loading the page of hits and their snippets), of which `snippets` the highlighting.",
        "",
        "| backend | query | search p50 | search max | rank | page | snippets |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for backend, data in report["backends"].items():
        for row in data["queries"]:
            t = row["timings_ms"]
            pieces = " | ".join(f"{t[step]['p50']:.2f}" for step in ("rank", "page", "snippets"))
            lines.append(
                f"| {backend} | {_label(row)} | {t['search']['p50']:.2f}"
                f" | {t['search']['max']:.2f} | {pieces} |"
            )
    return "\n".join(lines) + "\n"


def _label(row: dict) -> str:
    extra = "".join(f", {k}={row[k]}" for k in ("type", "year") if k in row)
    return f"{row['name']}: `{row['q']}`{extra}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument(
        "--database",
        default="both",
        choices=["sqlite", "postgresql", "both", "sqlite-inner", "postgresql-inner"],
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per backend")
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database.endswith("-inner"):
        inner(args.database.removesuffix("-inner"), args.docs, args.rounds, args.seed, args.result)
        return 0

    import django

    backends = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    report = {
        "benchmark": "search",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "python bench/search.py " + " ".join(sys.argv[1:]),
        "docs": args.docs,
        "rounds": args.rounds,
        "seed": args.seed,
        "machine": machine(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "backends": {},
    }
    failed = []
    with tempfile.TemporaryDirectory(prefix="cica-bench-results-") as scratch:
        for backend in backends:
            result = Path(scratch) / f"{backend}.json"
            if run_backend(backend, args, result) != 0 or not result.exists():
                failed.append(backend)
                continue
            report["backends"][backend] = json.loads(result.read_text(encoding="utf-8"))
    if report["backends"]:
        # The default size keeps the plain name; smaller trial runs do not overwrite it.
        stem = "search" if args.docs == DEFAULT_DOCS else f"search-{args.docs}"
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{stem}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (RESULTS / f"{stem}.md").write_text(markdown(report), encoding="utf-8")
        print(f"written: bench/results/{stem}.json, bench/results/{stem}.md")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
