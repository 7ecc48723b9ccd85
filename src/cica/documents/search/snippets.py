"""The words sought, marked in a title or a text, and a snippet around the densest hits."""

import html

from cica.documents.search.query import Query
from cica.documents.search.words import WORD, is_stop_word, stem

SNIPPET_WORDS = 30
SNIPPET_SCAN_CHARS = 200_000


def _hits(text: str, query: Query) -> list[tuple[int, int, bool]]:
    """(start, end, is_hit) of every word of the text, a hit when its stem is sought."""
    stems = query.stems
    prefixes = tuple({s[:3] for s in stems})
    spans = []
    lowered = text.lower().replace("ё", "е")
    for match in WORD.finditer(lowered):
        word = match.group()
        hit = (
            word.startswith(prefixes)
            and not is_stop_word(word, query.lang)
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
