"""A query: the phrases a match must hold and those it must not."""

import re
from dataclasses import dataclass, field
from itertools import product

from django.utils.translation import gettext as _

from cica.core.errors import InvalidInput
from cica.documents.search.words import LANGUAGES, alternatives, words

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


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
        positions = tuple(alternatives(word, lang) for word in words(chunk, lang))
        if positions:
            (query.excluded if negated else query.required).append(Phrase(positions))
    if not query.required:
        raise InvalidInput(
            _("The query has no words to search for: common words such as “the” are not indexed."),
            field="q",
        )
    return query
