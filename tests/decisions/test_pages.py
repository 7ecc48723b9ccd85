import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cica.core import clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions, queries
from cica.decisions.models import Draft
from tests.conftest import bearer_client
from tests.decisions.conftest import adopt, candidate, sign_founding_documents


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_decision_list_starts_with_cicas_past(db, client):
    html = client.get("/en/decisions/").content.decode()

    assert "Kuwait admitted as 28th member" in html
    assert "China&#x27;s candidacy for Chair 2014-2016 approved through silence procedure" in html


def test_the_workspace_shows_what_is_before_the_delegates_state(silence, kz_delegate):
    html = _client(kz_delegate).get("/en/workspace/").content.decode()

    assert "Before Kazakhstan" in html
    assert silence.version.title in html


def test_the_workspace_needs_signing_in(db, client):
    assert client.get("/en/workspace/")["Location"].startswith("/en/accounts/login/")


def test_a_procedure_page_shows_both_texts_and_the_deadline_in_two_zones(silence, kz_delegate):
    html = _client(kz_delegate).get(f"/en/procedures/{silence.pk}/").content.decode()

    assert "The Member States welcome ..." in html
    assert "Государства-члены приветствуют ..." in html
    assert "Deadline (Astana time)" in html and "Deadline (UTC)" in html
    assert 'data-countdown="' in html
    assert "Break silence" in html


def test_breaking_silence_asks_for_confirmation_first(silence, kz_delegate):
    client = _client(kz_delegate)
    url = f"/en/procedures/{silence.pk}/break/"

    first = client.post(url, {"reason": "Paragraph 2"})
    assert first.status_code == 200
    assert "Confirm: break silence" in first.content.decode()
    assert queries.status_of(silence) == "open"

    second = client.post(url, {"reason": "Paragraph 2", "confirmed": "True"})
    assert second.status_code == 302
    silence.refresh_from_db()
    assert queries.status_of(silence) == "broken"
    page = client.get(f"/en/procedures/{silence.pk}/").content.decode()
    assert "Kazakhstan broke silence" in page
    assert AuditEntry.objects.last().hash in page


def test_an_observer_sees_no_break_form_and_cannot_post_one(silence, jp_observer):
    client = _client(jp_observer)

    assert "Break silence" not in client.get(f"/en/procedures/{silence.pk}/").content.decode()
    response = client.post(
        f"/en/procedures/{silence.pk}/break/", {"reason": "x", "confirmed": "True"}
    )
    assert response.status_code == 403
    assert queries.status_of(silence) == "open"


def test_the_public_cannot_see_procedures(silence, client):
    assert client.get(f"/en/procedures/{silence.pk}/").status_code == 302


def test_the_secretariat_drafts_and_opens_a_procedure_from_the_pages(officer):
    client = _client(officer)

    created = client.post(
        "/en/drafts/new/",
        {
            "kind": "preapprove_observer",
            "title": "Pre-approval of Morocco's application for observer status",
            "text_en": "The SOC pre-approves the application of Morocco.",
            "effect_state": "MA",
        },
    )
    assert created.status_code == 302, created.content
    draft = Draft.objects.get(effect={"state": "MA"})
    opened = client.post(
        created["Location"],
        {"open_procedure": "1", "kind": "silence", "body": "soc", "deadline": ""},
    )

    assert opened.status_code == 302, opened.content.decode()[:2000]
    procedure = draft.versions.get().procedures.get()
    assert opened["Location"] == f"/en/procedures/{procedure.pk}/"
    assert procedure.deadline - procedure.opened_at == dt.timedelta(weeks=2)


def test_a_bad_effect_is_shown_beside_the_form(officer):
    response = _client(officer).post(
        "/en/drafts/new/",
        {"kind": "admit_member", "title": "Admit nobody", "text_en": "x", "effect_state": "KZ"},
    )

    assert response.status_code == 422
    assert "Kazakhstan is already a member state." in response.content.decode()


def test_the_diff_between_versions_is_shown(officer, draft):
    actions.add_version(
        acting_user=officer, draft=draft, text_en="The Member States welcome warmly ..."
    )

    html = _client(officer).get(f"/en/drafts/{draft.pk}/").content.decode()

    assert "Differences between versions" in html
    assert 'class="diff_chg"' in html or 'class="diff_add"' in html


@pytest.mark.parametrize("language", ["en", "ru"])
def test_decision_pages_in_both_languages(silence, clock_at_now, client, language):
    clock_at_now.shift(dt.timedelta(weeks=3))
    decision = actions.record_adoption(procedure_id=silence.pk, acting_user=SYSTEM)

    html = client.get(f"/{language}/decisions/{decision.pk}/").content.decode()

    assert decision.symbol in html
    assert decision.version.hash in html


def test_the_registry_shows_the_decision_behind_a_change(officer, clock_at_now, client):
    # given: Malaysia admitted by a decision of the Ministerial Council
    candidate(officer, clock_at_now, "MY")
    sign_founding_documents(officer, "MY")
    decision = adopt(
        officer, clock_at_now, kind="admit_member", effect={"state": "MY"}, body="ministerial"
    )

    # when
    page = client.get("/en/states/MY/").content.decode()
    history = client.get("/api/v1/states/MY").json()["status_history"]

    # then
    assert f'href="/en/decisions/{decision.pk}/"' in page
    assert history[-1]["status"] == "member"
    assert history[-1]["decision"] == {"id": decision.pk, "symbol": decision.symbol}
    assert history[0]["decision"] is None


@pytest.mark.parametrize(
    ("who", "act", "data", "action"),
    [
        ("jp_observer", "comment", {"text": "We welcome it."}, "decisions.comment"),
        ("chair_delegate", "extend", {"deadline": "2026-12-31T12:00"}, "decisions.extend_deadline"),
        ("officer", "withdraw", {}, "decisions.withdraw"),
    ],
)
def test_the_forms_of_a_silence_procedure(request, silence, who, act, data, action):
    client = _client(request.getfixturevalue(who))

    response = client.post(f"/en/procedures/{silence.pk}/{act}/", data)

    assert response.status_code == 302
    assert AuditEntry.objects.last().action == action


def test_objection_and_outcome_from_the_meeting_page(chair_delegate, kz_delegate, version, soc):
    procedure = actions.open_meeting_procedure(
        acting_user=chair_delegate, version=version, body=soc
    )
    members = list(procedure.eligible_states.values_list("code", flat=True))

    objected = _client(kz_delegate).post(
        f"/en/procedures/{procedure.pk}/object/", {"reason": "Not yet"}
    )
    recorded = _client(chair_delegate).post(
        f"/en/procedures/{procedure.pk}/outcome/", {"present": members}
    )

    assert (objected.status_code, recorded.status_code) == (302, 302)
    procedure.refresh_from_db()
    assert queries.status_of(procedure) == "not_adopted"


def test_a_refused_act_is_shown_with_its_reason(silence, chair_delegate):
    response = _client(chair_delegate).post(
        f"/en/procedures/{silence.pk}/extend/", {"deadline": "2026-11-30T12:00"}
    )

    assert response.status_code == 422
    assert "never shortened" in response.content.decode()


def test_an_unknown_act_is_404(silence, kz_delegate):
    assert _client(kz_delegate).post(f"/en/procedures/{silence.pk}/dance/").status_code == 404


def _open_silence_procedures(officer, soc, count: int) -> None:
    for number in range(count):
        draft = actions.create_draft(
            acting_user=officer, kind="statement", title=f"Open text {number}", text_en="..."
        )
        actions.open_silence_procedure(
            acting_user=officer,
            version=draft.versions.get(),
            body=soc,
            deadline=clock.now() + dt.timedelta(days=14),
        )


def test_the_workspace_runs_a_constant_number_of_queries(
    officer, soc, kz_delegate, django_assert_num_queries
):
    """The procedures before the delegate's state are picked from the open ones, not read again,
    and each row builds its procedure and version, no other relation."""
    # given
    client = _client(kz_delegate)
    _open_silence_procedures(officer, soc, 1)
    client.get("/en/workspace/")
    with CaptureQueriesContext(connection) as baseline:
        client.get("/en/workspace/")
    _open_silence_procedures(officer, soc, 20)

    # when
    with django_assert_num_queries(len(baseline)) as queries:
        html = client.get("/en/workspace/").content.decode()

    # then: each one before Kazakhstan, among the open ones and among the recent ones
    assert html.count("Open text 19") == 3
    rows = [
        query["sql"]
        for query in queries.captured_queries
        if '"decisions_version"."title"' in query["sql"]
    ]
    assert len(rows) == 2  # the open ones, the recent ones
    assert not any('"accounts_user"' in sql or '"decisions_decision"' in sql for sql in rows)


@pytest.mark.parametrize(
    ("url", "most"), [("/en/procedures/{id}/", 10), ("/api/v1/procedures/{id}", 7)]
)
def test_an_officers_read_of_a_procedure_reads_what_it_shows(
    silence, officer, django_assert_max_num_queries, url, most
):
    """The page reads its comments a page at a time, not the latest and their states' codes;
    the JSON reads the codes, not the states."""
    client = bearer_client(officer) if url.startswith("/api/") else _client(officer)
    url = url.format(id=silence.pk)
    client.get(url)  # a token's first use is written (once a minute): not a read's cost

    with django_assert_max_num_queries(most):
        response = client.get(url)

    assert response.status_code == 200
