"""The benchmark's check of the write path finds a lost and a duplicated write."""

import sys
from pathlib import Path

import pytest

from cica.core import clock
from cica.decisions import actions
from cica.decisions.models import Comment
from cica.registry.models import Body

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import writes


@pytest.fixture
def procedure(secretariat_officer):
    draft = actions.create_draft(
        acting_user=secretariat_officer, kind="statement", title="x", text_en="x"
    )
    return actions.open_silence_procedure(
        acting_user=secretariat_officer,
        version=draft.versions.get(),
        body=Body.objects.get(key="soc"),
    )


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
