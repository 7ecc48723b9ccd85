"""Russian is a working language of CICA (seed-004): every public page in Russian speaks Russian.

The test walks the portal from /ru/ by its own links, as a reader would, and fails on any word in
Latin script outside codes, source ids, addresses and symbols: an institutional name, a note, a
title or a label left in English.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# What may stay in Latin script on a Russian page: ISO codes and abbreviations in capitals (KZ,
# CICA/SOC/DEC/2026/1), source ids (seed-004, s-cica-pr-333), addresses, file formats, and
# the other language's name in the language switch.
ALLOWED = re.compile(
    r"^(?:[A-Z0-9]{2,}|[a-z0-9]+(?:-[a-z0-9]+)+|https?://\S+|[\w.-]+@[\w.-]+|"
    r"CICA/\S+|[A-Z][A-Z0-9/.-]+|English|SHA-256|UTC|iCalendar|TOTP)$"
)
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9./:@_-]*")
SKIP_PATHS = re.compile(r"(\.(csv|ics|pdf|json|txt|svg|png|docx)$)|/accounts/|/admin/|/api/")
MAX_PAGES = 600


class _Page(HTMLParser):
    """The visible text of a page and its links; script, style and code are left out."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "code"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "aria-label", "alt", "placeholder"):
            if attrs.get(name):
                self.text.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _latin_words(text: str) -> list[str]:
    words = (word.strip(".,:;()[]«»\"'") for word in LATIN.findall(text))
    return [word for word in words if word and not ALLOWED.match(word)]


def test_every_public_page_in_russian_is_in_russian(db, client):
    # given
    queue, seen, found = ["/ru/"], set(), {}

    # when
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        words = _latin_words(" ".join(page.text))
        if words:
            found[path] = sorted(set(words))
        for href in page.links:
            url = urlsplit(urljoin(path, href))
            if url.netloc or not url.path.startswith("/ru/") or SKIP_PATHS.search(url.path):
                continue
            queue.append(url.path)

    # then
    assert len(seen) > 100, "the walk should reach the whole portal"
    assert found == {}
