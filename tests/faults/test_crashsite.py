"""The crash test's check finds every kind of fault it reports: it cannot pass by seeing nothing."""

from django.db import transaction

from cica.core import audit, clock
from cica.decisions import actions
from cica.decisions.models import Comment
from tests.faults import crashsite


def test_the_crash_check_counts_each_fault(procedure, secretariat_officer):
    # given
    kept = actions.comment(acting_user=secretariat_officer, procedure=procedure, text="crash-kept")
    # Written behind the actions' back, without an audit entry: twice, refused yet stored, and
    # one that no client ever sent.
    for text in ("crash-twice", "crash-twice", "crash-refused", "crash-stray"):
        Comment.objects.create(
            procedure=procedure, user=secretariat_officer, text=text, at=clock.now()
        )
    with transaction.atomic():
        audit.record(
            actor=secretariat_officer,
            action="decisions.comment",
            obj=procedure,
            payload={"comment": 10**9, "text": "crash-gone"},
        )
    ledger = {
        "procedures": [procedure.pk],
        "acknowledged": {
            "crash-kept": {"id": kept.pk, "receipt": {"entry": kept.receipt_seq, "hash": "x"}},
            "crash-twice": None,
            "crash-lost": None,
        },
        "interrupted": ["crash-cut"],
        "refused": {"crash-refused": 503},
    }

    # when
    found = crashsite.check(ledger)

    # then
    assert found == {
        "stored": 5,
        "lost": 1,
        "duplicated": 1,
        "without_audit_entry": 4,
        "audit_entry_without_comment": 1,
        "receipt_mismatch": 2,  # a wrong hash; an answer that was not the comment's
        "refused_but_stored": 1,
        "stray": 1,
        "interrupted_stored": 0,
        "chain_entries": found["chain_entries"],
        "chain_ok": True,
        "chain_reason": "",
    }
