"""Official texts attached to documents: what is accepted, and the text extracted for search.

A file is checked by its content, not only its name, before anything is stored.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from pypdf import PdfReader

from cica.core.errors import InvalidInput

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
}
# A DOCX is a zip archive: refuse archives that would inflate beyond this (zip bombs).
MAX_INFLATED = 200 * 1024 * 1024
MAX_TEXT = 5_000_000


@dataclass(frozen=True)
class Inspected:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str
    text: str


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def check_size(size: int) -> None:
    limit = settings.CICA_UPLOAD_MAX_BYTES
    if size > limit:
        raise InvalidInput(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            field="file",
        )


def inspect(name: str, content: bytes) -> Inspected:
    """Check a file's type and size and extract its text; InvalidInput(field="file") if bad."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise InvalidInput(_("Attach a PDF, DOCX or TXT file."), field="file")
    check_size(len(content))
    if not content:
        raise InvalidInput(_("The file is empty."), field="file")
    text = _EXTRACTORS[extension](content)
    return Inspected(
        name=name,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        text=text[:MAX_TEXT],
    )


def _pdf_text(content: bytes) -> str:
    if not content.startswith(b"%PDF-"):
        raise InvalidInput(_("The file is not a PDF document."), field="file")
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise InvalidInput(_("The PDF is encrypted; attach it unprotected."), field="file")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except InvalidInput:
        raise
    except Exception as error:  # a damaged file can fail anywhere in the parser
        raise InvalidInput(
            _("The PDF cannot be read (%(reason)s).") % {"reason": error}, field="file"
        ) from error


def _docx_text(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if "word/document.xml" not in {entry.filename for entry in entries}:
                raise InvalidInput(_("The file is not a Word (DOCX) document."), field="file")
            if sum(entry.file_size for entry in entries) > MAX_INFLATED:
                raise InvalidInput(_("The DOCX file inflates beyond the limit."), field="file")
        document = DocxDocument(io.BytesIO(content))
    except InvalidInput:
        raise
    except Exception as error:  # a damaged file can fail anywhere in the parser
        raise InvalidInput(_("The file is not a Word (DOCX) document."), field="file") from error
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


def _txt_text(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(_("A text file must be UTF-8 encoded."), field="file") from error
    if "\x00" in text:
        raise InvalidInput(_("The file is not a text file."), field="file")
    return text


_EXTRACTORS = {".pdf": _pdf_text, ".docx": _docx_text, ".txt": _txt_text}
