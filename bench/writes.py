"""The write path under load: delegates comment and break silence at once, for a bounded time.

Each write carries a unique marker. Afterwards every write the server acknowledged (201) must be
in the database exactly once, with its audit entry: 0 lost, 0 duplicated. A 409 (the procedure
was broken by another delegate meanwhile) is a refusal the rules require, not an error.
"""

import http.client
import json
import random
import statistics
import threading
import time
import uuid

HOST = "127.0.0.1"


def _client(port: int, token: str, procedures: list[int], stop: float, seed: int, out: dict):
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    # A tenth of the procedures take the breaks (each ends its procedure); the rest, comments.
    cut = max(1, len(procedures) // 10)
    to_break, to_comment = procedures[:cut], procedures[cut:] or procedures
    closed: set[int] = set()
    while time.monotonic() < stop:
        marker = f"bench-{uuid.uuid4()}"
        open_to_break = [p for p in to_break if p not in closed]
        if open_to_break and rng.random() < 0.05:
            procedure = rng.choice(open_to_break)
            kind, path = "break", f"/api/v1/procedures/{procedure}/break"
            body = {"reason": marker}
        else:
            procedure = rng.choice(to_comment)
            kind, path = "comment", f"/api/v1/procedures/{procedure}/comments"
            body = {"text": marker}
        started = time.perf_counter()
        try:
            connection.request("POST", path, json.dumps(body), headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            status = 0
        elapsed = time.perf_counter() - started
        out["latencies"].append(elapsed)
        if status == 201:
            out["acknowledged"][kind].append(marker)
            if kind == "break":
                closed.add(procedure)
        elif status == 409:
            out["refused"] += 1
            closed.add(procedure)
        else:
            out["errors"].append(status)
    connection.close()


def load(port: int, tokens: list[str], procedures: list[int], seconds: float) -> dict:
    """Run len(tokens) delegates in threads against the server for `seconds`."""
    stop = time.monotonic() + seconds
    outs = [
        {"latencies": [], "acknowledged": {"comment": [], "break": []}, "refused": 0, "errors": []}
        for _token in tokens
    ]
    threads = [
        threading.Thread(target=_client, args=(port, token, procedures, stop, n, outs[n]))
        for n, token in enumerate(tokens)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    latencies = sorted(x for out in outs for x in out["latencies"])
    acknowledged = {
        kind: [m for out in outs for m in out["acknowledged"][kind]]
        for kind in ("comment", "break")
    }
    done = sum(len(v) for v in acknowledged.values())
    return {
        "clients": len(tokens),
        "seconds": round(elapsed, 1),
        "acknowledged": {kind: len(markers) for kind, markers in acknowledged.items()},
        "markers": acknowledged,
        "refused_409": sum(out["refused"] for out in outs),
        "errors": [status for out in outs for status in out["errors"]],
        "writes_per_s": round(done / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1)
        if latencies
        else None,
    }


def check(markers: dict) -> dict:
    """Every acknowledged write is stored once, with its audit entry (run with Django set up)."""
    from collections import Counter

    from cica.core.models import AuditEntry
    from cica.decisions.models import Comment, SilenceBreak

    comments = Counter(
        Comment.objects.filter(text__in=markers["comment"]).values_list("text", flat=True)
    )
    breaks = Counter(
        SilenceBreak.objects.filter(reason__in=markers["break"]).values_list("reason", flat=True)
    )
    audited = {
        entry.get("text") or entry.get("reason")
        for entry in AuditEntry.objects.filter(
            action__in=("decisions.comment", "decisions.break_silence")
        )
        .order_by("-seq")[: 2 * (len(markers["comment"]) + len(markers["break"])) + 1000]
        .values_list("payload", flat=True)
    }
    acknowledged = markers["comment"] + markers["break"]
    stored = comments + breaks
    return {
        "checked": len(acknowledged),
        "lost": sum(1 for m in acknowledged if stored[m] == 0),
        "duplicated": sum(1 for m in acknowledged if stored[m] > 1),
        "without_audit_entry": sum(1 for m in acknowledged if m not in audited),
    }
