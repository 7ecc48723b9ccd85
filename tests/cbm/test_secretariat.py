"""The Secretariat's other writes: measures, coordination terms known from sources, plans,
documents of an area; and attachments of activities."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cica.cbm import actions
from cica.cbm.models import ActivityFile, Measure, PriorityArea
from cica.core import clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.registry.models import State
from tests.conftest import bearer_client


@pytest.fixture
def officer(secretariat_officer):
    return bearer_client(secretariat_officer)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_the_secretariat_adds_a_measure_of_the_2021_catalogue(db, officer, client):
    response = _post(
        officer,
        "/api/v1/cbm/areas/military_political/measures",
        {
            "catalogue": "catalogue-2021",
            "number": "2.1.1",
            "text_en": "Exchange of information on armed forces",
            "text_ru": "Обмен информацией о вооружённых силах",
        },
    )
    again = _post(
        officer,
        "/api/v1/cbm/areas/military_political/measures",
        {"catalogue": "catalogue-2021", "number": "2.1.1", "text_en": "Again"},
    )

    assert response.status_code == 201
    assert response.json()["catalogue"] == "catalogue-2021"
    assert again.status_code == 409
    assert again.json()["code"] == "measure_number_taken"
    area = client.get("/api/v1/cbm/areas/military_political").json()
    assert [m["number"] for m in area["measures"]] == ["2.1.1"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"catalogue": "catalogue-1999", "text_en": "x"}, "catalogue"),
        ({"catalogue": "catalogue-2021", "text_en": ""}, "text_en"),
    ],
)
def test_a_bad_measure_names_the_field(db, officer, payload, field):
    response = _post(officer, "/api/v1/cbm/areas/human/measures", payload)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Measure.objects.exists()


def test_the_secretariat_records_a_coordination_term_from_a_source(db, officer):
    response = _post(
        officer,
        "/api/v1/cbm/areas/sme/coordinators",
        {"state": "KZ", "role": "coordinator", "basis": "attested", "from": "2025-03-01"},
    )

    assert response.status_code == 201
    assert [(c["state"], c["role"]) for c in response.json()["coordinators"]] == [
        ("KZ", "coordinator")
    ]


def test_a_delegate_cannot_record_coordination_terms(db, delegate):
    response = _post(
        bearer_client(delegate),
        "/api/v1/cbm/areas/sme/coordinators",
        {"state": "ZZ", "role": "coordinator", "basis": "volunteered"},
    )

    assert response.status_code == 403


def test_a_plan_with_an_event_held_as_planned(db, officer, secretariat_officer):
    year = clock.today().year
    _post(officer, "/api/v1/cbm/plans", {"year": year, "adopted_on": f"{year - 1}-12-10"})
    day = clock.today() - dt.timedelta(days=2)
    plan = _post(
        officer,
        f"/api/v1/cbm/plans/{year}/events",
        {"area": "tourism", "title": "Tourism forum", "host_state": "TJ", "date": day.isoformat()},
    ).json()
    event_id = plan["events"][0]["id"]
    recorded = _post(
        officer,
        "/api/v1/cbm/activities",
        {
            "area": "tourism",
            "title": "Tourism forum",
            "kind": "event",
            "start_date": day.isoformat(),
            "host_state": "TJ",
            "planned_event": event_id,
        },
    ).json()
    _post(officer, f"/api/v1/cbm/activities/{recorded['id']}/validate", {})

    held = bearer_client(secretariat_officer).get(f"/api/v1/cbm/plans/{year}").json()
    review = bearer_client(secretariat_officer).get("/api/v1/cbm/review").json()
    tourism = next(area for area in review["areas"] if area["id"] == "tourism")
    assert held["events"][0]["held"] is True
    assert tourism["figures"] == {"planned": 1, "planned_held": 1, "held": 1, "awaiting": 0}


def test_an_event_outside_the_plans_year_is_refused(db, officer):
    _post(officer, "/api/v1/cbm/plans", {"year": 2026})

    response = _post(
        officer,
        "/api/v1/cbm/plans/2026/events",
        {"area": "tourism", "title": "Late", "date": "2027-01-10"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date"


def test_the_secretariat_links_a_concept_paper_to_an_area(db, officer):
    response = _post(officer, "/api/v1/cbm/areas/human/documents", {"document": "cp-human-2007"})
    again = _post(officer, "/api/v1/cbm/areas/human/documents", {"document": "cp-human-2007"})

    assert response.status_code == 201
    assert "cp-human-2007" in response.json()["documents"]
    assert again.status_code == 409
    assert again.json()["code"] == "document_already_linked"


@pytest.fixture
def kz_activity(db, secretariat_officer):
    return actions.record_activity(
        acting_user=secretariat_officer,
        area=PriorityArea.objects.get(key="tourism"),
        kind="report",
        title="Report on tourism",
        start_date=clock.today() - dt.timedelta(days=1),
        host_state=State.objects.get(code="KZ"),
    )


def test_a_delegate_of_the_host_attaches_a_report(db, kz_activity, kz_delegate, media, client):
    kz = kz_delegate
    upload = SimpleUploadedFile("report.txt", "Отчёт о мероприятии".encode(), "text/plain")

    response = bearer_client(kz).post(
        f"/api/v1/cbm/activities/{kz_activity.pk}/files", {"file": upload}
    )
    served = client.get(response.json()["url"])

    assert response.status_code == 201
    assert b"".join(served.streaming_content).decode() == "Отчёт о мероприятии"
    assert AuditEntry.objects.filter(action="cbm.attach_file").count() == 1


@pytest.fixture
def kz_delegate(db):
    from cica.accounts import actions as accounts

    return accounts.create_user(
        acting_user=SYSTEM, username="kz-files", role="delegate", state_code="KZ"
    )


def test_a_delegate_cannot_attach_a_file_to_a_validated_activity(
    db, kz_activity, kz_delegate, secretariat_officer, media, client
):
    """The validated record stays as the Secretariat validated it (as correct_activity)."""
    # given
    actions.validate_activity(acting_user=secretariat_officer, activity=kz_activity)
    kz = bearer_client(kz_delegate)
    entries = AuditEntry.objects.count()
    upload = SimpleUploadedFile("late-report.txt", b"A late report", "text/plain")

    # when
    response = kz.post(f"/api/v1/cbm/activities/{kz_activity.pk}/files", {"file": upload})

    # then
    assert response.status_code == 409
    assert response.json()["code"] == "activity_validated"
    error = response.json()["errors"][0]
    assert (error["field"], "validated" in error["message"]) == ("status", True)
    assert not ActivityFile.objects.exists()
    assert not (media / "activities").exists()
    assert AuditEntry.objects.count() == entries
    client.force_login(kz_delegate)
    assert 'name="file"' not in client.get(f"/en/cbm/activities/{kz_activity.pk}/").content.decode()


def test_the_secretariat_still_attaches_a_file_to_a_validated_activity(
    db, kz_activity, secretariat_officer, officer, media
):
    actions.validate_activity(acting_user=secretariat_officer, activity=kz_activity)
    upload = SimpleUploadedFile("late-report.txt", b"A late report", "text/plain")

    response = officer.post(f"/api/v1/cbm/activities/{kz_activity.pk}/files", {"file": upload})

    assert response.status_code == 201
    assert ActivityFile.objects.count() == 1


def test_a_delegate_of_another_state_cannot_attach(db, kz_activity, media, delegate):
    upload = SimpleUploadedFile("report.txt", b"text", "text/plain")

    response = bearer_client(delegate).post(
        f"/api/v1/cbm/activities/{kz_activity.pk}/files", {"file": upload}
    )

    assert response.status_code == 403
    assert not ActivityFile.objects.exists()


def test_a_bad_attachment_is_refused_and_nothing_stored(db, kz_activity, media, officer):
    upload = SimpleUploadedFile("report.pdf", b"no pdf", "application/pdf")

    response = officer.post(f"/api/v1/cbm/activities/{kz_activity.pk}/files", {"file": upload})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert not ActivityFile.objects.exists()
    assert not (media / "activities").exists()


def test_an_attachment_on_the_activity_page(db, kz_activity, media, client, secretariat_officer):
    client.force_login(secretariat_officer)
    upload = SimpleUploadedFile("programme.txt", b"Programme", "text/plain")

    client.post(f"/en/cbm/activities/{kz_activity.pk}/attach/", {"file": upload})
    page = client.get(f"/en/cbm/activities/{kz_activity.pk}/").content.decode()

    assert "programme.txt" in page
