"""The CBM API: the Catalogue and its coordinators, activities, offers and the review.

Reads are public; delegates of member states record their own state's activities and offer to
coordinate, the Secretariat validates. Each accepted write is audited once, each refused one
leaves no row and no audit entry.
"""

import csv
import datetime as dt
import io
import itertools

import pytest
from django.test import Client

from cica.accounts import actions as account_actions
from cica.cbm import actions
from cica.cbm.models import (
    Activity,
    CatalogueVersion,
    Coordination,
    CoordinationOffer,
    ImplementationPlan,
    Measure,
    PlannedEvent,
    PriorityArea,
)
from cica.core import audit, clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions.models import Decision
from cica.documents.models import Document
from cica.registry.models import MembershipStatus, Organization, Source, State
from tests.conftest import bearer_client, recorded_acts

DIMENSIONS = [
    "military_political",
    "new_challenges_and_threats",
    "economic",
    "environmental",
    "human",
]
AREA_COUNT = 18


def _days_ago(days: int) -> dt.date:
    return clock.today() - dt.timedelta(days=days)


def _post(client, url, payload=None):
    return client.post(url, payload or {}, content_type="application/json")


def _put(client, url, payload):
    return client.put(url, payload, content_type="application/json")


def _field(response) -> str:
    return response.json()["errors"][0]["field"]


def _problem(response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    if field is not None:
        assert _field(response) == field


def _payload(**changes) -> dict:
    return {
        "area": "tourism",
        "title": "Workshop on cultural tourism",
        "kind": "workshop",
        "start_date": _days_ago(30).isoformat(),
        "end_date": _days_ago(29).isoformat(),
        "host_state": "KZ",
        "participants": ["CN", "IN"],
        "summary": "Experts of the member states met in Almaty.",
        **changes,
    }


def _delegate_of(code: str, username: str | None = None):
    return account_actions.create_user(
        acting_user=SYSTEM,
        username=username or f"delegate-{code.lower()}",
        role="delegate",
        state_code=code,
        password="a long passphrase 123",
    )


@pytest.fixture
def officer(secretariat_officer):
    return bearer_client(secretariat_officer)


@pytest.fixture
def kz_delegate(db):
    return _delegate_of("KZ")


@pytest.fixture
def kz(kz_delegate):
    return bearer_client(kz_delegate)


def _record(client, **changes) -> dict:
    response = _post(client, "/api/v1/cbm/activities", _payload(**changes))
    assert response.status_code == 201, response.content
    return response.json()


def _areas(body: dict) -> dict[str, dict]:
    return {area["id"]: area for dimension in body["items"] for area in dimension["areas"]}


def _roles(coordinators: list[dict]) -> list[tuple[str, str]]:
    return [(c["state"], c["role"]) for c in coordinators]


def _listed(**params) -> list[int]:
    response = Client().get("/api/v1/cbm/activities", {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# ---- the Catalogue and its coordinators ------------------------------------------------------


def test_the_five_dimensions_come_in_order_with_their_areas(db, client):
    response = client.get("/api/v1/cbm/dimensions")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["as_of"] == clock.today().isoformat()
    assert [dimension["id"] for dimension in body["items"]] == DIMENSIONS
    areas = _areas(body)
    assert len(areas) == AREA_COUNT
    assert {"ict_security", "human", "military_political", "tourism", "sme"} <= set(areas)
    for area in areas.values():
        assert area["id"]
        for coordinator in area["coordinators"]:
            assert set(coordinator) == {
                "state",
                "role",
                "from",
                "to",
                "start_unknown",
                "end_unknown",
                "attested",
                "basis",
                "decision",
            }
            assert coordinator["role"] in ("coordinator", "co_coordinator")
    assert any(area["coordinators"] for area in areas.values())


def test_tourism_is_coordinated_by_tajikistan_with_sri_lanka(db, client):
    tourism = _areas(client.get("/api/v1/cbm/dimensions").json())["tourism"]

    assert _roles(tourism["coordinators"]) == [("TJ", "coordinator"), ("LK", "co_coordinator")]


def test_the_coordinators_of_ict_security_on_a_date(db, client):
    then = _areas(client.get("/api/v1/cbm/dimensions", {"as_of": "2024-06-01"}).json())
    now = _areas(client.get("/api/v1/cbm/dimensions").json())

    assert _roles(then["ict_security"]["coordinators"]) == [
        ("RU", "coordinator"),
        ("CN", "co_coordinator"),
    ]
    assert [(c["from"], c["to"]) for c in then["ict_security"]["coordinators"]] == [
        ("2024", "2025"),
        ("2024", "2025"),
    ]
    assert clock.today() > dt.date(2025, 12, 31)
    assert now["ict_security"]["coordinators"] == []


@pytest.mark.parametrize("as_of", ["yesterday", "2024-02-30", "2024-6-1"])
def test_a_bad_date_of_the_dimensions_is_refused(db, client, as_of):
    response = client.get("/api/v1/cbm/dimensions", {"as_of": as_of})

    _problem(response, 422, "as_of")


def test_an_area_shows_its_history_of_terms(db, client):
    response = client.get("/api/v1/cbm/areas/ict_security")

    assert response.status_code == 200, response.content
    area = response.json()
    assert (area["id"], area["dimension"], area["coordinators"]) == (
        "ict_security",
        "new_challenges_and_threats",
        [],
    )
    terms = [(t["state"], t["role"], t["from"], t["to"]) for t in area["history"]]
    assert ("RU", "coordinator", "2024", "2025") in terms
    assert ("CN", "co_coordinator", "2024", "2025") in terms


def test_an_area_history_lists_every_term_oldest_first(db, client):
    tourism = client.get("/api/v1/cbm/areas/tourism").json()

    assert _roles(tourism["coordinators"]) == [("TJ", "coordinator"), ("LK", "co_coordinator")]
    assert {("TJ", "coordinator"), ("LK", "co_coordinator")} <= set(_roles(tourism["history"]))
    starts = [t["from"] for t in tourism["history"] if t["from"]]
    assert starts == sorted(starts)
    assert len(tourism["history"]) == Coordination.objects.filter(area__key="tourism").count()


def test_an_unknown_area_is_404(db, client):
    response = client.get("/api/v1/cbm/areas/no-such-area")

    _problem(response, 404, "id")


# ---- recording activities --------------------------------------------------------------------


def test_a_delegate_records_an_activity_its_state_hosts(db, kz, kz_delegate):
    entries = recorded_acts()

    response = _post(kz, "/api/v1/cbm/activities", _payload())

    assert response.status_code == 201, response.content
    recorded = response.json()
    assert (recorded["area"], recorded["dimension"], recorded["kind"], recorded["status"]) == (
        "tourism",
        "economic",
        "workshop",
        "recorded",
    )
    assert (recorded["host_state"], sorted(recorded["participants"])) == ("KZ", ["CN", "IN"])
    assert (recorded["start_date"], recorded["end_date"]) == (
        _days_ago(30).isoformat(),
        _days_ago(29).isoformat(),
    )
    activity = Activity.objects.get(pk=recorded["id"])
    assert (activity.title, activity.recorded_by, activity.status) == (
        "Workshop on cultural tourism",
        kz_delegate,
        "recorded",
    )
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor, entry.object_id) == (
        "cbm.record_activity",
        kz_delegate,
        str(activity.pk),
    )
    assert entry.payload["host_state"] == "KZ"
    assert audit.verify_chain().ok
    assert Client().get(f"/api/v1/cbm/activities/{activity.pk}").json()["status"] == "recorded"


def test_a_delegate_records_an_activity_its_state_joins(db, kz):
    response = _post(
        kz, "/api/v1/cbm/activities", _payload(host_state="CN", participants=["KZ", "RU"])
    )

    assert response.status_code == 201, response.content
    assert (response.json()["host_state"], response.json()["status"]) == ("CN", "recorded")
    assert sorted(response.json()["participants"]) == ["KZ", "RU"]


def test_a_delegate_cannot_record_another_states_activity(db, kz):
    entries = recorded_acts()

    response = _post(
        kz, "/api/v1/cbm/activities", _payload(host_state="CN", participants=["RU", "IN"])
    )

    _problem(response, 403)
    assert not Activity.objects.exists()
    assert recorded_acts() == entries


@pytest.mark.parametrize(("role", "status"), [("observer", 403), (None, 401)])
def test_observers_and_strangers_record_nothing(request, db, role, status):
    client = bearer_client(request.getfixturevalue(role)) if role else Client()
    entries = recorded_acts()

    response = _post(client, "/api/v1/cbm/activities", _payload(participants=["AA"]))

    _problem(response, status)
    assert not Activity.objects.exists()
    assert recorded_acts() == entries


def test_a_delegate_of_a_state_no_longer_a_member_records_nothing(db, delegate, member_state):
    MembershipStatus.objects.filter(state=member_state).update(valid_to=_days_ago(60))
    client = bearer_client(delegate)

    response = _post(
        client,
        "/api/v1/cbm/activities",
        _payload(host_state="ZZ", start_date="2020-01-10", end_date="2020-01-10"),
    )

    _problem(response, 403)
    assert not Activity.objects.exists()


def test_the_secretariat_records_for_any_host(db, officer, secretariat_officer):
    entries = recorded_acts()

    response = _post(
        officer, "/api/v1/cbm/activities", _payload(host_state="TR", participants=["AZ"])
    )

    assert response.status_code == 201, response.content
    assert (response.json()["host_state"], response.json()["participants"]) == ("TR", ["AZ"])
    assert Activity.objects.get().recorded_by == secretariat_officer
    assert recorded_acts() == entries + 1
    assert AuditEntry.objects.order_by("seq").last().action == "cbm.record_activity"


def test_an_activity_of_one_day_ends_when_it_starts(db, kz):
    payload = _payload()
    del payload["end_date"]

    recorded = _post(kz, "/api/v1/cbm/activities", payload).json()

    assert recorded["end_date"] == recorded["start_date"] == _days_ago(30).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"area": "no-such-area"}, "area"),
        ({"kind": "party"}, "kind"),
        ({"end_date": _days_ago(31).isoformat()}, "end_date"),
        (
            {"start_date": (clock.today() + dt.timedelta(days=2)).isoformat(), "end_date": None},
            "start_date",
        ),
        (
            {
                "start_date": (clock.today() + dt.timedelta(days=2)).isoformat(),
                "end_date": (clock.today() + dt.timedelta(days=3)).isoformat(),
            },
            "start_date",
        ),
        ({"start_date": "2024-02-30"}, "start_date"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"end_date": "2024-13-01"}, "end_date"),
        ({"host_state": "XQ"}, "host_state"),
        ({"host_state": "JP"}, "host_state"),  # an observer of the CICA
        ({"host_state": "AA"}, "host_state"),  # the observer_state fixture
        ({"start_date": "2001-06-01", "end_date": "2001-06-02"}, "host_state"),  # before 2002
        ({"participants": ["CN", "XQ"]}, "participants"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"measures": [2**64]}, "measures.0"),  # was an OverflowError, a 500
    ],
)
def test_a_bad_activity_is_refused_naming_the_field(db, officer, observer_state, change, field):
    entries = recorded_acts()

    response = _post(officer, "/api/v1/cbm/activities", _payload(**change))

    _problem(response, 422, field)
    assert not Activity.objects.exists()
    assert recorded_acts() == entries


def test_a_delegate_is_refused_bad_input_too(db, kz):
    entries = recorded_acts()

    response = _post(kz, "/api/v1/cbm/activities", _payload(end_date=_days_ago(40).isoformat()))

    _problem(response, 422, "end_date")
    assert not Activity.objects.exists()
    assert recorded_acts() == entries


@pytest.mark.parametrize(
    ("role", "url", "payload"),
    [
        ("observer", "/api/v1/cbm/activities", _payload(area="no-such-area")),
        ("observer", "/api/v1/cbm/areas/no-such-area/offers", {"role": "coordinator"}),
        ("kz_delegate", "/api/v1/cbm/activities/{id}/return", {"note": ""}),
    ],
)
def test_a_user_who_may_not_write_is_refused_before_the_input_is_read(
    request, db, officer, role, url, payload
):
    activity_id = _record(officer)["id"]
    client = bearer_client(request.getfixturevalue(role))

    response = _post(client, url.format(id=activity_id), payload)

    assert response.status_code == 403, response.content


@pytest.mark.parametrize(
    ("role", "send", "url", "payload"),
    [
        ("kz_delegate", _post, "/api/v1/cbm/activities/{id}/validate", {"note": ""}),
        ("observer", _post, "/api/v1/cbm/activities/{id}/validate", {"note": ""}),
        ("observer", _put, "/api/v1/cbm/activities/{id}", _payload()),
    ],
)
def test_a_user_who_may_not_write_is_refused_before_a_returned_activity_is_looked_up(
    request, db, officer, role, send, url, payload
):
    """A returned activity is found only by its states and the Secretariat: whoever may not
    write is refused (403), not told it is not found (404)."""
    activity_id = _record(officer)["id"]
    _post(officer, f"/api/v1/cbm/activities/{activity_id}/return", {"note": "Dates?"})
    client = bearer_client(request.getfixturevalue(role))

    response = send(client, url.format(id=activity_id), payload)

    assert response.status_code == 403, response.content


# ---- validating, returning, correcting -------------------------------------------------------


@pytest.fixture
def recorded(kz) -> dict:
    return _record(kz)


def test_the_secretariat_validates_an_activity(db, officer, secretariat_officer, recorded):
    entries = recorded_acts()

    response = _post(
        officer, f"/api/v1/cbm/activities/{recorded['id']}/validate", {"note": "Report received."}
    )

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["validation_note"]) == (
        "validated",
        "Report received.",
    )
    activity = Activity.objects.get(pk=recorded["id"])
    assert activity.status == "validated"
    assert activity.validated_at is not None
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor, entry.object_id) == (
        "cbm.validate_activity",
        secretariat_officer,
        str(activity.pk),
    )


def test_validating_twice_is_a_conflict(db, officer, recorded):
    url = f"/api/v1/cbm/activities/{recorded['id']}/validate"
    assert _post(officer, url).status_code == 200
    entries = recorded_acts()

    response = _post(officer, url)

    _problem(response, 409)
    assert Activity.objects.get(pk=recorded["id"]).status == "validated"
    assert recorded_acts() == entries


@pytest.mark.parametrize("act", ["validate", "return"])
def test_only_the_secretariat_validates_or_returns(db, kz, recorded, act):
    entries = recorded_acts()

    response = _post(kz, f"/api/v1/cbm/activities/{recorded['id']}/{act}", {"note": "Fine."})

    _problem(response, 403)
    assert Activity.objects.get(pk=recorded["id"]).status == "recorded"
    assert recorded_acts() == entries


@pytest.mark.parametrize("act", ["validate", "return"])
def test_a_stranger_validates_nothing(db, recorded, act):
    response = _post(Client(), f"/api/v1/cbm/activities/{recorded['id']}/{act}", {"note": "x"})

    _problem(response, 401)
    assert Activity.objects.get(pk=recorded["id"]).status == "recorded"


def test_an_unknown_activity_is_404(db, officer):
    _problem(Client().get("/api/v1/cbm/activities/999999"), 404)
    _problem(_post(officer, "/api/v1/cbm/activities/999999/validate"), 404)
    _problem(_put(officer, "/api/v1/cbm/activities/999999", _payload()), 404)


@pytest.mark.parametrize("payload", [{}, {"note": ""}, {"note": "   "}])
def test_returning_says_why(db, officer, recorded, payload):
    entries = recorded_acts()

    response = _post(officer, f"/api/v1/cbm/activities/{recorded['id']}/return", payload)

    _problem(response, 422, "note")
    assert Activity.objects.get(pk=recorded["id"]).status == "recorded"
    assert recorded_acts() == entries


def test_a_returned_activity_is_corrected_and_awaits_validation_again(
    db, officer, kz, kz_delegate, recorded
):
    returned = _post(
        officer,
        f"/api/v1/cbm/activities/{recorded['id']}/return",
        {"note": "Name the participants."},
    )
    assert returned.status_code == 200, returned.content
    assert (returned.json()["status"], returned.json()["validation_note"]) == (
        "returned",
        "Name the participants.",
    )
    assert AuditEntry.objects.order_by("seq").last().action == "cbm.return_activity"
    entries = recorded_acts()

    response = _put(
        kz,
        f"/api/v1/cbm/activities/{recorded['id']}",
        _payload(title="Workshop on cultural tourism routes", participants=["CN", "IN", "TR"]),
    )

    assert response.status_code == 200, response.content
    corrected = response.json()
    assert (corrected["status"], corrected["title"]) == (
        "recorded",
        "Workshop on cultural tourism routes",
    )
    assert sorted(corrected["participants"]) == ["CN", "IN", "TR"]
    assert Activity.objects.get(pk=recorded["id"]).status == "recorded"
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor) == ("cbm.correct_activity", kz_delegate)
    validated = _post(officer, f"/api/v1/cbm/activities/{recorded['id']}/validate")
    assert validated.json()["status"] == "validated"


def test_a_delegate_cannot_correct_a_validated_activity(db, officer, kz, recorded):
    assert _post(officer, f"/api/v1/cbm/activities/{recorded['id']}/validate").status_code == 200
    entries = recorded_acts()

    response = _put(kz, f"/api/v1/cbm/activities/{recorded['id']}", _payload(title="Changed"))

    _problem(response, 409)
    activity = Activity.objects.get(pk=recorded["id"])
    assert (activity.status, activity.title) == ("validated", "Workshop on cultural tourism")
    assert recorded_acts() == entries


def test_a_delegate_of_another_state_cannot_correct(db, recorded):
    client = bearer_client(_delegate_of("TR"))

    response = _put(client, f"/api/v1/cbm/activities/{recorded['id']}", _payload(title="Mine"))

    _problem(response, 403)
    assert Activity.objects.get(pk=recorded["id"]).title == "Workshop on cultural tourism"


@pytest.mark.parametrize("participants", [["KZ", "IN"], ["IN"]])
def test_a_participant_cannot_make_itself_the_host(db, kz, recorded, participants):
    """China joins Kazakhstan's activity: it may not take it over, with or without Kazakhstan
    among the participants, and Kazakhstan keeps its activity."""
    china = bearer_client(_delegate_of("CN"))
    url = f"/api/v1/cbm/activities/{recorded['id']}"
    entries = recorded_acts()

    response = _put(china, url, _payload(host_state="CN", participants=participants))

    _problem(response, 403, "host_state")
    activity = Activity.objects.get(pk=recorded["id"])
    assert (activity.host_state.code, sorted(s.code for s in activity.participants.all())) == (
        "KZ",
        ["CN", "IN"],
    )
    assert recorded_acts() == entries
    corrected = _put(kz, url, _payload(title="Workshop, as held"))
    assert corrected.status_code == 200, corrected.content


def test_a_participant_corrects_an_activity_it_joins_keeping_its_host(db, recorded):
    china = bearer_client(_delegate_of("CN"))

    response = _put(
        china, f"/api/v1/cbm/activities/{recorded['id']}", _payload(title="Workshop, as held")
    )

    assert response.status_code == 200, response.content
    assert (response.json()["host_state"], response.json()["title"]) == ("KZ", "Workshop, as held")


@pytest.mark.parametrize("who", ["host", "secretariat"])
def test_the_host_or_the_secretariat_hands_an_activity_to_another_host(
    db, kz, officer, recorded, who
):
    client = {"host": kz, "secretariat": officer}[who]

    response = _put(
        client,
        f"/api/v1/cbm/activities/{recorded['id']}",
        _payload(host_state="CN", participants=["KZ", "IN"]),
    )

    assert response.status_code == 200, response.content
    assert (response.json()["host_state"], sorted(response.json()["participants"])) == (
        "CN",
        ["IN", "KZ"],
    )


def test_a_bad_correction_is_refused_naming_the_field(db, kz, recorded):
    entries = recorded_acts()

    response = _put(
        kz,
        f"/api/v1/cbm/activities/{recorded['id']}",
        _payload(title="Changed", end_date=_days_ago(60).isoformat()),
    )

    _problem(response, 422, "end_date")
    assert Activity.objects.get(pk=recorded["id"]).title == "Workshop on cultural tourism"
    assert recorded_acts() == entries


def test_a_correction_without_an_end_date_lasts_one_day(db, kz, recorded):
    payload = _payload(title="Corrected")
    del payload["end_date"]

    response = _put(kz, f"/api/v1/cbm/activities/{recorded['id']}", payload)

    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == response.json()["start_date"]


# ---- listing activities ----------------------------------------------------------------------


def test_activities_are_listed_and_filtered(db, officer):
    tourism_kz = _record(officer, start_date="2025-03-10", end_date="2025-03-11")["id"]
    sme_cn = _record(
        officer,
        area="sme",
        host_state="CN",
        participants=["RU"],
        start_date="2024-05-01",
        end_date="2024-05-02",
    )["id"]
    tourism_tr = _record(
        officer,
        host_state="TR",
        participants=["KZ", "AZ"],
        start_date="2024-09-01",
        end_date="2024-09-01",
    )["id"]

    body = Client().get("/api/v1/cbm/activities").json()
    assert (body["count"], body["page"], body["page_size"]) == (3, 1, 50)
    assert [item["id"] for item in body["items"]] == [tourism_kz, tourism_tr, sme_cn]
    assert _listed(area="tourism") == [tourism_kz, tourism_tr]
    assert _listed(area="sme") == [sme_cn]
    assert _listed(state="KZ") == [tourism_kz, tourism_tr]  # hosted, then joined
    assert _listed(state="kz") == [tourism_kz, tourism_tr]
    assert _listed(state="RU") == [sme_cn]
    assert _listed(state="AZ") == [tourism_tr]
    assert _listed(state="IN") == [tourism_kz]
    assert _listed(state="JP") == []
    assert _listed(year=2024) == [tourism_tr, sme_cn]
    assert _listed(year=2025) == [tourism_kz]
    assert _listed(area="tourism", state="KZ", year=2024) == [tourism_tr]


def test_an_activity_listed_by_a_participant_state_is_listed_once(db, officer):
    _record(officer, host_state="KZ", participants=["KZ", "CN"])

    body = Client().get("/api/v1/cbm/activities", {"state": "KZ"}).json()

    assert body["count"] == 1
    assert len(body["items"]) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"state": "XQ"}, "state"),
        ({"area": "no-such-area"}, "area"),
        ({"year": "last"}, "year"),
        ({"status": "lost"}, "status"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(db, client, params, field):
    response = client.get("/api/v1/cbm/activities", params)

    _problem(response, 422, field)


def _activity_maker(user):
    """An `add` that records an activity with participants, an organization and a measure."""
    areas = itertools.cycle(PriorityArea.objects.order_by("pk"))
    hosts = itertools.cycle(State.objects.filter(code__in=["KZ", "CN", "RU", "IN", "TR", "AZ"]))
    organization = Organization.objects.order_by("pk").first()
    participants = list(State.objects.filter(code__in=["CN", "RU", "IN"]))
    catalogue = CatalogueVersion.objects.get(key="catalogue-2021")

    def add():
        area = next(areas)
        measure = Measure.objects.create(
            area=area, catalogue=catalogue, number=str(Measure.objects.count()), text="Exchange"
        )
        measures = [measure]
        activity = actions.record_activity(
            acting_user=user,
            area=area,
            kind="event",
            title=f"Event {Activity.objects.count()}",
            start_date=_days_ago(10),
            host_state=next(hosts),
            participants=participants,
            organizations=[organization] if organization else [],
            measures=measures,
        )
        if activity.pk % 2:
            actions.validate_activity(acting_user=user, activity=activity)

    return add


def test_the_activity_list_runs_a_constant_number_of_queries(
    db, assert_constant_queries, secretariat_officer
):
    add = _activity_maker(secretariat_officer)
    add()

    assert_constant_queries("/api/v1/cbm/activities", add, {"page_size": 200})
    assert_constant_queries("/api/v1/cbm/activities", add, {"page_size": 200, "state": "CN"})


def test_an_activity_runs_a_constant_number_of_queries(
    db, assert_constant_queries, secretariat_officer
):
    activity = actions.record_activity(
        acting_user=secretariat_officer,
        area=PriorityArea.objects.get(key="tourism"),
        kind="event",
        title="Forum",
        start_date=_days_ago(5),
        host_state=State.objects.get(code="KZ"),
    )
    states = iter(State.objects.exclude(code="KZ").order_by("code"))
    organizations = iter(Organization.objects.order_by("pk"))

    def add():
        activity.participants.add(next(states))
        organization = next(organizations, None)
        if organization:
            activity.organizations.add(organization)

    assert_constant_queries(f"/api/v1/cbm/activities/{activity.pk}", add)


def _coordination_maker():
    areas = itertools.cycle(PriorityArea.objects.order_by("pk"))
    states = itertools.cycle(State.objects.filter(code__in=["KZ", "CN", "RU", "IN", "TR", "AZ"]))
    source = Source.objects.order_by("pk").first()
    counter = itertools.count()

    def add():
        n = next(counter)
        decision = Decision.objects.create(
            title=f"On the coordinator {n}", symbol=f"TEST/CBM/{n}", adopted_on=_days_ago(100)
        )
        term = Coordination.objects.create(
            area=next(areas),
            state=next(states),
            role="co_coordinator" if n % 2 else "coordinator",
            basis="assigned",
            valid_from=_days_ago(100),
            decision=decision,
        )
        term.sources.add(source)

    return add


def test_the_dimensions_run_a_constant_number_of_queries(db, assert_constant_queries):
    add = _coordination_maker()

    assert_constant_queries("/api/v1/cbm/dimensions", add)
    assert_constant_queries("/api/v1/cbm/dimensions", add, {"as_of": "2024-06-01"})


def test_an_area_runs_a_constant_number_of_queries(
    db, assert_constant_queries, secretariat_officer
):
    coordination = _coordination_maker()
    activity = _activity_maker(secretariat_officer)
    plan = ImplementationPlan.objects.create(year=clock.today().year)
    tourism = PriorityArea.objects.get(key="tourism")
    catalogue = CatalogueVersion.objects.get(key="catalogue-2021")
    documents = iter(Document.objects.order_by("pk"))
    sources = iter(Source.objects.order_by("pk"))
    numbers = itertools.count(1)  # a number is taken once in a version of the Catalogue

    def add():
        coordination()
        activity()
        PlannedEvent.objects.create(
            plan=plan, area=tourism, title="Forum", date=dt.date(plan.year, 1, 1)
        )
        Coordination.objects.create(
            area=tourism,
            state=State.objects.get(code="KZ"),
            role="co_coordinator",
            basis="attested",
        )
        Measure.objects.create(
            area=tourism, catalogue=catalogue, number=f"F.{next(numbers)}", text="Fairs"
        )
        tourism.documents.add(next(documents))
        tourism.sources.add(next(sources))

    add()  # a measure whose catalogue to prefetch
    assert_constant_queries("/api/v1/cbm/areas/tourism", add)


def test_the_review_runs_a_constant_number_of_queries(
    db, assert_constant_queries, secretariat_officer
):
    coordination = _coordination_maker()
    activity = _activity_maker(secretariat_officer)
    plan = ImplementationPlan.objects.create(year=_days_ago(10).year)
    areas = itertools.cycle(PriorityArea.objects.order_by("pk"))

    def add():
        coordination()
        activity()
        PlannedEvent.objects.create(plan=plan, area=next(areas), title="Forum", date=_days_ago(10))

    add()  # an activity to prefetch participants for
    assert_constant_queries("/api/v1/cbm/review", add)
    assert_constant_queries("/api/v1/cbm/review.csv", add)


# ---- offers to coordinate --------------------------------------------------------------------


def _offer(client, area="tourism", role="coordinator", note="Ready to host the forum."):
    return _post(client, f"/api/v1/cbm/areas/{area}/offers", {"role": role, "note": note})


def test_a_delegate_offers_that_its_state_coordinate(db, delegate):
    client = bearer_client(delegate)
    entries = recorded_acts()

    response = _offer(client, role="co_coordinator")

    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["area"], made["state"], made["role"], made["status"]) == (
        "tourism",
        "ZZ",
        "co_coordinator",
        "open",
    )
    offer = CoordinationOffer.objects.get(pk=made["id"])
    assert (offer.offered_by, offer.note) == (delegate, "Ready to host the forum.")
    assert recorded_acts() == entries + 1
    entry = AuditEntry.objects.order_by("seq").last()
    assert (entry.action, entry.actor, entry.object_id) == (
        "cbm.offer_to_coordinate",
        delegate,
        str(offer.pk),
    )


def test_offering_twice_is_a_conflict(db, delegate):
    client = bearer_client(delegate)
    assert _offer(client).status_code == 201
    entries = recorded_acts()

    response = _offer(client)

    _problem(response, 409)
    assert CoordinationOffer.objects.count() == 1
    assert recorded_acts() == entries
    assert _offer(client, role="co_coordinator").status_code == 201


@pytest.mark.parametrize(
    ("role", "status"), [("observer", 403), ("secretariat_officer", 403), (None, 401)]
)
def test_only_delegates_of_member_states_offer(request, db, role, status):
    client = bearer_client(request.getfixturevalue(role)) if role else Client()
    entries = recorded_acts()

    response = _offer(client)

    _problem(response, status)
    assert not CoordinationOffer.objects.exists()
    assert recorded_acts() == entries


def test_an_offer_in_an_unknown_role_is_refused(db, delegate):
    response = _offer(bearer_client(delegate), role="chair")

    _problem(response, 422, "role")
    assert not CoordinationOffer.objects.exists()


def test_the_offering_state_withdraws_its_offer(db, delegate, member_state):
    offer_id = _offer(bearer_client(delegate)).json()["id"]
    colleague = bearer_client(_delegate_of(member_state.code, "another-zz-delegate"))
    entries = recorded_acts()

    response = _post(colleague, f"/api/v1/cbm/offers/{offer_id}/withdraw")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    assert CoordinationOffer.objects.get(pk=offer_id).status == "withdrawn"
    assert recorded_acts() == entries + 1
    assert AuditEntry.objects.order_by("seq").last().action == "cbm.withdraw_offer"
    _problem(_post(colleague, f"/api/v1/cbm/offers/{offer_id}/withdraw"), 409)
    assert recorded_acts() == entries + 1
    assert _offer(bearer_client(delegate)).status_code == 201


def test_another_state_cannot_withdraw_an_offer(db, delegate, kz):
    offer_id = _offer(bearer_client(delegate)).json()["id"]
    entries = recorded_acts()

    response = _post(kz, f"/api/v1/cbm/offers/{offer_id}/withdraw")

    _problem(response, 403)
    assert CoordinationOffer.objects.get(pk=offer_id).status == "open"
    assert recorded_acts() == entries


def test_an_offer_on_an_unknown_area_is_404(db, delegate):
    response = _offer(bearer_client(delegate), area="no-such-area")

    _problem(response, 404, "id")
    assert not CoordinationOffer.objects.exists()


def test_withdrawing_an_unknown_offer_is_404(db, delegate):
    _problem(_post(bearer_client(delegate), "/api/v1/cbm/offers/999999/withdraw"), 404)


# ---- the review ------------------------------------------------------------------------------


def test_the_review_counts_the_period(db, officer):
    held = _record(officer, start_date=_days_ago(20).isoformat(), end_date=None)
    _record(officer, area="sme", host_state="CN", participants=["KZ"], end_date=None)
    _record(officer, start_date="2020-01-10", end_date="2020-01-10")
    _post(officer, f"/api/v1/cbm/activities/{held['id']}/validate")

    response = Client().get("/api/v1/cbm/review")

    assert response.status_code == 200, response.content
    body = response.json()
    today = clock.today()
    a_year_ago = today.replace(
        year=today.year - 1, day=min(today.day, 28 if today.month == 2 else 31)
    )
    assert (body["from"], body["to"]) == (
        (a_year_ago + dt.timedelta(days=1)).isoformat(),
        today.isoformat(),
    )
    assert (body["total"]["held"], body["total"]["awaiting"]) == (1, 1)
    assert [d["id"] for d in body["dimensions"]] == DIMENSIONS
    areas = {area["id"]: area for area in body["areas"]}
    assert len(areas) == AREA_COUNT
    assert (areas["tourism"]["figures"]["held"], areas["tourism"]["figures"]["awaiting"]) == (1, 0)
    assert (areas["sme"]["figures"]["held"], areas["sme"]["figures"]["awaiting"]) == (0, 1)
    assert areas["tourism"]["coordinators"] == ["TJ"]
    assert "tourism" not in body["quiet"]
    assert "ict_security" in body["without_coordinator"]
    states = {row["state"]: row for row in body["states"]}
    assert (states["KZ"]["hosted"], states["KZ"]["participated"]) == (1, 1)
    assert "tourism" in states["TJ"]["coordinates"]


def test_the_review_of_a_given_period(db, client):
    body = client.get("/api/v1/cbm/review", {"from": "2024-01-01", "to": "2024-12-31"}).json()

    assert (body["from"], body["to"]) == ("2024-01-01", "2024-12-31")
    areas = {area["id"]: area for area in body["areas"]}
    assert (areas["ict_security"]["coordinators"], areas["ict_security"]["co_coordinators"]) == (
        ["RU"],
        ["CN"],
    )


@pytest.mark.parametrize("path", ["/api/v1/cbm/review", "/api/v1/cbm/review.csv"])
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-06-01", "to": "2025-01-01"}, "to"),
        ({"from": "2025-02-30"}, "from"),
        ({"from": "last year"}, "from"),
        ({"to": "2025-13-01"}, "to"),
    ],
)
def test_a_bad_review_period_is_refused(db, client, path, params, field):
    response = client.get(path, params)

    _problem(response, 422, field)


@pytest.mark.parametrize("to", ["0001-01-03", "9999-12-31"])
def test_a_review_at_the_ends_of_the_calendar(db, client, to):
    """A period ending in year 1 was a 500: there is no year 0 to count back to."""
    response = client.get("/api/v1/cbm/review", {"to": to})

    assert response.status_code == 200
    assert response.json()["to"] == to


def test_the_review_as_csv_has_a_row_per_area(db, client):
    response = client.get("/api/v1/cbm/review.csv", {"from": "2024-01-01", "to": "2024-12-31"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "cica-cbm-review-2024-01-01-2024-12-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["dimension", "area"]
    assert "coordinator" in rows[0]
    assert len(rows) == 1 + AREA_COUNT
    by_area = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (by_area["ict_security"]["coordinator"], by_area["ict_security"]["co_coordinators"]) == (
        "RU",
        "CN",
    )


def test_a_new_area_gets_a_row_of_the_csv(db, client):
    economic = PriorityArea.objects.get(key="tourism").dimension
    PriorityArea.objects.create(key="test_area", dimension=economic, name_en="Test", position=99)

    rows = list(csv.reader(io.StringIO(client.get("/api/v1/cbm/review.csv").content.decode())))

    assert len(rows) == 1 + AREA_COUNT + 1
    assert "test_area" in {row[1] for row in rows[1:]}


def test_a_file_of_an_activity_beyond_any_id_is_404(db, client):
    """An id past the database's integers was an OverflowError, a 500."""
    response = client.get(f"/api/v1/cbm/activities/{2**64}/files/1")

    _problem(response, 404)
