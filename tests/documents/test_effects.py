"""The documents register's part in the effects of decisions (documents.effects): the adoption of
a document, and the founding signatures an admission needs first."""

import datetime as dt

import pytest

from cica.core import effects
from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions.models import Decision
from cica.documents import actions
from cica.documents.models import Document, TreatyAction
from cica.documents.queries import FOUNDING
from cica.registry.models import Body
from tests import factories

ON = dt.date(2021, 10, 12)


def _decision(kind: str) -> Decision:
    return Decision.objects.create(
        body=Body.objects.get(key="ministerial"),
        title="Adoption",
        kind=kind,
        adopted_on=ON,
        symbol="T/1",
    )


def test_adopt_document_adopts_an_unconfirmed_document(db):
    # given
    decision = _decision("adopt_document")

    # when
    document = actions.adopt_document(
        acting_user=SYSTEM,
        document=Document.objects.get(key="rop-amend-2021"),
        on=ON,
        decision=decision,
    )

    # then
    document.refresh_from_db()
    assert (document.status, document.date, document.decision) == ("adopted", ON, decision)
    entry = AuditEntry.objects.get(action="documents.adopt_document", object_id=str(document.pk))
    assert entry.payload["changes"]["status"] == "adopted"


def test_a_document_is_adopted_only_by_a_decision_of_that_kind(db):
    with pytest.raises(PermissionDenied):
        actions.adopt_document(
            acting_user=SYSTEM,
            document=Document.objects.get(key="rop-amend-2021"),
            on=ON,
            decision=_decision("statement"),
        )

    assert Document.objects.get(key="rop-amend-2021").status == "unconfirmed"


def test_the_founding_signatures_are_the_prerequisites_of_an_admission(db):
    # given: a candidate that signed the Declaration only, after the date asked
    state = factories.StateFactory(code="ZQ", name_en="Candidatia")
    TreatyAction.objects.create(
        document=Document.objects.get(key=FOUNDING[0]),
        state=state,
        kind=TreatyAction.Kind.SIGNATURE,
        date=dt.date(2024, 5, 1),
    )

    # when
    before = effects.missing_prerequisites("admit_member", state, dt.date(2024, 4, 30))
    after = effects.missing_prerequisites("admit_member", state, dt.date(2024, 5, 1))
    ever = effects.prerequisites("admit_member", state)

    # then
    assert [step.key for step in before] == list(FOUNDING)
    assert [step.key for step in after] == [FOUNDING[1]]
    assert [(step.key, step.done, step.date) for step in ever] == [
        (FOUNDING[0], True, dt.date(2024, 5, 1)),
        (FOUNDING[1], False, None),
    ]
    assert ever[0].record == Document.objects.get(key=FOUNDING[0])
