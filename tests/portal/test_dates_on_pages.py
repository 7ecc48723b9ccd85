"""Pages say when a fact on the day shown rests on a date known only to its month or year."""

import re

from django.utils.html import strip_tags

MARK = 'class="approximate"'


def _text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_the_home_page_counts_a_range_at_the_summit_where_qatar_joined(db, client):
    """seed-004: Qatar and Bangladesh joined at the Fourth Summit (20-21 May 2014); Qatar's day
    is not stated ("2014-05"), so on 2014-05-21 the members are 25 or 26."""
    response = client.get("/en/", {"as_of": "2014-05-21"})

    assert "25–26" in _text(response)
    assert MARK in response.content.decode()


def test_the_home_page_names_the_chair_of_the_first_summit(db, client):
    """chairmanships[KZ]: "from 2002"; the First Summit was held on 2002-06-04."""
    response = client.get("/en/", {"as_of": "2002-06-04"})

    assert "Kazakhstan ≈" in _text(response)


def test_a_state_list_marks_a_status_known_only_to_the_month(db, client):
    response = client.get("/en/states/", {"status": "member", "as_of": "2014-05-21"})
    rows = [row for row in response.content.decode().split("<tr>") if MARK in row]

    assert len(rows) == 1 and "/states/QA/" in rows[0]


def test_the_secretariat_shows_an_unknown_end_and_attested_holders(db, client):
    """secretariat.heads: Çınar Aldemir from 2010-06 with no end; Gong Jianwei attested only
    (seed-004, timesca-2016); on 2016-10-28 a source names Gong Jianwei."""
    text = _text(client.get("/en/secretariat/", {"as_of": "2016-10-28"}))

    assert "June 2010 – end unknown" in text
    assert "present" not in text.split("Heads and deputies")[1].split("Titles over time")[0]
    assert "term dates unknown; attested: c. 2014-2018, 2016-10-28, 2017-10" in text
    on_the_day = text.split("Heads and deputies")[0]
    assert "Gong Jianwei" in on_the_day and "Aldemir" not in on_the_day


def test_relations_no_source_dates_are_listed_apart_and_not_on_a_date(db, client):
    """organizations[ECO], [EURASEC]: MoUs "date not given" (s-cica-extrel)."""
    text = _text(client.get("/en/organizations/", {"as_of": "1995-01-01"}))
    dated, undated = text.split("Relations no source dates")

    assert "Economic Cooperation Organization" not in dated
    assert "Economic Cooperation Organization" in undated


def test_the_figures_page_compares_a_reported_count_with_the_derived_range(db, client):
    """seed-004 reports 26 members "as of 2014-05"; over May 2014 the registry derives 24-26."""
    html = client.get("/en/figures/").content.decode()
    row = next(row for row in html.split("<tr>") if ">May 2014<" in row)

    assert "26 / 24-26" in strip_tags(row)
    assert "agrees" in row
