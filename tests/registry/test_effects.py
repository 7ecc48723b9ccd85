"""The registry's actions for the effects of adopted decisions (registry.effects): each makes its
record by the decision's authority and records it in the audit chain."""

import datetime as dt

import pytest

from cica.core.errors import PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions.models import Decision
from cica.registry import actions, queries
from cica.registry.models import Body, BodyName, MembershipStatus, PostHolder, State
from tests import factories

ON = dt.date(2026, 3, 2)


def _decision(kind: str, **fields) -> Decision:
    return Decision.objects.create(
        title=f"A decision ({kind})", kind=kind, adopted_on=ON, symbol=f"TEST/{kind}", **fields
    )


def _entry(action: str, record) -> AuditEntry:
    return AuditEntry.objects.get(
        action=action, object_type=record._meta.label_lower, object_id=str(record.pk)
    )


def test_admit_member_makes_the_observer_a_member(observer_state):
    # given
    decision = _decision("admit_member", effect={"state": observer_state.code})

    # when
    status = actions.admit_member(
        acting_user=SYSTEM, state=observer_state, on=ON, decision=decision
    )

    # then
    assert (status.status, status.valid_from, status.basis) == ("member", ON, "admission")
    assert queries.status_on(observer_state, ON) == "member"
    assert not MembershipStatus.objects.filter(
        state=observer_state, status="observer", valid_to__isnull=True
    ).exists()
    assert _entry("registry.admit_member", status).payload["status"] == "member"


def test_grant_observer_status_to_an_organization(db):
    organization = factories.OrganizationFactory(code="XO", name_en="An Organization")
    decision = _decision("grant_observer", effect={"organization": "XO"})

    status = actions.grant_observer_status(
        acting_user=SYSTEM, party=organization, on=ON, decision=decision
    )

    assert (status.organization, status.status) == (organization, "observer")
    assert _entry("registry.grant_observer_status", status).payload["organization"] == "XO"


def test_approve_chairmanship_makes_the_term(db):
    state = State.objects.get(code="KZ")
    decision = _decision("approve_chairmanship")

    term = actions.approve_chairmanship(
        acting_user=SYSTEM,
        state=state,
        valid_from=ON,
        valid_to=dt.date(2028, 3, 1),
        decision=decision,
    )

    assert (term.state, term.valid_from, term.valid_to) == (state, ON, dt.date(2028, 3, 1))
    assert _entry("registry.approve_chairmanship", term).payload["to"] == "2028-03-01"


def test_appoint_head_ends_the_term_of_the_head_before(db):
    decision = _decision("appoint_head")

    holder = actions.appoint_head(
        acting_user=SYSTEM,
        person_en="A. Person",
        person_ru="А. Персона",
        title_en="Executive Director",
        title_ru="Исполнительный директор",
        nationality=State.objects.get(code="KZ"),
        on=ON,
        decision=decision,
    )

    assert (holder.person_en, holder.valid_from) == ("A. Person", ON)
    in_office = PostHolder.objects.filter(post__kind="head", valid_to__isnull=True)
    assert list(in_office) == [holder]
    assert _entry("registry.appoint_head", holder).payload["nationality"] == "KZ"


def test_rename_body_ends_the_name_before(db):
    body = Body.objects.get(key="soc")
    decision = _decision("rename_body")

    name = actions.rename_body(
        acting_user=SYSTEM, body=body, name_en="A New Name", name_ru=None, on=ON, decision=decision
    )

    assert not BodyName.objects.filter(body=body, valid_to__isnull=True).exclude(pk=name.pk)
    assert queries.get_body_on("soc", ON).name_en_on_date == "A New Name"
    assert _entry("registry.rename_body", name).payload["name_en"] == "A New Name"


@pytest.mark.parametrize("kind", ["statement", "admit_member", None])
def test_a_change_of_the_registry_needs_an_adopted_decision_of_its_kind(db, kind):
    """An effect's action runs by the authority of a decision, not a user's permission."""
    decision = _decision(kind) if kind else None
    body = Body.objects.get(key="soc")

    with pytest.raises(PermissionDenied):
        actions.rename_body(
            acting_user=SYSTEM, body=body, name_en="X", name_ru=None, on=ON, decision=decision
        )

    assert not BodyName.objects.filter(name_en="X").exists()


def test_the_record_shows_the_decision_that_made_it(db):
    # given
    body = Body.objects.get(key="soc")
    decision = _decision("rename_body")
    name = actions.rename_body(
        acting_user=SYSTEM, body=body, name_en="Renamed", name_ru=None, on=ON, decision=decision
    )
    decision.effect_record = name
    decision.save()

    # when
    names = {n.name_en: n for n in queries.list_bodies(as_of=ON).get(key="soc").names.all()}

    # then
    assert names["Renamed"].decision == decision
    assert all(n.decision is None for key, n in names.items() if key != "Renamed")
