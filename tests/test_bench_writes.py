"""The benchmark's check of the write path finds a lost and a duplicated write."""

import sys
from pathlib import Path

from cica.core import clock
from cica.decisions import actions
from cica.decisions.models import Comment

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import writes


def test_the_write_check_counts_lost_duplicated_and_unaudited_writes(
    procedure, secretariat_officer
):
    actions.comment(acting_user=secretariat_officer, procedure=procedure, text="bench-kept")
    for _ in range(2):  # written behind the actions' back: twice, and without an audit entry
        Comment.objects.create(
            procedure=procedure, user=secretariat_officer, text="bench-twice", at=clock.now()
        )
    markers = {"comment": ["bench-kept", "bench-twice", "bench-lost"], "break": []}

    assert writes.check(markers) == {
        "checked": 3,
        "lost": 1,
        "duplicated": 1,
        "without_audit_entry": 2,
    }
