import datetime as dt

import pytest
from django.core import mail

from cica.core import audit, clock
from cica.core.errors import Conflict, InvalidInput, PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions, queries
from cica.decisions.models import Decision, Procedure
from cica.registry import queries as registry
from cica.registry.models import Body, BodyName
from tests.decisions.conftest import adopt, candidate, sign_founding_documents

MS = dt.timedelta(milliseconds=1)


def test_a_draft_starts_with_a_hashed_version(draft, version):
    assert version.number == 1
    assert len(version.hash) == 64
    assert AuditEntry.objects.filter(action="decisions.create_draft").last().payload["version"] == {
        "number": 1,
        "hash": version.hash,
    }


def test_revisions_add_versions_and_never_change_earlier_ones(officer, draft, version):
    # when
    second = actions.add_version(acting_user=officer, draft=draft, text_en="Revised text")

    # then
    version.refresh_from_db()
    assert (version.number, second.number) == (1, 2)
    assert version.text_en == "The Member States welcome ..."
    assert second.hash != version.hash
    assert second.title == version.title


def test_a_version_without_english_cannot_be_put_to_a_procedure(officer, soc):
    draft = actions.create_draft(
        acting_user=officer, kind="statement", title="Заявление", text_ru="Только по-русски"
    )

    with pytest.raises(InvalidInput) as raised:
        actions.open_silence_procedure(acting_user=officer, version=draft.versions.get(), body=soc)

    assert raised.value.field == "version"


def test_the_default_silence_period_is_two_weeks(officer, version, soc):
    procedure = actions.open_silence_procedure(acting_user=officer, version=version, body=soc)

    assert procedure.deadline - procedure.opened_at == dt.timedelta(weeks=2)


def test_the_eligible_states_are_the_member_states_on_the_opening_date(silence):
    assert set(silence.eligible_states.values_list("code", flat=True)) == set(
        registry.members_on(clock.today()).values_list("code", flat=True)
    )
    assert silence.eligible_states.count() == 28


def test_a_member_state_breaks_silence_and_the_procedure_ends(silence, kz_delegate):
    # when
    silence_break = actions.break_silence(
        acting_user=kz_delegate,
        procedure=silence,
        reason="Paragraph 3 needs work",
        proposed_wording="... in accordance with international law ...",
    )

    # then
    assert queries.status_of(silence) == "broken"
    assert silence_break.state.code == "KZ"
    entry = AuditEntry.objects.get(seq=silence_break.receipt_seq)
    assert (entry.hash, entry.action) == (silence_break.receipt_hash, "decisions.break_silence")
    with pytest.raises(Conflict):
        actions.break_silence(acting_user=kz_delegate, procedure=silence, reason="again")


@pytest.mark.parametrize("who", ["jp_observer", "officer"])
def test_only_member_states_break_silence(request, silence, who):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        actions.break_silence(acting_user=user, procedure=silence, reason="no")

    assert queries.status_of(silence) == "open"


def test_a_state_admitted_after_opening_cannot_break_silence(silence, member_state):
    from cica.accounts.actions import create_user

    newcomer = create_user(
        acting_user=SYSTEM, username="new", role="delegate", state_code=member_state.code
    )

    with pytest.raises(PermissionDenied):
        actions.break_silence(acting_user=newcomer, procedure=silence, reason="no")


def test_adopted_at_the_deadline_exactly(silence, kz_delegate, clock_at_now):
    # given
    clock_at_now.move_to(silence.deadline - MS)
    assert queries.status_of(silence) == "open"

    # when: one millisecond later, before any worker has recorded anything
    clock_at_now.move_to(silence.deadline + MS)

    # then
    assert queries.status_of(silence) == "adopted"
    assert not Decision.objects.filter(procedure=silence).exists()


def test_a_break_at_the_deadline_is_refused_naming_it(silence, kz_delegate, clock_at_now):
    clock_at_now.move_to(silence.deadline)

    with pytest.raises(Conflict) as raised:
        actions.break_silence(acting_user=kz_delegate, procedure=silence, reason="late")

    assert silence.deadline.isoformat() in str(raised.value.message)
    assert raised.value.status == 409


def test_adoption_is_recorded_once_with_a_symbol(silence, clock_at_now):
    clock_at_now.move_to(silence.deadline + dt.timedelta(hours=1))

    first = actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)
    again = actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)

    assert first == again
    assert first.symbol == "CICA/SOC/DEC/2026/1"
    assert first.adopted_at == silence.deadline
    assert first.version.hash == silence.version.hash
    assert AuditEntry.objects.filter(action="decisions.adopt").count() == 1


def test_decisions_are_numbered_when_adopted_per_body_and_year(officer, soc, clock_at_now):
    procedures = []
    for title in ("First", "Second"):
        draft = actions.create_draft(
            acting_user=officer, kind="statement", title=title, text_en=title
        )
        procedures.append(
            actions.open_silence_procedure(
                acting_user=officer, version=draft.versions.get(), body=soc
            )
        )
    clock_at_now.shift(dt.timedelta(weeks=3))

    # The second closes first here: numbers follow adoption, not circulation.
    symbols = [
        actions.record_adoption(procedure_id=p.pk, acting_user=SYSTEM).symbol
        for p in reversed(procedures)
    ]

    assert symbols == ["CICA/SOC/DEC/2026/1", "CICA/SOC/DEC/2026/2"]


def test_the_chair_extends_but_never_shortens(silence, chair_delegate):
    later = silence.deadline + dt.timedelta(days=7)

    actions.extend_deadline(acting_user=chair_delegate, procedure=silence, deadline=later)

    silence.refresh_from_db()
    assert silence.deadline == later
    with pytest.raises(InvalidInput) as raised:
        actions.extend_deadline(
            acting_user=chair_delegate, procedure=silence, deadline=later - dt.timedelta(days=1)
        )
    assert raised.value.field == "deadline"


def test_a_delegate_who_is_not_the_chair_cannot_extend(silence, kz_delegate):
    with pytest.raises(PermissionDenied):
        actions.extend_deadline(
            acting_user=kz_delegate,
            procedure=silence,
            deadline=silence.deadline + dt.timedelta(days=1),
        )


def test_the_opener_withdraws(silence, officer, chair_delegate):
    with pytest.raises(PermissionDenied):
        actions.withdraw_procedure(acting_user=chair_delegate, procedure=silence)

    withdrawn = actions.withdraw_procedure(acting_user=officer, procedure=silence)

    silence.refresh_from_db()
    assert queries.status_of(silence) == queries.status_of(withdrawn) == "withdrawn"


def test_observers_comment_with_a_receipt(silence, jp_observer):
    comment = actions.comment(acting_user=jp_observer, procedure=silence, text="We welcome it.")

    assert comment.receipt_hash == AuditEntry.objects.get(seq=comment.receipt_seq).hash
    assert queries.status_of(silence) == "open"


def test_a_revised_version_goes_to_a_new_procedure_after_a_break(
    officer, draft, version, silence, kz_delegate, soc
):
    actions.break_silence(acting_user=kz_delegate, procedure=silence, reason="no")
    revised = actions.add_version(acting_user=officer, draft=draft, text_en="Better text")

    second = actions.open_silence_procedure(acting_user=officer, version=revised, body=soc)

    assert queries.status_of(second) == "open"


def test_a_draft_before_a_running_procedure_cannot_be_put_again(officer, version, silence, soc):
    with pytest.raises(Conflict):
        actions.open_silence_procedure(acting_user=officer, version=version, body=soc)


def test_admission_makes_a_member_from_the_adoption_date(officer, clock_at_now):
    """The workflow of DOMAIN.md section 9 (tdi-soc-2022, inform-3990035, utv-2018): the state
    applies, the SOC approves the draft decision, the candidate signs both founding documents,
    the Ministerial Council adopts the admission."""
    # given: Malaysia, an observer, a candidate that has signed both founding documents
    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    members_before = registry.key_figures(clock.today())["members"]  # now cached

    # when
    decision = adopt(
        officer, clock_at_now, kind="admit_member", effect={"state": "MY"}, body="ministerial"
    )

    # then
    assert registry.key_figures(clock.today())["members"] == members_before + 1
    day = decision.adopted_on
    assert registry.get_state("MY", as_of=day).status_on_date == "member"
    assert registry.get_state("MY", as_of=day - dt.timedelta(days=1)).status_on_date == "observer"
    assert decision.effect_record.decision == decision
    assert decision.effect_status == "applied"
    assert decision.symbol.startswith("CICA/MC/DEC/")
    assert audit.verify_chain().ok


def test_an_effect_applies_exactly_once(officer, clock_at_now):
    # given: Morocco applied for observer status (astanatimes-2024-12-25); the SOC pre-approves
    adopt(officer, clock_at_now, kind="preapprove_observer", effect={"state": "MA"}, body="soc")
    draft = actions.create_draft(
        acting_user=officer,
        kind="grant_observer",
        title="Observer status for Morocco",
        text_en="Grant",
        effect={"state": "MA"},
    )
    procedure = actions.open_silence_procedure(
        acting_user=officer,
        version=draft.versions.get(),
        body=Body.objects.get(key="ministerial"),
    )
    clock_at_now.shift(dt.timedelta(weeks=3))

    actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)
    actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)
    actions.settle_due_procedures()

    statuses = registry.get_state("MA", as_of=clock.today()).statuses.all()
    assert [s.status for s in statuses] == ["observer_applicant", "observer"]
    granted = AuditEntry.objects.filter(
        action="decisions.apply_effect", object_id=str(procedure.decision.pk)
    )
    assert granted.count() == 1


def test_renaming_a_body_changes_its_name_from_adoption(officer, soc, clock_at_now):
    """The Summit renames bodies, as the Astana Statement did (seed-001, chinatimes-astana)."""
    draft = actions.create_draft(
        acting_user=officer,
        kind="rename_body",
        title="Renaming the SOC",
        text_en="Rename",
        effect={
            "body": "soc",
            "name_en": "Council of Senior Officials",
            "name_ru": "Совет старших должностных лиц",
        },
    )
    procedure = actions.open_silence_procedure(
        acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key="summit")
    )
    clock_at_now.shift(dt.timedelta(weeks=3))
    decision = actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)

    names = {b.key: b.name_en_on_date for b in registry.list_bodies(as_of=decision.adopted_on)}
    before = {b.key: b.name_en_on_date for b in registry.list_bodies(as_of=clock.today())}
    assert names["soc"] == "Council of Senior Officials"
    assert before["soc"] == "Council of Senior Officials"
    assert BodyName.objects.get(body=Body.objects.get(key="soc"), valid_to=decision.adopted_on)


@pytest.mark.parametrize(
    ("kind", "effect", "field"),
    [
        ("admit_member", {"state": "KZ"}, "effect.state"),
        ("admit_member", {"state": "XX"}, "effect.state"),
        ("admit_member", {}, "effect.state"),
        ("grant_observer", {"state": "JP", "organization": "UN"}, "effect.state"),
        ("approve_chairmanship", {"state": "KZ", "from": "2027-13-01"}, "effect.from"),
        ("appoint_head", {"person": " "}, "effect.person"),
        ("rename_body", {"body": "nope", "name_en": "X"}, "effect.body"),
        ("emperor", {}, "kind"),
    ],
)
def test_effects_are_checked_when_drafted(officer, kind, effect, field):
    with pytest.raises(InvalidInput) as raised:
        actions.create_draft(acting_user=officer, kind=kind, title="T", text_en="T", effect=effect)

    assert raised.value.field == field


def test_the_chair_approves_a_chairmanship_term_by_meeting_consensus(
    chair_delegate, clock_at_now, kz_delegate
):
    """The Ministerial Council decides a chairmanship term (RoP 2014 Art. 14,
    s-cica-chairmanship-rop; vk-167175)."""
    # given
    draft = actions.create_draft(
        acting_user=chair_delegate,
        kind="approve_chairmanship",
        title="Chairmanship 2026-2028",
        text_en="Approve",
        effect={"state": "KZ", "from": "2026-12-31", "to": "2028-12-31"},
        proposer="chairmanship",
    )
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate,
        version=draft.versions.get(),
        body=Body.objects.get(key="ministerial"),
    )
    members = sorted(procedure.eligible_states.values_list("code", flat=True))

    # when: 19 of 28 present (the quorum), no objection
    actions.record_meeting_outcome(
        acting_user=chair_delegate, procedure=procedure, present=members[:19]
    )

    # then
    decision = Decision.objects.get(procedure=procedure)
    assert decision.effect_record.state.code == "KZ"
    assert registry.current_chair(dt.date(2027, 1, 1)).state.code == "KZ"


def test_without_quorum_the_chair_cannot_record_adoption(chair_delegate, version, soc):
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate, version=version, body=soc
    )
    members = sorted(procedure.eligible_states.values_list("code", flat=True))

    with pytest.raises(Conflict) as raised:
        actions.record_meeting_outcome(
            acting_user=chair_delegate, procedure=procedure, present=members[:18]
        )

    assert "18 of 28" in str(raised.value.message)
    assert queries.status_of(procedure) == "open"


def test_an_objection_means_not_adopted_with_the_objecting_states(
    chair_delegate, version, soc, kz_delegate
):
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate, version=version, body=soc
    )
    actions.object_at_meeting(acting_user=kz_delegate, procedure=procedure, reason="Not yet")
    members = sorted(procedure.eligible_states.values_list("code", flat=True))

    actions.record_meeting_outcome(
        acting_user=chair_delegate, procedure=procedure, present=members, objecting=["IN"]
    )

    procedure.refresh_from_db()
    assert queries.status_of(procedure) == Procedure.Status.NOT_ADOPTED
    entry = AuditEntry.objects.filter(action="decisions.record_meeting_outcome").last()
    assert entry.payload["objecting"] == ["IN", "KZ"]
    assert not Decision.objects.filter(procedure=procedure).exists()


def test_observers_cannot_object(chair_delegate, version, soc, jp_observer):
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate, version=version, body=soc
    )

    with pytest.raises(PermissionDenied):
        actions.object_at_meeting(acting_user=jp_observer, procedure=procedure)


def test_a_member_state_attaches_an_interpretative_statement(silence, kz_delegate, clock_at_now):
    clock_at_now.shift(dt.timedelta(weeks=3))
    decision = actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)

    statement = actions.add_interpretative_statement(
        acting_user=kz_delegate, decision=decision, text="We read paragraph 2 as ..."
    )

    assert statement.receipt_hash
    assert queries.status_of(silence) == "adopted"


def test_a_rejected_action_leaves_no_trace(silence, jp_observer):
    entries = AuditEntry.objects.count()

    with pytest.raises(PermissionDenied):
        actions.break_silence(acting_user=jp_observer, procedure=silence, reason="no")

    assert AuditEntry.objects.count() == entries
    assert mail.outbox == []
