"""The words of a text as both backends index them, and their Snowball stems."""

import functools
import re
from pathlib import Path

import snowballstemmer

LANGUAGES = ("en", "ru")
MAX_WORD = 60

# A word: letters, or digits.
WORD = re.compile(r"[^\W\d_]+|\d+")


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


def is_stop_word(word: str, lang: str) -> bool:
    """A word PostgreSQL's configuration for the language drops."""
    return word in _STOP[_dictionary(word, lang)]


def words(text: str, lang: str) -> list[str]:
    """The indexed words of a text, in order: no stop words, no over-long tokens."""
    result = []
    for match in WORD.finditer(text.lower().replace("ё", "е")):
        word = match.group()
        if len(word) > MAX_WORD or is_stop_word(word, lang):
            continue
        result.append(word)
    return result


@functools.lru_cache(maxsize=100_000)
def stem(word: str, lang: str) -> str:
    if word.isdigit():
        return word
    return _STEMMERS[_dictionary(word, lang)].stemWord(word)


def alternatives(word: str, lang: str) -> tuple[str, ...]:
    """The stems a query word matches: its own, and the -ify/-ification partner in English."""
    stemmed = stem(word, lang)
    if _dictionary(word, lang) == "english":
        if stemmed.endswith("ifi"):
            return (stemmed, stemmed[:-1])
        if stemmed.endswith("if"):
            return (stemmed, stemmed + "i")
    return (stemmed,)
