import datetime as dt
from dataclasses import dataclass

import pytest

from cica.meetings import queries, rules

D = dt.date


@dataclass
class M:
    start_date: dt.date
    status: str = "held"
    kind: str = "regular"


def _rule(**fields):
    base = {
        "kind": "every_n_years",
        "interval_years": 4,
        "after_years": (),
        "offset_years": None,
        "valid_from": None,
        "valid_to": None,
        "text": "rule",
    }
    return rules.RuleVersion(**{**base, **fields})


def test_every_n_years_marks_the_late_year_missing_and_counts_again():
    meetings = [
        M(D(2002, 6, 4)),
        M(D(2006, 6, 17)),
        M(D(2019, 6, 15)),
        M(D(2026, 10, 1), "planned"),
    ]

    slots = rules.compliance([_rule()], meetings, 2000, 2030, current_year=2026)

    assert [(s.year, s.status) for s in slots] == [
        (2002, "held"),
        (2006, "held"),
        (2010, "missing"),
        (2014, "missing"),
        (2018, "missing"),
        (2019, "held"),
        (2023, "missing"),
        (2026, "planned"),
        (2030, "due"),
    ]


def test_alternating_rule_follows_the_other_body():
    rule = _rule(after_years=(2014, 2019, 2022), offset_years=2)
    meetings = [M(D(2016, 4, 28)), M(D(2021, 10, 12))]

    slots = rules.compliance([rule], meetings, 2010, 2030, current_year=2026)

    assert [(s.year, s.status) for s in slots] == [
        (2016, "held"),
        (2021, "held"),
        (2024, "missing"),
    ]


def test_yearly_rule_and_what_does_not_count():
    meetings = [M(D(2024, 12, 4)), M(D(2025, 3, 1), kind="informal"), M(D(2026, 6, 1), "cancelled")]

    slots = rules.compliance([_rule(kind="yearly")], meetings, 2024, 2027, current_year=2026)

    assert [(s.year, s.status) for s in slots] == [
        (2024, "held"),
        (2025, "missing"),
        (2026, "due"),
        (2027, "due"),
    ]


def test_rules_in_force_together_are_readings_judged_together():
    """Two rules in force at once (the sources disagree): a year is missing only if both say so,
    held or planned if a meeting answers either, and disputed where they differ."""
    every_two = _rule(interval_years=2, text="every 2 years")
    after_summit = _rule(after_years=(2002, 2006), offset_years=2, text="2 years after the Summit")
    meetings = [M(D(2000, 5, 1)), M(D(2004, 5, 1))]

    slots = rules.compliance([every_two, after_summit], meetings, 2000, 2009, current_year=2026)

    assert [(s.year, s.status) for s in slots] == [
        (2000, "held"),
        (2002, "disputed"),
        (2004, "held"),
        (2006, "disputed"),
        (2008, "missing"),
    ]
    assert slots[1].readings == [
        rules.Reading("every 2 years", "missing"),
        rules.Reading("2 years after the Summit", None),
    ]


def test_a_rule_that_gave_way_to_another_is_not_a_dispute():
    older = _rule(interval_years=2, valid_to=D(2012, 9, 11), text="every 2 years")
    later = _rule(interval_years=4, valid_from=D(2012, 9, 12), text="every 4 years")
    meetings = [M(D(2008, 8, 25)), M(D(2012, 9, 12))]

    slots = rules.compliance([older, later], meetings, 2008, 2017, current_year=2026)

    assert [(s.year, s.status) for s in slots] == [
        (2008, "held"),
        (2010, "missing"),
        (2012, "held"),
        (2016, "missing"),
    ]
    assert all(not slot.readings for slot in slots)


def test_the_ministerial_frequency_is_disputed_so_no_year_is_missing(db):
    """bodies[ministerial].conflicts: 'every 2 years' (kremlin-3712, seed-004, seed-002) vs
    'every 4 years, 2 years after the Summit' (s-cica-tr-2012, mfa-kz-svmda, cri-2016)."""
    result = queries.cycle_compliance("ministerial", 1999, 2030)

    statements = {
        s.text.split(" (")[0]: [x.key for x in s.sources.all()] for s in result["statements"]
    }
    assert {"kremlin-3712", "seed-004", "seed-002"} <= set(statements["every 2 years"])
    assert {"s-cica-tr-2012", "mfa-kz-svmda"} <= set(
        statements["every 4 years, 2 years after the Summit"]
    )
    by_year = {slot.year: slot for slot in result["slots"]}
    assert "missing" not in {slot.status for slot in result["slots"]}
    # Every two years after 1999 a meeting was due; two years after a Summit none was.
    assert by_year[2001].status == "disputed"
    assert [(r.rule.split(" (")[0], r.status) for r in by_year[2001].readings] == [
        ("every 2 years", "missing"),
        ("every 4 years, 2 years after the Summit", None),
    ]
    assert (by_year[2016].status, by_year[2024].status) == ("held", "held")
    assert result["next_due"].year == 2028


def test_the_summits_against_their_cycle(db):
    slots = queries.cycle_compliance("summit", 2000, 2030)["slots"]

    assert [(s.year, s.status) for s in slots] == [
        (2002, "held"),
        (2006, "held"),
        (2010, "held"),
        (2014, "held"),
        (2018, "missing"),
        (2019, "held"),
        (2022, "held"),
        (2026, "planned"),
        (2030, "due"),
    ]
    # A meeting names its own chair: Kazakhstan hosted and chaired the First Summit.
    assert slots[0].chair.code == "KZ"


def test_the_next_summit_falls_in_azerbaijans_term(db):
    result = queries.cycle_compliance("summit", 2020, 2030)

    assert (result["next_due"].year, result["next_due"].status) == (2026, "planned")
    assert result["next_due"].chair.code == "AZ"


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"body": "nope"}, 404, "body"),
        ({"body": "soc", "from": "2030", "to": "2020"}, 422, "to"),
        ({"body": "soc", "from": "year"}, 422, "from"),
        ({}, 422, "body"),
    ],
)
def test_bad_cycle_queries_name_the_field(db, client, params, status, field):
    response = client.get("/api/v1/cycles", params)

    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == field


def test_the_cycles_take_every_year_the_api_declares(db, client):
    """From 1990 to 2200: a limit of 200 years refused what the document allows."""
    response = client.get("/api/v1/cycles", {"body": "soc", "from": 1990, "to": 2200})

    assert response.status_code == 200
    assert response.json()["slots"][-1]["year"] == 2200


def _section(html: str, key: str) -> str:
    start = html.index(f'id="cycle-{key}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_cycles_page_shows_the_disputed_frequency_and_no_missing_year_on_it(db, client):
    """The Ministerial: both statements with their sources, years "disputed" with both readings,
    none "missing"; the Summit's single rule (seed-004, mfa-kz-svmda) still finds 2018 missing."""
    html = client.get("/en/cycles/").content.decode()

    ministerial, summit = _section(html, "ministerial"), _section(html, "summit")
    assert (
        "every 2 years" in ministerial and "every 4 years, 2 years after the Summit" in ministerial
    )
    assert "#src-kremlin-3712" in ministerial and "#src-s-cica-tr-2012" in ministerial
    assert "Sources disagree:" in ministerial
    assert 'class="slot-disputed"' in ministerial and "no meeting due" in ministerial
    assert 'class="slot-missing"' not in ministerial
    assert '<tr class="slot-missing"><th scope="row">2018</th>' in summit


def test_the_cycles_api_gives_the_statements_and_the_readings(db, client):
    response = client.get("/api/v1/cycles", {"body": "ministerial", "from": 1999, "to": 2030})

    body = response.json()
    assert body["body"] == "ministerial"
    assert body["name_en"] == "Council of Ministers of Foreign Affairs (Ministerial Council, MC)"
    assert len(body["statements"]) == 2 and all(s["sources"] for s in body["statements"])
    assert body["conflicts"][0].startswith("Frequency:")
    assert "missing" not in {slot["status"] for slot in body["slots"]}
    slot_2001 = next(slot for slot in body["slots"] if slot["year"] == 2001)
    assert [reading["status"] for reading in slot_2001["readings"]] == ["missing", None]
