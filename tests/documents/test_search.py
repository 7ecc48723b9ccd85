"""Full-text search: stemmed in English and Russian, the same results on SQLite and PostgreSQL.

The suite runs on both backends, so each expectation here holds on both.
"""

import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from django.db import connection
from pypdf import PdfReader

import cica
from cica.core.errors import InvalidInput
from cica.documents import queries, search
from cica.documents.models import Document
from cica.registry.models import Body

CORPUS = [
    # key, type, date, body, title_en, text_en, title_ru, text_ru
    (
        "t-convention",
        "treaty",
        "2010-06-08",
        "summit",
        "Convention on Privileges and Immunities",
        "The Parties are the Member States that have deposited an instrument of ratification.",
        "Конвенция о привилегиях и иммунитетах",
        "Сторонами являются государства-члены, сдавшие ратификационные грамоты.",
    ),
    (
        "t-ratified",
        "statement",
        "2012-09-12",
        "ministerial",
        "Statement on the agreements ratified so far",
        "Ministers welcomed the states that ratified the Agreement on the Secretariat.",
        "Заявление о ратифицированных соглашениях",
        "Министры приветствовали решение государств.",
    ),
    (
        "t-decision",
        "decision",
        "2021-06-23",
        "soc",
        "Decision on the coordinators of confidence-building measures",
        "The Committee adopted the decision on coordinating countries.",
        "Решение о координаторах мер доверия",
        "Комитет принял решения о странах-координаторах.",
    ),
    (
        "t-rules",
        "basic",
        "2014-05-21",
        "summit",
        "Rules of Procedure",
        "These rules govern the procedure of meetings. <script>alert(1)</script>",
        "",
        "",
    ),
    (
        "t-shuffled",
        "basic",
        "2016-04-28",
        "ministerial",
        "Report on procedure",
        "Rules for the exchange of military information and the privileges of experts follow"
        " a separate procedure.",
        "",
        "",
    ),
]


@pytest.fixture
def corpus(db):
    bodies = {body.key: body for body in Body.objects.all()}
    documents = [
        Document.objects.create(
            key=key,
            type=type_,
            date=dt.date.fromisoformat(date),
            body=bodies[body],
            title_en=title_en,
            text_en=text_en,
            title_ru=title_ru or None,
            text_ru=text_ru,
        )
        for key, type_, date, body, title_en, text_en, title_ru, text_ru in CORPUS
    ]
    search.index(documents)
    return documents


def keys(q, **filters) -> set[str]:
    results = queries.search_documents(q, limit=100, **filters)
    return {hit.document.key for hit in results.hits if hit.document.key.startswith("t-")}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ratified", {"t-convention", "t-ratified"}),  # "ratified" finds "ratification"
        ("ratification", {"t-convention", "t-ratified"}),
        ("решения", {"t-ratified", "t-decision"}),  # «решения» finds «решение»
        ("решение", {"t-ratified", "t-decision"}),
        ("ратифицированные", {"t-ratified"}),
        ("coordinating", {"t-decision"}),
        ("rules procedure", {"t-rules", "t-shuffled"}),
        ('"rules of procedure"', {"t-rules"}),  # a phrase: the words in that order
        ("rules -military", {"t-rules"}),
        ("Agreement Secretariat", {"t-ratified"}),
        ("nothing-like-this", set()),
    ],
)
def test_words_are_found_in_any_of_their_forms(corpus, q, expected):
    assert keys(q) == expected


def test_the_language_follows_the_script_unless_given(corpus):
    assert queries.search_documents("решения").query.lang == "ru"
    assert queries.search_documents("decision").query.lang == "en"
    # English words in the Russian index: none of the corpus' Russian texts has them.
    assert keys("decision", lang="ru") == set()


def test_filters_by_type_year_and_body(corpus):
    assert keys("ratified", type="treaty") == {"t-convention"}
    assert keys("ratified", year=2012) == {"t-ratified"}
    assert keys("rules", body="ministerial") == {"t-shuffled"}


def test_a_title_match_ranks_above_a_text_match(corpus):
    results = queries.search_documents("privileges", limit=100)
    ranked = [hit.document.key for hit in results.hits if hit.document.key.startswith("t-")]

    assert ranked == ["t-convention", "t-shuffled"]


def test_snippets_mark_the_words_found_and_escape_the_rest(corpus):
    hits = {hit.document.key: hit for hit in queries.search_documents("ratified").hits}

    assert "<mark>ratification</mark>" in hits["t-convention"].snippet
    assert "<mark>ratified</mark>" in hits["t-ratified"].title
    rules = next(
        h for h in queries.search_documents("meetings").hits if h.document.key == "t-rules"
    )
    assert "&lt;script&gt;" in rules.snippet
    assert "<script>" not in rules.snippet


def test_a_query_of_common_words_only_is_refused_naming_the_field(db):
    with pytest.raises(InvalidInput) as refused:
        search.parse("the of and")
    assert refused.value.field == "q"
    with pytest.raises(InvalidInput) as refused:
        search.parse("treaty", "fr")
    assert refused.value.field == "lang"


def test_the_search_api(corpus, client):
    body = client.get("/api/v1/search", {"q": "решения"}).json()

    assert body["lang"] == "ru"
    assert {item["document"]["id"] for item in body["items"]} >= {"t-ratified", "t-decision"}
    decision = next(item for item in body["items"] if item["document"]["id"] == "t-decision")
    assert "<mark>Решение</mark>" in decision["title"]
    assert "<mark>решения</mark>" in decision["snippet"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"q": "the"}, "q"), ({"q": "x", "lang": "de"}, "lang"), ({"q": "x", "type": "no"}, "type")],
)
def test_bad_searches_name_the_field(db, client, params, field):
    response = client.get("/api/v1/search", params)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_search_page_in_both_languages(corpus, client, language):
    response = client.get(f"/{language}/documents/search/", {"q": "решения"})

    assert response.status_code == 200
    assert response.headers["Content-Language"] == language
    assert "<mark>Решение</mark>" in response.content.decode()


def test_the_search_page_explains_a_refused_query(db, client):
    response = client.get("/en/documents/search/", {"q": "the"})

    assert response.status_code == 422
    assert "common words" in response.content.decode()


def test_search_runs_a_constant_number_of_queries(db, assert_constant_queries):
    numbers = itertools.count()

    def add_more():
        n = next(numbers)
        document = Document.objects.create(
            key=f"q-{n}", type="statement", title_en=f"Statement {n} on security", text_en="x"
        )
        search.index([document])

    assert_constant_queries("/api/v1/search?q=security", add_more)
    assert_constant_queries("/en/documents/search/?q=security", add_more)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
def test_postgresql_stems_every_word_as_the_sqlite_index_does(corpus, settings):
    """SQLite's index holds snowballstemmer's stems; PostgreSQL's its own: they must agree, over
    every word of the corpus, of the reference data and of the Russian catalogue."""
    catalogue = Path(cica.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    reference = Path(settings.CICA_REFERENCE_PATH).read_text(encoding="utf-8")
    texts = [
        (lang, "\n".join(row[4:] if lang == "en" else row[6:]))
        for row in CORPUS
        for lang in ("en", "ru")
    ]
    texts += [("en", reference), ("ru", reference), ("ru", catalogue.read_text(encoding="utf-8"))]
    compared = 0
    with connection.cursor() as cursor:
        for lang, text in texts:
            words = sorted(set(search.words(text, lang)))
            cursor.execute(
                "SELECT word, array_agg(lexeme) FROM unnest(%s::text[]) AS word,"
                " unnest(to_tsvector(%s, word)) GROUP BY word",
                [words, search.CONFIGURATIONS[lang]],
            )
            postgresql = {word: lexemes for word, lexemes in cursor.fetchall()}
            differ = {
                word: (postgresql.get(word), search.stem(word, lang))
                for word in words
                if postgresql.get(word) != [search.stem(word, lang)]
            }
            assert differ == {}
            compared += len(words)
    assert compared > 5000


def test_the_printable_view_and_the_pdf_carry_the_russian_text(db, client):
    Document.objects.filter(key="astana-statement").update(
        text_ru="Главы государств заявили о трансформации СВМДА."
    )

    printable = client.get("/ru/documents/astana-statement/print/")
    pdf = client.get("/ru/documents/astana-statement/pdf/")

    assert "Главы государств" in printable.content.decode()
    assert pdf.headers["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Астанинское заявление" in text
    assert "Главы государств заявили" in text


def test_a_very_long_text_is_indexed_up_to_its_first_words(db):
    """PostgreSQL's tsvector holds 1 MB: the worst case, every word different, still fits."""
    letters = "bcdfghjklmnpqrstvwxz"
    unique = [
        "".join(letters[(n // 20**i) % 20] for i in range(6)) + "o"
        for n in range(search.MAX_WORDS + 1)
    ]
    document = Document.objects.create(
        key="long-text", type="report", title_en="A long report", text_en=" ".join(unique)
    )

    search.index([document])

    assert keys_of(unique[0]) == {"long-text"}
    assert keys_of(unique[search.MAX_WORDS]) == set()


def keys_of(word: str) -> set[str]:
    return {hit.document.key for hit in queries.search_documents(word).hits}


def test_beyond_the_ranked_matches_a_search_says_more(corpus, monkeypatch, client):
    monkeypatch.setattr("cica.documents.search.ranking.RANK_LIMIT", 1)

    body = client.get("/api/v1/search", {"q": "ratified"}).json()

    assert (body["count"], body["more"]) == (1, True)
    assert [item["document"]["id"] for item in body["items"]] == ["t-ratified"]  # the newest


def test_a_deleted_document_leaves_the_index(corpus):
    Document.objects.filter(key="t-convention").delete()

    assert keys("ratification") == {"t-ratified"}


def test_a_changed_type_changes_what_the_filter_finds(corpus, secretariat_officer):
    from cica.documents import actions

    document = Document.objects.get(key="t-ratified")
    actions.update_document(acting_user=secretariat_officer, document=document, type="treaty")

    assert keys("ratified", type="treaty") == {"t-convention", "t-ratified"}
    assert keys("ratified", type="statement") == set()


def test_the_filters_words_are_not_found_by_a_query(corpus):
    assert keys("typetreaty") == set()
    assert keys("year2010") == set()
