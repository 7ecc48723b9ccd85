"""Full-text search of the documents in English and Russian: the same results on both backends.

Words are split here, once, for both backends: lower-cased, "ё" read as "е", and the stop words
of PostgreSQL's snowball dictionaries removed. PostgreSQL then indexes those words with its
`english` or `russian` configuration (a GIN index over tsvectors); SQLite indexes their Snowball
stems (`snowballstemmer`, the stemmers PostgreSQL compiles in) in an FTS5 table. Both see the same
words in the same positions, so matches and phrases agree; a test compares the stems on
PostgreSQL. Queries are stemmed here for both.

Porter2 stems "ratified" to "ratifi" but "ratification" to "ratif": an English stem ending in
"ifi" or "if" also matches the other, so one finds the other.

Ranking costs grow with the number of matches, so only the newest RANK_LIMIT matches are ranked
(bm25 on SQLite, ts_rank on PostgreSQL), and counted: beyond them a search says "more". The
filters (type, year, body) are words of the index too ("typetreaty", "year2015", "body3"), so a
search never reads the documents table until it loads the page of hits.
"""

import functools
import html
import re
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import snowballstemmer
from django.db import connection
from django.utils.translation import gettext as _

from cica.core.errors import InvalidInput
from cica.documents.models import Document, DocumentFile

LANGUAGES = ("en", "ru")
CONFIGURATIONS = {"en": "english", "ru": "russian"}
RANK_LIMIT = 1000
MAX_WORD = 60
# A tsvector holds at most 1 MB: the first words of a long text are indexed, on both backends.
MAX_WORDS = 50_000
TITLE_WEIGHT = 4.0  # a word in the title counts this many times a word in the text
SNIPPET_WORDS = 30
SNIPPET_SCAN_CHARS = 200_000

_WORD = re.compile(r"[^\W\d_]+|\d+")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def _stop_words(name: str) -> frozenset[str]:
    path = Path(__file__).parent / "stopwords" / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_STOP = {"english": _stop_words("english"), "russian": _stop_words("russian")}
_STEMMERS = {name: snowballstemmer.stemmer(name) for name in _STOP}


def _dictionary(word: str, lang: str) -> str:
    """The snowball dictionary PostgreSQL's configuration uses for the word.

    The `russian` configuration stems ASCII words with the English stemmer.
    """
    if lang == "ru" and not word.isascii():
        return "russian"
    return "english"


def words(text: str, lang: str) -> list[str]:
    """The indexed words of a text, in order: no stop words, no over-long tokens."""
    result = []
    for match in _WORD.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        if len(word) > MAX_WORD or word in _STOP[_dictionary(word, lang)]:
            continue
        result.append(word)
    return result


@functools.lru_cache(maxsize=100_000)
def stem(word: str, lang: str) -> str:
    if word.isdigit():
        return word
    return _STEMMERS[_dictionary(word, lang)].stemWord(word)


def _alternatives(word: str, lang: str) -> tuple[str, ...]:
    """The stems a query word matches: its own, and the -ify/-ification partner in English."""
    stemmed = stem(word, lang)
    if _dictionary(word, lang) == "english":
        if stemmed.endswith("ifi"):
            return (stemmed, stemmed[:-1])
        if stemmed.endswith("if"):
            return (stemmed, stemmed + "i")
    return (stemmed,)


# ---- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other (one word is a phrase of one); stems per position."""

    positions: tuple[tuple[str, ...], ...]

    def variants(self) -> list[tuple[str, ...]]:
        return list(product(*self.positions))[:16]


@dataclass
class Query:
    lang: str
    required: list[Phrase] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)

    @property
    def stems(self) -> frozenset[str]:
        """Every stem that counts as a hit, for highlighting."""
        return frozenset(s for phrase in self.required for pos in phrase.positions for s in pos)


def parse(text: str, lang: str | None = None) -> Query:
    """Words must all occur; "quoted words" in that order; -word must not occur."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Type the words to search for."), field="q")
    if lang is None:
        lang = "ru" if _CYRILLIC.search(text) else "en"
    if lang not in LANGUAGES:
        raise InvalidInput(_("The language must be en or ru."), field="lang")
    query = Query(lang=lang)
    for match in _QUERY_PART.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        chunk = match.group(2) if match.group(2) is not None else match.group(4)
        positions = tuple(_alternatives(word, lang) for word in words(chunk, lang))
        if positions:
            (query.excluded if negated else query.required).append(Phrase(positions))
    if not query.required:
        raise InvalidInput(
            _("The query has no words to search for: common words such as “the” are not indexed."),
            field="q",
        )
    return query


def _fts5_match(query: Query) -> str:
    def phrase(p: Phrase) -> str:
        return " OR ".join(f'"{" ".join(variant)}"' for variant in p.variants())

    expression = " AND ".join(f"({phrase(p)})" for p in query.required)
    for p in query.excluded:
        expression += f" NOT ({phrase(p)})"
    return expression


def _tsquery(query: Query) -> str:
    def quoted(stem_: str) -> str:
        # :AB, the title and the text: the filters' words (weight D) are not sought.
        return "'" + stem_.replace("'", "''") + "':AB"

    def phrase(p: Phrase) -> str:
        return " | ".join(
            "(" + " <-> ".join(quoted(s) for s in variant) + ")" for variant in p.variants()
        )

    parts = [f"({phrase(p)})" for p in query.required]
    parts += [f"!({phrase(p)})" for p in query.excluded]
    return " & ".join(parts)


# ---- the index -------------------------------------------------------------------------------


def table(lang: str) -> str:
    return f"documents_search_{lang}"


def create_tables(schema_editor) -> None:
    """One index per language: an FTS5 table on SQLite, tsvectors with a GIN index on PostgreSQL.

    A trigger removes a deleted document's rows; `rebuild` makes the index whole again.
    """
    postgresql = schema_editor.connection.vendor == "postgresql"
    for lang in LANGUAGES:
        if postgresql:
            schema_editor.execute(
                f"CREATE TABLE {table(lang)} (document_id integer PRIMARY KEY,"
                " vector tsvector NOT NULL)"
            )
            schema_editor.execute(
                f"CREATE INDEX {table(lang)}_vector ON {table(lang)} USING gin (vector)"
            )
        else:
            # The stems are plain words: unicode61 only splits them at the spaces.
            schema_editor.execute(
                f"CREATE VIRTUAL TABLE {table(lang)} USING fts5("
                "title, body, facets, tokenize = 'unicode61 remove_diacritics 0')"
            )
    deletes = " ".join(
        f"DELETE FROM {table(lang)} WHERE {'document_id' if postgresql else 'rowid'} = OLD.id;"
        for lang in LANGUAGES
    )
    if postgresql:
        schema_editor.execute(
            "CREATE FUNCTION documents_search_forget() RETURNS trigger LANGUAGE plpgsql AS"
            f" $$ BEGIN {deletes} RETURN OLD; END $$"
        )
        schema_editor.execute(
            "CREATE TRIGGER documents_search_forget AFTER DELETE ON documents_document"
            " FOR EACH ROW EXECUTE FUNCTION documents_search_forget()"
        )
    else:
        schema_editor.execute(
            "CREATE TRIGGER documents_search_forget AFTER DELETE ON documents_document"
            f" BEGIN {deletes} END"
        )


def drop_tables(schema_editor) -> None:
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS documents_search_forget"
        + (" ON documents_document" if schema_editor.connection.vendor == "postgresql" else "")
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS documents_search_forget()")
    for lang in LANGUAGES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table(lang)}")


def facets(document) -> list[str]:
    """The filters as words of the index: letters and digits only, so no tokenizer splits them."""
    words_ = [f"type{document.type.replace('_', '')}"]
    if document.date:
        words_.append(f"year{document.date.year}")
    if document.body_id:
        words_.append(f"body{document.body_id}")
    return words_


def document_texts(document, lang: str, file_texts: list[tuple[str, str]]) -> tuple[str, list]:
    """The title and the texts indexed for a language: the text field and the files' texts."""
    title = getattr(document, f"title_{lang}") or ""
    texts = [getattr(document, f"text_{lang}") or ""]
    texts += [text for language, text in file_texts if language == lang]
    return title, [t for t in texts if t]


def index(documents) -> None:
    """(Re)index documents in both languages; call inside the action's transaction."""
    documents = list(documents)
    if not documents:
        return
    ids = [d.pk for d in documents]
    file_texts: dict[int, list[tuple[str, str]]] = {}
    for document_id, language, text in DocumentFile.objects.filter(document_id__in=ids).values_list(
        "document_id", "language", "text"
    ):
        file_texts.setdefault(document_id, []).append((language, text))
    with connection.cursor() as cursor:
        for lang in LANGUAGES:
            rows = []
            for document in documents:
                title, texts = document_texts(document, lang, file_texts.get(document.pk, []))
                title_words = words(title, lang)
                body_words = [w for text in texts for w in words(text, lang)][:MAX_WORDS]
                if title_words or body_words:
                    rows.append((document.pk, title_words, body_words, facets(document)))
            placeholders = ", ".join(["%s"] * len(ids))
            rowid = "document_id" if connection.vendor == "postgresql" else "rowid"
            cursor.execute(f"DELETE FROM {table(lang)} WHERE {rowid} IN ({placeholders})", ids)
            if not rows:
                continue
            if connection.vendor == "postgresql":
                config = CONFIGURATIONS[lang]
                cursor.executemany(
                    f"INSERT INTO {table(lang)} (document_id, vector) VALUES (%s,"
                    f" setweight(to_tsvector('{config}', %s), 'A')"
                    f" || setweight(to_tsvector('{config}', %s), 'B')"
                    " || setweight(to_tsvector('simple', %s), 'D'))",
                    [(pk, " ".join(t), " ".join(b), " ".join(f)) for pk, t, b, f in rows],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {table(lang)} (rowid, title, body, facets)"
                    " VALUES (%s, %s, %s, %s)",
                    [
                        (
                            pk,
                            " ".join(stem(w, lang) for w in t),
                            " ".join(stem(w, lang) for w in b),
                            " ".join(f),
                        )
                        for pk, t, b, f in rows
                    ],
                )


def rebuild() -> None:
    """Empty the index and index every document again (after a load of the reference data)."""
    with connection.cursor() as cursor:
        for lang in LANGUAGES:
            cursor.execute(f"DELETE FROM {table(lang)}")
    documents = Document.objects.all()
    for start in range(0, documents.count(), 1000):
        index(documents.order_by("pk")[start : start + 1000])


# ---- searching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    year: int | None = None
    body_id: int | None = None

    def words(self) -> list[str]:
        """The facet words a match must also hold (see `facets`)."""
        words_ = [f"type{self.type.replace('_', '')}"] if self.type else []
        words_ += [f"year{self.year}"] if self.year is not None else []
        words_ += [f"body{self.body_id}"] if self.body_id is not None else []
        return words_


def ranked_ids(query: Query, filters: Filters) -> tuple[list[int], bool]:
    """The ids of the newest RANK_LIMIT matches, best first, and whether there are more.

    One statement on the index alone: matching, filtering, the newest first, ranking.
    """
    name = table(query.lang)
    facet_words = filters.words()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tsquery = " & ".join([f"({_tsquery(query)})", *(f"'{w}'" for w in facet_words)])
            cursor.execute(
                f"SELECT document_id, ts_rank(vector, %s::tsquery) FROM {name}"
                f" WHERE vector @@ %s::tsquery ORDER BY document_id DESC LIMIT {RANK_LIMIT + 1}",
                [tsquery, tsquery],
            )
            rows = [(pk, -score) for pk, score in cursor.fetchall()]
        else:
            match = " AND ".join(
                [
                    f"{{title body}} : ({_fts5_match(query)})",
                    *(f'facets : "{w}"' for w in facet_words),
                ]
            )
            cursor.execute(
                f"SELECT rowid, bm25({name}, {TITLE_WEIGHT}, 1.0, 0.0) FROM {name}"
                f" WHERE {name} MATCH %s ORDER BY rowid DESC LIMIT {RANK_LIMIT + 1}",
                [match],
            )
            rows = cursor.fetchall()
    more = len(rows) > RANK_LIMIT
    rows = rows[:RANK_LIMIT]
    # Best score first; among equals, the newest.
    rows.sort(key=lambda row: (row[1], -row[0]))
    return [pk for pk, _score in rows], more


# ---- snippets --------------------------------------------------------------------------------


def _hits(text: str, query: Query) -> list[tuple[int, int, bool]]:
    """(start, end, is_hit) of every word of the text, a hit when its stem is sought."""
    stems = query.stems
    prefixes = tuple({s[:3] for s in stems})
    spans = []
    lowered = text.lower().replace("ё", "е")
    for match in _WORD.finditer(lowered):
        word = match.group()
        hit = (
            word.startswith(prefixes)
            and word not in _STOP[_dictionary(word, query.lang)]
            and stem(word, query.lang) in stems
        )
        spans.append((match.start(), match.end(), hit))
    return spans


def _marked(text: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> str:
    out, at = [], start
    for word_start, word_end, hit in spans:
        if not hit or word_start < start or word_end > end:
            continue
        out.append(html.escape(text[at:word_start]))
        out.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
        at = word_end
    out.append(html.escape(text[at:end]))
    return "".join(out)


def highlight(text: str, query: Query) -> str:
    """The whole text, HTML-escaped, with the words sought in <mark>."""
    return _marked(text, _hits(text, query), 0, len(text))


def snippet(texts: list[str], query: Query) -> str:
    """About SNIPPET_WORDS words around the densest hits of the first text that has any."""
    for text in texts:
        text = text[:SNIPPET_SCAN_CHARS]
        spans = _hits(text, query)
        hits = [i for i, span in enumerate(spans) if span[2]]
        if not hits:
            continue
        # The window of words holding the most hits (a sliding window over the hits).
        best, most, end_index = hits[0], 0, 0
        for index_, word_index in enumerate(hits):
            while end_index < len(hits) and hits[end_index] < word_index + SNIPPET_WORDS:
                end_index += 1
            if end_index - index_ > most:
                best, most = word_index, end_index - index_
        first = max(0, best - 5)
        last = min(len(spans), first + SNIPPET_WORDS) - 1
        start, end = spans[first][0], spans[last][1]
        body = _marked(text, spans, start, end)
        return ("… " if start > 0 else "") + body + (" …" if end < len(text.rstrip()) else "")
    if texts and texts[0]:
        lead = texts[0][:300]
        return html.escape(lead) + (" …" if len(texts[0]) > 300 else "")
    return ""
