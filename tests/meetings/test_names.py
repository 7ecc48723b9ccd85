"""A meeting is named by its body's name on its date, in English and Russian; the pages of the
meetings app show a body's name, never its key.

The renaming: the Astana Statement (2022-10-13) made the Meeting of Ministers of Foreign Affairs
the Council of Ministers of Foreign Affairs (Ministerial Council) and the Meeting of Heads of
State and/or Government the Council of Heads of State or Government (Summit) (seed-001,
chinatimes-astana; cica.yaml bodies[].names). Russian forms: GLOSSARY-RU.
"""

import csv
import datetime as dt
import io
import re

import pytest
from icalendar import Calendar

from cica.meetings import actions, rules
from cica.meetings.models import Meeting
from cica.registry.models import Body, BodyName

SEVENTH_MC_EN = (
    "Seventh Meeting of the Council of Ministers of Foreign Affairs (Ministerial Council)"
)
SEVENTH_MC_RU = "Седьмое заседание Совета министров иностранных дел"


def test_the_seventh_ministerial_is_named_by_the_council_it_met_as(db):
    """The 7th met on 2024-12-17 (trend-3983314), after the renaming: not a "Ministerial
    Meeting"."""
    seventh = Meeting.objects.get(body__key="ministerial", ordinal=7)

    assert (seventh.title_en, seventh.title_ru) == (SEVENTH_MC_EN, SEVENTH_MC_RU)


def test_the_sixth_ministerial_is_named_by_the_meeting_it_was_then(db):
    """The 6th met on 2021-10-11/12 (dknews-203953), before the renaming."""
    sixth = Meeting.objects.get(body__key="ministerial", ordinal=6)

    assert (sixth.title_en, sixth.title_ru) == (
        "Sixth Meeting of Ministers of Foreign Affairs (Ministerial Meeting)",
        "Шестое Совещание министров иностранных дел",
    )


def test_informal_meetings_follow_the_renaming_too(db):
    """2017-09-20 (cn-un-2017) before, 2023-09-21 (inform-rmt-2023: "Informal Meeting of the CICA
    Council of Ministers") after; GLOSSARY-RU: "неформальная встреча министров иностранных дел"."""
    before = Meeting.objects.get(body__key="ministerial", start_date=dt.date(2017, 9, 20))
    after = Meeting.objects.get(body__key="ministerial", start_date=dt.date(2023, 9, 21))

    assert (before.title_en, before.title_ru) == (
        "Informal Meeting of Ministers of Foreign Affairs (Ministerial Meeting)",
        "Неформальная встреча министров иностранных дел",
    )
    assert (after.title_en, after.title_ru) == (
        "Informal Meeting of the Council of Ministers of Foreign Affairs (Ministerial Council)",
        "Неформальное заседание Совета министров иностранных дел",
    )


def test_no_meeting_of_a_body_is_a_ministerial_meeting_after_the_renaming(db):
    renamed = Meeting.objects.filter(
        body__key__in=("ministerial", "summit"), start_date__gt=dt.date(2022, 10, 13)
    )

    assert renamed.count() >= 4
    assert all("Council of" in meeting.title_en for meeting in renamed)
    assert not renamed.filter(title_en__contains="Ministerial Meeting").exists()
    # Nor named in Russian by the old name, even where the new one has no Russian form yet.
    assert not renamed.filter(title_ru__contains="Совещание").exists()


@pytest.mark.parametrize(
    ("name_en", "name_ru", "ordinal", "kind", "expected"),
    [
        (
            "Meeting of Heads of State and/or Government (Summit)",
            "Совещание глав государств и правительств (саммит)",
            6,
            "regular",
            (
                "Sixth Meeting of Heads of State and/or Government (Summit)",
                "Шестое Совещание глав государств и правительств (саммит)",
            ),
        ),
        (
            "Council of Heads of State or Government (Summit)",
            "Совет глав государств и правительств (Саммит)",
            7,
            "regular",
            (
                "Seventh Meeting of the Council of Heads of State or Government (Summit)",
                "Седьмое заседание Совета глав государств и правительств (Саммит)",
            ),
        ),
        (
            "Senior Officials Committee (SOC)",
            "Комитет старших должностных лиц",
            None,
            "regular",
            (
                "Meeting of the Senior Officials Committee (SOC)",
                "Заседание Комитета старших должностных лиц",
            ),
        ),
        (
            "Special Working Group (SWG)",
            "Специальная рабочая группа",
            21,
            "regular",
            (
                "21st Meeting of the Special Working Group (SWG)",
                "21-е заседание Специальной рабочей группы",
            ),
        ),
        (
            "Meeting of Ministers of Foreign Affairs (Ministerial Meeting, MMFA)",
            "Совещание министров иностранных дел",
            None,
            "special",
            (
                "Special Meeting of Ministers of Foreign Affairs (Ministerial Meeting)",
                "Специальное Совещание министров иностранных дел",
            ),
        ),
        (
            "CICA Think Tank Forum (TTF)",
            None,
            9,
            "regular",
            ("Ninth Meeting of the CICA Think Tank Forum (TTF)", ""),
        ),
    ],
)
def test_a_title_from_the_bodys_names(name_en, name_ru, ordinal, kind, expected):
    assert rules.meeting_title(name_en, name_ru, ordinal, kind) == expected


def test_a_summit_the_secretariat_plans_is_named_by_the_council(secretariat_officer):
    """A planned meeting left untitled is named as the reference data's are; its Russian comes
    from the body's Russian name, here GLOSSARY-RU's form given to the registry."""
    summit = Body.objects.get(key="summit")
    BodyName.objects.filter(body=summit, valid_to__isnull=True).update(
        name_ru="Совет глав государств и правительств (Саммит)"
    )

    meeting = actions.create_meeting(
        acting_user=secretariat_officer, body=summit, ordinal=8, start_date=dt.date(2030, 10, 1)
    )

    assert (meeting.title_en, meeting.title_ru) == (
        "Eighth Meeting of the Council of Heads of State or Government (Summit)",
        "Восьмое заседание Совета глав государств и правительств (Саммит)",
    )


def test_a_rescheduled_meeting_takes_the_name_of_its_new_date(secretariat_officer):
    # given: a Ministerial planned before the renaming, and a meeting with a title of its own
    ministerial = Body.objects.get(key="ministerial")
    derived = actions.create_meeting(
        acting_user=secretariat_officer, body=ministerial, start_date=dt.date(2022, 10, 1)
    )
    titled = actions.create_meeting(
        acting_user=secretariat_officer,
        body=ministerial,
        start_date=dt.date(2022, 10, 1),
        title_en="Ministerial retreat",
        title_ru="Выездное заседание",
    )
    assert derived.title_ru == "Совещание министров иностранных дел"

    # when: both move past 2022-10-13
    for meeting in (derived, titled):
        actions.reschedule_meeting(
            acting_user=secretariat_officer, meeting=meeting, start_date=dt.date(2023, 10, 1)
        )

    # then
    derived.refresh_from_db()
    titled.refresh_from_db()
    assert (derived.title_en, derived.title_ru) == (
        "Meeting of the Council of Ministers of Foreign Affairs (Ministerial Council)",
        "Заседание Совета министров иностранных дел",
    )
    assert (titled.title_en, titled.title_ru) == ("Ministerial retreat", "Выездное заседание")


def test_the_api_keeps_the_key_and_adds_the_name_on_the_date(db, client):
    seventh = Meeting.objects.get(body__key="ministerial", ordinal=7)

    detail = client.get(f"/api/v1/meetings/{seventh.pk}").json()
    listed = client.get("/api/v1/meetings", {"body": "ministerial", "year": 2024}).json()

    assert (detail["body"], detail["title_en"], detail["title_ru"]) == (
        "ministerial",
        SEVENTH_MC_EN,
        SEVENTH_MC_RU,
    )
    assert (
        detail["body_name_en"]
        == "Council of Ministers of Foreign Affairs (Ministerial Council, MC)"
    )
    assert detail["body_name_ru"] == "Совет министров иностранных дел"
    assert listed["items"][-1]["body_name_en"] == detail["body_name_en"]


# ---- no page shows a body's key --------------------------------------------------------------

# Keys that are not words of the texts around them ("summit", "ministerial", "secretariat" are).
_KEY = re.compile(r"\b(?:soc|swg|swg\+soc|[a-z]+(?:_[a-z]+)+)\b")


def _visible(html: str) -> str:
    """The text a reader sees, without the source ids of citations (astanatimes-2023-12-soc)."""
    html = re.sub(r'<span class="cite">.*?</span>', "", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _meetings_pages() -> list[str]:
    years = sorted({m.start_date.year for m in Meeting.objects.all()})
    return [
        "meetings/",
        "meetings/?body=soc",
        "meetings/?body=swg&year=2024",
        "cycles/",
        "meetings/statistics/",
        "meetings/statistics/?body=soc",
        *(f"meetings/{pk}/" for pk in Meeting.objects.values_list("pk", flat=True)),
        *(f"calendar/{year}/" for year in years),
        *(f"calendar/{year}/?month={month}" for year in (2024,) for month in range(1, 13)),
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_page_of_the_meetings_app_shows_a_body_key(client, secretariat_officer, language):
    # The Secretariat's forms too: the body select.
    client.force_login(secretariat_officer)
    pages = [*_meetings_pages(), "meetings/new/", f"meetings/{Meeting.objects.first().pk}/edit/"]
    bodies = set(Body.objects.values_list("key", flat=True))

    shown = {}
    for page in pages:
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        found = set(_KEY.findall(_visible(response.content.decode()))) & (bodies | {"swg+soc"})
        if found:
            shown[page] = found

    assert shown == {}


def test_selects_and_filters_name_bodies(client, secretariat_officer):
    listing = client.get("/en/meetings/").content.decode()
    statistics = client.get("/en/meetings/statistics/").content.decode()
    client.force_login(secretariat_officer)
    form = client.get("/en/meetings/new/").content.decode()

    assert '<option value="soc">Senior Officials Committee (SOC)</option>' in listing
    assert ">Council of Ministers of Foreign Affairs (Ministerial Council, MC)</a>" in statistics
    assert re.search(r'<option value="experts_meeting"[^>]*>Experts Meeting', form)
    for key in Body.objects.values_list("key", flat=True):
        assert not re.search(rf'<option value="{key}"[^>]*>{key}</option>', form + listing)


def test_the_exports_name_bodies(db, client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/meetings.csv").content.decode())))
    feed = Calendar.from_ical(client.get("/api/v1/meetings.ics", {"since": "2024-01-01"}).content)
    keys = set(Body.objects.values_list("key", flat=True))

    assert "body" not in rows[0]
    seventh = next(row for row in rows if row["title_en"] == SEVENTH_MC_EN)
    assert (seventh["body_name_en"], seventh["body_name_ru"]) == (
        "Council of Ministers of Foreign Affairs (Ministerial Council, MC)",
        "Совет министров иностранных дел",
    )
    assert not {cell for row in rows for cell in row.values()} & keys
    categories = {
        str(category)
        for event in feed.walk("VEVENT")
        if event.get("categories")
        for category in event["categories"].cats
    }
    assert "Senior Officials Committee (SOC)" in categories
    assert not categories & keys


def test_a_decision_taken_at_a_meeting_names_the_meeting_as_it_is_named(db):
    """The handover to Azerbaijan at the Seventh MC (trend-3983314, astanatimes-2024-12-17)."""
    from cica.decisions.models import Decision

    handover = Decision.objects.get(historical=True, title__startswith="chairmanship handed over")

    assert handover.how == SEVENTH_MC_EN
