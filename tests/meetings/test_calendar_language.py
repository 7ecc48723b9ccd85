"""The iCalendar feed in Russian (`?lang=ru`), English and Russian being CICA's working languages
(cica.yaml `languages`: seed-004, crntt-rop): titles, places, names of bodies and states and the
labels of its descriptions, with no word in Latin script but codes and URLs."""

import datetime as dt

import pytest
from icalendar import Calendar

from cica.meetings import actions
from cica.registry.models import Body, State
from tests.russian import latin_words

# The texts of an event a person reads.
READ = ("summary", "location", "description")


@pytest.fixture
def meeting(secretariat_officer):
    """An SOC meeting in Astana chaired by Azerbaijan, its title given in both languages; the
    city's Russian form comes from the data's (cica.ru.yaml)."""
    return actions.create_meeting(
        acting_user=secretariat_officer,
        body=Body.objects.get(key="soc"),
        start_date=dt.date(2031, 3, 4),
        end_date=dt.date(2031, 3, 5),
        title_en="Meeting of the Senior Officials Committee",
        title_ru="Заседание Комитета старших должностных лиц",
        city="Astana",
        country=State.objects.get(code="KZ"),
        chair=State.objects.get(code="AZ"),
    )


def _feed(client, **params) -> Calendar:
    response = client.get("/api/v1/meetings.ics", {"since": "2031-01-01", **params})
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def _event(calendar: Calendar, meeting):
    [event] = [
        event
        for event in calendar.walk("VEVENT")
        if str(event["uid"]) == f"{meeting.uid}@cica-secretariat"
    ]
    return event


def test_the_russian_feed_is_in_russian(client, meeting):
    calendar = _feed(client, lang="ru", body="soc")

    event = _event(calendar, meeting)
    assert str(event["summary"]) == "Заседание Комитета старших должностных лиц"
    assert str(event["location"]) == "Астана, Казахстан"
    assert str(event["description"]).splitlines() == [
        "Орган: Комитет старших должностных лиц",
        "Председатель: Азербайджан",
        "Очно",
    ]
    assert [str(name) for name in event["categories"].cats] == ["Комитет старших должностных лиц"]
    assert str(event["url"]).endswith(f"/ru/meetings/{meeting.pk}/")
    texts = [str(calendar["x-wr-calname"]), *(str(event[name]) for name in READ)]
    assert [latin_words(text) for text in texts] == [[]] * len(texts)


def test_every_meeting_of_the_russian_feed_names_its_body_chair_and_format_in_russian(client, db):
    """All the meetings of the data, 1993 on; the bodies' Russian names as their sources give
    them (seed-004, dayaz-1803440 ...) or as cica.ru.yaml translates them."""
    events = _feed(client, lang="ru", since="1990-01-01").walk("VEVENT")
    texts = [str(event["description"]) for event in events] + [
        str(name) for event in events if "categories" in event for name in event["categories"].cats
    ]

    assert len(events) > 50
    assert {text: latin_words(text) for text in texts if latin_words(text)} == {}


def test_the_feed_is_in_english_by_default(client, meeting):
    event = _event(_feed(client, body="soc"), meeting)

    assert str(event["summary"]) == "Meeting of the Senior Officials Committee"
    assert str(event["location"]) == "Astana, Kazakhstan"
    assert "Chair: Azerbaijan" in str(event["description"])
    assert str(event["url"]).endswith(f"/en/meetings/{meeting.pk}/")


def test_each_language_is_its_own_feed(client, meeting):
    """The feed is cached: the Russian one must not be served the English one's bytes."""
    english = _feed(client, body="soc")
    russian = _feed(client, lang="ru", body="soc")

    assert str(english["x-wr-calname"]) == "CICA · Meetings · Senior Officials Committee (SOC)"
    assert str(russian["x-wr-calname"]) == "СВМДА · Заседания · Комитет старших должностных лиц"


def test_a_body_is_named_as_it_was_on_the_meetings_date(client, db):
    """The Astana Statement renamed the Summit on 2022-10-13 (seed-001); the Sixth Summit
    opened the day before."""
    summit = Body.objects.get(key="summit")
    before = summit.meetings.get(start_date=dt.date(2022, 10, 12))
    after = summit.meetings.filter(start_date__gt=dt.date(2022, 10, 13)).first()

    calendar = _feed(client, since="2022-01-01", body="summit")
    russian = _feed(client, lang="ru", since="2022-01-01", body="summit")

    assert "Body: Meeting of Heads of State and/or Government (Summit)" in str(
        _event(calendar, before)["description"]
    )
    assert "Body: Council of Heads of State or Government (Summit)" in str(
        _event(calendar, after)["description"]
    )
    assert "Орган: Совещание глав государств и правительств (саммит)" in str(
        _event(russian, before)["description"]
    )


def test_an_unknown_language_is_refused_naming_the_field(client, db):
    response = client.get("/api/v1/meetings.ics", {"lang": "fr"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lang"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_calendar_page_links_the_feed_in_its_language(client, db, language):
    page = client.get(f"/{language}/calendar/").content.decode()

    assert f"/api/v1/meetings.ics?lang={language}" in page
