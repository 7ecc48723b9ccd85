"""The index: its tables on each backend, and (re)indexing documents."""

from django.db import connection

from cica.documents.models import Document, DocumentFile
from cica.documents.search.words import LANGUAGES, stem, words

CONFIGURATIONS = {"en": "english", "ru": "russian"}
# A tsvector holds at most 1 MB: the first words of a long text are indexed, on both backends.
MAX_WORDS = 50_000


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
