"""Which body may adopt which kind of decision: the table, its sources, its enforcement."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from django.test import Client

from cica import reference
from cica.core.errors import InvalidInput
from cica.decisions import actions, competence
from cica.decisions.models import Draft, Procedure
from cica.registry.models import Body, Source
from tests.conftest import bearer_client, recorded_acts


def _reference_source_ids() -> set[str]:
    path = Path(reference.__file__).parent / "data" / "cica.yaml"
    return {source["id"] for source in yaml.safe_load(path.read_text())["sources"]}


def test_every_source_the_table_cites_is_in_the_reference_data(db):
    cited = competence.source_ids()

    assert cited <= _reference_source_ids()
    assert cited <= set(Source.objects.values_list("key", flat=True))


def test_every_kind_of_decision_has_a_body_today():
    today = dt.date(2026, 11, 23)

    undecidable = [kind for kind in Draft.Kind if not competence.competent_bodies(kind, today)]

    assert undecidable == []


@pytest.mark.parametrize(
    ("kind", "bodies"),
    [
        # tdi-soc-2022, inform-3990035, bd-mfa-2014: the Summit or the Ministerial Council admit.
        ("admit_member", ["summit", "ministerial"]),
        ("approve_admission", ["soc"]),
        # astanatimes-2023-12-sa: SOC pre-approval, then the Ministerial Council's decision.
        ("preapprove_observer", ["soc"]),
        ("grant_observer", ["ministerial"]),
        # RoP 2014 Art. 14 (s-cica-chairmanship-rop); vk-167175: the MC decided in 2024.
        ("approve_chairmanship", ["summit", "ministerial"]),
        # The Astana Statement of the Sixth Summit renamed the bodies (seed-001).
        ("rename_body", ["summit"]),
        # s-cica-pr-333, s-cica-pr-1782: the SOC assigns coordinators.
        ("assign_coordinator", ["soc"]),
    ],
)
def test_the_bodies_that_adopt_each_kind_today(kind, bodies):
    assert competence.competent_bodies(kind, dt.date(2026, 11, 23)) == bodies


@pytest.mark.parametrize(
    ("on", "bodies"),
    [
        # Agreement on the Secretariat, Art. 3 (fsou-secr-1): the Ministers appoint.
        (dt.date(2020, 9, 24), ["ministerial"]),
        # The Sixth Summit appointed the first Secretary General (bigasia-2022).
        (dt.date(2022, 10, 13), ["summit", "ministerial"]),
        # Before the Agreement of 2006-06-17 no body appointed a head: there was no Secretariat.
        (dt.date(2005, 1, 1), []),
    ],
)
def test_the_table_is_dated(on, bodies):
    assert competence.competent_bodies("appoint_head", on) == bodies


@pytest.mark.parametrize("body", ["soc", "swg"])
@pytest.mark.parametrize("how", ["silence", "meeting"])
def test_the_soc_and_the_swg_cannot_admit_a_member(officer, clock_at_now, body, how):
    """The SOC approves the draft decision, it does not admit (tdi-soc-2022); the SWG reports
    to the SOC (s-cica-structure). A draft goes only to a body that may adopt it."""
    from tests.decisions.conftest import candidate, sign_founding_documents

    # given: a candidate with everything done but the decision itself
    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    draft = actions.create_draft(
        acting_user=officer,
        kind="admit_member",
        title="Admission of Malaysia",
        text_en="Admit Malaysia.",
        effect={"state": "MY"},
    )
    open_procedure = (
        actions.open_silence_procedure if how == "silence" else actions.open_meeting_procedure
    )
    procedures = Procedure.objects.count()

    # when
    with pytest.raises(InvalidInput) as refused:
        open_procedure(
            acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key=body)
        )

    # then
    assert refused.value.field == "body"
    assert "Ministerial" in str(refused.value.message)
    assert Procedure.objects.count() == procedures


def test_observer_status_goes_to_the_ministerial_council_not_the_soc(officer, clock_at_now):
    """Turkmenistan's SOC-level approval (s-cica-pr-333) is a cited exception, not a power."""
    from tests.decisions.conftest import adopt

    adopt(officer, clock_at_now, kind="preapprove_observer", effect={"state": "MA"}, body="soc")
    draft = actions.create_draft(
        acting_user=officer,
        kind="grant_observer",
        title="Observer status for Morocco",
        text_en="Grant.",
        effect={"state": "MA"},
    )

    with pytest.raises(InvalidInput) as refused:
        actions.open_silence_procedure(
            acting_user=officer, version=draft.versions.get(), body=Body.objects.get(key="soc")
        )

    assert refused.value.field == "body"
    assert competence.precedents_for("grant_observer", "TM")[0].body == "soc"


def test_the_api_refuses_an_incompetent_body_with_422_naming_it(officer):
    draft = actions.create_draft(
        acting_user=officer,
        kind="rename_body",
        title="Renaming the SOC",
        text_en="Rename.",
        effect={"body": "soc", "name_en": "Council of Senior Officials"},
    )
    client = bearer_client(officer)
    acts = recorded_acts()

    response = client.post(
        "/api/v1/procedures",
        {"version": draft.versions.get().pk, "kind": "silence", "body": "soc"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:cica:error:not_competent"
    assert response.json()["errors"][0]["field"] == "body"
    assert "Summit" in response.json()["detail"]
    assert recorded_acts() == acts


def test_the_table_in_the_api(db):
    response = Client().get("/api/v1/decisions/competence")

    assert response.status_code == 200
    data = response.json()
    rows = {(row["kind"], row["valid_from"]): row for row in data["rules"]}
    admission = rows[("admit_member", None)]
    assert admission["bodies"] == ["summit", "ministerial"]
    assert admission["steps"][0] == {
        "by": "soc",
        "act": "approves",
        "text": "The SOC approves the draft decision on admission.",
        "recorded_as": "approve_admission",
        "enforced": True,
        "valid_from": None,
        "sources": ["tdi-soc-2022", "bd-mfa-2014"],
    }
    assert "inform-3990035" in admission["sources"]
    assert all(row["in_force"] for row in data["rules"] if row["valid_to"] is None)
    assert data["precedents"][0]["state"] == "TM"
    assert data["precedents"][0]["sources"][0] == "s-cica-pr-333"


def test_the_table_in_the_api_on_a_date(db):
    data = Client().get("/api/v1/decisions/competence", {"as_of": "2010-01-01"}).json()

    in_force = {(row["kind"], row["valid_from"]): row["in_force"] for row in data["rules"]}
    assert in_force[("appoint_head", "2006-06-17")] is True
    assert in_force[("appoint_head", "2022-10-13")] is False


def test_a_bad_date_is_422_naming_it(db):
    response = Client().get("/api/v1/decisions/competence", {"as_of": "2010-02-30"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_table_on_a_page_linked_from_the_decisions(db, client, language):
    listing = client.get(f"/{language}/decisions/").content.decode()
    page = client.get(f"/{language}/decisions/competence/")

    assert f'href="/{language}/decisions/competence/"' in listing
    assert page.status_code == 200
    html = page.content.decode()
    assert "s-cica-pr-333" in html  # Turkmenistan's exception, cited
    assert "tdi-soc-2022" in html
    assert "s-cica-chairmanship-rop" in html


def test_the_page_names_the_bodies_and_the_rules_not_in_force(db, client):
    html = client.get("/en/decisions/competence/", {"as_of": "2010-01-01"}).content.decode()

    # On 2010-01-01 the Summit was the Meeting of Heads of State and/or Government.
    assert "Meeting of Heads of State and/or Government" in html
    assert "not in force on this date" in html


def test_the_draft_page_names_the_bodies_and_refuses_another_beside_the_field(officer, client):
    draft = actions.create_draft(
        acting_user=officer,
        kind="rename_body",
        title="Renaming the SOC",
        text_en="Rename.",
        effect={"body": "soc", "name_en": "Council of Senior Officials"},
    )
    client.force_login(officer)

    shown = client.get(f"/en/drafts/{draft.pk}/").content.decode()
    refused = client.post(
        f"/en/drafts/{draft.pk}/",
        {"open_procedure": "1", "kind": "silence", "body": "swg", "deadline": ""},
    )

    assert "A decision of this kind is adopted by: Council of Heads of State" in shown
    assert refused.status_code == 422
    assert "Special Working Group (SWG) may not adopt" in refused.content.decode()
    assert not Procedure.objects.filter(version__draft=draft).exists()
