"""Files attached to records (a document's official texts, an activity's reports): what is
accepted, how it is stored, and the text extracted for search.

A file is checked by its content, not only its name, before anything is stored; the checks cost
little whatever the file (a DOCX's zip directory is read, nothing is inflated). The text of a
TXT is read at once; that of a PDF or DOCX later, by a worker, within limits (extract_text and
core.extraction). A file is stored with its row, in the caller's transaction: a failure after the
file is written removes it (stored_with).
"""

import hashlib
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from cica.core import extraction
from cica.core.errors import FileAlreadyAttached, InvalidInput, unique

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain; charset=utf-8",
}
# What an operation serving an attachment answers, for its OpenAPI document.
RESPONSE_CONTENT: dict[str, dict] = {content_type: {} for content_type in CONTENT_TYPES.values()}
MAX_TEXT = extraction.MAX_TEXT
# A part that inflates to less than this is cheap to read, whatever its ratio.
RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True)
class Inspected:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str
    text: str | None  # None: to be extracted by the worker


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
    """Check a file's type, size and structure, cheaply; InvalidInput(field="file") if bad."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise InvalidInput(_("Attach a PDF, DOCX or TXT file."), field="file")
    check_size(len(content))
    if not content:
        raise InvalidInput(_("The file is empty."), field="file")
    text = _CHECKS[extension](content)
    return Inspected(
        name=name,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        text=None if text is None else text[:MAX_TEXT],
    )


class StoredFile(Protocol):
    """A row that stores an attached file in its FileField `file` (a document's official text,
    an activity's report)."""

    @property
    def file(self) -> FieldFile: ...
    @property
    def name(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    def save(self) -> None: ...


@contextmanager
def stored_with(row: StoredFile) -> Iterator[None]:
    """Remove the file `row` stores if the block fails: the rollback of the transaction inside
    it takes back the row, not the file."""
    try:
        yield
    except BaseException:
        if row.file.name:
            row.file.storage.delete(row.file.name)
        raise


def store(row: StoredFile, inspected: Inspected, content: bytes, *, attached: QuerySet) -> None:
    """Write the file and save `row` (its FileField `file`), in the caller's transaction and under
    its lock on the record: a file whose sha256 is in `attached` already (the record's files) is a
    Conflict naming the field `file`, and so is one attached at the same moment (the unique
    constraint on the record and the sha256)."""
    if attached.filter(sha256=inspected.sha256).exists():
        raise FileAlreadyAttached(field="file")
    row.file.save(inspected.name, ContentFile(content), save=False)
    with unique(FileAlreadyAttached(field="file")):
        row.save()


def file_response(row: StoredFile) -> FileResponse:
    """An attached file as uploaded, shown in the browser when it can be."""
    response = FileResponse(row.file.open("rb"), content_type=row.content_type)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(row.name)}"
    return response


def extract_text(extension: str, content: bytes) -> str:
    """The text of a checked PDF or DOCX, read within the limits of the settings (for the
    worker: it may take a minute); extraction.ExtractionFailed with a code if it cannot be."""
    return extraction.run(
        extension,
        content,
        max_pages=settings.CICA_EXTRACT_MAX_PAGES,
        memory_bytes=settings.CICA_EXTRACT_MEMORY_BYTES,
        seconds=settings.CICA_EXTRACT_SECONDS,
    )


def _check_pdf(content: bytes) -> None:
    # A PDF begins with its header and ends with %%EOF (pypdf allows bytes after it). Whether
    # pypdf can read it, and how many pages it has, the extraction tells.
    if not content.startswith(b"%PDF-") or content.rfind(b"%%EOF") < 0:
        raise InvalidInput(_("The file is not a PDF document."), field="file")


def _check_docx(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise InvalidInput(_("The file is not a Word (DOCX) document."), field="file") from error
    if "word/document.xml" not in {part.filename for part in parts}:
        raise InvalidInput(_("The file is not a Word (DOCX) document."), field="file")
    # Python's zipfile never inflates a part beyond its declared size (it checks the CRC), and
    # python-docx reads through it: the declared sizes bound the cost.
    if len(parts) > settings.CICA_UPLOAD_MAX_PARTS:
        raise InvalidInput(
            _("The DOCX file holds %(count)s parts; the limit is %(limit)s.")
            % {"count": len(parts), "limit": settings.CICA_UPLOAD_MAX_PARTS},
            field="file",
        )
    inflated = sum(part.file_size for part in parts)
    if inflated > settings.CICA_UPLOAD_MAX_INFLATED_BYTES:
        raise InvalidInput(
            _("The DOCX file inflates to %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": _megabytes(inflated),
                "limit": _megabytes(settings.CICA_UPLOAD_MAX_INFLATED_BYTES),
            },
            field="file",
        )
    for part in parts:
        ratio, limit = part.file_size // max(part.compress_size, 1), settings.CICA_UPLOAD_MAX_RATIO
        if part.file_size > RATIO_FLOOR and ratio > limit:
            raise InvalidInput(
                _(
                    "A part of the DOCX file (%(part)s) inflates %(ratio)s times; "
                    "the limit is %(limit)s."
                )
                % {"part": part.filename, "ratio": ratio, "limit": limit},
                field="file",
            )


def _txt_text(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(_("A text file must be UTF-8 encoded."), field="file") from error
    if "\x00" in text:
        raise InvalidInput(_("The file is not a text file."), field="file")
    return text


_CHECKS = {".pdf": _check_pdf, ".docx": _check_docx, ".txt": _txt_text}
