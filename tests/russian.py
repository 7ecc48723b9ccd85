"""What a Russian text may hold in Latin script: codes, source ids, URLs and symbols only."""

import re

# ISO codes and abbreviations in capitals (KZ, UTC), source ids (seed-004), the SHA-256 of a
# text, decision and document symbols (CICA/SOC/2026/1), Roman numerals.
ALLOWED = re.compile(
    r"^(?:[A-Z]{2,3}|SHA-256|[a-z0-9]+(?:-[a-z0-9]+)+|CICA/\S+|[IVX]+)$"
)  # fmt: skip
URL_OR_HASH = re.compile(r"https?://\S+|\b[0-9a-f]{64}\b")


def latin_words(text: str) -> list[str]:
    """The words in Latin script of `text` that are none of the allowed kinds."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9./:_-]*", URL_OR_HASH.sub(" ", text))
    return [word for word in words if not ALLOWED.match(word.strip("./:-_"))]
