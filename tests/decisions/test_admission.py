"""Admission as CICA admits, and observer status (DOMAIN.md section 9).

Membership: an application; the SOC approves the draft decision (tdi-soc-2022); the candidate
signs the 1999 Declaration and the Almaty Act (inform-3990035, utv-2018); the Summit or the
Ministerial Council adopts the decision by consensus, in session or by silence procedure.
Observer status: an application; the SOC pre-approves; the Ministerial Council decides
(astanatimes-2023-12-sa).
"""

import datetime as dt

import pytest
from django.test import Client

from cica.core import clock
from cica.core.errors import Conflict, InvalidInput, PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions
from cica.decisions.models import Decision, Procedure
from cica.documents import actions as documents
from cica.documents.models import Document, TreatyAction
from cica.documents.queries import FOUNDING, founding_signatures
from cica.registry import queries as registry
from cica.registry.models import Application, Body, MembershipStatus, State
from tests.conftest import bearer_client, recorded_acts
from tests.decisions.conftest import adopt, candidate, sign_founding_documents


def _admission_draft(officer, code: str = "MY"):
    return actions.create_draft(
        acting_user=officer,
        kind="admit_member",
        title=f"Admission of {code}",
        text_en="The Ministerial Council admits ...",
        effect={"state": code},
    )


def _ministerial() -> Body:
    return Body.objects.get(key="ministerial")


def _is_member(code: str) -> bool:
    return registry.status_on(State.objects.get(code=code), clock.today()) == "member"


# ---- the steps a draft needs ----------------------------------------------------------------


def test_an_admission_needs_an_application_on_record(officer):
    with pytest.raises(Conflict) as refused:
        _admission_draft(officer)

    assert refused.value.field == "effect.state"
    assert "application" in str(refused.value.message)


def test_the_socs_approval_needs_an_application_too(officer):
    with pytest.raises(Conflict) as refused:
        actions.create_draft(
            acting_user=officer,
            kind="approve_admission",
            title="Approval",
            text_en="The SOC approves the draft decision.",
            effect={"state": "MY"},
        )

    assert refused.value.field == "effect.state"


def test_an_admission_needs_the_socs_approval(officer):
    actions.record_application(
        acting_user=officer,
        state=State.objects.get(code="MY"),
        kind="membership",
        date=clock.today(),
    )

    with pytest.raises(Conflict) as refused:
        _admission_draft(officer)

    assert refused.value.field == "effect.state"
    assert "SOC" in str(refused.value.message)


def test_the_api_answers_a_missing_step_with_409_naming_the_state(officer):
    response = bearer_client(officer).post(
        "/api/v1/drafts",
        {"kind": "admit_member", "title": "Admission", "text_en": "x", "effect": {"state": "MY"}},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "effect.state"


# ---- the founding documents -----------------------------------------------------------------


@pytest.mark.parametrize("signed", [(), ("decl-principles-1999",), ("almaty-act",)])
def test_a_candidate_without_both_signatures_is_not_put_to_the_council(
    officer, clock_at_now, signed
):
    """Membership can be granted only after the candidate signs both fundamental documents
    (inform-3990035, utv-2018)."""
    # given
    candidate(officer, clock_at_now, "MY")
    if signed:
        sign_founding_documents(officer, "MY", *signed)
    draft = _admission_draft(officer)

    # when
    with pytest.raises(Conflict) as refused:
        actions.open_silence_procedure(
            acting_user=officer, version=draft.versions.get(), body=_ministerial()
        )

    # then
    assert refused.value.field == "effect.state"
    assert "Almaty Act" in str(refused.value.message) or "Declaration" in str(refused.value.message)
    assert not Procedure.objects.filter(version__draft=draft).exists()


def test_a_candidate_whose_signature_is_withdrawn_before_adoption_is_never_a_member(
    officer, clock_at_now
):
    """Adoption checks again: a signature recorded in error and removed leaves the decision
    adopted but its effect not applied, with the reason."""
    # given: the admission is before the Council, then the signature of the Almaty Act goes
    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    procedure = actions.open_silence_procedure(
        acting_user=officer, version=_admission_draft(officer).versions.get(), body=_ministerial()
    )
    documents.remove_treaty_action(
        acting_user=officer,
        action=TreatyAction.objects.get(state__code="MY", document__key="almaty-act"),
    )
    clock_at_now.move_to(procedure.deadline + dt.timedelta(minutes=1))

    # when
    decision = actions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)

    # then
    assert decision.effect_status == Decision.EffectStatus.NOT_APPLICABLE
    assert "Almaty Act" in decision.effect_note
    assert "inform-3990035" in decision.effect_note
    assert decision.effect_record is None
    assert not _is_member("MY")
    assert not MembershipStatus.objects.filter(state__code="MY", status="member").exists()


def test_the_summit_admits_in_session_without_objection(
    officer, chair_delegate, clock_at_now, client
):
    """Kuwait: "I believe that there are no objections here, therefore the decision ... is
    taken" (inform-3990035)."""
    # given
    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate,
        version=_admission_draft(officer).versions.get(),
        body=Body.objects.get(key="summit"),
    )
    members = list(procedure.eligible_states.values_list("code", flat=True))

    # when
    actions.record_meeting_outcome(acting_user=chair_delegate, procedure=procedure, present=members)

    # then
    decision = Decision.objects.get(procedure=procedure)
    assert decision.symbol.startswith("CICA/SUMMIT/DEC/")
    assert decision.effect_status == "applied"
    assert _is_member("MY")
    assert all(row["signature"] for row in founding_signatures(State.objects.get(code="MY")))


def test_every_member_signed_both_founding_documents_when_it_became_one(db):
    """The reference data: each member's founding signatures, reported or inferred from the
    membership rule (inform-3990035, utv-2018), come no later than its membership (or than the
    document, for the three states members since 1999 and the Almaty Act of 2002)."""
    late = []
    for status in MembershipStatus.objects.filter(status="member").select_related("state"):
        for row in founding_signatures(status.state):
            signature, document = row["signature"], row["document"]
            due = max(status.valid_from, document.date).isoformat()
            if signature is None or signature.date_text > due[: len(signature.date_text)]:
                late.append((status.state.code, document.key))
    assert late == []
    assert registry.members_on(clock.today()).count() == 28


def test_an_inferred_signature_says_on_what_rule(db):
    """Thailand was admitted in 2004: no source reports its signatures, the rule implies them."""
    signature = TreatyAction.objects.get(state__code="TH", document__key="decl-principles-1999")

    assert (signature.basis, signature.date) == ("inferred", dt.date(2004, 10, 22))
    assert {source.key for source in signature.sources.all()} == {"inform-3990035", "utv-2018"}


# ---- observer status ------------------------------------------------------------------------


def test_observer_status_by_soc_pre_approval_then_the_ministerial_council(officer, clock_at_now):
    """Saudi Arabia: SOC 2023-12-12, Ministerial Council 2023-12-26 (astanatimes-2023-12-sa).
    Morocco's application is on record (astanatimes-2024-12-25)."""
    # given: the SOC has not pre-approved yet
    with pytest.raises(Conflict):
        actions.create_draft(
            acting_user=officer,
            kind="grant_observer",
            title="Observer status for Morocco",
            text_en="Grant.",
            effect={"state": "MA"},
        )
    preapproval = adopt(
        officer, clock_at_now, kind="preapprove_observer", effect={"state": "MA"}, body="soc"
    )

    # when
    grant = adopt(
        officer, clock_at_now, kind="grant_observer", effect={"state": "MA"}, body="ministerial"
    )

    # then
    assert preapproval.effect_status == grant.effect_status == "applied"
    assert registry.status_on(State.objects.get(code="MA"), clock.today()) == "observer"
    workflow = Client().get("/api/v1/states/MA").json()["workflow"]["observer"]
    assert workflow["stage"] == "admitted"
    assert [(s["step"], s["status"]) for s in workflow["steps"]] == [
        ("application", "done"),
        ("soc_preapproval", "done"),
        ("grant", "done"),
    ]
    assert workflow["steps"][2]["decision"] == {"id": grant.pk, "symbol": grant.symbol}


def test_an_observer_cannot_be_pre_approved_again(officer):
    with pytest.raises(InvalidInput) as refused:
        actions.create_draft(
            acting_user=officer,
            kind="preapprove_observer",
            title="Pre-approval",
            text_en="x",
            effect={"state": "SA"},
        )

    assert refused.value.field == "effect.state"


# ---- applications ---------------------------------------------------------------------------


def test_the_secretariat_records_an_application_through_the_api(officer):
    response = bearer_client(officer).post(
        "/api/v1/states/sg/applications",
        {
            "kind": "observer",
            "date": "2026-11-20",
            "note": "Note verbale of 20 November 2026",
            "sources": ["regnum-658586"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json() == {
        "id": Application.objects.get().pk,
        "state": "SG",
        "kind": "observer",
        "date": "2026-11-20",
        "note": "Note verbale of 20 November 2026",
        "sources": ["regnum-658586"],
    }
    entry = AuditEntry.objects.filter(action="decisions.record_application").get()
    assert (entry.actor, entry.payload["state"]) == (officer, "SG")


@pytest.mark.parametrize(
    ("code", "payload", "status", "field"),
    [
        ("KW", {"kind": "membership", "date": "2026-11-20"}, 422, "kind"),
        ("SA", {"kind": "observer", "date": "2026-11-20"}, 422, "kind"),
        ("SG", {"kind": "observer", "date": "2026-12-20"}, 422, "date"),
        ("SG", {"kind": "observer", "date": "2026-11-20", "sources": ["nowhere"]}, 422, "sources"),
        ("SG", {"kind": "alliance", "date": "2026-11-20"}, 422, "kind"),
        ("XX", {"kind": "observer", "date": "2026-11-20"}, 404, "code"),
    ],
)
def test_a_bad_application_is_refused_naming_the_field(officer, code, payload, status, field):
    client = bearer_client(officer)
    acts = recorded_acts()

    response = client.post(
        f"/api/v1/states/{code}/applications", payload, content_type="application/json"
    )

    assert response.status_code == status
    assert response.json()["errors"][0]["field"].endswith(field)
    assert recorded_acts() == acts
    assert not Application.objects.exists()


def test_an_application_recorded_twice_is_a_conflict(officer):
    state = State.objects.get(code="SG")
    actions.record_application(
        acting_user=officer, state=state, kind="observer", date=dt.date(2026, 11, 20)
    )

    with pytest.raises(Conflict):
        actions.record_application(
            acting_user=officer, state=state, kind="observer", date=dt.date(2026, 11, 20)
        )


def test_only_the_secretariat_records_an_application(kz_delegate):
    with pytest.raises(PermissionDenied):
        actions.record_application(
            acting_user=kz_delegate,
            state=State.objects.get(code="SG"),
            kind="observer",
            date=dt.date(2026, 11, 20),
        )


# ---- where a state stands -------------------------------------------------------------------


def _steps(code: str, kind: str) -> list[tuple]:
    flow = Client().get(f"/api/v1/states/{code}").json()["workflow"][kind]
    return [
        (step["step"], step["status"], step["date"], step["body"], bool(step["decision"]))
        for step in flow["steps"]
    ]


def test_kuwaits_admission_step_by_step(db):
    """Signed both 2022-10-11 (inform-3990035); the SOC approved the draft decision 2022-10-12
    (tdi-soc-2022); admitted by the Sixth Summit 2022-10-13."""
    assert _steps("KW", "membership") == [
        ("application", "not_recorded", None, None, False),
        ("soc_approval", "done", "2022-10-12", "soc", True),
        ("signature", "done", "2022-10-11", None, False),
        ("signature", "done", "2022-10-11", None, False),
        ("admission", "done", "2022-10-13", "summit", True),
    ]


def test_saudi_arabias_observer_status_step_by_step(db):
    """SOC 2023-12-12 (astanatimes-2023-12-soc), Ministerial Council 2023-12-26."""
    assert _steps("SA", "observer") == [
        ("application", "not_recorded", None, None, False),
        ("soc_preapproval", "done", "2023-12-12", "soc", True),
        ("grant", "done", "2023-12-26", "ministerial", True),
    ]
    assert Client().get("/api/v1/states/SA").json()["workflow"]["membership"] is None


def test_morocco_is_an_applicant_for_observer_status(db):
    """Its application was "currently being considered" in December 2024
    (astanatimes-2024-12-25): the next steps are pending."""
    flow = Client().get("/api/v1/states/MA").json()["workflow"]["observer"]

    assert flow["stage"] == "applicant"
    assert [(s["step"], s["status"], s["date"], s["basis"]) for s in flow["steps"]] == [
        ("application", "done", "2024-12", "attested"),
        ("soc_preapproval", "pending", None, None),
        ("grant", "pending", None, None),
    ]


def test_turkmenistans_soc_approval_is_shown_as_a_cited_exception(db):
    flow = Client().get("/api/v1/states/TM").json()["workflow"]["observer"]

    grant = flow["steps"][-1]
    assert (grant["status"], grant["date"], grant["body"]) == ("exception", "2021-06-23", "soc")
    assert "s-cica-pr-333" in grant["sources"]
    assert "not a power of the SOC" in grant["note"]


def test_a_founding_member_has_no_recorded_admission_act(db):
    flow = Client().get("/api/v1/states/CN").json()["workflow"]["membership"]

    assert flow["stage"] == "admitted"
    assert flow["steps"][0]["status"] == "not_recorded"
    assert (flow["steps"][-1]["basis"], flow["steps"][-1]["date"]) == ("attested", "1999-09-14")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_states_page_shows_where_it_stands(db, client, language):
    kuwait = client.get(f"/{language}/states/KW/").content.decode()
    morocco = client.get(f"/{language}/states/MA/").content.decode()
    turkmenistan = client.get(f"/{language}/states/TM/").content.decode()

    assert 'id="workflow-heading"' in kuwait
    assert "step-done" in kuwait and "tdi-soc-2022" in kuwait
    kuwait_summit = Decision.objects.get(historical=True, title__startswith="Kuwait admitted")
    assert f'href="/{language}/decisions/{kuwait_summit.pk}/"' in kuwait
    assert "step-pending" in morocco
    assert "step-exception" in turkmenistan and "s-cica-pr-333" in turkmenistan


def test_the_secretariat_records_an_application_on_the_states_page(officer, client):
    client.force_login(officer)

    shown = client.get("/en/states/SG/").content.decode()
    posted = client.post(
        "/en/states/SG/applications/",
        {"kind": "membership", "date": "2026-11-20", "note": "", "sources": "regnum-658586"},
    )
    after = client.get("/en/states/SG/").content.decode()

    assert "Record an application" in shown
    assert posted.status_code == 302 and posted["Location"] == "/en/states/SG/"
    assert Application.objects.get().sources.get().key == "regnum-658586"
    assert "step-pending" in after


def test_a_bad_application_is_shown_beside_its_field(officer, client):
    client.force_login(officer)

    response = client.post(
        "/en/states/SG/applications/", {"kind": "observer", "date": "2026-12-31", "sources": ""}
    )

    assert response.status_code == 422
    assert "An application cannot be dated in the future." in response.content.decode()
    assert not Application.objects.exists()


def test_a_delegate_sees_no_application_form(kz_delegate, client):
    client.force_login(kz_delegate)

    assert "Record an application" not in client.get("/en/states/SG/").content.decode()
    assert client.post("/en/states/SG/applications/", {}).status_code == 403


def test_a_member_admitted_here_stands_admitted_with_its_decisions(officer, clock_at_now):
    approval = candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    admission = adopt(
        officer, clock_at_now, kind="admit_member", effect={"state": "MY"}, body="ministerial"
    )

    flow = Client().get("/api/v1/states/MY").json()["workflow"]["membership"]

    assert flow["stage"] == "admitted"
    assert [step["status"] for step in flow["steps"]] == ["done"] * 5
    assert flow["steps"][1]["decision"]["symbol"] == approval.symbol
    assert flow["steps"][-1]["decision"]["symbol"] == admission.symbol


def test_the_workflow_follows_a_new_signature_in_the_api(officer, clock_at_now):
    """The state's detail is cached per state of what it reads: a signature is one of them."""
    candidate(officer, clock_at_now, "MY")
    before = _steps("MY", "membership")

    sign_founding_documents(officer, "MY", FOUNDING[0])

    after = _steps("MY", "membership")
    assert before[2][1] == "pending" and after[2][1] == "done"
    assert Document.objects.get(key=FOUNDING[0]).actions.filter(state__code="MY").exists()


def test_the_readmes_example_morocco_becomes_an_observer(officer, clock_at_now):
    """README, "The API": the SOC pre-approves Morocco's application, the Ministerial Council
    grants the status; put to the SOC the grant is refused, and drafted too early as well."""
    client = bearer_client(officer)

    def post(url, payload):
        return client.post(f"/api/v1/{url}", payload, content_type="application/json")

    grant = {
        "kind": "grant_observer",
        "title": "Observer status for Morocco",
        "text_en": "...",
        "text_ru": "",
        "effect": {"state": "MA"},
    }
    # when: too early, then the SOC's pre-approval
    too_early = post("drafts", grant)
    draft = post(
        "drafts",
        {
            "kind": "preapprove_observer",
            "title": "Pre-approval of the application of Morocco",
            "text_en": "...",
            "text_ru": "",
            "effect": {"state": "MA"},
        },
    ).json()
    opened = post(
        "procedures",
        {
            "version": draft["version"]["id"],
            "kind": "silence",
            "body": "soc",
            "deadline": "2026-12-07T18:00:00+05:00",
        },
    )
    clock_at_now.move_to(dt.datetime(2026, 12, 7, 13, 1, tzinfo=dt.UTC))
    actions.settle_due_procedures()
    candidate_now = Client().get("/api/v1/states/MA").json()["workflow"]["observer"]["stage"]
    version = post("drafts", grant).json()["version"]["id"]
    to_the_soc = post("procedures", {"version": version, "kind": "silence", "body": "soc"})
    to_the_council = post(
        "procedures", {"version": version, "kind": "silence", "body": "ministerial"}
    )
    clock_at_now.move_to(dt.datetime(2026, 12, 22, 13, 1, tzinfo=dt.UTC))
    actions.settle_due_procedures()

    # then
    assert (too_early.status_code, too_early.json()["errors"][0]["field"]) == (409, "effect.state")
    assert opened.status_code == 201
    assert candidate_now == "candidate"
    assert (to_the_soc.status_code, to_the_soc.json()["errors"][0]["field"]) == (422, "body")
    assert to_the_council.status_code == 201
    workflow = Client().get("/api/v1/states/MA").json()["workflow"]["observer"]
    assert workflow["stage"] == "admitted"
    assert registry.status_on(State.objects.get(code="MA"), clock.today()) == "observer"
