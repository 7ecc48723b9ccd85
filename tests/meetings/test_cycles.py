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


def test_the_ministerial_rule_is_versioned_with_its_sources(db):
    result = queries.cycle_compliance("ministerial", 1999, 2030)

    texts = [rule.text for rule in result["rules"]]
    assert texts[0] == "every 2 years"
    assert texts[1].startswith("every 4 years, 2 years after the Summit")
    assert all(rule.sources.exists() for rule in result["rules"])
    by_year = {(s.year, s.rule[:13]): s.status for s in result["slots"]}
    # Under the older wording: 1999, then due 2001 (missing), 2004 held ...
    assert by_year[(2001, "every 2 years")] == "missing"
    assert by_year[(2004, "every 2 years")] == "held"
    # Under the later one: two years after each Summit.
    assert by_year[(2016, "every 4 years")] == "held"
    assert by_year[(2024, "every 4 years")] == "held"
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
