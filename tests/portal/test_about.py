"""The About page: what the dataset holds about CICA, each fact cited, in English and Russian.

Facts of cica.yaml (meta.initiative, meta.un_ga_observer, meta.operational_since,
meta.established_as_of_first_ministerial, meta.basic_principles, rules.languages, the calendar's
CICA Day) and the shares the seed articles report (seed-000, seed-003), from supplement.yaml.
"""

import html as entities
import re

import pytest


def _fact(html: str, key: str) -> str:
    """The row of the About page's list of facts with this id."""
    start = html.index(f'<div id="{key}">')
    return entities.unescape(html[start : html.index("</dd></div>", start)])


def _shares(html: str) -> list[str]:
    return [entities.unescape(li) for li in re.findall(r'<li class="share">.*?</li>', html, re.S)]


@pytest.mark.parametrize(
    ("key", "words", "sources"),
    [
        (
            "initiative",
            ["47th session of the UN General Assembly", "5 October 1992", "Nazarbayev"],
            ["seed-004", "s-cica-about"],
        ),
        (
            "un-observer",
            ["UN General Assembly", "December 2007", "62nd session"],
            ["mfa-kz-svmda", "s-cica-extrel", "seed-004"],
        ),
        ("operational", ["March 1993"], ["cccme-2015", "xinhua-2019"]),
        ("established", ["14 September 1999"], ["wiki-en"]),
        (
            "languages",
            ["Official language: English", "Working languages: English and Russian"],
            ["seed-004", "crntt-rop"],
        ),
        (
            "principles",
            ["sovereign equality", "non-interference in internal affairs"],
            ["s-cica-basic-principles", "s-cica-about"],
        ),
        ("cica-day", ["CICA Day, 5 October"], ["seed-004", "astanatimes-2017-10"]),
    ],
)
def test_each_fact_with_its_sources(db, client, key, words, sources):
    fact = _fact(client.get("/en/about/").content.decode(), key)

    for word in words:
        assert word.lower() in fact.lower()
    for source in sources:
        assert f"#src-{source}" in fact


def test_the_sources_words_are_quoted(db, client):
    fact = _fact(client.get("/en/about/").content.decode(), "languages")

    assert "<q>Official language: English. Working languages: English and Russian.</q>" in fact


def test_each_share_keeps_its_own_source_and_date(db, client):
    """Never merged: seed-000 (2021-10) "almost half of the world's population and over 50% of
    global GDP"; seed-003 (2025) "almost 90% of Asia's territory and ... more than half of the
    world's population"."""
    shares = _shares(client.get("/en/about/").content.decode())

    assert len(shares) == 2
    first, second = shares
    assert "almost half of the world's population and over 50% of global gdp" in first.lower()
    assert "#src-seed-000" in first and "(2021-10)" in first
    assert "seed-003" not in first and "90%" not in first
    assert (
        "almost 90% of asia's territory" in second.lower()
        and "more than half of the world" in second
    )
    assert "#src-seed-003" in second and "(2025)" in second
    assert "seed-000" not in second and "GDP" not in second


def test_the_russian_about_page_states_the_facts_in_russian(db, client):
    html = client.get("/ru/about/").content.decode()

    assert "47-й сессии Генеральной Ассамблеи ООН 5 октября 1992 года" in _fact(html, "initiative")
    assert "Рабочие языки — английский и русский" in _fact(html, "languages")
    assert "День СВМДА (5 октября)" in _fact(html, "cica-day")
    shares = _shares(html)
    assert "более 50% мирового ВВП" in shares[0] and "(2021-10)" in shares[0]
    assert "Почти 90% территории Азии" in shares[1] and "(2025)" in shares[1]


def test_the_home_page_gives_the_key_lines_and_leads_to_the_about_page(db, client):
    html = client.get("/en/").content.decode()

    about = html[
        html.index('id="about-heading"') : html.index(
            "</section>", html.index('id="about-heading"')
        )
    ]
    assert "5 October 1992" in about and "#src-seed-004" in about
    assert "(seed-000, 2021-10)" in about and "(seed-003, 2025)" in about
    assert 'href="/en/about/"' in about
    assert '<a href="/en/about/">About CICA</a>' in html  # in the navigation


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_about_page_in_both_languages(db, client, language, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(f"/{language}/about/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
