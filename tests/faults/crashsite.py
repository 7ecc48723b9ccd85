"""The crash test's own database, prepared and checked in child processes.

    python -m tests.faults.crashsite prepare   < {"delegates": 8, "procedures": 4}
    python -m tests.faults.crashsite check     < the ledger of the writes

Each runs with Django set up on the database the environment names (CICA_DATA_DIR, or
CICA_DATABASE_URL), never on pytest-django's test database, and prints one line of JSON.
"""

import json
import os
import sys
from collections import Counter, defaultdict

from cica.core.roles import SYSTEM


def prepare(delegates: int, procedures: int) -> dict:
    """Migrate, load the CICA data, make delegates with API tokens and open silence procedures."""
    from django.conf import settings
    from django.core.management import call_command

    from cica.accounts.actions import create_user, issue_api_token
    from cica.core import clock
    from cica.decisions import actions
    from cica.reference.actions import load_reference
    from cica.registry.models import Body
    from cica.registry.queries import members_on

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # a database cache, if settings use one
    load_reference(acting_user=SYSTEM)
    # `cica serve` collects the static files first unless their manifest exists: 50 s of
    # compression for files no API write touches. An empty manifest stands in for them.
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        manifest.write_text(json.dumps({"version": "1.1", "paths": {}, "hash": ""}))
    officer = create_user(acting_user=SYSTEM, username="crash-officer", role="secretariat")
    codes = sorted(members_on(clock.today()).values_list("code", flat=True))[:delegates]
    tokens = [
        issue_api_token(
            acting_user=SYSTEM,
            user=create_user(
                acting_user=SYSTEM,
                username=f"crash-delegate-{code.lower()}",
                role="delegate",
                state_code=code,
            ),
            name="crash test",
        )
        for code in codes
    ]
    opened = []
    for number in range(procedures):
        draft = actions.create_draft(
            acting_user=officer,
            kind="statement",
            title=f"Statement {number + 1} of the crash test",
            text_en="The participants reaffirm their commitment to dialogue.",
        )
        procedure = actions.open_silence_procedure(
            acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key="soc")
        )
        opened.append(procedure.pk)
    return {"tokens": tokens, "procedures": opened}


def check(ledger: dict) -> dict:
    """Compare the database with the ledger of the writes: what was acknowledged, what was cut
    off by a kill (either outcome is allowed, once at most), what was refused (nothing stored).

    A comment is audited when exactly one `decisions.comment` entry on its procedure names it,
    with its text, and the comment's receipt is that entry's number and hash.
    """
    from cica.core.audit import verify_chain
    from cica.core.models import AuditEntry
    from cica.decisions.models import Comment

    procedures = ledger["procedures"]
    comments = list(
        Comment.objects.filter(procedure_id__in=procedures).values(
            "id", "procedure_id", "text", "receipt_seq", "receipt_hash"
        )
    )
    entries = AuditEntry.objects.filter(
        action="decisions.comment",
        object_type="decisions.procedure",
        object_id__in=[str(pk) for pk in procedures],
    ).values("seq", "hash", "object_id", "payload")
    entries_of = defaultdict(list)
    for entry in entries:
        entries_of[entry["payload"].get("comment")].append(entry)

    def audited(comment: dict) -> bool:
        found = entries_of.get(comment["id"], [])
        return (
            len(found) == 1
            and found[0]["object_id"] == str(comment["procedure_id"])
            and found[0]["payload"].get("text") == comment["text"]
            and (found[0]["seq"], found[0]["hash"])
            == (comment["receipt_seq"], comment["receipt_hash"])
        )

    stored = Counter(comment["text"] for comment in comments)
    by_text = {comment["text"]: comment for comment in comments}
    acknowledged = ledger["acknowledged"]
    comment_ids = {comment["id"] for comment in comments}

    def receipt_matches(marker: str, answer: dict | None) -> bool:
        comment = by_text.get(marker)
        return (
            comment is not None
            and answer is not None
            and answer.get("id") == comment["id"]
            and answer.get("receipt", {}).get("entry") == comment["receipt_seq"]
            and answer.get("receipt", {}).get("hash") == comment["receipt_hash"]
        )

    attempted = set(acknowledged) | set(ledger["interrupted"]) | set(ledger["refused"])
    chain = verify_chain()
    return {
        "stored": len(comments),
        "lost": sum(1 for marker in acknowledged if stored[marker] == 0),
        "duplicated": sum(1 for marker in attempted if stored[marker] > 1),
        "without_audit_entry": sum(1 for comment in comments if not audited(comment)),
        "audit_entry_without_comment": sum(
            1 for comment_id in entries_of if comment_id not in comment_ids
        ),
        "receipt_mismatch": sum(
            1
            for marker, answer in acknowledged.items()
            if stored[marker] and not receipt_matches(marker, answer)
        ),
        "refused_but_stored": sum(1 for marker in ledger["refused"] if stored[marker]),
        "stray": sum(1 for text in stored if text not in attempted),
        "interrupted_stored": sum(1 for marker in ledger["interrupted"] if stored[marker]),
        "chain_entries": chain.entries,
        "chain_ok": chain.ok,
        "chain_reason": chain.reason,
    }


def main(operation: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cica.settings")
    import django

    django.setup()
    given = json.loads(sys.stdin.read() or "{}")
    result = prepare(**given) if operation == "prepare" else check(given)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("prepare", "check"):
        sys.exit(__doc__)
    main(sys.argv[1])
