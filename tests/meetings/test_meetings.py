import datetime as dt

import pytest
from icalendar import Calendar

from cica.core.errors import Conflict, InvalidInput, PermissionDenied
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.meetings import actions
from cica.meetings.models import Delegation, Meeting
from cica.registry.models import Body, State


@pytest.fixture
def soc(db):
    return Body.objects.get(key="soc")


@pytest.fixture
def meeting(secretariat_officer, soc):
    return actions.create_meeting(
        acting_user=secretariat_officer,
        body=soc,
        start_date=dt.date(2026, 12, 15),
        end_date=dt.date(2026, 12, 16),
        title_en="Senior Officials Committee",
        city="Baku",
        country=State.objects.get(code="AZ"),
    )


def _events(client, **params):
    response = client.get("/api/v1/meetings.ics", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {
        str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_the_feed_parses_back_and_a_changed_meeting_keeps_its_uid(
    client, meeting, secretariat_officer
):
    # given
    before = _events(client, body="soc")
    uid = f"{meeting.uid}@cica-secretariat"
    assert before[uid]["dtstart"].dt == dt.date(2026, 12, 15)
    assert before[uid]["dtend"].dt == dt.date(2026, 12, 17)

    # when
    actions.reschedule_meeting(
        acting_user=secretariat_officer,
        meeting=meeting,
        start_date=dt.date(2026, 12, 17),
        end_date=dt.date(2026, 12, 18),
    )

    # then
    after = _events(client, body="soc")
    assert set(after) == set(before)
    assert after[uid]["dtstart"].dt == dt.date(2026, 12, 17)
    assert int(after[uid]["sequence"]) == int(before[uid]["sequence"]) + 1


def test_the_feed_of_one_states_delegation(client, meeting, secretariat_officer):
    actions.record_delegation(
        acting_user=secretariat_officer,
        meeting=meeting,
        state=State.objects.get(code="KZ"),
        level="deputy_minister",
        head="Deputy Foreign Minister",
    )

    assert list(_events(client, state="KZ")) == [f"{meeting.uid}@cica-secretariat"]
    assert _events(client, state="IN") == {}


def test_a_meeting_cannot_end_before_it_starts(secretariat_officer, soc):
    with pytest.raises(InvalidInput) as raised:
        actions.create_meeting(
            acting_user=secretariat_officer,
            body=soc,
            start_date=dt.date(2026, 12, 15),
            end_date=dt.date(2026, 12, 14),
        )

    assert raised.value.field == "end_date"


def test_cancelling_keeps_the_record(client, meeting, secretariat_officer):
    actions.cancel_meeting(acting_user=secretariat_officer, meeting=meeting, reason="postponed")

    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert _events(client, body="soc")[f"{meeting.uid}@cica-secretariat"]["status"] == "CANCELLED"
    with pytest.raises(Conflict):
        actions.update_meeting(acting_user=secretariat_officer, meeting=meeting, city="Astana")
    assert AuditEntry.objects.filter(action="meetings.cancel").count() == 1


def test_only_the_secretariat_plans_meetings(delegate, soc):
    with pytest.raises(PermissionDenied):
        actions.create_meeting(acting_user=delegate, body=soc, start_date=dt.date(2027, 1, 1))


def test_delegations_one_per_party_with_their_level(meeting, secretariat_officer):
    kz = State.objects.get(code="KZ")
    for level in ("ambassador", "minister"):
        actions.record_delegation(
            acting_user=secretariat_officer, meeting=meeting, state=kz, level=level
        )

    assert list(Delegation.objects.filter(meeting=meeting).values_list("level", flat=True)) == [
        "minister"
    ]


def test_putting_a_draft_on_the_agenda_opens_the_meeting_procedure(meeting, secretariat_officer):
    from cica.decisions.actions import create_draft

    draft = create_draft(
        acting_user=secretariat_officer, kind="statement", title="Statement", text_en="Text"
    )

    item = actions.add_agenda_item(
        acting_user=secretariat_officer,
        meeting=meeting,
        title="Statement on connectivity",
        version=draft.versions.get(),
    )

    assert item.procedure.kind == "meeting"
    assert item.procedure.meeting_date == meeting.start_date
    assert item.procedure.body == meeting.body


def test_the_reference_meetings_are_loaded_with_their_sources(db, client):
    summits = client.get("/api/v1/meetings", {"body": "summit"}).json()

    assert summits["count"] == 7
    sixth = next(m for m in summits["items"] if m["ordinal"] == 6)
    assert (sixth["start_date"], sixth["end_date"], sixth["city"]) == (
        "2022-10-12",
        "2022-10-13",
        "Astana",
    )
    assert sixth["sources"]
    detail = client.get(f"/api/v1/meetings/{sixth['id']}").json()
    assert {a["text"] for a in detail["attendance_reported"]} >= {"53 delegations"}


def test_reloading_keeps_meeting_ids(db):
    from cica.reference.actions import load_reference

    before = dict(Meeting.objects.values_list("pk", "uid"))
    load_reference(acting_user=SYSTEM)

    assert dict(Meeting.objects.values_list("pk", "uid")) == before


@pytest.mark.parametrize(
    ("params", "field"),
    [({"body": "nope"}, "body"), ({"year": "x"}, "year"), ({"state": "XX"}, "state")],
)
def test_bad_meeting_queries_name_the_field(db, client, params, field):
    response = client.get("/api/v1/meetings", params)

    assert response.status_code in (404, 422)
    assert response.json()["errors"][0]["field"] == field


def test_the_meeting_list_runs_a_constant_number_of_queries(db, assert_constant_queries, soc):
    assert_constant_queries(
        "/api/v1/meetings",
        lambda: Meeting.objects.create(
            body=soc, start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 1, 1), status="planned"
        ),
        {"page_size": 200},
    )


def test_meetings_and_delegations_as_csv(client, meeting, secretariat_officer):
    actions.record_delegation(
        acting_user=secretariat_officer,
        meeting=meeting,
        state=State.objects.get(code="KZ"),
        level="ambassador",
    )

    meetings = client.get("/api/v1/meetings.csv")
    delegations = client.get("/api/v1/delegations.csv").content.decode().splitlines()

    assert meetings["Content-Type"].startswith("text/csv")
    lines = meetings.content.decode().splitlines()
    assert lines[0].startswith("id,uid,body_name_en,body_name_ru,ordinal")
    assert any(
        ",Meeting of Heads of State and/or Government (Summit),"
        "Совещание глав государств и правительств (саммит),6,regular,"
        "Sixth Meeting of Heads of State and/or Government (Summit)," in line
        for line in lines
    )
    assert delegations[0].startswith("meeting,body_name_en,body_name_ru,start_date")
    assert delegations[1].split(",")[1] == "Senior Officials Committee (SOC)"
    assert delegations[1].split(",")[4:7] == ["KZ", "", "ambassador"]


def test_the_export_command_writes_the_meetings_table(db, capsys):
    from django.core.management import call_command

    call_command("export", "--format", "csv", "--table", "meetings")

    assert "Sixth Meeting of Heads of State and/or Government (Summit)" in capsys.readouterr().out


def test_a_meeting_shows_the_decisions_taken_there(db, client):
    sixth = Meeting.objects.get(body__key="summit", ordinal=6)

    detail = client.get(f"/api/v1/meetings/{sixth.pk}").json()
    page = client.get(f"/en/meetings/{sixth.pk}/").content.decode()

    titles = [decision["title"] for decision in detail["decisions"]]
    assert "Kuwait admitted as 28th member" in titles
    assert "Kuwait admitted as 28th member" in page


def test_every_meeting_of_the_reference_data_is_loaded(db):
    """Summits, ministerials, special and informal ones, SOC/SWG, TTF, and the preparatory ones."""
    import yaml
    from django.conf import settings

    data = yaml.safe_load(settings.CICA_REFERENCE_PATH.read_text(encoding="utf-8"))["meetings"]
    special = [m for m in data["special_and_informal_ministerials"] if m["kind"] != "decision"]
    soc_swg = sum(len(m["body"].split("+")) for m in data["soc_swg_notable"] if m.get("body"))
    ttf = next(
        b
        for b in yaml.safe_load(settings.CICA_REFERENCE_PATH.read_text())["bodies"]
        if b["id"] == "think_tank_forum"
    )["meetings"]
    expected = (
        len(data["summits"])
        + len(data["ministerials"])
        + len(special)
        + soc_swg
        + len(data["pre_conference_meetings"])
        + len(ttf)
    )

    assert Meeting.objects.count() == expected
    assert not Meeting.objects.filter(sources__isnull=True).exists()


@pytest.mark.parametrize(
    "params", [{}, {"body": "soc"}, {"body": "soc", "page": 2, "page_size": 3}]
)
def test_the_list_answers_what_its_schema_says(client, meeting, params):
    """The list's fast path (plain values, orjson) gives what MeetingOut makes of the models."""
    from cica.meetings import queries
    from cica.meetings.schemas import MeetingOut

    response = client.get("/api/v1/meetings", {"page_size": 100, **params})

    size = params.get("page_size", 100)
    start = (params.get("page", 1) - 1) * size
    meetings = queries.list_meetings(body=params.get("body"), state=params.get("state"))
    expected = [
        MeetingOut.from_orm(m).model_dump(mode="json") for m in meetings[start : start + size]
    ]
    assert response.status_code == 200
    assert response.json()["count"] == meetings.count()
    assert response.json()["items"] == expected != []
    assert any(item["sources"] for item in expected) or params


@pytest.mark.parametrize("since", ["0", "1700000000", "2026-02-30"])
def test_the_feed_refuses_a_since_that_is_not_a_date(db, client, since):
    """pydantic took "0" for 1970-01-01, a date the document does not allow."""
    response = client.get("/api/v1/meetings.ics", {"since": since})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "since"
