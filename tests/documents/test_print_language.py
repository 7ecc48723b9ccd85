"""A document printed or set as PDF from a /ru/ page is in Russian, from an /en/ page in English
(CICA's working languages, cica.yaml `languages`: seed-004, crntt-rop): labels, month names, the
body's name on the document's date (the Ministerial Council's since the Astana Statement,
2022-10-13, seed-001), the title, and the text in that language, which points to the other."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from cica.documents.models import Document
from cica.registry.models import Body
from tests.russian import latin_words

TEXT_EN = "The Ministers of Foreign Affairs welcome the progress of confidence-building measures."
TEXT_RU = "Министры иностранных дел приветствуют ход осуществления мер доверия."


@pytest.fixture
def document(db):
    """A statement of the Council of Ministers of Foreign Affairs, in both languages; the
    place's Russian form comes from the data's (cica.ru.yaml)."""
    return Document.objects.create(
        key="mc-statement-2023",
        type=Document.Type.STATEMENT,
        title_en="Statement of the Council of Ministers of Foreign Affairs",
        title_ru="Заявление Совета министров иностранных дел",
        date=dt.date(2023, 5, 16),
        place="Astana",
        body=Body.objects.get(key="ministerial"),
        text_en=TEXT_EN,
        text_ru=TEXT_RU,
    )


def _pdf_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # The text as laid out, lines joined: words break across lines in justified text.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _without_urls(text: str, *urls: str) -> str:
    """`text` less `urls`, which the PDF may break across lines."""
    for url in urls:
        text = re.sub(r"\s*".join(map(re.escape, url)), " ", text)
    return text


def test_the_russian_pdf_is_in_russian(client, document):
    text = _pdf_text(client, "/ru/documents/mc-statement-2023/pdf/")

    assert "Заявление Совета министров иностранных дел" in text
    assert "16 мая 2023 г., Астана" in text
    assert "Орган Совет министров иностранных дел" in text
    assert TEXT_RU in text
    assert TEXT_EN not in text
    english = "http://testserver/en/documents/mc-statement-2023/pdf/"
    here = "http://testserver/ru/documents/mc-statement-2023/pdf/"
    assert "Текст на английском языке:" in text
    assert latin_words(_without_urls(text, english, here)) == []
    assert len(_without_urls(text, english, here)) < len(_without_urls(text, here))


def test_the_english_pdf_is_in_english(client, document):
    text = _pdf_text(client, "/en/documents/mc-statement-2023/pdf/")

    assert "Statement of the Council of Ministers of Foreign Affairs" in text
    assert "Council of Ministers of Foreign Affairs (Ministerial Council, MC)" in text
    assert TEXT_EN in text
    assert TEXT_RU not in text
    assert "Russian text:" in text
    assert "/ru/documents/mc-statement-2023/pdf/" in re.sub(r"\s+", "", text)


def test_the_printable_view_names_the_body_as_it_was_on_the_documents_date(client, document):
    """Before the Astana Statement the Council was the Meeting of Ministers of Foreign Affairs."""
    Document.objects.filter(pk=document.pk).update(date=dt.date(2021, 10, 12))

    page = client.get("/ru/documents/mc-statement-2023/print/").content.decode()

    assert "<dd>Совещание министров иностранных дел</dd>" in page


def test_a_text_missing_in_the_pages_language_points_to_the_other(client, document):
    Document.objects.filter(pk=document.pk).update(text_ru="")

    page = client.get("/ru/documents/mc-statement-2023/print/").content.decode()

    assert TEXT_EN not in page
    assert "Текст этого документа в реестре пока отсутствует." not in page
    assert 'href="http://testserver/en/documents/mc-statement-2023/print/"' in page


def test_every_document_of_the_data_prints_in_russian(client, db):
    """The 50 documents of the reference data, with the Russian forms of their titles, places
    and notes (cica.ru.yaml) and their bodies' names of the day."""
    bad = {}
    for key in Document.objects.values_list("key", flat=True):
        text = _pdf_text(client, f"/ru/documents/{key}/pdf/")
        # The addresses printed (the page's own, the other language's), broken across lines.
        text = re.sub(r"http://testserver\S*(\s+\S*/)?", " ", text)
        if latin_words(text):
            bad[key] = latin_words(text)

    assert bad == {}
