import datetime as dt

import pytest
import yaml
from django.conf import settings

from cica.registry import queries

D = dt.date


def _reported_counts():
    data = yaml.safe_load(settings.CICA_REFERENCE_PATH.read_text(encoding="utf-8"))
    return data["counts_over_time"]


# Where the registry's derived count differs from a reported one, and why. Anything not listed
# here must agree, so a change to the loader or the status rule that breaks a count fails.
KNOWN_DIFFERENCES = {
    ("1999-09-14", "members"): "the 15 founders are not known; only AZ, CN and TR are attested",
    ("2002-06-04", "observers_states_and_orgs"): "the 2002 observer list is not in the sources",
    ("2006-06-12", "members"): "Trend's list omits Thailand (noted in the data)",
    ("2006-06-17", "members"): "counted before ROK's admission on the same day",
    ("2010-06-08", "members"): "counted before Iraq and Viet Nam were admitted that day",
    ("2019-06-14", "observers_states_and_orgs"): "Laos is attested as observer only from 2022",
    ("2019-06", "observer_states"): "Laos is attested as observer only from 2022",
    ("2020-09-24", "observer_states"): "Laos is attested as observer only from 2022",
    ("2021-10-12", "observer_states"): "Laos is attested as observer only from 2022",
}


@pytest.mark.parametrize("reported", _reported_counts(), ids=lambda r: r["as_of"])
def test_counts_agree_with_the_counts_sources_reported(db, reported):
    """A count "as of 2014-05" (seed-004) was taken on some day of May 2014: it agrees when it
    lies in the range the registry derives over that month (interval semantics)."""
    # given
    rows = {row["reported"].position: row for row in queries.compare_reported_counts()}
    position = _reported_counts().index(reported)

    # when
    differences = {
        (reported["as_of"], field)
        for field, agrees in rows[position]["matches"].items()
        if not agrees
    }

    # then
    expected = {key for key in KNOWN_DIFFERENCES if key[0] == reported["as_of"]}
    assert differences == expected


def test_kuwait_is_the_28th_member_from_its_admission(db):
    before = set(queries.members_on(D(2022, 10, 12)).values_list("code", flat=True))
    after = set(queries.members_on(D(2022, 10, 13)).values_list("code", flat=True))

    assert after - before == {"KW"}
    assert len(after) == 28


def test_members_on_a_date_is_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = list(queries.members_on(D(2004, 10, 22)).values_list("code", flat=True))
    assert "TH" in codes
    assert "KR" not in codes


def test_observer_count_on_a_date_is_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        count = queries.list_states(as_of=D(2023, 12, 26), status="observer").count()
    assert count == 10


@pytest.mark.parametrize(
    ("code", "date", "status"),
    [
        ("QA", D(2010, 1, 1), "observer"),
        # "member from 2014-05" (seed-004): possibly a member on any day of May, marked
        # approximate (test_api); certainly after it.
        ("QA", D(2014, 4, 30), "observer"),
        ("QA", D(2014, 5, 15), "member"),
        ("QA", D(2014, 6, 1), "member"),
        ("AU", D(2005, 1, 1), "observer"),
        ("AU", D(2010, 1, 1), "former"),
        ("MA", D(2025, 1, 1), "observer_applicant"),
        ("SA", D(2023, 12, 25), None),
        ("SA", D(2023, 12, 26), "observer"),
    ],
)
def test_status_of_a_state_on_a_date(db, code, date, status):
    assert queries.get_state(code, as_of=date).status_on_date == status


def test_current_statuses_agree_with_the_reference_data(db):
    data = yaml.safe_load(settings.CICA_REFERENCE_PATH.read_text(encoding="utf-8"))
    # The data's `current_status` is as of its compilation; "unknown" ends in "former" here.
    expected_name = {
        "member": "member",
        "observer": "observer",
        "unknown": "former",
        "applicant": "observer_applicant",
    }
    compiled = D(2026, 11, 22)

    derived = {s.code: s.status_on_date for s in queries.list_states(as_of=compiled)}

    assert derived == {s["iso2"]: expected_name[s["current_status"]] for s in data["states"]}


def test_bodies_carry_the_name_they_had_on_the_date(db):
    def summit_name(date):
        return next(b for b in queries.list_bodies(as_of=date) if b.key == "summit").name_en_on_date

    assert summit_name(D(2014, 5, 21)) == "Meeting of Heads of State and/or Government (Summit)"
    assert summit_name(D(2022, 10, 13)) == "Council of Heads of State or Government (Summit)"


@pytest.mark.parametrize(
    ("date", "chair"),
    [(D(2012, 4, 2), "TR"), (D(2016, 4, 28), "CN"), (D(2019, 1, 1), "TJ"), (D(2025, 1, 1), "AZ")],
)
def test_the_chair_on_a_date(db, date, chair):
    assert queries.current_chair(date).state.code == chair


@pytest.mark.parametrize(
    ("date", "title", "person"),
    [
        (D(2021, 1, 1), "Executive Director", "Kairat Sarybay"),
        (D(2023, 1, 1), "Secretary General", "Kairat Sarybay"),
        (D(2019, 1, 1), "Executive Director", "Habibullo Mirzoyev (later Mirzozoda)"),
    ],
)
def test_the_head_of_the_secretariat_on_a_date(db, date, title, person):
    secretariat = queries.secretariat_on(date)
    head = next(post for post in secretariat["posts"] if post.kind == "head")

    assert head.titles_on_date[-1].title == title
    assert queries.head_of_secretariat(date).person == person


def test_the_seat_moved_to_astana(db):
    assert queries.secretariat_on(D(2010, 1, 1))["seat"].city == "Almaty"
    assert queries.secretariat_on(D(2020, 1, 1))["seat"].city == "Astana"
