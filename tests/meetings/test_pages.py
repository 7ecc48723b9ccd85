import datetime as dt

import pytest
from django.test import Client

from cica.meetings.models import Meeting
from cica.registry.russian import russian as russian_form
from tests import factories

# Named by the Summit's name on 2022-10-12, before the Astana Statement renamed it (seed-001).
SIXTH_SUMMIT = "Sixth Meeting of Heads of State and/or Government (Summit)"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_plans_edits_and_cancels_a_meeting(secretariat_officer):
    client = _client(secretariat_officer)

    created = client.post("/en/meetings/new/", factories.MEETING_FORM)
    assert created.status_code == 302, created.content.decode()[:3000]
    meeting = Meeting.objects.get(title_en="Senior Officials Committee", start_date="2027-03-10")

    edited = client.post(
        f"/en/meetings/{meeting.pk}/edit/", {**factories.MEETING_FORM, "city": "Astana"}
    )
    assert edited.status_code == 302
    cancelled = client.post(f"/en/meetings/{meeting.pk}/cancel/", {"reason": "postponed"})
    assert cancelled.status_code == 302

    meeting.refresh_from_db()
    assert (meeting.city, meeting.status, meeting.sequence) == ("Astana", "cancelled", 2)


def test_a_meeting_ending_before_it_starts_is_refused_on_the_form(secretariat_officer):
    response = _client(secretariat_officer).post(
        "/en/meetings/new/", {**factories.MEETING_FORM, "end_date": "2027-03-09"}
    )

    assert response.status_code == 422
    assert "A meeting cannot end before it starts." in response.content.decode()
    assert not Meeting.objects.filter(start_date="2027-03-10").exists()


def test_delegates_do_not_plan_meetings(delegate):
    assert _client(delegate).post("/en/meetings/new/", factories.MEETING_FORM).status_code == 403


def test_recording_a_delegation_from_the_meeting_page(secretariat_officer):
    client = _client(secretariat_officer)
    meeting = Meeting.objects.get(body__key="summit", ordinal=6)

    client.post(
        f"/en/meetings/{meeting.pk}/delegation/",
        {"state": "KW", "level": "head_of_state", "head": "Amir"},
    )

    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Kuwait" in page and "head of state or government" in page


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("path", ["meetings/", "cycles/", "meetings/?body=summit&year=2022"])
def test_meeting_pages_in_both_languages(db, client, language, path):
    response = client.get(f"/{language}/{path}")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_the_meetings_page_runs_a_constant_number_of_queries(db, assert_constant_queries):
    from cica.registry.models import Body

    soc = Body.objects.get(key="soc")
    assert_constant_queries(
        "/en/meetings/",
        lambda: Meeting.objects.create(
            body=soc, start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 1, 1), status="planned"
        ),
    )


def test_the_year_calendar_shows_meetings_and_cica_day(db, client):
    html = client.get("/en/calendar/2022/").content.decode()

    assert SIXTH_SUMMIT in html
    assert "CICA Day" in html


def test_the_month_view_places_meetings_on_their_days(db, client):
    html = client.get("/en/calendar/2022/", {"month": "10"}).content.decode()

    assert html.count(SIXTH_SUMMIT) == 2  # 12 and 13 October
    assert "CICA Day" in html


def test_a_year_out_of_range_is_404(db, client):
    assert client.get("/en/calendar/1000/").status_code == 404


def test_the_calendar_runs_a_constant_number_of_queries(db, assert_constant_queries):
    from cica.registry.models import Body

    soc = Body.objects.get(key="soc")
    assert_constant_queries(
        "/en/calendar/2027/",
        lambda: Meeting.objects.create(
            body=soc, start_date=dt.date(2027, 5, 1), end_date=dt.date(2027, 5, 2), status="planned"
        ),
        {"month": "5"},
    )


def test_participation_statistics_with_their_chart(client, secretariat_officer):
    from xml.etree import ElementTree

    from cica.meetings import actions
    from cica.registry.models import State

    sixth = Meeting.objects.get(body__key="summit", ordinal=6)
    for code, level in (("KZ", "head_of_state"), ("KW", "head_of_state"), ("CN", "vice_president")):
        actions.record_delegation(
            acting_user=secretariat_officer,
            meeting=sixth,
            state=State.objects.get(code=code),
            level=level,
        )

    page = client.get("/en/meetings/statistics/", {"body": "summit"}).content.decode()
    chart = client.get("/en/meetings/statistics/summit.svg")

    assert f'href="/en/meetings/{sixth.pk}/">{SIXTH_SUMMIT}</a></th><td>3</td><td>0</td>' in page
    assert "Kuwait" in page
    assert chart["Content-Type"] == "image/svg+xml"
    svg = ElementTree.fromstring(chart.content)
    assert svg.tag.endswith("svg")
    assert "2022" in chart.content.decode()


def test_the_cycles_page_runs_a_constant_number_of_queries(db, assert_constant_queries):
    from cica.registry.models import Body

    soc = Body.objects.get(key="soc")
    assert_constant_queries(
        "/en/cycles/",
        lambda: Meeting.objects.create(
            body=soc, start_date=dt.date(2019, 5, 1), end_date=dt.date(2019, 5, 1), status="held"
        ),
    )


def test_putting_a_version_on_the_agenda_from_the_meeting_page(secretariat_officer):
    from cica.decisions.actions import create_draft

    client = _client(secretariat_officer)
    meeting = Meeting.objects.get(body__key="summit", ordinal=7)
    version = create_draft(
        acting_user=secretariat_officer, kind="statement", title="Baku text", text_en="Text"
    ).versions.get()

    missing = client.post(f"/en/meetings/{meeting.pk}/agenda/", {"title": "X", "version": 999999})
    added = client.post(
        f"/en/meetings/{meeting.pk}/agenda/", {"title": "Baku statement", "version": version.pk}
    )

    assert (missing.status_code, added.status_code) == (302, 302)
    item = meeting.agenda.get()
    assert (item.title, item.procedure.version) == ("Baku statement", version)


@pytest.mark.parametrize(
    ("body", "ordinal", "occasion"),
    [
        # cica.yaml meetings.summits[6] and meetings.ministerials[4] (seed-004).
        ("summit", 6, "30th anniversary of the CICA process"),
        ("ministerial", 4, "Commemorative session for the 20th anniversary of the CICA idea"),
    ],
)
def test_a_meetings_occasion_is_on_its_page_and_in_its_api_detail(
    db, client, body, ordinal, occasion
):
    meeting = Meeting.objects.get(body__key=body, ordinal=ordinal)

    page = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    russian = client.get(f"/ru/meetings/{meeting.pk}/").content.decode()
    detail = client.get(f"/api/v1/meetings/{meeting.pk}").json()

    assert f"<dt>Occasion</dt><dd>{occasion}</dd>" in page
    assert f"<dd>{russian_form(occasion)}</dd>" in russian
    assert detail["occasion"] == occasion


def test_cica_day_is_cited_on_the_calendar(db, client):
    """CICA Day, 5 October: seed-004 ("Official holiday: October 5 (the CICA Day)") and
    astanatimes-2017-10."""
    year = client.get("/en/calendar/2025/").content.decode()
    month = client.get("/en/calendar/2025/", {"month": "10"}).content.decode()

    for html in (year, month):
        day = html[html.index("CICA Day") :]
        cited = day[: day.index("</span></") + 1]
        assert "#src-seed-004" in cited and "#src-astanatimes-2017-10" in cited


def test_cica_day_is_a_yearly_event_of_the_feed_with_its_sources(db, client):
    from icalendar import Calendar

    feed = Calendar.from_ical(client.get("/api/v1/meetings.ics").content)

    day = next(event for event in feed.walk("VEVENT") if event["summary"] == "CICA Day")
    assert day["dtstart"].dt == dt.date(1992, 10, 5)
    assert day["rrule"]["FREQ"] == ["YEARLY"]
    assert "seed-004" in day["description"] and "astanatimes-2017-10" in day["description"]
    # A body's or a state's feed is of its meetings only.
    soc_feed = Calendar.from_ical(client.get("/api/v1/meetings.ics", {"body": "soc"}).content)
    assert all(event["summary"] != "CICA Day" for event in soc_feed.walk("VEVENT"))
