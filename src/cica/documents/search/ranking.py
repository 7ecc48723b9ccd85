"""The ranked matches of a query: one statement on the index alone."""

from dataclasses import dataclass

from django.db import connection

from cica.documents.search.indexing import table
from cica.documents.search.query import Phrase, Query

# Ranking costs grow with the matches: only the newest RANK_LIMIT are ranked, and counted.
RANK_LIMIT = 1000
TITLE_WEIGHT = 4.0  # a word in the title counts this many times a word in the text


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
