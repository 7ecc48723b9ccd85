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

from cica.documents.search.indexing import (
    CONFIGURATIONS,
    MAX_WORDS,
    create_tables,
    document_texts,
    drop_tables,
    facets,
    index,
    rebuild,
    table,
)
from cica.documents.search.query import Phrase, Query, parse
from cica.documents.search.ranking import RANK_LIMIT, TITLE_WEIGHT, Filters, ranked_ids

# bench/search.py times the backends' match expressions on their own.
from cica.documents.search.ranking import _fts5_match as _fts5_match
from cica.documents.search.ranking import _tsquery as _tsquery
from cica.documents.search.snippets import SNIPPET_SCAN_CHARS, SNIPPET_WORDS, highlight, snippet
from cica.documents.search.words import LANGUAGES, MAX_WORD, alternatives, is_stop_word, stem, words

__all__ = [
    "CONFIGURATIONS",
    "LANGUAGES",
    "MAX_WORD",
    "MAX_WORDS",
    "RANK_LIMIT",
    "SNIPPET_SCAN_CHARS",
    "SNIPPET_WORDS",
    "TITLE_WEIGHT",
    "Filters",
    "Phrase",
    "Query",
    "alternatives",
    "create_tables",
    "document_texts",
    "drop_tables",
    "facets",
    "highlight",
    "index",
    "is_stop_word",
    "parse",
    "ranked_ids",
    "rebuild",
    "snippet",
    "stem",
    "table",
    "words",
]
